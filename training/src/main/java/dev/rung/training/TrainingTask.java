package dev.rung.training;

import dev.rung.training.checkpoint.Checkpoint;
import dev.rung.training.checkpoint.HadoopFiles;
import dev.rung.training.data.DataCache;
import dev.rung.training.data.DataSpec;
import dev.rung.training.data.PreparedData;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.EpochTrainer;
import dev.rung.training.loop.TrainingOutcome;
import dev.rung.training.model.MemoryEstimate;
import dev.rung.training.model.TrainingSpec;
import dev.rung.training.model.TrainingSpecs;
import java.util.Map;
import java.util.Objects;

/**
 * One rung of one trial, as a Spark task runs it: load the (cached) data, build the network from
 * the trial's parameters or continue it from a checkpoint, train epochs {@code [fromEpoch,
 * toEpoch)}, and checkpoint the result for the next rung. A network too large for the native memory
 * allowed is refused before it is built ({@link MemoryEstimate}).
 *
 * @param data the data to train on
 * @param params the trial's parameters (see {@link dev.rung.training.model.ParamNames})
 * @param seed the trial's seed
 * @param fromEpoch the first epoch to train; above 0 {@code inputCheckpoint} must hold the trial
 *     after that many epochs
 * @param toEpoch the epoch to stop before
 * @param inputCheckpoint the checkpoint to continue from (read when {@code fromEpoch > 0})
 * @param outputCheckpoint where to save the trial after {@code toEpoch} epochs (not written when
 *     the reporter stops training early), or null for none
 */
public record TrainingTask(
    DataSpec data,
    Map<String, Object> params,
    long seed,
    int fromEpoch,
    int toEpoch,
    String inputCheckpoint,
    String outputCheckpoint) {

  public TrainingTask {
    Objects.requireNonNull(data, "data");
    params = Map.copyOf(params);
    if (fromEpoch < 0 || toEpoch < fromEpoch) {
      throw new IllegalArgumentException(
          "epochs [" + fromEpoch + ", " + toEpoch + ") are not allowed: need 0 <= from <= to");
    }
    if (fromEpoch > 0 && inputCheckpoint == null) {
      throw new IllegalArgumentException(
          "continuing at epoch " + fromEpoch + " needs the checkpoint of the earlier epochs");
    }
  }

  /** What the task produced. */
  public record Result(TrainingOutcome outcome, EpochTrainer trainer) {}

  /** Runs the task, reporting each epoch to {@code reporter}. */
  public Result run(EpochReporter reporter) {
    PreparedData prepared = DataCache.get(data);
    TrainingSpec spec = TrainingSpecs.fromParams(params);
    MemoryEstimate.check(spec, prepared.shape(), prepared.classes());
    EpochTrainer trainer;
    if (fromEpoch == 0) {
      trainer = new EpochTrainer(spec, prepared, seed);
    } else {
      Checkpoint c = Checkpoint.load(inputCheckpoint);
      if (c.nextEpoch() != fromEpoch || c.seed() != seed) {
        throw new IllegalStateException(
            "checkpoint "
                + inputCheckpoint
                + " continues at epoch "
                + c.nextEpoch()
                + " with seed "
                + c.seed()
                + ", but the task starts at epoch "
                + fromEpoch
                + " with seed "
                + seed);
      }
      trainer = c.resume(spec, prepared);
    }
    TrainingOutcome outcome = trainer.train(toEpoch, reporter);
    if (outputCheckpoint != null && !outcome.pruned()) {
      Checkpoint.save(trainer, outputCheckpoint);
    }
    return new Result(outcome, trainer);
  }

  /** Whether a checkpoint exists at {@code location}. */
  public static boolean checkpointExists(String location) {
    return HadoopFiles.exists(location);
  }
}
