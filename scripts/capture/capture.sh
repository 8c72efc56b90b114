#!/usr/bin/env bash
# heapreel capture: builds MicroPython with heapreel's hook (micropython-1.28-heapreel.patch beside
# this file) for an emulated board, runs a Python program on it in QEMU under gdb with
# scripts/capture.gdb, stops once the program has run, and leaves a capture folder that every
# heapreel command reads. Builds are cached by source, patch, board and options.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
patch_file="$here/micropython-1.28-heapreel.patch"

usage() {
  cat <<EOF
Usage: heapreel capture --board BOARD --script APP.py --out DIR --src DIR|TARBALL
                        [--heap-kib N] [--split-heap] [--define NAME[=VALUE]]...
                        [--plain-gdb]
                        [--at-end GDBFILE] [--profile] [--no-progress]

Runs APP.py on MicroPython v1.28 on an emulated board and captures every heap change:
DIR gets ram.bin, mylog.txt, firmware.elf, firmware.map, firmware.bin, uart.log (what the
program printed) and script.py (the program).

  --board       MPS2_AN385 (Cortex-M3), MPS2_AN500 (Cortex-M7, double floats), MPS3_AN547
                (Cortex-M55, double floats), SABRELITE (Cortex-A9), VIRT_RV32 (RISC-V, 32-bit)
                or VIRT_RV64 (RISC-V, 64-bit)
  --script      the program; it runs as __main__, compiled on the target from its source
  --out         the capture folder (its earlier capture files are replaced)
  --src         MicroPython v1.28 source: a checkout of tag v1.28.0, or a .tar.xz of it (the
                release tarball); default \$HEAPREEL_MICROPYTHON_SRC. The project does not
                ship it.
  --heap-kib    the heap size in KiB (default 64); a smaller heap makes smaller, faster captures
  --split-heap  build with MICROPY_GC_SPLIT_HEAP: the heap is two areas; with
                --define MICROPY_GC_SPLIT_HEAP_AUTO=1 one area of an eighth of the heap that
                grows from the rest (its first eighth; --define HEAPREEL_SYS_HEAP_BELOW=1: its
                last, so that the added areas lie below it)
  --define      a C macro for the firmware build, e.g. MICROPY_ENABLE_FINALISER=0 or
                MICROPY_BYTES_PER_GC_BLOCK=32, to capture a configuration other than the port's
                (repeat it for more; each combination is built once and cached)
  --plain-gdb   run scripts/capture.gdb's own breakpoint commands, as on a real board (slower:
                each dump is read through gdb; by default a Python hook copies it from QEMU's RAM)
  --at-end      a gdb command file to run at the end stop, before gdb ends QEMU (the tests read
                the firmware's own state with it)
  --profile     say at the end where the time of a stop went (backtrace, record, dump, the rest)
  --no-progress no events-per-second line on stderr

Firmware builds are cached in \${HEAPREEL_CACHE:-~/.cache/heapreel}. Needs gcc-arm-none-eabi,
libnewlib-arm-none-eabi and qemu-system-arm (the ARM boards), or gcc-riscv64-unknown-elf,
picolibc-riscv64-unknown-elf and qemu-system-misc (the RISC-V boards), and gdb-multiarch:
scripts/ci/install-capture-tools.sh installs them on Debian.
Exit code: 0 when the program ran to its end, 1 when it raised or the firmware crashed (the capture
up to there is kept), 2 for bad arguments or missing tools.
EOF
}

fail() { echo "heapreel capture: $*" >&2; exit 2; }

board="" script="" out="" heap_kib=64 split=0 defines=() progress=1 plain=0 at_end="" profile=0
src="${HEAPREEL_MICROPYTHON_SRC:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --board) board="${2:-}"; shift 2 ;;
    --script) script="${2:-}"; shift 2 ;;
    --out) out="${2:-}"; shift 2 ;;
    --src) src="${2:-}"; shift 2 ;;
    --heap-kib) heap_kib="${2:-}"; shift 2 ;;
    --split-heap) split=1; shift ;;
    --define) defines+=("${2:-}"); shift $(($# >= 2 ? 2 : 1)) ;;
    --no-progress) progress=0; shift ;;
    --plain-gdb) plain=1; shift ;;
    --at-end) at_end="${2:-}"; shift 2 ;;
    --profile) profile=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument: $1" ;;
  esac
done
[ -n "$board" ] && [ -n "$script" ] && [ -n "$out" ] || { usage >&2; fail "--board, --script and --out are needed"; }
[ -f "$script" ] || fail "$script: no such file"
[ -z "$at_end" ] || [ -f "$at_end" ] || fail "$at_end: no such file"
[ -n "$src" ] || fail "the MicroPython v1.28 source is needed: give --src DIR|TARBALL (a checkout of tag v1.28.0 or its release .tar.xz), or set HEAPREEL_MICROPYTHON_SRC"
[ -e "$src" ] || fail "$src: no such file or folder (--src: the MicroPython v1.28 source, a folder or a .tar.xz)"
[[ "$heap_kib" =~ ^[0-9]+$ ]] && [ "$heap_kib" -ge 4 ] || fail "--heap-kib $heap_kib: a whole number of KiB, at least 4"
for define in ${defines[@]+"${defines[@]}"}; do
  [[ "$define" =~ ^[A-Za-z_][A-Za-z0-9_]*(=[A-Za-z0-9_().+*/-]+)?$ ]] ||
    fail "--define '$define': NAME or NAME=VALUE, a C macro name and a value without spaces or quotes"
done
if LC_ALL=C grep -q $'\x04' "$script"; then
  fail "$script: byte 0x04 (end of transmission) at line $(LC_ALL=C grep -n $'\x04' "$script" | head -1 | cut -d: -f1): it ends the program on the target's stdin"
fi

# Per board: toolchain prefix, QEMU, extra make arguments and compiler flags, the flash sections,
# the fault handler.
board_cflags="" stdin_lead=""
case "$board" in
  MPS2_AN385)
    # QEMU's "machine RAM" of the board, the one it can keep in a file: the PSRAM at 0x21000000.
    cross=arm-none-eabi- qemu=qemu-system-arm machine=mps2-an385 make_extra=() qemu_extra=()
    ram_base=0x21000000 ram_size=16M
    rom_sections=(-j .text -j .ARM.exidx -j .data) fault=exception_handler
    packages="gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm gdb-multiarch" ;;
  MPS2_AN500)
    # The Cortex-M7 of the MPS2 family (hard double floats): mps2.ld as for the AN385, but QEMU's
    # PSRAM for this image is at 0x60000000 (the patch's board file moves the RAM there).
    cross=arm-none-eabi- qemu=qemu-system-arm machine=mps2-an500 make_extra=() qemu_extra=()
    ram_base=0x60000000 ram_size=16M
    rom_sections=(-j .text -j .ARM.exidx -j .data) fault=exception_handler
    packages="gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm gdb-multiarch" ;;
  MPS3_AN547)
    # Cortex-M55 (hard double floats): code in the FPGA SRAM, data, bss and stack in the DDR at
    # 0x60000000, QEMU's machine RAM, which this machine only accepts at its full 2 GiB (the
    # shared file is sparse: only the pages the firmware touches take memory).
    # GCC gives the M55 (half-precision arithmetic) FLT_EVAL_METHOD 16, for which newlib's math.h
    # defines no double_t and lib/libm_dbl does not build; C11's methods make it 0.
    cross=arm-none-eabi- qemu=qemu-system-arm machine=mps3-an547 make_extra=() qemu_extra=()
    board_cflags="-fpermitted-flt-eval-methods=c11"
    ram_base=0x60000000 ram_size=2G
    rom_sections=(-j .text -j .data) fault=exception_handler
    packages="gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm gdb-multiarch" ;;
  SABRELITE)
    # Cortex-A9 (ARM instructions, not Thumb): code and data in the DDR at 0x10000000, the
    # machine RAM; faults go to the vector table's Default_Handler.
    # QEMU hands the UART the program's first byte while the machine waits for gdb, and the
    # firmware's uart_init resets the UART (UCR2 without SRST), which drops it: a newline goes
    # first to be dropped instead.
    cross=arm-none-eabi- qemu=qemu-system-arm machine=sabrelite make_extra=() qemu_extra=()
    stdin_lead=$'\n'
    ram_base=0x10000000 ram_size=128M
    rom_sections=(-j .text -j .data) fault=Default_Handler
    packages="gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm gdb-multiarch" ;;
  VIRT_RV32)
    # As VIRT_RV64: the 2.2 ISA spec for the rv32imac/ilp32 multilib of Debian's GCC 12.
    cross=riscv64-unknown-elf- qemu=qemu-system-riscv32 machine=virt qemu_extra=(-bios none)
    ram_base=0x80000000 ram_size=16M
    make_extra=("RV32_ARCH=rv32imac -misa-spec=2.2")
    rom_sections=(-j .text -j .rodata) fault=mtvec_exception
    packages="gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc gdb-multiarch" ;;
  VIRT_RV64)
    # Debian's GCC 12 has no rv64imac_zicsr multilib; the 2.2 ISA spec keeps the CSR instructions
    # in rv64imac and links the rv64imac/lp64 libraries (../shared/firmware/README.md).
    cross=riscv64-unknown-elf- qemu=qemu-system-riscv64 machine=virt qemu_extra=(-bios none)
    ram_base=0x80000000 ram_size=16M
    make_extra=("RV64_ARCH=rv64imac -misa-spec=2.2")
    rom_sections=(-j .text -j .rodata) fault=mtvec_exception
    packages="gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc gdb-multiarch" ;;
  NETDUINO2|MICROBIT)
    fail "--board $board: the port has it, capture does not: its RAM is the SoC's own SRAM, which QEMU cannot keep in the shared file the dumps are copied from (docs/capturing.md)" ;;
  *) fail "--board $board: one of MPS2_AN385, MPS2_AN500, MPS3_AN547, SABRELITE, VIRT_RV32, VIRT_RV64" ;;
esac
for tool in "${cross}gcc" "${cross}objcopy" "${cross}nm" "$qemu" gdb-multiarch make patch xz; do
  command -v "$tool" >/dev/null ||
    fail "$tool is missing: install $packages (scripts/ci/install-capture-tools.sh does)"
done

cache="${HEAPREEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/heapreel}"
mkdir -p "$cache/src" "$cache/firmware"

if [ -d "$src" ]; then
  src_hash="$(cd "$src" && find py extmod shared lib drivers ports/qemu -type f ! -path '*/build-*' -print0 2>/dev/null |
    LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
else
  src_hash="$(sha256sum "$src" | cut -c1-16)"
fi
# By content only, never by path: a clone in another folder finds the same builds.
patch_hash="$(sha256sum <"$patch_file" | cut -c1-16)"
# make reads the environment too: a MICROPY_* setting or extra compiler flags exported in the shell
# change the firmware as a --define does, so they are part of the key as well.
build_env="$(env | grep -E '^(MICROPY_[A-Z0-9_]*|COPT|CFLAGS[A-Z_]*|LDFLAGS[A-Z_]*)=' | LC_ALL=C sort || true)"
key="$(printf '%s\n' "$src_hash" "$patch_hash" "$board" ${board_cflags:+"$board_cflags"} "$heap_kib" "$split" ${defines[@]+"${defines[@]}"} \
  ${build_env:+"$build_env"} "$("${cross}gcc" --version | head -1)" | sha256sum | cut -c1-16)"
fw="$cache/firmware/$board-$key"

build_firmware() {
  local tree="$cache/src/$src_hash-$patch_hash"
  if [ ! -f "$tree/.heapreel-patched" ]; then
    rm -rf "$tree" "$tree.tmp"
    mkdir -p "$tree.tmp"
    if [ -d "$src" ]; then
      cp -a "$src/." "$tree.tmp/"
      rm -rf "$tree.tmp"/ports/qemu/build-*
    else
      tar -xf "$src" -C "$tree.tmp" --strip-components=1 || fail "$src: cannot unpack"
    fi
    [ -f "$tree.tmp/py/gc.c" ] && [ -d "$tree.tmp/ports/qemu" ] ||
      fail "$src: not a MicroPython source tree (py/gc.c and ports/qemu are needed)"
    (cd "$tree.tmp" && patch -p1 --forward --silent < "$patch_file") >"$tree.tmp/patch.log" 2>&1 ||
      fail "$src: heapreel's hook does not apply (see $tree.tmp/patch.log); it is made for MicroPython v1.28"
    touch "$tree.tmp/.heapreel-patched"
    mv "$tree.tmp" "$tree"
  fi
  local cflags="-g${board_cflags:+ $board_cflags}"
  [ "$split" = 1 ] && cflags="$cflags -DMICROPY_GC_SPLIT_HEAP=1"
  for define in ${defines[@]+"${defines[@]}"}; do cflags="$cflags -D$define"; done
  local log="$cache/firmware/$board-$key.build.log"
  echo "heapreel capture: building MicroPython for $board (heap $heap_kib KiB$([ "$split" = 1 ] && echo ', split')${defines[@]+, ${defines[*]}}$([ -n "$build_env" ] && printf ', from the environment: %s' "$(echo $build_env)")), once for this source and these options ..." >&2
  local started=$SECONDS
  if ! make -C "$tree/ports/qemu" -j2 BOARD="$board" BUILD="build-$key" FROZEN_MANIFEST= MICROPY_PY_BTREE=0 \
      MICROPY_HEAP_SIZE=$((heap_kib * 1024)) CFLAGS_EXTRA="$cflags" "${make_extra[@]}" >"$log" 2>&1; then
    tail -20 "$log" >&2
    fail "the firmware build failed (whole log: $log)"
  fi
  local built="$tree/ports/qemu/build-$key"
  rm -rf "$fw.tmp" && mkdir -p "$fw.tmp"
  cp "$built/firmware.elf" "$built/firmware.map" "$fw.tmp/"
  "${cross}objcopy" -O binary "${rom_sections[@]}" "$built/firmware.elf" "$fw.tmp/firmware.bin"
  grep -n "heapreel: the capture's breakpoint line" "$tree/py/gc.c" | cut -d: -f1 >"$fw.tmp/hook-line"
  rm -rf "$fw" && mv "$fw.tmp" "$fw"
  echo "heapreel capture: built in $((SECONDS - started)) s ($fw)" >&2
}

(
  flock 9
  [ -f "$fw/firmware.elf" ] || build_firmware
) 9>"$cache/build.lock"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out/ram.bin" "$out/ram.bin.xz" "$out/mylog.txt" "$out/layout.txt" "$out/uart.log"
cp "$fw/firmware.elf" "$fw/firmware.map" "$fw/firmware.bin" "$out/"
[ "$(cd "$(dirname "$script")" && pwd)/$(basename "$script")" = "$out/script.py" ] || cp "$script" "$out/script.py"

symbol() { "${cross}nm" "$out/firmware.elf" | awk -v s="$1" '$3 == s { print $1 }'; }
ram_start=$((0x$(symbol _srelocate))) ram_end=$((0x$(symbol _estack)))
span=$((ram_end - ram_start))

work="$(mktemp -d)"
qemu_pid="" gdb_pid=""
cleanup() {
  [ -n "$gdb_pid" ] && kill "$gdb_pid" 2>/dev/null || true
  [ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null || true
  rm -rf "$work"
  [ -n "${ram_file:-}" ] && rm -f "$ram_file"
}
trap cleanup EXIT
trap 'echo >&2; echo "heapreel capture: interrupted; the capture so far is in $out" >&2; exit 1' INT TERM

# scripts/capture.gdb is the template for any board; fill in what it leaves to edit.
sock="$work/gdb.sock"
hook_line="$(cat "$fw/hook-line")"
# The guest RAM lives in a file QEMU shares, so that the hook can copy each dump from it.
ram_file="$(mktemp -p /dev/shm heapreel-ram.XXXXXX 2>/dev/null || mktemp -p "$work" heapreel-ram.XXXXXX)"
hook_commands=""
if [ "$plain" = 0 ]; then
  hook_commands="source $here/hook.py\npython heapreel_hook(\"gc.c:$hook_line\", \"ram.bin\", $ram_start, $ram_end, \"$ram_file\", $ram_base)"
fi
sed -e "s|^target remote .*|target remote $sock|" \
    -e "s|^break gc\.c:[0-9][0-9]*|break gc.c:$hook_line|" \
    -e "s|^break main\.c:[0-9][0-9]*|break heapreel_script_done\nbreak $fault\nbreak exit|" \
    "$top/scripts/capture.gdb" >"$work/capture.gdb"
if [ "$plain" = 0 ]; then
  # The template's hook breakpoint and its commands block give way to the Python hook.
  sed -i -e "/^break gc\.c:$hook_line\$/,/^end\$/c\\$hook_commands" "$work/capture.gdb"
fi
if [ -n "$at_end" ]; then
  at_end_abs="$(cd "$(dirname "$at_end")" && pwd)/$(basename "$at_end")"
  sed -i -e "0,/^delete\$/s||source $at_end_abs\ndelete|" "$work/capture.gdb"
fi
if [ "$profile" = 1 ] && [ "$plain" = 0 ]; then
  sed -i -e "0,/^delete\$/s||python heapreel_hook_profile(\"$work/profile.txt\")\ndelete|" "$work/capture.gdb"
fi
expected=("target remote $sock" "break heapreel_script_done")
if [ "$plain" = 0 ]; then expected+=("source $here/hook.py"); else expected+=("break gc.c:$hook_line"); fi
for expect in "${expected[@]}"; do
  grep -qxF "$expect" "$work/capture.gdb" ||
    fail "scripts/capture.gdb: no line to make '$expect' of (its 'target remote', 'break gc.c:' or 'break main.c:' line is gone)"
done

{ printf '%s' "$stdin_lead"; cat "$script"; printf '\004'; } >"$work/stdin"
"$qemu" -machine "$machine,memory-backend=heapreel-ram" -m "$ram_size" \
  -object "memory-backend-file,id=heapreel-ram,size=$ram_size,mem-path=$ram_file,share=on" \
  "${qemu_extra[@]}" -display none -monitor none -serial stdio -semihosting \
  -icount shift=5,align=off -S -gdb "unix:$sock,server=on,wait=off" -kernel "$out/firmware.elf" \
  <"$work/stdin" >"$out/uart.log" 2>"$work/qemu.err" &
qemu_pid=$!
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
[ -S "$sock" ] || { cat "$work/qemu.err" >&2; fail "$qemu did not start"; }

started=$(date +%s.%N)
(cd "$out" && exec gdb-multiarch -nx -batch -x "$work/capture.gdb" firmware.elf) >"$work/gdb.out" 2>&1 &
gdb_pid=$!
events() { local size; size=$(stat -c %s "$out/ram.bin" 2>/dev/null || echo 0); echo $((size / span)); }
while kill -0 "$gdb_pid" 2>/dev/null; do
  if [ "$progress" = 1 ]; then
    n=$(events)
    awk -v n="$n" -v t0="$started" -v t1="$(date +%s.%N)" 'BEGIN {
      s = t1 - t0; printf "\rheapreel capture: %d events, %.1f s, %.0f events/s   ", n, s, (s > 0 ? n / s : 0) }' >&2
  fi
  sleep 0.5
done
wait "$gdb_pid" || true
gdb_pid=""
# gdb ends QEMU with 'kill'; if gdb gave up early, QEMU would run on into the REPL.
for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$qemu_pid" 2>/dev/null || break; sleep 0.1; done
kill "$qemu_pid" 2>/dev/null || true
elapsed=$(awk -v t0="$started" -v t1="$(date +%s.%N)" 'BEGIN { printf "%.1f", t1 - t0 }')
n=$(events)
[ "$progress" = 1 ] && echo >&2
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=""

rate=$(awk -v n="$n" -v s="$elapsed" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
summary="$n events in $elapsed s ($rate events/s), $span bytes a dump: $out"
[ -f "$work/profile.txt" ] && sed 's/^heapreel hook/heapreel capture/' "$work/profile.txt" >&2
end_line="$(grep -E '^Breakpoint [0-9]+, ' "$out/mylog.txt" 2>/dev/null | grep -v ', gc_log_change ' | tail -1 || true)"
# A capture.gdb that hides frame arguments (set print frame-arguments none or presence) prints the
# end without its status (status=...): the program's own output tells whether it raised.
case "$end_line" in
  *"heapreel_script_done (status=0)"* | *"heapreel_script_done (status=1)"*) ;;
  *"heapreel_script_done ("*)
    if grep -q '^Traceback (most recent call last)' "$out/uart.log" 2>/dev/null; then
      end_line="heapreel_script_done (status=1)"
    else
      end_line="heapreel_script_done (status=0)"
    fi ;;
esac
case "$end_line" in
  *"heapreel_script_done (status=0)"*)
    echo "heapreel capture: the program ran to its end; $summary" >&2
    exit 0 ;;
  *"heapreel_script_done (status=1)"*)
    echo "heapreel capture: the program raised an exception (uart.log):" >&2
    sed -n '/^Traceback/,$p' "$out/uart.log" | sed -e 's/\r$//' -e 's/^/  /' >&2
    echo "heapreel capture: the capture up to the end of the program is usable; $summary" >&2
    exit 1 ;;
  "")
    echo "heapreel capture: the firmware stopped before the program's end; gdb said:" >&2
    grep -v '^$' "$work/gdb.out" | tail -5 | sed 's/^/  /' >&2
    # with logging redirected, an error in capture.gdb (a command naming a symbol not in scope,
    # say) is written to the log, not to gdb's output
    if [ -s "$out/mylog.txt" ]; then
      echo "heapreel capture: the log ends with (mylog.txt):" >&2
      grep -v '^$' "$out/mylog.txt" | tail -3 | sed 's/^/  /' >&2
    fi
    tail -3 "$work/qemu.err" | sed 's/^/  /' >&2
    echo "heapreel capture: the capture up to there is usable; $summary" >&2
    exit 1 ;;
  *)
    echo "heapreel capture: the firmware crashed: $end_line" >&2
    tail -5 "$out/uart.log" | sed -e 's/\r$//' -e 's/^/  /' >&2
    echo "heapreel capture: the capture up to the crash is usable; $summary" >&2
    exit 1 ;;
esac
