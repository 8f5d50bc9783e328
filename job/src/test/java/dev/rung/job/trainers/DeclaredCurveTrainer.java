package dev.rung.job.trainers;

import java.util.Set;

/**
 * The {@link CurveTrainer}, declaring the parameters it reads: {@code lr} and {@code width}, and a
 * per-layer {@code gain_{i}} to show how layer-indexed names are declared.
 */
public class DeclaredCurveTrainer extends CurveTrainer {
  @Override
  public Set<String> paramNames() {
    return Set.of("lr", "width", "gain_{i}");
  }
}
