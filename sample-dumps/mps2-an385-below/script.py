# A heap that grows (MICROPY_GC_SPLIT_HEAP_AUTO), gives its added areas back, and grows again at
# other sizes: the system heap hands the same memory out again, so an added area's descriptor comes
# back at the same address with other geometry (one big bytearray), then with the first again.
# report() prints the figures after a collection: mem_info()'s GC total, used and free are the
# areas' own (gc.mem_free() adds the room a new area could still take).
import gc
import micropython

held = None


def report(tag):
    gc.collect()
    print(tag, "alloc", gc.mem_alloc())
    micropython.mem_info()


def grow(n, size):
    global held
    held = [bytearray(size + 16 * i) for i in range(n)]
    print("id", "bytearray", id(held[n // 2]), "list", id(held))


def big(size):
    global held
    held = bytearray(size)
    print("id", "bytearray", id(held))


def drop():
    global held
    held = None
    # overwrites the stack slots the last allocations left, which the collector scans conservatively
    return sum([i for i in range(8)])


grow(24, 300)
report("grown")
drop()
report("given-back")
big(20000)
report("big")
drop()
report("given-back-again")
grow(24, 300)
report("regrown")
drop()
held = {i: str(i) * 9 for i in range(12)}
report("end")
print("id", "dict", id(held), "str", id(held[7]))
