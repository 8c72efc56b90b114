package io.heapreel.model.verify;

import io.heapreel.model.gclog.Damage;
import java.util.List;

/**
 * The outcome of {@link CaptureVerifier}: whether log and dumps belong together.
 *
 * @param records hook records in the log
 * @param snapshots whole snapshots in the RAM file
 * @param checked events compared with their snapshot
 * @param mismatched events whose snapshot differs from the log's prediction
 * @param first the first mismatches, in event order
 * @param damage damage reports in the log (count) and the first few
 */
public record VerifyReport(
    long records,
    long snapshots,
    long checked,
    long mismatched,
    List<Mismatch> first,
    long damage,
    long skipped,
    List<Damage> firstDamage) {
  public VerifyReport {
    first = List.copyOf(first);
    firstDamage = List.copyOf(firstDamage);
  }

  public boolean countsMatch() {
    return records == snapshots;
  }

  /** One record per snapshot and every checked snapshot as the log says. */
  public boolean holdsTogether() {
    return countsMatch() && mismatched == 0 && checked > 0;
  }
}
