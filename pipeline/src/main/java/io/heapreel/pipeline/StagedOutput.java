package io.heapreel.pipeline;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.error.Reasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The output folder of one run, published whole or not at all. Everything the run writes (tables,
 * frames, video, DevTools exports, run.json, whatever else lands in {@link #runFolder()}) goes into a
 * folder of its own, {@code OUT/.runs/<id>}; {@code OUT/.current} is a link to the run on show, and
 * each visible name in OUT ({@code tables}, {@code run.json}, {@code frames}, ...) is a link through
 * it. Publishing swaps {@code .current} with one rename, so OUT shows the old run or the new one,
 * never a mix, whenever the process is killed. A lock on {@code OUT/.lock} keeps a second run out;
 * runs left by dead processes are removed when the next run takes the lock.
 */
final class StagedOutput implements AutoCloseable {
  static final String RUN_SUMMARY = "run.json";
  static final String RUNS = ".runs";
  static final String CURRENT = ".current";
  private static final String DAMAGE = ".damage";
  private static final String FAILED_ALLOCATIONS = ".failed-allocations";

  private final Path out;
  private final Path run;
  private final OutputLock lock;

  private StagedOutput(Path out, Path run, OutputLock lock) {
    this.out = out;
    this.run = run;
    this.lock = lock;
  }

  static StagedOutput create(Path outFolder) {
    Path out = outFolder.toAbsolutePath();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new CaptureException(outFolder + ": --out must be a folder, and this is a file");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new CaptureException(outFolder + ": cannot create the output folder (" + Reasons.of(e) + ")", e);
    }
    OutputLock lock = OutputLock.acquire(out);
    try {
      refuseOlderLayout(outFolder, out);
      requireLinks(outFolder, out);
      removeLeftovers(out);
      Path run = out.resolve(RUNS).resolve("run-" + UUID.randomUUID());
      Files.createDirectories(run.resolve("tables"));
      Files.createDirectories(run.resolve(DAMAGE));
      return new StagedOutput(out, run, lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      if (e instanceof CaptureException c) {
        throw c;
      }
      throw new CaptureException(outFolder + ": cannot prepare the output folder (" + Reasons.of(e) + ")", e);
    }
  }

  /**
   * What a run publishes as a link in OUT. A real file or folder of one of these names (the output of
   * a heapreel from before the links, or frames written there by {@code frames --out}) cannot be
   * replaced by a link in one step (a folder is not renamed over): a run killed in between would
   * leave neither, so it is refused before any work.
   */
  static final List<String> PUBLISHED = List.of(RUN_SUMMARY, "tables", "frames", "heap.mp4", "heap.gif", "heapsnapshots", "report.html");

  private static void refuseOlderLayout(Path outFolder, Path out) {
    List<String> real = PUBLISHED.stream()
        .filter(n -> Files.exists(out.resolve(n), LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(out.resolve(n)))
        .toList();
    if (!real.isEmpty()) {
      throw new CaptureException(String.format(
          "%s holds %s as plain %s (the output of an older heapreel, or written there by hand): a run publishes"
              + " these as links to a whole run (%s/%s) and cannot replace them in one step; move them away or"
              + " delete them, or give another --out",
          outFolder, String.join(", ", real), real.size() == 1 ? "file or folder" : "files and folders", RUNS, "<id>"));
    }
  }

  /** Publishing swaps links: a filesystem without them (FAT, exFAT, some network shares) is refused at once. */
  private static void requireLinks(Path outFolder, Path out) throws IOException {
    Files.createDirectories(out.resolve(RUNS));
    Path probe = out.resolve(RUNS).resolve(".link-probe-" + UUID.randomUUID());
    try {
      Files.createSymbolicLink(probe, Path.of("."));
    } catch (IOException | UnsupportedOperationException e) {
      throw new CaptureException(outFolder + ": cannot make a symbolic link here (" + Reasons.of(e) + "): run publishes"
          + " each run whole by swapping a link (OUT/.current); give an --out on a filesystem with links"
          + " (ext4, xfs, btrfs, tmpfs, APFS; not FAT or exFAT)", e);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /** The published folder, OUT. */
  Path out() {
    return out;
  }

  /** Where the tables are once published: {@code OUT/tables}. */
  Path tables() {
    return out.resolve("tables");
  }

  /** This run's own folder: whatever is written here is published with the run, and only then. */
  Path runFolder() {
    return run;
  }

  String stagingTables() {
    return run.resolve("tables").toString();
  }

  String stagingDamage() {
    return run.resolve(DAMAGE).toString();
  }

  /** Where the replay leaves the allocations the log shows failing ({@link FailedAllocationLine}). */
  String stagingFailures() {
    return run.resolve(FAILED_ALLOCATIONS).toString();
  }

  /** The lines the replay left in {@link #stagingFailures}, in the order it wrote them. */
  List<String> failureLines() {
    Path folder = run.resolve(FAILED_ALLOCATIONS);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /**
   * The lines the steps left about damaged input ({@link DamageFile}), up to {@code max}: folder by
   * folder in name order, each folder's lines (of all its files) sorted; all of them are counted by counters.
   */
  List<String> damageLines(int max) {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(run.resolve(DAMAGE))) {
      Map<Path, List<Path>> byFolder =
          files.filter(p -> p.toString().endsWith(".txt")).collect(Collectors.groupingBy(Path::getParent, TreeMap::new, Collectors.toList()));
      for (List<Path> folder : byFolder.values()) {
        List<String> sorted = new ArrayList<>();
        for (Path f : folder) {
          sorted.addAll(Files.readAllLines(f));
        }
        sorted.sort(NumbersInOrder.INSTANCE);
        lines.addAll(sorted.subList(0, Math.min(sorted.size(), max - lines.size())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** A file of the run (such as the report): published with it as {@code OUT/name}. */
  void stage(String name, byte[] bytes) {
    try {
      Files.write(run.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + run.resolve(name), e);
    }
  }

  /** Parquet files of one staged table. */
  int files(Table table) {
    Path folder = run.resolve("tables").resolve(table.folder());
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return (int) files.filter(p -> p.toString().endsWith(".parquet")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes every table folder exist (an empty table is an empty folder) and drops unfinished files. */
  void finishTables(List<Table> tables) {
    try {
      for (Table t : tables) {
        Path staged = run.resolve("tables").resolve(t.folder());
        Files.createDirectories(staged);
        deleteUnfinishedFiles(staged);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the tables in " + run, e);
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

  /** Writes run.json into the run, then shows the run in OUT with one rename. */
  void publish(byte[] summary) {
    try {
      Files.write(run.resolve(RUN_SUMMARY), summary);
      deleteTree(run.resolve(DAMAGE));
      List<String> names;
      try (Stream<Path> entries = Files.list(run)) {
        names = entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
      }
      for (String name : names) {
        linkThroughCurrent(name);
      }
      Path next = out.resolve(CURRENT + ".next-" + run.getFileName());
      Files.createSymbolicLink(next, out.relativize(run));
      Files.move(next, out.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UnsupportedOperationException e) {
      throw new CaptureException(out + ": cannot publish the run (" + Reasons.of(e) + ")", e);
    }
    try {
      removeLeftovers(out);
    } catch (IOException e) {
      // the new run is in place; what is left of the old one goes with the next run
    }
  }

  /**
   * {@code OUT/name -> .current/name}. A real file or folder of a name outside {@link #PUBLISHED}
   * (a file a later step added to the run) makes way for the link; those in it were refused before
   * the run began.
   */
  private void linkThroughCurrent(String name) throws IOException {
    Path link = out.resolve(name);
    Path target = Path.of(CURRENT, name);
    if (Files.isSymbolicLink(link)) {
      if (Files.readSymbolicLink(link).equals(target)) {
        return;
      }
      Files.delete(link);
    } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(link);
    }
    Files.createSymbolicLink(link, target);
  }

  /**
   * With the lock held no other run is alive, so every run folder but the one on show, every
   * staging folder of an older heapreel and every link to nothing is a leftover.
   */
  private static void removeLeftovers(Path out) throws IOException {
    Path current = out.resolve(CURRENT);
    Path shown = Files.isSymbolicLink(current) ? out.resolve(Files.readSymbolicLink(current)).normalize() : null;
    Path runs = out.resolve(RUNS);
    if (Files.isDirectory(runs)) {
      try (Stream<Path> entries = Files.list(runs)) {
        for (Path r : entries.toList()) {
          if (!r.normalize().equals(shown)) {
            deleteTree(r);
          }
        }
      }
    }
    try (Stream<Path> entries = Files.list(out)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".staging-") || name.startsWith(CURRENT + ".next-") || name.equals(".run.json.tmp")) {
          deleteTree(p);
        } else if (Files.isSymbolicLink(p) && !Files.exists(p) && Files.readSymbolicLink(p).startsWith(CURRENT)) {
          Files.delete(p);
        }
      }
    }
  }

  /** Removes everything this run staged; used when the run fails. */
  void discard() {
    // a failed pipeline's other workers may still finish a bundle (and write a file) for a moment:
    // gone for a while means gone; what is still there after that goes with the next run into OUT
    int quiet = 0;
    for (int attempt = 0; attempt < 60 && quiet < 5; attempt++) {
      try {
        deleteTree(run);
      } catch (IOException e) {
        // a file appeared or vanished while the tree was walked: try again
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
        return;
      }
      quiet = Files.exists(run, LinkOption.NOFOLLOW_LINKS) ? 0 : quiet + 1;
    }
  }

  @Override
  public void close() {
    lock.close();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
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
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
