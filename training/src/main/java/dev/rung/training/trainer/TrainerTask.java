package dev.rung.training.trainer;

import dev.rung.training.api.ModelOutput;
import dev.rung.training.api.Trainer;
import dev.rung.training.api.TrialContext;
import dev.rung.training.checkpoint.Checkpoint;
import dev.rung.training.checkpoint.HadoopFiles;
import dev.rung.training.export.ModelExport;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.model.NetworkTrainer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One segment of one trial, whatever trains it (a user's {@link Trainer} or the built-in networks'
 * {@link dev.rung.training.model.NetworkTrainer}): a new instance, {@code init}, {@code restore}
 * from the input checkpoint (past epoch 0), epochs {@code [fromEpoch, toEpoch)}, each reported to
 * an {@link EpochReporter}, and {@code save} to the output checkpoint unless the reporter stopped
 * training early. A network too large for the native memory allowed is refused in {@code init},
 * before it is built.
 *
 * @param trainer the trainer class
 * @param context the trial
 * @param fromEpoch the first epoch to train
 * @param toEpoch the epoch to stop before
 * @param inputCheckpoint the state after {@code fromEpoch} epochs (read when {@code fromEpoch > 0})
 * @param outputCheckpoint where to save the state after {@code toEpoch} epochs, or null
 */
public record TrainerTask(
    Class<? extends Trainer> trainer,
    TrialContext context,
    int fromEpoch,
    int toEpoch,
    String inputCheckpoint,
    String outputCheckpoint) {

  public TrainerTask {
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(context, "context");
    if (fromEpoch < 0 || toEpoch < fromEpoch) {
      throw new IllegalArgumentException(
          "epochs [" + fromEpoch + ", " + toEpoch + ") are not allowed: need 0 <= from <= to");
    }
    if (fromEpoch > 0 && inputCheckpoint == null) {
      throw new IllegalArgumentException(
          "continuing at epoch " + fromEpoch + " needs the checkpoint of the earlier epochs");
    }
  }

  /**
   * Runs the segment.
   *
   * @return the number of epochs trained when it ended: {@code toEpoch}, or less when stopped
   * @throws Exception whatever the trainer throws (the trial's own failure)
   */
  public int run(EpochReporter reporter) throws Exception {
    try (Trainer t = TrainerClasses.instantiate(trainer)) {
      t.init(context);
      if (fromEpoch > 0) {
        Checkpoint.restore(t, context.seed(), fromEpoch, inputCheckpoint);
      }
      int epoch = fromEpoch;
      while (epoch < toEpoch) {
        long start = System.nanoTime();
        Map<String, Double> metrics = t.trainEpoch(epoch);
        if (metrics == null) {
          throw new IllegalStateException(
              trainer.getName() + ".trainEpoch(" + epoch + ") returned null, not metrics");
        }
        reporter.report(new EpochMetrics(epoch, metrics, (System.nanoTime() - start) / 1e9, 0));
        epoch++;
        if (epoch < toEpoch && reporter.shouldPrune()) {
          return epoch;
        }
      }
      if (outputCheckpoint != null) {
        Checkpoint.save(t, context.seed(), toEpoch, outputCheckpoint);
      }
      return epoch;
    }
  }

  /**
   * Restores the trial saved at {@code checkpoint} after {@code epochs} epochs, evaluates it on the
   * test set and exports it to {@code exportDir}, with {@code model.json} (the trial's parameters
   * and metrics) beside what the trainer writes.
   *
   * @param tuningMetrics the trial's metrics from tuning, recorded with the test metrics
   * @return the tuning metrics with the test metrics the trainer reports
   */
  public static Map<String, Double> testAndExport(
      Class<? extends Trainer> trainer,
      TrialContext context,
      int epochs,
      String checkpoint,
      String exportDir,
      Map<String, Double> tuningMetrics)
      throws Exception {
    try (Trainer t = TrainerClasses.instantiate(trainer)) {
      t.init(context);
      Checkpoint.restore(t, context.seed(), epochs, checkpoint);
      Map<String, Double> test = t.test();
      t.export(new HadoopOutput(exportDir));
      Map<String, Double> out = new LinkedHashMap<>(tuningMetrics);
      if (test != null) {
        out.putAll(test);
      }
      Map<String, Object> description =
          t instanceof NetworkTrainer n
              ? n.exportDescription()
              : Map.of("trainer", trainer.getName());
      ModelExport.writeMeta(exportDir, description, context.params(), out);
      return out;
    }
  }

  /** An export directory on a Hadoop file system. */
  private record HadoopOutput(String location) implements ModelOutput {
    @Override
    public OutputStream create(String name) throws IOException {
      if (name.isEmpty() || name.contains("/")) {
        throw new IllegalArgumentException(
            "export file name '" + name + "' must be a plain name without '/'");
      }
      return HadoopFiles.create(HadoopFiles.child(location, name));
    }
  }
}
