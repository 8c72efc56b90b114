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
 * @param factDisagreements capture facts of the log's preamble that the symbols or RAM span in use
 *     contradict
 * @param suspect "snapshot N: why" for each checked snapshot whose allocation table no collector
 *     leaves (a damaged dump), in event order; it may agree with every event
 */
public record VerifyReport(
    LogSummary log,
    long snapshots,
    long checked,
    long mismatched,
    List<Mismatch> first,
    List<Damage> firstDamage,
    List<String> factDisagreements,
    List<String> suspect) {
  public VerifyReport {
    suspect = List.copyOf(suspect);
    first = List.copyOf(first);
    firstDamage = List.copyOf(firstDamage);
    factDisagreements = List.copyOf(factDisagreements);
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

  /**
   * One record per snapshot, every checked snapshot as the log says and none suspect, and no
   * contradicted fact. A suspect snapshot may agree with every event (its damage lies where no event
   * looks, or its pools are exchanged under tables that stayed), but its dump is no collector's.
   */
  public boolean holdsTogether() {
    return countsMatch() && mismatched == 0 && checked > 0 && factDisagreements.isEmpty() && suspect.isEmpty();
  }
}
