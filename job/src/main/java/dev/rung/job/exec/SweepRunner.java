package dev.rung.job.exec;

import java.util.Map;

/**
 * A {@link SegmentRunner} for a whole sweep: trains its segments and, at the end, evaluates the
 * best trial once on the test set and exports it: {@link TrainingSegmentRunner}, or an {@link
 * IsolatedRunner} running it in child JVMs.
 */
public interface SweepRunner extends SegmentRunner {

  /** What trains, as recorded in each trial's provenance (e.g. the ND4J backend). */
  String backend();

  /**
   * Restores the trial saved at {@code checkpoint}, evaluates it on the test set and exports it to
   * {@code exportDir} with its parameters and metrics.
   *
   * @param tuningMetrics the trial's objective values, written beside the model
   * @return the tuning metrics followed by the test metrics
   */
  Map<String, Double> testAndExport(
      Map<String, Object> params,
      String checkpoint,
      Map<String, Double> tuningMetrics,
      String exportDir,
      long seed,
      int trial);

  /** What {@code exportDir} holds after {@link #testAndExport}, for the summary. */
  String exported(String exportDir);
}
