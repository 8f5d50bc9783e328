package dev.rung.job.exec;

import dev.rung.job.tables.Fence;
import dev.rung.pruners.FrozenPruner;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One unit of work sent to an executor: epochs {@code [epochFrom, epochTo)} of one trial, continued
 * from {@code inputCheckpoint} (null for a trial's first segment) and saved to {@code
 * outputCheckpoint}.
 *
 * @param study the study's name
 * @param segmentId unique id of the segment, stable across Spark task retries
 * @param trial the trial's number
 * @param bracket the trial's Hyperband bracket (0 when there is one bracket)
 * @param rung the rung this segment trains up to
 * @param epochFrom first epoch to train (0-based)
 * @param epochTo epoch to stop before
 * @param params the trial's parameter values
 * @param seed the trial's seed
 * @param inputCheckpoint where the trial's state after {@code epochFrom} epochs is, or null
 * @param outputCheckpoint where to save the state after the last epoch trained
 * @param pruner the sweep's pruner frozen against the study when the segment was sent, asked after
 *     every epoch; null when nothing prunes inside segments (rungs decide, or no pruning)
 * @param reported the values the trial reported before this segment, by step, which the pruner
 *     judges along with the segment's own (empty without a pruner)
 * @param timeLimitMillis the segment's time limit (0 = none)
 * @param fence what the executor checks before it saves the segment's checkpoint (that the driver
 *     that sent it still holds the output's lock), or null for no check
 * @param objective the name of the metric the study optimizes (the first of its metrics): the value
 *     each epoch reports to the trial and that the pruner judges
 */
public record SegmentTask(
    String study,
    String segmentId,
    int trial,
    int bracket,
    int rung,
    int epochFrom,
    int epochTo,
    Map<String, Object> params,
    long seed,
    String inputCheckpoint,
    String outputCheckpoint,
    FrozenPruner pruner,
    Map<Integer, Double> reported,
    long timeLimitMillis,
    Fence fence,
    String objective)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public SegmentTask {
    if (epochFrom < 0 || epochTo <= epochFrom) {
      throw new IllegalArgumentException(
          "segment " + segmentId + ": epochs [" + epochFrom + ", " + epochTo + ") are empty");
    }
    if (epochFrom > 0 && inputCheckpoint == null) {
      throw new IllegalArgumentException(
          "segment "
              + segmentId
              + " starts at epoch "
              + epochFrom
              + " but has no input checkpoint");
    }
    if (objective == null || objective.isBlank()) {
      throw new IllegalArgumentException("segment " + segmentId + " names no objective metric");
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    reported = Map.copyOf(reported);
  }

  /** A segment without a fence, optimizing {@code objective}. */
  public SegmentTask(
      String study,
      String segmentId,
      int trial,
      int bracket,
      int rung,
      int epochFrom,
      int epochTo,
      Map<String, Object> params,
      long seed,
      String inputCheckpoint,
      String outputCheckpoint,
      FrozenPruner pruner,
      Map<Integer, Double> reported,
      long timeLimitMillis,
      String objective) {
    this(
        study,
        segmentId,
        trial,
        bracket,
        rung,
        epochFrom,
        epochTo,
        params,
        seed,
        inputCheckpoint,
        outputCheckpoint,
        pruner,
        reported,
        timeLimitMillis,
        null,
        objective);
  }

  /**
   * The trial as the pruner sees it when this segment starts: RUNNING, with the values it reported
   * before (parameters are not needed to prune).
   */
  public FrozenTrial trialAtStart() {
    FrozenTrial t = FrozenTrial.create(trial, TrialState.RUNNING, null);
    for (var e : new TreeMap<>(reported).entrySet()) {
      t = t.withIntermediate(e.getKey(), e.getValue());
    }
    return t;
  }

  /** Whether the pruner stops {@code trial} (this segment's trial with its values so far) now. */
  public boolean prunes(FrozenTrial trial) {
    return pruner != null && pruner.prune(trial);
  }

  /** The number of epochs this segment trains. */
  public int epochs() {
    return epochTo - epochFrom;
  }
}
