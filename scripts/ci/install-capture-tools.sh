#!/usr/bin/env bash
# Installs the Debian packages that real-firmware captures, graph drawings and their tests need (cross compilers,
# QEMU, gdb-multiarch, Graphviz), only those that are missing; apt-get update runs at most once. Needs root
# (or sudo). Measured on the 2-core CI machine: about 1 minute with nothing installed (arm 47 s,
# riscv 15 s), nothing to do afterwards.
set -euo pipefail
packages=(
  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm   # the 32-bit board, MPS2_AN385
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc   # the 64-bit board, VIRT_RV64
  gdb-multiarch make patch xz-utils
  graphviz   # heapreel graph: SVG and PNG through Graphviz's dot (and the tests of it)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-capture-tools: installing ${missing[*]}" >&2
started=$SECONDS
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-capture-tools: done in $((SECONDS - started)) s" >&2
