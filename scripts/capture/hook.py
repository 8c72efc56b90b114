# heapreel's capture hook for gdb's Python: the breakpoint on the line inside gc_log_change() that
# scripts/capture.gdb sets with a 'commands' block, done in one Python call per stop instead.
#
# It writes the record gdb's CLI would print (the 'Breakpoint N, ...' line, the source line, the
# backtrace, '$k = 0x..' for the start block and the length) through gdb's output, so it lands in
# the log that capture.gdb opened, and appends the RAM dump to ram.bin through a buffered writer.
# stop() returns False: gdb steps over the breakpoint and goes on without the work of a reported
# stop (no breakpoint removal and insertion, no thread list, no CLI commands to run).
#
# When QEMU keeps the guest RAM in a shared file (-object memory-backend-file,share=on), the dump is
# copied from that file; the target is stopped, so the file holds exactly the RAM at this stop.
# Without one the dump is read through gdb, as 'append binary memory' would.
#
# Use (capture.sh does this):
#   python heapreel_hook("gc.c:152", "ram.bin", 0x20000000, 0x20008000, "/dev/shm/ram", 0x21000000)
import mmap
import os
import time

import gdb


class _Hook(gdb.Breakpoint):
    def __init__(self, location, ram_path, ram_start, ram_end, backing_path, backing_base):
        super().__init__(location)
        self.span = ram_end - ram_start
        self.ram_start = ram_start
        self.out = open(ram_path, "ab", buffering=1 << 20)
        self.memory = None
        if backing_path:
            fd = os.open(backing_path, os.O_RDONLY)
            try:
                self.memory = mmap.mmap(fd, 0, prot=mmap.PROT_READ)
            finally:
                os.close(fd)
            self.offset = ram_start - backing_base
            if self.offset < 0 or self.offset + self.span > len(self.memory):
                raise gdb.GdbError(
                    "heapreel hook: RAM 0x%x..0x%x is not inside %s (0x%x bytes from 0x%x)"
                    % (ram_start, ram_end, backing_path, len(self.memory), backing_base))
        self.values = 0
        self.source = None
        self.stops = 0
        self.spent = [0.0, 0.0, 0.0]  # backtrace, record, dump: seconds in all stops
        self.began = time.perf_counter()
        self.flushed = time.monotonic()

    def _source_line(self, frame):
        if self.source is None:
            sal = frame.find_sal()
            text = ""
            try:
                with open(sal.symtab.fullname(), errors="replace") as f:
                    text = f.read().split("\n")[sal.line - 1]
            except (OSError, IndexError):
                pass
            self.source = "%d\t%s\n" % (sal.line, text)
        return self.source

    def stop(self):
        t0 = time.perf_counter()
        frame = gdb.selected_frame()
        trace = gdb.execute("backtrace", to_string=True)
        t1 = time.perf_counter()
        first = trace.split("\n", 1)[0]
        start = int(frame.read_var("start_block"))
        length = int(frame.read_var("length"))
        k = self.values
        self.values += 2
        gdb.write("\nBreakpoint %d, %s\n%s%s$%d = 0x%x\n$%d = 0x%x\n" % (
            self.number, first[4:] if first.startswith("#0  ") else first, self._source_line(frame),
            trace, k + 1, start, k + 2, length))
        t2 = time.perf_counter()
        if self.memory is not None:
            self.out.write(self.memory[self.offset:self.offset + self.span])
        else:
            self.out.write(gdb.selected_inferior().read_memory(self.ram_start, self.span))
        t3 = time.perf_counter()
        self.spent[0] += t1 - t0
        self.spent[1] += t2 - t1
        self.spent[2] += t3 - t2
        self.stops += 1
        now = time.monotonic()
        if now - self.flushed > 0.5:
            self.out.flush()
            self.flushed = now
        return False

    def profile(self):
        """Where the capture's time went, in milliseconds a stop."""
        n = max(self.stops, 1)
        wall = time.perf_counter() - self.began
        inside = sum(self.spent)
        return ("heapreel hook: %d stops, %.2f ms each: backtrace %.2f, record %.2f, dump %.2f, "
                "outside the hook (stop, step over, resume) %.2f"
                % (self.stops, wall * 1000 / n, self.spent[0] * 1000 / n, self.spent[1] * 1000 / n,
                   self.spent[2] * 1000 / n, (wall - inside) * 1000 / n))


_hooks = []


def heapreel_hook(location, ram_path, ram_start, ram_end, backing_path=None, backing_base=0):
    _hooks.append(_Hook(location, ram_path, ram_start, ram_end, backing_path, backing_base))


def _flush(_event):
    for hook in _hooks:
        hook.out.flush()


def heapreel_hook_profile(path):
    """Writes where the time of the stops went to the file at path (capture.sh --profile)."""
    with open(path, "w") as out:
        for hook in _hooks:
            out.write(hook.profile() + "\n")


# Any reported stop (the end breakpoint, a fault, Ctrl-C) and gdb's exit write out what is buffered.
gdb.events.stop.connect(_flush)
gdb.events.exited.connect(_flush)
gdb.events.gdb_exiting.connect(_flush) if hasattr(gdb.events, "gdb_exiting") else None
