#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver (Debian packages chromium and chromium-driver) and
# Firefox (firefox-esr, driven over its own WebDriver BiDi: Debian has no geckodriver) for the
# report's browser tests (ReportBrowserTest, ReportFirefoxTest), only when they are missing.
# Idempotent; needs root (CI runs as root) or sudo. Without them those tests skip with the reason printed.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-browser: ${missing[*]} missing and not root; the browser tests will skip" >&2
    exit 0
  fi
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v chromium && command -v chromedriver && command -v firefox-esr
