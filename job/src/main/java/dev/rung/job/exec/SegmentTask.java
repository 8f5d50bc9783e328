package dev.rung.job.exec;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * @param pruning statistics for pruning within the segment (median pruning), or null
 * @param timeLimitMillis the segment's time limit (0 = none)
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
    PruningStats pruning,
    long timeLimitMillis)
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
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The number of epochs this segment trains. */
  public int epochs() {
    return epochTo - epochFrom;
  }
}
