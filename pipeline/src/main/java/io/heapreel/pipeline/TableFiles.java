package io.heapreel.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.hadoop.conf.Configuration;

/**
 * Rows of one table written from inside a DoFn as they come, a {@link ParquetBatchFile} per
 * {@code rowsPerFile} rows: for a DoFn that makes a long stream of rows from one element, whose
 * outputs a runner would hold until the element is done.
 *
 * <p>Files are written by a thread of their own while the DoFn goes on making rows, one file at a
 * time: at most two batches are in memory. {@link #finish()} writes the last one and waits.
 */
final class TableFiles implements AutoCloseable {
  private final Table table;
  private final String folder;
  private final int rowsPerFile;
  private final Configuration hadoop;
  // counted on the DoFn's thread: Beam's metrics belong to the thread that runs the bundle
  private final Counter rows;
  private final Counter all = Metrics.counter(Counters.NAMESPACE, Counters.ROWS_WRITTEN);
  private final ExecutorService writer;
  private Future<?> writing;
  private List<GenericRecord> batch = new ArrayList<>();

  /** @param tablesFolder the (staging) {@code tables} folder */
  TableFiles(Table table, String tablesFolder, int rowsPerFile, Configuration hadoop) {
    this.table = table;
    this.folder = tablesFolder + "/" + table.folder();
    this.rowsPerFile = rowsPerFile;
    this.hadoop = hadoop;
    this.rows = Metrics.counter(Counters.NAMESPACE, Counters.rows(table));
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "heapreel-" + table.folder() + "-writer");
      t.setDaemon(true);
      return t;
    });
  }

  void add(GenericRecord row) {
    batch.add(row);
    if (batch.size() >= rowsPerFile) {
      writeBatch();
    }
  }

  /** {@code file} as a file of its own (after the rows added before it); the list is not changed after. */
  void addFile(List<GenericRecord> file) {
    writeBatch();
    submit(file);
  }

  /** Writes the rows added since the last file and waits until every file is written. */
  void finish() {
    writeBatch();
    awaitWriting();
  }

  private void writeBatch() {
    List<GenericRecord> full = batch;
    batch = new ArrayList<>();
    submit(full);
  }

  private void submit(List<GenericRecord> file) {
    if (file.isEmpty()) {
      return;
    }
    awaitWriting();
    writing = writer.submit(() -> ParquetBatchFile.write(table, folder, file, hadoop));
    rows.inc(file.size());
    all.inc(file.size());
  }

  private void awaitWriting() {
    if (writing == null) {
      return;
    }
    try {
      writing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + folder, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      writing = null;
    }
  }

  /** Stops the writer thread; a file being written is finished, rows not yet handed over are dropped. */
  @Override
  public void close() {
    writer.shutdown();
  }
}
