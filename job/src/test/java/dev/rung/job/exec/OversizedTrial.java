package dev.rung.job.exec;

import dev.rung.job.config.SweepConfigLoader;
import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * Runs segments as an executor does (through a {@link GuardedRunner}), in a JVM of its own started
 * with memory limits, and prints {@code outcome|reason} for each. {@code args[0]} is the sweep
 * file; each further argument is a segment: a number is an MLP trial whose hidden layer has that
 * many units, {@code heap} a runner that fills the Java heap.
 */
public final class OversizedTrial {
  private OversizedTrial() {}

  public static void main(String[] args) {
    var config =
        SweepConfigLoader.load(
            new File(args[0]),
            List.of("output=" + System.getProperty("java.io.tmpdir") + "/rung-oversized"));
    for (int i = 1; i < args.length; i++) {
      boolean heap = args[i].equals("heap");
      SegmentRunner runner =
          new GuardedRunner(heap ? new HeapFiller() : TrainingSegmentRunner.of(config));
      Map<String, Object> params = new java.util.HashMap<>();
      if (!heap) {
        params.put("model", "mlp");
        params.put("mlp_layers", 1);
        params.put("mlp_0_width", Integer.parseInt(args[i]));
        params.put("lr", 0.01);
        params.put("optimizer", "adam");
        params.put("batch_size", 32);
      }
      SegmentTask task =
          new SegmentTask(
              "oversized",
              "t" + i,
              i,
              0,
              0,
              0,
              1,
              params,
              7,
              null,
              null,
              null,
              Map.of(),
              0,
              "val_accuracy");
      SegmentResult r = runner.run(task, new TaskPlacement("driver", "localhost", null, 0));
      System.out.println(r.outcome() + "|" + r.reason());
    }
  }

  /** Allocates on the Java heap until it is full. */
  private static final class HeapFiller implements SegmentRunner {
    private static final long serialVersionUID = 1L;

    @Override
    public SegmentResult run(SegmentTask task, TaskPlacement placement) {
      List<long[]> hoard = new java.util.ArrayList<>();
      while (hoard.size() >= 0) {
        hoard.add(new long[1 << 20]);
      }
      throw new AssertionError("unreachable: " + hoard.size());
    }
  }
}
