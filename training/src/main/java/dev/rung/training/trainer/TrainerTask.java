package dev.rung.training.trainer;

import dev.rung.training.api.ModelOutput;
import dev.rung.training.api.Trainer;
import dev.rung.training.api.TrialContext;
import dev.rung.training.checkpoint.HadoopFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * One segment of one trial trained by a user's {@link Trainer}: a new instance, {@code init},
 * {@code restore} from the input checkpoint (past epoch 0), epochs {@code [fromEpoch, toEpoch)},
 * and {@code save} to the output checkpoint unless the listener stopped training early.
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
  public int run(EpochListener listener) throws Exception {
    try (Trainer t = TrainerClasses.instantiate(trainer)) {
      t.init(context);
      if (fromEpoch > 0) {
        TrainerCheckpoint.restore(t, context.seed(), fromEpoch, inputCheckpoint);
      }
      int epoch = fromEpoch;
      while (epoch < toEpoch) {
        long start = System.nanoTime();
        Map<String, Double> metrics = t.trainEpoch(epoch);
        if (metrics == null) {
          throw new IllegalStateException(
              trainer.getName() + ".trainEpoch(" + epoch + ") returned null, not metrics");
        }
        listener.epoch(epoch, metrics, (System.nanoTime() - start) / 1_000_000);
        epoch++;
        if (epoch < toEpoch && listener.shouldStop()) {
          return epoch;
        }
      }
      if (outputCheckpoint != null) {
        TrainerCheckpoint.save(t, context.seed(), toEpoch, outputCheckpoint);
      }
      return epoch;
    }
  }

  /**
   * Restores the trial saved at {@code checkpoint} after {@code epochs} epochs, evaluates it on the
   * test set and exports it to {@code exportDir}.
   *
   * @return the test metrics the trainer reports
   */
  public static Map<String, Double> testAndExport(
      Class<? extends Trainer> trainer,
      TrialContext context,
      int epochs,
      String checkpoint,
      String exportDir)
      throws Exception {
    try (Trainer t = TrainerClasses.instantiate(trainer)) {
      t.init(context);
      TrainerCheckpoint.restore(t, context.seed(), epochs, checkpoint);
      Map<String, Double> test = t.test();
      t.export(new HadoopOutput(exportDir));
      return test == null ? Map.of() : Map.copyOf(test);
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
