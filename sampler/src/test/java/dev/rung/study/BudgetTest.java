package dev.rung.study;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one budget rule, at and around each limit. */
class BudgetTest {
  @Test
  void eachLimitStopsNewWorkAtItsEdgeAndZeroMeansNone() {
    Budget b = new Budget(3, 100, 1_000);
    assertTrue(b.allowsTrial(2, 90, 10, 999), "the third trial, the last 10 epochs, in time");
    assertFalse(b.allowsTrial(3, 0, 1, 0), "a fourth trial");
    assertFalse(b.allowsEpochs(90, 11, 0), "one epoch too many");
    assertFalse(b.allowsEpochs(0, 1, 1_000), "the time is spent");
    assertTrue(b.timeIsUp(1_000));
    Budget none = new Budget(0, 0, 0);
    assertTrue(none.allowsTrial(1_000_000, Long.MAX_VALUE / 2, 1, Long.MAX_VALUE / 2));
    assertThrows(IllegalArgumentException.class, () -> new Budget(-1, 0, 0));
  }

  @Test
  void optimizeOptionsReadTheSameRule() {
    Budget b = OptimizeOptions.trials(5).withTimeout(Duration.ofNanos(1)).budget();
    assertTrue(b.allowsTrial(4, 0, 0, 0), "a timeout under a millisecond is still a limit");
    assertFalse(b.allowsTrial(5, 0, 0, 0));
    assertTrue(b.timeIsUp(1));
  }
}
