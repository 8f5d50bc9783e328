package dev.rung.pruners;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Builds trials and histories for pruner tests; steps start at 1 unless given. */
final class Trials {
  private Trials() {}

  /** A RUNNING trial that reported {@code values} at steps 1, 2, ... */
  static FrozenTrial running(int number, double... values) {
    return reported(FrozenTrial.create(number, TrialState.RUNNING, Instant.EPOCH), 1, values);
  }

  /** A RUNNING trial that reported {@code values} at steps {@code first}, first + 1, ... */
  static FrozenTrial runningFrom(int number, int first, double... values) {
    return reported(FrozenTrial.create(number, TrialState.RUNNING, Instant.EPOCH), first, values);
  }

  /** A COMPLETE trial that reported {@code values} at steps 1, 2, ... and returned the last. */
  static FrozenTrial complete(int number, double... values) {
    FrozenTrial t = running(number, values);
    return t.finish(TrialState.COMPLETE, List.of(values[values.length - 1]), Instant.EPOCH, null);
  }

  /** A PRUNED trial that reported {@code values} at steps 1, 2, ... */
  static FrozenTrial pruned(int number, double... values) {
    FrozenTrial t = running(number, values);
    return t.finish(TrialState.PRUNED, List.of(values[values.length - 1]), Instant.EPOCH, null);
  }

  /** A trial paused by a driver at {@code target} after reporting {@code values} at 1, 2, ... */
  static FrozenTrial paused(int number, int target, double... values) {
    return running(number, values).withSystemAttr(RungAttrs.TARGET_STEP, target);
  }

  /** The same value reported at steps 1 to {@code steps}. */
  static double[] flat(int steps, double value) {
    double[] v = new double[steps];
    Arrays.fill(v, value);
    return v;
  }

  static History history(Direction direction, FrozenTrial... trials) {
    return new History("test-study", List.of(direction), List.of(trials));
  }

  static History history(Direction direction, List<FrozenTrial> trials) {
    return new History("test-study", List.of(direction), trials);
  }

  private static FrozenTrial reported(FrozenTrial t, int first, double... values) {
    for (int i = 0; i < values.length; i++) {
      t = t.withIntermediate(first + i, values[i]);
    }
    return t;
  }
}
