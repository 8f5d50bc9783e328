package dev.rung.training.model;

import static dev.rung.training.model.ParamNames.*;

import dev.rung.training.augment.Augmentation;
import java.util.ArrayList;
import java.util.List;
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
    ActivationKind act = ActivationKind.parse(r.string(ACTIVATION, "relu"));
    double dropout = r.real(DROPOUT, 0);
    boolean bn = r.bool(BATCH_NORM, false);
    String model = r.string(MODEL, "mlp").toLowerCase(Locale.ROOT);
    NetworkSpec network;
    if (model.equals("mlp")) {
      int layers = r.integer(MLP_LAYERS, r.countIndexed("mlp_%d_width", 2));
      int shared = r.integer(MLP_WIDTH, 128);
      List<Integer> widths = new ArrayList<>();
      for (int i = 0; i < layers; i++) {
        widths.add(r.integer(mlpWidth(i), shared));
      }
      network = new MlpSpec(widths, act, dropout, bn);
    } else if (model.equals("cnn")) {
      int layers = r.integer(CNN_LAYERS, r.countIndexed("conv_%d_channels", 2));
      List<ConvLayerSpec> convs = new ArrayList<>();
      for (int i = 0; i < layers; i++) {
        convs.add(
            new ConvLayerSpec(
                r.integer(convChannels(i), 32),
                r.integer(convKernel(i), 3),
                r.bool(convPool(i), true)));
      }
      network =
          new CnnSpec(
              convs, act, bn, r.bool(GLOBAL_POOL, false), r.integer(FC_WIDTH, 128), dropout);
    } else {
      throw new IllegalArgumentException(
          "parameter 'model' = '" + model + "' is not known; allowed: [mlp, cnn]");
    }
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
  private record Reader(Map<String, ?> params) {
    String string(String name, String fallback) {
      Object v = params.get(name);
      return v == null ? fallback : v.toString();
    }

    double real(String name, double fallback) {
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

    int integer(String name, int fallback) {
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

    boolean bool(String name, boolean fallback) {
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

    int countIndexed(String pattern, int fallback) {
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
