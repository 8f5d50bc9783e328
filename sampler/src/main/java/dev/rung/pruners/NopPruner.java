package dev.rung.pruners;

import dev.rung.study.FrozenTrial;
import dev.rung.study.History;

/** The pruner that never prunes. */
public final class NopPruner implements Pruner {
  static final NopPruner INSTANCE = new NopPruner();

  private NopPruner() {}

  @Override
  public boolean prune(History history, FrozenTrial trial) {
    return false;
  }

  @Override
  public String toString() {
    return "NopPruner";
  }
}
