package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage lines written by the steps themselves, a file per element ({@link DamageFile}), read by the
 * launcher as run.json's damage_detail: folder by folder, each folder's lines sorted across its
 * files (numbers by their value: snapshot 3 before snapshot 16), the first {@code max} of them; a file not finished is not read.
 */
class DamageLinesTest {
  @Test
  void linesOfEachFolderAreSortedAcrossItsFilesAndBounded(@TempDir Path tmp) {
    try (StagedOutput output = StagedOutput.create(tmp.resolve("out"))) {
      String damage = output.stagingDamage();
      DamageFile later = new DamageFile(damage + "/snapshots", "part-000000000016");
      later.add("snapshot 17: b");
      later.add("snapshot 16: a");
      later.finish();
      DamageFile first = new DamageFile(damage + "/snapshots", "part-000000000000");
      first.add("snapshot 3: c");
      first.finish();
      DamageFile log = new DamageFile(damage + "/log", "part-all");
      log.add("mylog.txt: z");
      log.add("event 9 (log line 90): y");
      log.finish();
      new DamageFile(damage + "/key-frames", "part-000000000000").add("snapshot 5: never finished");
      new DamageFile(damage + "/key-frames", "part-000000000010").finish(); // no line, no file

      assertThat(output.damageLines(100)).containsExactly(
          "event 9 (log line 90): y", "mylog.txt: z", "snapshot 3: c", "snapshot 16: a", "snapshot 17: b");
      assertThat(output.damageLines(3)).containsExactly("event 9 (log line 90): y", "mylog.txt: z", "snapshot 3: c");
      assertThat(Path.of(damage, "key-frames")).isDirectoryNotContaining(p -> p.toString().endsWith(".txt"));
      output.discard();
    }
  }

  @Test
  void noLineNoFile(@TempDir Path tmp) throws Exception {
    new DamageFile(tmp.resolve("damage").toString(), "part-all").finish();
    assertThat(tmp.resolve("damage")).doesNotExist();
    assertThat(Files.list(tmp)).isEmpty();
  }
}
