package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.render.FrameEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCaptionsTest {
  @TempDir Path dir;

  @Test
  void actionsSitesAndOddFrameLines() throws IOException {
    String log =
        """
        Breakpoint 1 at 0x292: file ../../py/gc.c, line 147.
        Breakpoint 2 at 0x2514a: file main.c, line 83.

        Breakpoint 1, gc_log_change (start_block=3, length=1) at ../../py/gc.c:147
        147\t    gc_log_change_counter += length; // Break on this line.
        #0  gc_log_change (start_block=3, length=1) at ../../py/gc.c:147
        #1  0x000009e8 in gc_alloc (n_bytes=n_bytes@entry=16, alloc_flags=alloc_flags@entry=0) at ../../py/gc.c:1024
        #2  0x00000116 in m_malloc (num_bytes=num_bytes@entry=16) at ../../py/malloc.c:86
        #3  0x00012e1e in list_new (n=n@entry=0) at ../../py/objlist.c:477
        $1 = 0x3
        $2 = 0x1

        Breakpoint 1, gc_log_change (start_block=40, length=0) at ../../py/gc.c:147
        #0  gc_log_change (start_block=40, length=0) at ../../py/gc.c:147
        #1  0x00000a10 in gc_sweep_free_blocks () at ../../py/gc.c:412
        #2  gc_collect_end () at ../../py/gc.c:601
        #3  0x0800abcd in ?? ()
        #4  0x00025146 in main (argc=<optimized out>, argv=0x0 <mp_obj_list_ensure>) at main.c:105
        $3 = 0x28
        $4 = 0x0

        Breakpoint 1, gc_log_change (start_block=7, length=4) at ../../py/gc.c:147
        #0  gc_log_change (start_block=7, length=4) at ../../py/gc.c:147
        #1  0x00000b00 in gc_realloc (ptr_in=0x20000700 <x+4>, n_bytes=64, allow_move=true) at ../../py/gc.c:1100
        #2  0x00001000 in helper () from /lib/x.so
        #3  0x00001100 in vstr_add_len (vstr=0x2000ff00, len=3) at ../../py/vstr.c:190
        $5 = 0x7
        $6 = 0x4

        Breakpoint 2, main (argc=<optimized out>, argv=<optimized out>) at main.c:81
        """;
    Path file = dir.resolve("mylog.txt");
    Files.writeString(file, log);
    List<FrameEvent> events = LogCaptions.read(file);
    assertThat(events).containsExactly(
        new FrameEvent(0, "alloc", 0, 3, 1, "list_new (objlist.c:477)"),
        new FrameEvent(1, "sweep", 0, 40, 0, "main (main.c:105)"),
        new FrameEvent(2, "realloc", 0, 7, 4, "vstr_add_len (vstr.c:190)"));
  }
}
