package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.types.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

/**
 * native.py on MPS2_AN385 (resources out-of-memory/arm-native): a @micropython.native and a
 * @micropython.viper function compiled by the Thumb emitter. What each of its allocations is,
 * read from py/emitnative.c and py/asmbase.c of v1.28: the emitter's state and working arrays, its
 * label offsets, and the two functions' machine code.
 */
class NativeEmitterSitesTest {
  @TempDir static Path dir;

  @Test
  void theNativeEmittersAllocationsHaveTheRolesTheirSitesGive() throws IOException {
    Path log = dir.resolve("arm-native.log");
    try (InputStream in = new XZInputStream(NativeEmitterSitesTest.class.getResourceAsStream("/out-of-memory/arm-native.log.xz"))) {
      Files.copy(in, log);
    }
    LogReplay replay = LogReplay.read(log, SiteRules.MICROPYTHON);
    Map<String, String> roles = new TreeMap<>();
    for (Lifespan l : replay.lifespans()) {
      String function = l.siteFrame() == null ? "" : l.siteFrame().function();
      if (function.startsWith("emit_native") || function.startsWith("mp_asm_base")) {
        Role role = SiteRules.MICROPYTHON.siteRole(l.startTrace(), l.site());
        roles.merge(function + ":" + l.siteFrame().line(), role.label(), (a, b) -> a.equals(b) ? a : a + "," + b);
      }
    }
    assertThat(roles).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "emit_native_start_pass:395", "emitter",
        "emit_native_thumb_new:307", "emitter",
        "emit_native_thumb_new:312", "emitter",
        "emit_native_thumb_new:314", "emitter",
        "emit_native_thumb_new:315", "emitter",
        "mp_asm_base_init:39", "emit_labels",
        "mp_asm_base_start_pass:55", "native_code")));
  }
}
