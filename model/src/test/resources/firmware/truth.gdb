# Ground truth for the real-firmware tests, read by gdb from the stopped firmware at the end of a
# capture (capture.sh --at-end): the heap areas and their allocation tables, the object
# representation, and the main module's globals with their names looked up in the firmware's own
# qstr pools. Written to truth.txt beside the log, without going through heapreel.
python
import gdb


def _qstr(q):
    pool = gdb.parse_and_eval("mp_state_ctx.vm.last_pool")
    while int(pool) != 0:
        first = int(pool["total_prev_len"])
        if q >= first:
            return pool["qstrs"][q - first].string()
        pool = pool["prev"]
    return "?%d" % q


def _field(struct, name):
    """A pointer member the configuration may leave out (MICROPY_ENABLE_FINALISER, MICROPY_PY_WEAKREF): 0 when absent."""
    try:
        return int(struct[name])
    except gdb.error:
        return 0


def _repr(table):
    """The object representation (py/mpconfig.h MICROPY_OBJ_REPR): D when mp_obj_t is wider than a
    pointer, else the one whose qstr encoding (py/obj.h MP_OBJ_NEW_QSTR) of the firmware's own
    MP_QSTR___name__ is a key of dict_main (mp_init stores __name__ there)."""
    if int(gdb.parse_and_eval("sizeof(mp_obj_t)")) > int(gdb.parse_and_eval("sizeof(void *)")):
        return "D"
    name = int(gdb.parse_and_eval("MP_QSTR___name__"))
    encodings = {"A": (name << 3) | 2, "B": (name << 3) | 3, "C": (name << 4) | 6}
    ulong = gdb.lookup_type("unsigned long")
    keys = {int(table["table"][i]["key"].cast(ulong)) for i in range(int(table["alloc"]))}
    found = [r for r, word in encodings.items() if word in keys]
    return found[0] if len(found) == 1 else "?"


def _qstr_of(key, representation):
    """The qstr number of a key word, or None when it is no qstr (py/obj.h mp_obj_is_qstr, MP_OBJ_QSTR_VALUE)."""
    if representation == "A" and key & 7 == 2:
        return key >> 3
    if representation == "B" and key & 7 == 3:
        return key >> 3
    if representation == "C" and key & 0xff80000f == 6:
        return key >> 4
    return None


def _truth():
    lines = []
    memory = gdb.selected_inferior()
    area = gdb.parse_and_eval("&mp_state_ctx.mem.area")
    while int(area) != 0:
        a = area.dereference()
        atb = int(a["gc_alloc_table_start"])
        atb_len = int(a["gc_alloc_table_byte_len"])
        lines.append("area 0x%x %d 0x%x 0x%x 0x%x" % (
            atb, atb_len, _field(a, "gc_finaliser_table_start"), int(a["gc_pool_start"]), int(a["gc_pool_end"])))
        weakref = _field(a, "gc_weakref_table_start")
        if weakref:
            lines.append("weakref 0x%x" % weakref)
        lines.append("atb " + bytes(memory.read_memory(atb, atb_len)).hex())
        try:
            area = a["next"]
        except gdb.error:
            break
    table = gdb.parse_and_eval("mp_state_ctx.vm.dict_main.map")
    representation = _repr(table)
    lines.append("repr %s" % representation)
    lines.append("globals %d 0x%x" % (int(table["used"]), int(table["table"])))
    for i in range(int(table["alloc"])):
        slot = table["table"][i]
        key = int(slot["key"].cast(gdb.lookup_type("unsigned long")))
        value = int(slot["value"].cast(gdb.lookup_type("unsigned long")))
        q = _qstr_of(key, representation)
        if q is not None:
            lines.append("global %s 0x%x" % (_qstr(q), value))
    # gc_setup_area: the pool holds 4 blocks per allocation table byte (MICROPY_BYTES_PER_GC_BLOCK
    # is a macro, which the debug information does not carry)
    a = gdb.parse_and_eval("mp_state_ctx.mem.area")
    pool = int(a["gc_pool_end"]) - int(a["gc_pool_start"])
    lines.append("bytes_per_block %d" % (pool // (int(a["gc_alloc_table_byte_len"]) * 4)))
    with open("truth.txt", "w") as out:
        out.write("\n".join(lines) + "\n")


_truth()
end
