package dev.rung.training.model;

import static dev.rung.training.model.ParamNames.*;

import dev.rung.training.augment.Augmentation;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link TrainingSpec} from a flat parameter map, using the names of {@link ParamNames}:
 * how a trial's parameters, sampled from a declarative {@link dev.rung.space.SearchSpace} and
 * merged with the job's fixed settings, become a network. Missing names take defaults (an MLP of
 * two 128-wide ReLU layers, Adam at 1e-3, batch 64); names it does not know are ignored, so the map
 * may hold other settings too.
 */
public final class TrainingSpecs {
  private TrainingSpecs() {}

  /** The spec the parameters describe; an invalid value fails naming the parameter. */
  public static TrainingSpec fromParams(Map<String, ?> params) {
    Reader r = new Reader(params);
    NetworkSpec network =
        NetworkFamilies.get(r.string(MODEL, NetworkFamilies.names().get(0))).spec(r);
    OptimizerKind kind = OptimizerKind.parse(r.string(OPTIMIZER, "adam"));
    LrSchedule.Kind sk = LrSchedule.Kind.parse(r.string(LR_SCHEDULE, "none"));
    LrSchedule schedule =
        sk == LrSchedule.Kind.NONE
            ? LrSchedule.NONE
            : new LrSchedule(sk, r.real(LR_GAMMA, 0.9), r.integer(LR_STEP_EPOCHS, 1));
    OptimizerSpec optimizer =
        new OptimizerSpec(
            kind, r.real(LR, 1e-3), r.real(WEIGHT_DECAY, 0), r.real(MOMENTUM, 0), schedule);
    Augmentation aug =
        new Augmentation(r.real(AUG_ROTATION, 0), r.real(AUG_FLIP, 0), r.integer(AUG_SHIFT, 0));
    return new TrainingSpec(
        network,
        optimizer,
        r.integer(BATCH_SIZE, 64),
        WeightInitKind.parse(r.string(WEIGHT_INIT, "xavier")),
        aug);
  }

  /** Typed reads of a parameter map; errors name the parameter and its value. */
  public record Reader(Map<String, ?> params) {
    /** Parameter {@code name} as text, or {@code fallback} when absent. */
    public String string(String name, String fallback) {
      Object v = params.get(name);
      return v == null ? fallback : v.toString();
    }

    /** Number parameter {@code name}, or {@code fallback} when absent. */
    public double real(String name, double fallback) {
      Object v = params.get(name);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      try {
        return Double.parseDouble(v.toString().trim());
      } catch (NumberFormatException e) {
        throw bad(name, v, "a number");
      }
    }

    /** Integer parameter {@code name}, or {@code fallback} when absent. */
    public int integer(String name, int fallback) {
      Object v = params.get(name);
      if (v == null) {
        return fallback;
      }
      double d = v instanceof Number n ? n.doubleValue() : parse(name, v);
      if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
        throw bad(name, v, "an integer");
      }
      return (int) d;
    }

    /** Flag parameter {@code name}, or {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) {
      Object v = params.get(name);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      String s = v.toString().trim().toLowerCase(Locale.ROOT);
      return switch (s) {
        case "true", "yes", "on", "1" -> true;
        case "false", "no", "off", "0" -> false;
        default -> throw bad(name, v, "true or false");
      };
    }

    /**
     * The number of layers the per-layer names of {@code pattern} (e.g. {@code mlp_%d_width})
     * number from 0 on, or {@code fallback} when there is none.
     */
    public int countIndexed(String pattern, int fallback) {
      int n = 0;
      while (params.containsKey(String.format(Locale.ROOT, pattern, n))) {
        n++;
      }
      return n > 0 ? n : fallback;
    }

    private double parse(String name, Object v) {
      try {
        return Double.parseDouble(v.toString().trim());
      } catch (NumberFormatException e) {
        throw bad(name, v, "an integer");
      }
    }

    private static IllegalArgumentException bad(String name, Object v, String allowed) {
      return new IllegalArgumentException(
          "parameter '" + name + "' = '" + v + "' is not allowed: must be " + allowed);
    }
  }
}
