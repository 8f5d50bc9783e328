package dev.rung.pruners;

import dev.rung.study.FrozenTrial;

/** The pruner that never prunes. */
public final class NopPruner implements FrozenPruner {
  private static final long serialVersionUID = 1L;
  static final NopPruner INSTANCE = new NopPruner();

  private NopPruner() {}

  @Override
  public boolean prune(FrozenTrial trial) {
    return false;
  }

  /** The one instance, also after deserialization. */
  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "NopPruner";
  }
}
