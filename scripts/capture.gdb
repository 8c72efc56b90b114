# heapreel capture template for gdb. Copy it next to your firmware.elf, edit the lines marked
# EDIT, then run (with the board halted and its debug server running):
#
#     rm -f ram.bin mylog.txt
#     gdb-multiarch -nx -batch -x capture.gdb firmware.elf
#
# It writes mylog.txt (preamble, then one record per heap change: backtrace, start block, length),
# ram.bin (one RAM dump per record, back to back) and, at the start, layout.txt (the firmware's
# struct layouts). Record i and dump i are taken at the same
# stop. The firmware needs the gc_log_change() hook described in heapreel's README.

set width 0
set height 0
set pagination off
set verbose off
set confirm off
# Speed: read code from firmware.elf rather than the target (gdb reads instructions to unwind and
# to step over the breakpoint), and stack memory in 1 KiB lines rather than 64-byte ones. A stop
# then takes about 7 round trips to the target instead of 44 before the dump.
set trust-readonly-sections on
set dcache line-size 1024

# EDIT: how gdb reaches the target.
#   QEMU (-gdb tcp::1234 -S):  target remote 127.0.0.1:1234
#   OpenOCD:                   target extended-remote :3333
#   J-Link GDB server:         target extended-remote :2331   (then: monitor reset)
target remote 127.0.0.1:1234

# EDIT: the RAM to dump, first byte and one past the last. CircuitPython's linker scripts call
# them _srelocate/_estack; other ports use _sdata/_estack, _ram_start/_ram_end, ...
set $heapreel_ram_start = (unsigned long) &_srelocate
set $heapreel_ram_end = (unsigned long) &_estack

# ---- layout.txt: the firmware's own struct layouts --------------------------------------------
# Writes layout.txt beside the log: gdb's ptype/o of every struct heapreel's object level reads,
# so heapreel uses the firmware's exact offsets (any word size, a patched firmware, a version no
# built-in layout describes). A struct this firmware does not have is noted and skipped; a typedef
# of an anonymous struct is written under the typedef's name. Needs a gdb with Python
# (gdb-multiarch has it); without one, delete this block: heapreel then places its built-in struct
# descriptions for the target's word size.
python
import gdb
heapreel_structs = [
    "mp_state_ctx_t", "mp_state_thread_t", "mp_state_vm_t", "mp_state_mem_t", "mp_state_mem_area_t",
    "mp_obj_base_t", "mp_obj_type_t", "mp_obj_namedtuple_type_t", "mp_map_t", "mp_map_elem_t",
    "mp_obj_dict_t", "mp_obj_instance_t", "mp_obj_list_t", "mp_obj_tuple_t", "mp_obj_str_t",
    "mp_obj_array_t", "mp_obj_module_t", "mp_module_constants_t", "mp_module_context_t",
    "mp_obj_fun_bc_t", "mp_raw_code_t", "qstr_pool_t", "vstr_t", "mp_vfs_mount_t",
    "mp_vfs_blockdev_t", "struct lfs2_config", "mp_obj_vfs_lfs2_t", "mp_obj_stringio_t", "mpz_t",
    "mp_obj_int_t", "mp_obj_exception_t", "mp_sched_item_t", "mp_obj_closure_t",
    "mp_obj_bound_meth_t", "mp_obj_float_t", "mp_obj_property_t", "mp_set_t", "mp_obj_set_t",
    "mp_obj_deque_t", "mp_obj_deflateio_t", "mp_obj_deflateio_read_t",
]
with open("layout.txt", "w") as heapreel_out:
    heapreel_out.write("# gdb ptype/o of the structs heapreel reads (scripts/capture.gdb)\n")
    for heapreel_name in heapreel_structs:
        try:
            heapreel_text = gdb.execute("ptype/o " + heapreel_name, to_string=True)
            # a typedef of an anonymous struct prints as 'type = struct {': give it the name asked for
            if heapreel_text.startswith("type = struct {"):
                heapreel_text = "type = struct " + heapreel_name + " {" + heapreel_text[len("type = struct {"):]
            heapreel_out.write(heapreel_text)
        except gdb.error as heapreel_error:
            heapreel_out.write("# %s: not in this firmware (%s)\n" % (heapreel_name, heapreel_error))
end
# ---- end of layout.txt ------------------------------------------------------------------------

set logging file mylog.txt
set logging overwrite on
set logging redirect on
# gdb 12 and later; older gdb: set logging on
set logging enabled on

# Capture facts. heapreel reads each 'heapreel-fact NAME = VALUE' line of the preamble, so it does
# not have to guess these. Remove a line your firmware has no such symbol for (gdb stops at an
# error in a command file). Do not print blank lines here: a blank line ends the preamble for
# gc_activity.py.
printf "heapreel-fact ram_start = 0x%lx\n", $heapreel_ram_start
printf "heapreel-fact ram_end = 0x%lx\n", $heapreel_ram_end
printf "heapreel-fact &mp_state_ctx = 0x%lx\n", (unsigned long) &mp_state_ctx
printf "heapreel-fact sizeof(mp_state_ctx) = %lu\n", (unsigned long) sizeof(mp_state_ctx)
printf "heapreel-fact &mp_state_ctx.mem.area = 0x%lx\n", (unsigned long) &mp_state_ctx.mem.area
printf "heapreel-fact sizeof(mp_state_mem_area_t) = %lu\n", (unsigned long) sizeof(mp_state_mem_area_t)
printf "heapreel-fact &mp_state_ctx.vm.last_pool = 0x%lx\n", (unsigned long) &mp_state_ctx.vm.last_pool
printf "heapreel-fact sizeof(mp_obj_type_t) = %lu\n", (unsigned long) sizeof(mp_obj_type_t)

# The hook. EDIT: the line *inside* gc_log_change() (the 'gc_log_change_counter += length;'
# line), not 'break gc_log_change': at the function's first instruction an optimised build may
# not have stored the arguments yet, and p/x would print garbage.
break gc.c:147
# gdb prints 'Breakpoint N, gc_log_change (...)' itself at every hit: that line starts a record
# (so no 'silent' here).
commands
backtrace
p/x start_block
p/x length
append binary memory ram.bin $heapreel_ram_start $heapreel_ram_end
continue
end

# EDIT: where the capture ends, for example the REPL loop once the program you watch has run.
# Any breakpoint other than the hook is passed over by heapreel (and reported as the end).
break main.c:83

continue

delete
# QEMU exits on kill; on a board you may prefer: disconnect
kill
quit
