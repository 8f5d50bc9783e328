package dev.rung.job.trainers;

import java.util.Set;

/** The {@link CurveTrainer}, failing when asked which parameters it reads. */
public class UndecidedCurveTrainer extends CurveTrainer {
  @Override
  public Set<String> paramNames() {
    throw new IllegalStateException("the names are not known before init");
  }
}
