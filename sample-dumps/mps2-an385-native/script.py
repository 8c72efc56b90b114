import gc, micropython

@micropython.native
def nat_sum(n):
    s = 0
    for i in range(n):
        s += i
    return s

@micropython.viper
def vip_sum(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s

def byte_sum(n):
    s = 0
    for i in range(n):
        s += i
    return s

keep = []
for r in range(6):
    keep.append([nat_sum(10 + r), vip_sum(10 + r), byte_sum(10 + r)])
    gc.collect()
src = "@micropython.native\ndef f(x):\n    return x * 2\n"
ns = {}
exec(src, ns)
print("native", ns["f"](21), id(ns["f"]), type(nat_sum), type(vip_sum), type(byte_sum))
print("ids", id(nat_sum), id(vip_sum), id(byte_sum))
gc.collect()
print("free", gc.mem_free(), gc.mem_alloc())
