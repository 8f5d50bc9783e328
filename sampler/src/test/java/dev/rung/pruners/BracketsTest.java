package dev.rung.pruners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BracketsTest {

  /** Optuna's bracket count: floor of a floating-point logarithm, plus one. */
  private static int floatLogCount(int min, int max, int eta) {
    return (int) Math.floor(Math.log((double) max / min) / Math.log(eta)) + 1;
  }

  /** The count from its definition, in exact arithmetic. */
  private static int exactCount(int min, int max, int eta) {
    int s = 0;
    while (BigInteger.valueOf(min)
            .multiply(BigInteger.valueOf(eta).pow(s + 1))
            .compareTo(BigInteger.valueOf(max))
        <= 0) {
      s++;
    }
    return s + 1;
  }

  @Test
  void countIsExactWhereFloatingPointLogsFallShort() {
    assertEquals(6, new Brackets(1, 243, 3).count());
    assertEquals(5, floatLogCount(1, 243, 3), "the float formula loses the last bracket");
    assertEquals(4, new Brackets(1, 1000, 10).count());
    assertEquals(3, floatLogCount(1, 1000, 10));
  }

  @Test
  void countMatchesTheDefinitionEverywhere() {
    for (int eta = 2; eta <= 10; eta++) {
      for (int min = 1; min <= 12; min++) {
        for (int max = min; max <= 2000; max += 1 + max / 50) {
          assertEquals(
              exactCount(min, max, eta),
              new Brackets(min, max, eta).count(),
              "min " + min + " max " + max + " eta " + eta);
        }
      }
    }
  }

  @Test
  void budgetsFollowTheFormula() {
    Brackets b = new Brackets(1, 81, 3); // 5 brackets
    assertEquals(5, b.count());
    for (int i = 0; i < 5; i++) {
      int s = 4 - i;
      long expected = (long) Math.ceil(5 * Math.pow(3, s) / (s + 1));
      assertEquals(expected, b.budget(i), "bracket " + i);
    }
    assertEquals(81 + 34 + 15 + 8 + 5, b.totalBudget());
    assertThrows(IllegalArgumentException.class, () -> b.budget(5));
  }

  @Test
  void bracketsShiftTheirFirstRung() {
    Brackets b = new Brackets(2, 50, 3);
    assertEquals(2, b.schedule(0).step(0));
    assertEquals(6, b.schedule(1).step(0));
    assertEquals(18, b.schedule(2).step(0));
    assertEquals(18, b.schedule(0).step(2));
  }

  @Test
  void assignmentIsStableAndFollowsTheBudgets() {
    Brackets b = new Brackets(1, 81, 3);
    int n = 20_000;
    int[] counts = new int[b.count()];
    for (int i = 0; i < n; i++) {
      int bracket = b.bracketOf("study-a", i);
      assertEquals(bracket, b.bracketOf("study-a", i));
      counts[bracket]++;
    }
    // The hash is fixed, so this is deterministic; the tolerance is 5 binomial sigmas, what a
    // uniform hash would pass with probability > 1 - 1e-5 per bracket.
    for (int i = 0; i < b.count(); i++) {
      double p = (double) b.budget(i) / b.totalBudget();
      double sigma = Math.sqrt(n * p * (1 - p));
      assertTrue(
          Math.abs(counts[i] - n * p) < 5 * sigma,
          "bracket " + i + ": " + counts[i] + " trials, expected about " + n * p);
    }
    int differ = 0;
    for (int i = 0; i < 200; i++) {
      differ += b.bracketOf("study-a", i) != b.bracketOf("study-b", i) ? 1 : 0;
    }
    assertTrue(differ > 50, "the study name must enter the hash");
  }

  @Test
  void rejectsBadResourcesNamingThem() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Brackets(10, 5, 3));
    assertTrue(e.getMessage().contains("max resource 5"));
    assertThrows(IllegalArgumentException.class, () -> new Brackets(0, 5, 3));
    assertThrows(IllegalArgumentException.class, () -> new Brackets(1, 5, 1));
  }
}
