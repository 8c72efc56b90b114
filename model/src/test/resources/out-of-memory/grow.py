import gc
gc.collect()
print('start free', gc.mem_free(), 'alloc', gc.mem_alloc())
l = []
w = [bytearray(16)]
for i in range(120):
    l.append(i)
    if i % 10 == 0:
        w.append(bytearray(16))
print('list', len(l), id(l))
ba = bytearray()
for i in range(40):
    ba.extend(b'0123456789abcdef')
    w.append(bytearray(8))
print('ba', len(ba))
d = {}
for i in range(40):
    d[i] = i
print('dict', len(d))
w = None
gc.collect()
print('mid free', gc.mem_free(), 'alloc', gc.mem_alloc())
g = bytearray(1000)
try:
    while True:
        g.extend(g)
except MemoryError:
    print('grow MemoryError at', len(g))
g = None
def rec(n):
    return rec(n + 1) + 1
try:
    rec(0)
except RuntimeError as e:
    print('RuntimeError', e)
gc.collect()
print('end free', gc.mem_free(), 'alloc', gc.mem_alloc())
