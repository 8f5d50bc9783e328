package dev.rung.job.trainers;

/** A trainer class without a no-argument constructor, for the configuration checks. */
public class NoDefaultConstructorTrainer extends CurveTrainer {
  private final int size;

  public NoDefaultConstructorTrainer(int size) {
    this.size = size;
  }

  @Override
  public String toString() {
    return "trainer of size " + size;
  }
}
