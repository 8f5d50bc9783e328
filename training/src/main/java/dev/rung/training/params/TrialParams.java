package dev.rung.training.params;

import dev.rung.distributions.Distribution;
import dev.rung.study.Trial;
import java.util.Objects;

/** Parameters sampled by a live trial: every call is a {@code trial.suggest}. */
public final class TrialParams implements ParamSource {
  private final Trial trial;

  public TrialParams(Trial trial) {
    this.trial = Objects.requireNonNull(trial, "trial");
  }

  /** The trial behind this source. */
  public Trial trial() {
    return trial;
  }

  @Override
  public Object suggest(String name, Distribution distribution) {
    return trial.suggest(name, distribution);
  }
}
