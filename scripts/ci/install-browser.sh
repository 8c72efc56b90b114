#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver (Debian packages chromium and chromium-driver) for the
# report's browser test (ReportBrowserTest), only when they are missing. Idempotent; needs root (CI
# runs as root) or sudo. Without them that test skips with the reason printed.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-browser: chromium/chromedriver missing and not root; the browser test will skip" >&2
    exit 0
  fi
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
command -v chromium && command -v chromedriver
