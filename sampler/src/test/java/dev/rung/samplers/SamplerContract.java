package dev.rung.samplers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.OptimizeOptions;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import dev.rung.study.TrialState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every sampler must do, whatever its algorithm: values inside their bounds and on their step
 * grid, of the parameter's type; conditional parameters; the same suggestions for the same seed and
 * other ones for another seed; parallel workers without errors and with dense trial numbers.
 *
 * <p>A sampler's test extends this class and says how to build the sampler:
 *
 * <pre>{@code
 * class MySamplerContractTest extends SamplerContract {
 *   protected Sampler create(long seed) {
 *     return MySampler.builder().seed(seed).build();
 *   }
 * }
 * }</pre>
 *
 * <p>The search spaces are fixed here ({@link #mixed}, {@link #conditional}); a sampler that needs
 * to know them up front (a grid) reads the constants.
 */
public abstract class SamplerContract {
  public static final double FLOAT_LOW = -3.5;
  public static final double FLOAT_HIGH = 2.25;
  public static final double LOG_FLOAT_LOW = 1e-4;
  public static final double LOG_FLOAT_HIGH = 10;
  public static final double STEP_FLOAT_LOW = 0.5;
  public static final double STEP_FLOAT_HIGH = 2.0;
  public static final double FLOAT_STEP = 0.25;
  public static final int INT_LOW = -5;
  public static final int INT_HIGH = 7;
  public static final int LOG_INT_LOW = 1;
  public static final int LOG_INT_HIGH = 1000;
  public static final int STEP_INT_LOW = 3;
  public static final int STEP_INT_HIGH = 27;
  public static final int INT_STEP = 4;
  public static final List<Object> CHOICES = List.of("relu", 3, 0.5, true);
  public static final List<Object> BRANCHES = List.of("linear", "tree");
  public static final List<Object> CRITERIA = List.of("gini", "entropy");

  /** The sampler under test, seeded. */
  protected abstract Sampler create(long seed);

  /** How many trials the bounds tests run; enough to reach a model-based sampler's model. */
  protected int manyTrials() {
    return 120;
  }

  /** An objective over every kind of parameter. */
  protected static double mixed(Trial t) {
    double f = t.suggestFloat("float", FLOAT_LOW, FLOAT_HIGH);
    double lf = t.suggestFloat("log_float", LOG_FLOAT_LOW, LOG_FLOAT_HIGH, true);
    double sf = t.suggestFloat("step_float", STEP_FLOAT_LOW, STEP_FLOAT_HIGH, FLOAT_STEP);
    int i = t.suggestInt("int", INT_LOW, INT_HIGH);
    int li = t.suggestInt("log_int", LOG_INT_LOW, LOG_INT_HIGH, true);
    int si = t.suggestInt("step_int", STEP_INT_LOW, STEP_INT_HIGH, INT_STEP);
    Object c = t.suggestCategorical("choice", CHOICES);
    return f * f
        + Math.log10(lf)
        + sf
        + Math.abs(i)
        + Math.log(li)
        + si / 10.0
        + CHOICES.indexOf(c);
  }

  /** An objective whose parameters depend on a branch. */
  protected static double conditional(Trial t) {
    String branch = t.suggestCategorical("branch", "linear", "tree");
    if (branch.equals("linear")) {
      return t.suggestFloat("alpha", 1e-3, 1, true);
    }
    int depth = t.suggestInt("depth", 1, 8);
    String criterion = t.suggestCategorical("criterion", "gini", "entropy");
    return depth + (criterion.equals("gini") ? 0.5 : 0);
  }

  private Study study(long seed, Direction... directions) {
    return Study.builder().directions(directions).sampler(create(seed)).build();
  }

  private Study runMixed(long seed, OptimizeOptions options) {
    Study study = study(seed, Direction.MINIMIZE);
    study.optimize(SamplerContract::mixed, options);
    return study;
  }

  @Test
  void valuesStayInBoundsWithTheTypeOfTheirDistribution() {
    for (FrozenTrial t : runMixed(101, OptimizeOptions.trials(manyTrials())).trials()) {
      assertEquals(TrialState.COMPLETE, t.state());
      checkMixed(t);
    }
  }

  @Test
  void steppedValuesLieOnTheirGrid() {
    for (FrozenTrial t : runMixed(102, OptimizeOptions.trials(manyTrials())).trials()) {
      double sf = (Double) t.params().get("step_float");
      double k = (sf - STEP_FLOAT_LOW) / FLOAT_STEP;
      assertEquals(Math.rint(k), k, 1e-9, "step_float " + sf + " in trial " + t.number());
      int si = (Integer) t.params().get("step_int");
      assertEquals(0, (si - STEP_INT_LOW) % INT_STEP, "step_int " + si + " in trial " + t.number());
    }
  }

  private static void checkMixed(FrozenTrial t) {
    Map<String, Object> p = t.params();
    String where = " in trial " + t.number() + ": " + p;
    assertEquals(
        Set.of("float", "log_float", "step_float", "int", "log_int", "step_int", "choice"),
        p.keySet());
    assertBetween((Double) p.get("float"), FLOAT_LOW, FLOAT_HIGH, "float" + where);
    assertBetween((Double) p.get("log_float"), LOG_FLOAT_LOW, LOG_FLOAT_HIGH, "log_float" + where);
    assertBetween(
        (Double) p.get("step_float"), STEP_FLOAT_LOW, STEP_FLOAT_HIGH, "step_float" + where);
    assertBetween((Integer) p.get("int"), INT_LOW, INT_HIGH, "int" + where);
    assertBetween((Integer) p.get("log_int"), LOG_INT_LOW, LOG_INT_HIGH, "log_int" + where);
    assertBetween((Integer) p.get("step_int"), STEP_INT_LOW, STEP_INT_HIGH, "step_int" + where);
    Object choice = p.get("choice");
    assertTrue(CHOICES.contains(choice), "choice" + where);
    if (choice != null) {
      // The very choice object's type: 3 stays an Integer, 0.5 a Double.
      assertEquals(CHOICES.get(CHOICES.indexOf(choice)).getClass(), choice.getClass(), where);
    }
  }

  private static void assertBetween(double v, double low, double high, String what) {
    assertTrue(v >= low && v <= high, what + " = " + v + " outside [" + low + ", " + high + "]");
  }

  @Test
  void conditionalParametersAppearOnlyInTheirBranch() {
    Study study = study(103, Direction.MINIMIZE);
    study.optimize(SamplerContract::conditional, OptimizeOptions.trials(manyTrials()));
    Set<Object> branches = new HashSet<>();
    for (FrozenTrial t : study.trials()) {
      Map<String, Object> p = t.params();
      Object branch = p.get("branch");
      branches.add(branch);
      if ("linear".equals(branch)) {
        assertEquals(Set.of("branch", "alpha"), p.keySet());
        assertBetween((Double) p.get("alpha"), 1e-3, 1, "alpha in trial " + t.number());
      } else {
        assertEquals(Set.of("branch", "depth", "criterion"), p.keySet());
        assertBetween((Integer) p.get("depth"), 1, 8, "depth in trial " + t.number());
        assertTrue(CRITERIA.contains(p.get("criterion")));
      }
    }
    // Every sampler explores both branches in its first trials: a sampler that draws the branch
    // at random misses one in 120 trials with probability 2^-119.
    assertEquals(Set.copyOf(BRANCHES), branches);
  }

  @Test
  void sameSeedGivesTheSameSuggestionsAndAnotherSeedOtherOnes() {
    List<Map<String, Object>> first = params(runMixed(7, OptimizeOptions.trials(30)));
    List<Map<String, Object>> again = params(runMixed(7, OptimizeOptions.trials(30)));
    List<Map<String, Object>> other = params(runMixed(8, OptimizeOptions.trials(30)));
    assertEquals(30, first.size());
    assertEquals(first, again);
    assertNotEquals(first, other);
  }

  private static List<Map<String, Object>> params(Study study) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FrozenTrial t : study.trials()) {
      out.add(t.params());
    }
    return out;
  }

  @Test
  void parallelWorkersRunWithoutErrorsAndWithDenseTrialNumbers() {
    Study study = runMixed(104, OptimizeOptions.trials(40).withWorkers(4));
    List<FrozenTrial> trials = study.trials();
    assertEquals(40, trials.size());
    for (int n = 0; n < trials.size(); n++) {
      FrozenTrial t = trials.get(n);
      assertEquals(n, t.number());
      assertEquals(TrialState.COMPLETE, t.state(), "trial " + n + ": " + t.failReason());
      checkMixed(t);
    }
  }

  @Test
  void multiObjectiveStudiesWork() {
    Study study = study(105, Direction.MINIMIZE, Direction.MAXIMIZE);
    study.optimizeMulti(
        t -> {
          double v = mixed(t);
          return new double[] {v, Math.sin(v)};
        },
        OptimizeOptions.trials(manyTrials()));
    for (FrozenTrial t : study.trials()) {
      assertEquals(TrialState.COMPLETE, t.state(), "trial " + t.number() + ": " + t.failReason());
      checkMixed(t);
    }
    assertTrue(!study.bestTrials().isEmpty());
  }
}
