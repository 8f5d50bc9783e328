package dev.rung.job.trainers;

import dev.rung.training.api.TrialContext;
import java.util.Map;

/**
 * A {@link CurveTrainer} that also reports {@code option_echo}: its {@code rung.model.options} read
 * back through {@link TrialContext}'s typed getters, {@code scale + (nested.mode == fast ? 0.5 : 0)
 * + (enabled ? 0.125 : 0) + repeat / 1000}, so that a sweep optimizing it shows that the options
 * reached the trainer on its executor.
 */
public class OptionsTrainer extends CurveTrainer {
  private TrialContext context;

  @Override
  public void init(TrialContext context) {
    super.init(context);
    this.context = context;
  }

  @Override
  public Map<String, Double> trainEpoch(int epoch) {
    Map<String, Double> m = new java.util.LinkedHashMap<>(super.trainEpoch(epoch));
    Object nested = context.options().get("nested");
    boolean fast = nested instanceof Map<?, ?> n && "fast".equals(n.get("mode"));
    m.put(
        "option_echo",
        context.doubleOption("scale", -100)
            + (fast ? 0.5 : 0)
            + (context.booleanOption("enabled", false) ? 0.125 : 0)
            + context.intOption("repeat", -1000) / 1000.0
            + (context.stringOption("label", "").equals("x<y") ? 2 : 0));
    return m;
  }
}
