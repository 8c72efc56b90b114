package io.heapreel.pipeline;

import io.heapreel.model.capture.CaptureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The output folder of one run. Tables are written into a hidden staging folder inside it and moved
 * to {@code OUT/tables/<table>} only when the whole run succeeded; run.json is written last. A
 * failed run leaves the staging folder removed and no table folder of its own.
 */
final class StagedOutput {
  static final String RUN_SUMMARY = "run.json";

  private final Path out;
  private final Path staging;
  private final List<String> stagedFiles = new ArrayList<>();
  private final List<String> staleFiles = new ArrayList<>();

  private StagedOutput(Path out, Path staging) {
    this.out = out;
    this.staging = staging;
  }

  static StagedOutput create(Path out) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new CaptureException(out + ": --out must be a folder, and this is a file");
    }
    Path staging = out.resolve(".staging-" + UUID.randomUUID());
    try {
      Files.createDirectories(staging.resolve("tables"));
      Files.createDirectories(staging.resolve("damage"));
    } catch (IOException e) {
      throw new CaptureException(out + ": cannot create the output folder (" + e.getMessage() + ")", e);
    }
    return new StagedOutput(out.toAbsolutePath(), staging.toAbsolutePath());
  }

  Path out() {
    return out;
  }

  Path tables() {
    return out.resolve("tables");
  }

  String stagingTables() {
    return staging.resolve("tables").toString();
  }

  String stagingDamage() {
    return staging.resolve("damage").toString();
  }

  /** The lines the damage writers left, up to {@code max}; all of them are counted by counters. */
  List<String> damageLines(int max) {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(staging.resolve("damage"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (lines.size() < max) {
            lines.add(line);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** A file of the run (such as the report) staged beside the tables; {@link #publish} moves it to {@code OUT/name}. */
  void stage(String name, byte[] bytes) {
    try {
      Files.write(staging.resolve(name), bytes);
      stagedFiles.add(name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + staging.resolve(name), e);
    }
  }

  /** A file an earlier run left in {@code OUT} that this run does not write again: {@link #publish} removes it. */
  void removeStale(String name) {
    staleFiles.add(name);
  }

  /** Parquet files of one staged table. */
  int files(Table table) {
    Path folder = staging.resolve("tables").resolve(table.folder());
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return (int) files.filter(p -> p.toString().endsWith(".parquet")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Moves the staged tables into {@code OUT/tables}, replacing the same tables of an earlier run,
   * then removes the staging folder. The old run.json goes first so that a folder with a run.json
   * always holds the tables it describes.
   */
  void publish(List<Table> tables) {
    try {
      Files.deleteIfExists(out.resolve(RUN_SUMMARY));
      Files.createDirectories(tables());
      for (Table t : tables) {
        Path staged = staging.resolve("tables").resolve(t.folder());
        Path target = tables().resolve(t.folder());
        if (!Files.isDirectory(staged)) {
          Files.createDirectories(staged);
        }
        deleteUnfinishedFiles(staged);
        deleteTree(target);
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      }
      for (String name : stagedFiles) {
        Files.move(staging.resolve(name), out.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      for (String name : staleFiles) {
        Files.deleteIfExists(out.resolve(name));
      }
      deleteTree(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the tables into " + tables(), e);
    }
  }

  /** Files a failed write attempt left behind (its retry wrote the finished file). */
  private static void deleteUnfinishedFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.getFileName().toString().contains(ParquetBatchFile.IN_PROGRESS)).toList()) {
        Files.delete(f);
      }
    }
  }

  void writeSummary(byte[] json) {
    try {
      Path tmp = staging.resolveSibling(".run.json.tmp");
      Files.write(tmp, json);
      Files.move(tmp, out.resolve(RUN_SUMMARY), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out.resolve(RUN_SUMMARY), e);
    }
  }

  /** Removes everything this run staged; used when the run fails. */
  void discard() {
    try {
      deleteTree(staging);
    } catch (IOException e) {
      // leave it: the name marks it as staging, never as a table
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
