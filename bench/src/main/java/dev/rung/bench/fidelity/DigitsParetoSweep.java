package dev.rung.bench.fidelity;

import com.typesafe.config.ConfigFactory;
import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.config.SweepConfigLoader;
import dev.rung.job.sim.SimulatedCluster;
import dev.rung.job.sim.SimulatedSweep;
import dev.rung.study.Direction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The product's sweep over the recorded digits MLP curves with two objectives: maximize the
 * validation accuracy (1 - the recorded validation error), minimize the network's parameter count,
 * which its architecture fixes (8x8 inputs, {@code layers} hidden dense layers of {@code width}
 * units each, 10 outputs, biases everywhere).
 *
 * <p>The search space is the replay's ({@link TableReplay}: a float range per numeric column, a
 * categorical per text column), and each trial of a sweep replays the nearest recorded
 * configuration that sweep has not used yet, as the single-objective replay does. The sweep runs as
 * the driver runs it, in the driver-only simulation, on 1 slot, with a budget of {@link #TRAININGS}
 * full trainings.
 */
public final class DigitsParetoSweep {
  /** The budget of a sweep, in full trainings: as the single-objective digits benchmark's. */
  public static final int TRAININGS = 40;

  private static final int INPUTS = 64;
  private static final int CLASSES = 10;

  private final TableReplay replay;
  private final String space;

  private DigitsParetoSweep(TableReplay replay) {
    this.replay = replay;
    this.space = hocon(replay);
  }

  /**
   * The curves of {@code csv}, a digits MLP table with {@code layers} and {@code width} columns.
   */
  public static DigitsParetoSweep load(Path csv) throws IOException {
    CurveTable table = CurveTable.read(csv);
    for (String column : List.of("layers", "width")) {
      if (!table.params().contains(column)) {
        throw new IllegalArgumentException(
            csv + ": has no '" + column + "' column (it has " + table.params() + ")");
      }
    }
    return new DigitsParetoSweep(new TableReplay("digits", table, Direction.MINIMIZE));
  }

  /** Epochs of a full training. */
  public int epochs() {
    return replay.table().maxEpochs();
  }

  /** The parameter count of an MLP with {@code layers} hidden layers of {@code width} units. */
  public static long parameterCount(int layers, int width) {
    long count = (long) INPUTS * width + width;
    count += (long) (layers - 1) * ((long) width * width + width);
    return count + (long) width * CLASSES + CLASSES;
  }

  /** One sweep with seed {@code seed} and the overrides (HOCON key=value) of a method. */
  public SimulatedSweep.Trace run(long seed, List<String> overrides) throws InterruptedException {
    List<String> all = new ArrayList<>();
    all.add("rung.sampler.seed=" + seed);
    all.add("rung.study.name=digits-" + seed);
    all.addAll(overrides);
    String definition =
        String.format(
            Locale.ROOT,
            """
            rung {
              space { %s }
              training.epochs = %d
              budget { trials = 0, epochs = %d }
              execution { parallelism = 1, retries = 0 }
            }
            """,
            space,
            epochs(),
            TRAININGS * epochs());
    SweepConfig config =
        SweepConfigLoader.loadForSimulation(ConfigFactory.parseString(definition), all);
    return SimulatedSweep.run(config, new Replayed(), 1);
  }

  /** The trials of one sweep, each on the nearest recorded configuration not used before. */
  private final class Replayed implements SimulatedCluster.CurveModel {
    private final BitSet used = new BitSet();
    private final Map<Map<String, Object>, Integer> configOf = new HashMap<>();

    private synchronized int config(Map<String, Object> params) {
      return configOf.computeIfAbsent(
          params,
          p -> {
            if (used.cardinality() == replay.table().configs().size()) {
              used.clear();
            }
            List<Object> point = new ArrayList<>();
            for (String name : replay.table().params()) {
              point.add(p.get(name));
            }
            int c = replay.nearest(point, used);
            used.set(c);
            return c;
          });
    }

    @Override
    public double value(Map<String, Object> params, long seed, int epochs) {
      return 1 - replay.table().curves().get(config(params))[epochs - 1];
    }

    @Override
    public Map<String, Double> metrics(Map<String, Object> params, long seed, int epochs) {
      List<Object> row = replay.table().values().get(config(params));
      List<String> names = replay.table().params();
      int layers = (int) Math.round((Double) row.get(names.indexOf("layers")));
      int width = (int) Math.round((Double) row.get(names.indexOf("width")));
      return Map.of("param_count", (double) parameterCount(layers, width));
    }

    @Override
    public long epochMillis(Map<String, Object> params, long seed, int epoch) {
      return 1;
    }
  }

  /** The replay's search space as the entries of a sweep's {@code space} block. */
  private static String hocon(TableReplay replay) {
    StringBuilder sb = new StringBuilder();
    List<String> names = replay.table().params();
    List<Distribution> space = replay.space();
    for (int p = 0; p < names.size(); p++) {
      sb.append(names.get(p)).append(" { ");
      if (space.get(p) instanceof FloatDistribution f) {
        sb.append(
            String.format(
                Locale.ROOT,
                "type = float, low = %s, high = %s, log = %s",
                f.low(),
                f.high(),
                f.log()));
      } else {
        List<String> choices = new ArrayList<>();
        for (Object c : ((CategoricalDistribution) space.get(p)).choices()) {
          choices.add("\"" + c + "\"");
        }
        sb.append("type = categorical, choices = [").append(String.join(", ", choices)).append("]");
      }
      sb.append(" }\n");
    }
    return sb.toString();
  }
}
