import gc
gc.collect()
print('start free', gc.mem_free(), 'alloc', gc.mem_alloc())
src = '''
@micropython.native
def nsum(n):
    s = 0
    for i in range(n):
        s += i
    return s
@micropython.viper
def vsum(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s
'''
ns = {}
try:
    exec(src, ns)
    print('native', ns['nsum'](100), 'viper', ns['vsum'](100))
except Exception as e:
    print('no emitter', type(e).__name__, e)
ns = None
gc.collect()
print('after free', gc.mem_free(), 'alloc', gc.mem_alloc())
fs = []
try:
    for i in range(200):
        exec('def f%d(x):\n return x+%d' % (i, i), {})
        fs.append(bytearray(40))
except MemoryError:
    print('exec MemoryError at', len(fs))
fs = None
gc.collect()
print('end free', gc.mem_free(), 'alloc', gc.mem_alloc())
