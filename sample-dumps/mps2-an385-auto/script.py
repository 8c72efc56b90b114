# A heap that grows: the firmware starts with one small area and adds areas (MICROPY_GC_SPLIT_HEAP_AUTO)
# when an allocation finds no room; a sweep frees the areas it leaves empty.
import gc

def report(tag):
    print(tag, "free", gc.mem_free(), "alloc", gc.mem_alloc())

report("start")
keep = [bytearray(100 + 20 * i) for i in range(30)]
report("grown")
big = bytearray(3000)
report("big")
keep = None
big = None
gc.collect()
report("collected")
again = [str(i) * 10 for i in range(40)]
report("again")
