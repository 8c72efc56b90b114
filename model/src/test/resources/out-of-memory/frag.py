import gc
gc.collect()
print('start free', gc.mem_free(), 'alloc', gc.mem_alloc())
keep = []
drop = []
n = 0
try:
    while True:
        keep.append(bytearray(48))
        drop.append(bytearray(48))
        n += 1
except MemoryError:
    print('frag MemoryError after', n, 'pairs')
drop = None
gc.collect()
print('holes free', gc.mem_free(), 'alloc', gc.mem_alloc())
try:
    big = bytearray(400)
    print('big ok', id(big))
except MemoryError:
    print('MemoryError bytearray 400')
keep = None
gc.collect()
print('after free', gc.mem_free(), 'alloc', gc.mem_alloc())
try:
    huge = bytearray(40000)
except MemoryError:
    print('MemoryError bytearray 40000')
b = bytearray(2000)
print('b ok', id(b), len(b))
print('end free', gc.mem_free(), 'alloc', gc.mem_alloc())
