package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bin/bench}'s options: what it accepts, and the message it gives for what it does not. */
class BenchCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int bench(String... args) throws Exception {
    return Bench.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMisspeltOptionIsAnErrorNamingItAndTheKnownOnes() throws Exception {
    // --seed for --seeds: before, the option was read by no one and the run went on with 20 seeds.
    assertEquals(2, bench("search-quality", "--seed", "3", "--problems", "branin"));
    assertTrue(
        err().startsWith("bin/bench search-quality: unknown option --seed: known are "), err());
    assertTrue(err().contains("--seeds VALUE"), err());
    assertFalse(err().contains("\tat "), "no stack trace: " + err());
    assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing was run");
  }

  @Test
  void badValuesNameTheirOption() throws Exception {
    assertEquals(2, bench("lcbench", "--slots", "1,eight", "--tasks", "3945"));
    assertTrue(
        err().contains("option --slots has 'eight': expected comma-separated integers"), err());
    err.reset();
    assertEquals(2, bench("multi-fidelity", "--seeds", "many"));
    assertTrue(err().contains("option --seeds is 'many': expected an integer"), err());
    err.reset();
    assertEquals(2, bench("multi-fidelity", "--methods", "product-defualt", "--seeds", "1"));
    assertTrue(err().contains("--methods: unknown method 'product-defualt'"), err());
    err.reset();
    // Checked before any sweep runs: more tasks per set than tasks, and no Optuna to compare with.
    assertEquals(2, bench("lcbench", "--tasks", "7593", "--task-sets", "2"));
    assertTrue(err().contains("--task-sets is 2: it must be between 1 and the 1 tasks"), err());
    err.reset();
    assertEquals(2, bench("lcbench", "--tasks", "7593", "--no-optuna", "--task-sets", "1"));
    assertTrue(err().contains("--task-sets compares with Optuna's tpe_full"), err());
    assertEquals("", out.toString(StandardCharsets.UTF_8), "no sweep ran");
    err.reset();
    assertEquals(2, bench("multi-fidelity", "--pruned-random-fraction", "half", "--seeds", "1"));
    assertTrue(
        err().contains("option --pruned-random-fraction is 'half': expected a number"), err());
    err.reset();
    assertEquals(2, bench("multi-fidelity", "--pruned-random-fraction", "1.5", "--seeds", "1"));
    assertTrue(err().contains("--pruned-random-fraction must be in [0, 1], got 1.5"), err());
    err.reset();
    assertEquals(2, bench("multi-fidelity", "--pruned-multivariate", "no", "--seeds", "1"));
    assertTrue(err().contains("--pruned-multivariate is 'no': it must be true or false"), err());
    err.reset();
    assertEquals(2, bench("search-quality", "--seeds"));
    assertTrue(err().contains("option --seeds needs a value"), err());
  }

  @Test
  void helpAndUnknownBenchmarks() throws Exception {
    assertEquals(0, bench("lcbench-multi", "--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: bin/bench <name>"));
    assertEquals(2, bench("lcbenc"));
    assertTrue(err().startsWith("unknown benchmark 'lcbenc'"), err());
    err.reset();
    assertEquals(2, bench());
    assertTrue(err().contains("usage: bin/bench <name>"), err());
  }

  @Test
  void argsKeepFlagsAndValuesApart() {
    Args a =
        new Args(
            new String[] {"--explain", "--seeds", "4", "--sizes", "10,20"},
            List.of("explain", "per-task"),
            List.of("seeds", "sizes", "threads"));
    assertTrue(a.flag("explain"));
    assertFalse(a.flag("per-task"));
    assertEquals(4, a.getInt("seeds", 1));
    assertEquals(2, a.getInt("threads", 2));
    assertEquals(List.of(10, 20), a.intList("sizes", "1"));
    assertTrue(a.has("seeds"));
    assertFalse(a.has("threads"));
    IllegalArgumentException positional =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Args(new String[] {"seeds"}, List.of(), List.of("seeds")));
    assertTrue(positional.getMessage().contains("unexpected argument 'seeds'"));
  }
}
