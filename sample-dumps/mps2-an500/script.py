# heapreel's real-firmware test workload: classes and instances, dicts, strings, bytearrays, a set,
# a deque, a compiled pattern and its match, a DeflateIO reader, a generator, closures, fragmentation
# and a collection.
# The "GT" lines it prints are ground truth for the tests: ids (addresses), types and sizes of its
# objects, and gc.mem_free()/mem_alloc().
import deflate
import gc
import io
import re
from collections import deque


class Sensor:
    unit = "C"

    def __init__(self, name, scale):
        self.name = name
        self.scale = scale
        self.readings = []

    def read(self, i):
        value = (i * self.scale) % 97
        self.readings.append(value)
        return value


def make_counter(start):
    count = [start]

    def bump(step=1):
        count[0] += step
        return count[0]

    return bump


def squares(n):
    for i in range(n):
        yield i * i


def show(name, obj, size):
    print("GT obj", name, type(obj).__name__, hex(id(obj)), size)


# A boxed float (representations A and B): its value sits after the base word as a float, or at
# offset 8 as a double on boards built with MICROPY_FLOAT_IMPL_DOUBLE (MPS2_AN500, MPS3_AN547).
ratio = 1 / 3

# Globals bound before they are used, so the last lines store into them without growing the dict.
marker = None
free_bytes = 0
alloc_bytes = 0

sensors = [Sensor("s%d" % i, i + 3) for i in range(4)]
table = {}
for i in range(24):
    table["key%d" % i] = i * 7
label = "-".join(s.name for s in sensors)
blob = bytearray(200)
for i in range(len(blob)):
    blob[i] = i & 0xFF
counter = make_counter(10)
gen = squares(1000)
first = next(gen) + next(gen)
for tick in range(6):
    for s in sensors:
        s.read(tick)
    counter()

# A set whose slot table is made and grown as it fills (mp_set_rehash).
tags = set()
for i in range(10):
    tags.add("t%d" % i)

# A deque of at most 6 items: its item ring is allocated with it.
recent = deque((), 6)
for i in range(9):
    recent.append(i)

# A compiled pattern and a match: objects of static types (re_type, match_type), not mp_type_*.
pattern = re.compile("k(e)y")
found = pattern.match("key7")

# Fragmentation: small chunks, every other one dropped, then a collection.
chunks = [bytearray(16 + (i % 5) * 16) for i in range(40)]
for i in range(0, len(chunks), 2):
    chunks[i] = None
gc.collect()
keep = bytearray(300)

# A DeflateIO reading a zlib stream made with a window of 2^9 bytes (CPython's zlib, wbits 9): its
# first read allocates the reader's state and a window of 512 bytes.
inflater = deflate.DeflateIO(io.BytesIO(b'\x18\xd3\xcbHM,(JM\xcdQ\xc8\xccK\xcbI,I-V\xc8\x18\x15\x19\x15\x01\x8b\x00\x00\xb5\x9d\xcd\xc9'), deflate.ZLIB, 9)
inflated = inflater.read(18)

show("sensors", sensors, len(sensors))
show("table", table, len(table))
show("label", label, len(label))
show("blob", blob, len(blob))
show("tags", tags, len(tags))
show("pattern", pattern, 0)
show("found", found, 0)
show("recent", recent, 6)
show("keep", keep, len(keep))
show("inflater", inflater, 512)
show("counter", counter, 0)
show("gen", gen, 0)
show("sensor0", sensors[0], 0)
show("Sensor", Sensor, 0)
print("GT label", label)
print("GT float ratio", hex(id(ratio)), repr(ratio))

# The last heap change is this allocation, complete in its dump; nothing allocates after it.
marker = bytearray(8)
free_bytes = gc.mem_free()
alloc_bytes = gc.mem_alloc()
print("GT mem", free_bytes, alloc_bytes)
