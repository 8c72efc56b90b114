package io.heapreel.testkit.generate;

/** The text of {@code expected/README.md}: what the oracle files hold. */
final class ExpectedReadme {
  private ExpectedReadme() {}

  private static final String SPLIT = """

      Split heap: two areas, each with its own tables and descriptor. Block numbers everywhere here
      are heap blocks, counted from the first pool start as the capture hook logs them (the blocks
      between the two pools belong to no area and are in no figure); a free run ends at an area's end.
      """;

  static String text(GeneratorConfig c) {
    return """
        # Expected results (the generator's own bookkeeping)

        Written by `heapreel generate --snapshots %d --heap-kib %d --seed %d%s` while it simulated the
        MicroPython v1.28 allocator. Nothing here comes from decoding `ram.bin`: these are the
        simulator's own block states, events and object records, so they are an independent oracle
        for heapreel's decoder, log parser and lifespan builder.

        | file | what |
        |---|---|
        | `stats.csv` | one row per snapshot, the columns of `heapreel stats`: `objects` heads (HEAD or MARK), `marked` MARK heads, `allocated_blocks` every non-free block (orphan tails too), `tail_blocks`, `orphan_tail_blocks` (TAIL blocks continuing no head: mid-sweep), `free_blocks`, `largest_free_blocks`, `free_runs`, `finaliser_blocks` (heads with the finaliser bit) |
        | `events.csv` | `event,action,start_block,blocks`: one row per log record; action `alloc`, `realloc` (in place: the new length), `free` (gc_free, length 0), `sweep` (freed by a collection, length 0). A realloc that moves is an `alloc` at the new block followed by a `free` of the old one, as the firmware logs it |
        | `lifespans.csv` | `start_block,blocks,start_event,end_event,end_cause`: one row per allocation, in order of its end; `end_cause` is `realloc`, `free` or `sweep`; allocations alive after the last event come last with empty `end_event` and `end_cause` |
        | `objects_last.json` | the last snapshot: `objects` (every head: `address`, `block`, `blocks`, `type`, `role`, `name`, `keys`, `refs`) and `roots` (`name`, `address`, `target`) |

        Vocabulary of `objects_last.json`: `type` is the built-in type without `mp_type_` (`dict`,
        `str`, `list`, `tuple`, `bytearray`, `float`, `fun_bc`, `closure`, `cell`, `module`), `type`
        for a class object (its name in `name`), the class name for an instance (`Sensor`,
        `LogFile`), or `raw` for a block that is no object, whose `role` says what it holds
        (`list_items`, `map_table`, `str_data`, `bytearray_data`, `bytecode`, `qstr_pool`,
        `qstr_chunk`, `vstr_buffer`); objects have role `object`. `keys` lists the keys of a dict's
        or an instance's map as text (null for others). `refs` are the words of the allocation the
        collector would follow: pointing into the pool, block-aligned, at a head. `roots` are the
        words of `mp_state_ctx`'s root-pointer range (`thread.dict_locals` up to
        `vm.qstr_last_chunk`) and of the live C stack that point at a head. Addresses are decimal.
        At the last event the heap may be mid-operation (see the timing rules of the capture
        format): an object being allocated is still all zero, a freed one still looks allocated.
        %s""".formatted(c.snapshots(), c.heapKib(), c.seed(),
            (c.wordSize() == 4 ? "" : " --word-size " + c.wordSize()) + (c.splitHeap() ? " --split-heap" : ""),
            c.splitHeap() ? SPLIT : "");
  }
}
