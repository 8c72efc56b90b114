import gc, micropython
gc.collect()
print('start free', gc.mem_free(), 'alloc', gc.mem_alloc())
micropython.heap_lock()
try:
    x = bytearray(100)
    r = 'no error'
except MemoryError:
    r = 'MemoryError locked'
micropython.heap_unlock()
print(r)
gc.disable()
chunks = []
try:
    while True:
        chunks.append(bytearray(200))
except MemoryError:
    print('disabled MemoryError after', len(chunks))
print('disabled free', gc.mem_free(), 'alloc', gc.mem_alloc())
chunks = None
gc.enable()
gc.collect()
print('enabled free', gc.mem_free(), 'alloc', gc.mem_alloc())
gc.threshold(1024)
print('threshold', gc.threshold())
t = []
for i in range(60):
    t.append(bytearray(64))
    if len(t) > 8:
        t.pop(0)
print('thr free', gc.mem_free(), 'alloc', gc.mem_alloc())
gc.threshold(-1)
