package io.heapreel.model.verify;

import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.LogSummary;
import java.util.List;

/**
 * The outcome of {@link CaptureVerifier}: whether log and dumps belong together.
 *
 * @param log what the log held: hook records (the snapshots it accounts for), damage, the hook
 * @param snapshots whole snapshots in the RAM file
 * @param checked events compared with their snapshot
 * @param mismatched events whose snapshot differs from the log's prediction
 * @param first the first mismatches, in event order
 * @param firstDamage the first damage reports of the log
 */
public record VerifyReport(
    LogSummary log,
    long snapshots,
    long checked,
    long mismatched,
    List<Mismatch> first,
    List<Damage> firstDamage) {
  public VerifyReport {
    first = List.copyOf(first);
    firstDamage = List.copyOf(firstDamage);
  }

  public long records() {
    return log.records();
  }

  public long damage() {
    return log.damage();
  }

  public long skipped() {
    return log.skipped();
  }

  public boolean countsMatch() {
    return records() == snapshots;
  }

  /** One record per snapshot and every checked snapshot as the log says. */
  public boolean holdsTogether() {
    return countsMatch() && mismatched == 0 && checked > 0;
  }
}
