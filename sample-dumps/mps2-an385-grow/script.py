# A heap that grows (MICROPY_GC_SPLIT_HEAP_AUTO), gives its added areas back and grows again.
# Every global is bound before the heap first grows, so the module's dict never moves into an added
# area and keeps none alive. report() prints the figures after a collection: gc.mem_free() counts the
# room a new area could still take (max new split), mem_info() gives the areas' own total and free.
import gc
import micropython

held = None


def report(tag):
    gc.collect()
    print(tag, "free", gc.mem_free(), "alloc", gc.mem_alloc())
    micropython.mem_info()


def grow(n, size):
    global held
    held = [bytearray(size + 16 * i) for i in range(n)]
    print("id", "bytearray", id(held[n // 2]), "list", id(held))


def scrub():
    # overwrites the stack slots the last allocations left, which the collector scans conservatively
    return sum([i for i in range(8)])


report("start")
grow(40, 200)
report("grown")
held = None
scrub()
report("given-back")
grow(8, 2500)
report("regrown")
held = None
scrub()
report("given-back-again")
held = {i: str(i) * 9 for i in range(40)}
report("end")
print("id", "dict", id(held), "str", id(held[7]))
