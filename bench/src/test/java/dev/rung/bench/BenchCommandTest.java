package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.bench.lcbench.Stdout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * {@code command} (arguments separated by spaces) exits with 2, its message contains {@code
   * message}, and nothing was run.
   */
  private void assertRejected(String message, String command) throws Exception {
    assertEquals(2, bench(command.split(" ")), err());
    assertTrue(err().contains(message), err());
    assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing was run: " + command);
    err.reset();
  }

  @Test
  void badValuesNameTheirOption() throws Exception {
    assertRejected(
        "option --slots has 'eight': expected comma-separated integers",
        "lcbench --slots 1,eight --tasks 3945");
    assertRejected("option --seeds is 'many': expected an integer", "multi-fidelity --seeds many");
    assertRejected(
        "--methods: unknown method 'product-defualt'",
        "multi-fidelity --methods product-defualt --seeds 1");
    // Checked before any sweep runs: more tasks per set than tasks, and no Optuna to compare with.
    assertRejected(
        "--task-sets is 2: it must be between 1 and the 1 tasks",
        "lcbench --tasks 7593 --task-sets 2");
    assertRejected(
        "--task-sets compares with Optuna's tpe_full",
        "lcbench --tasks 7593 --no-optuna --task-sets 1");
    assertRejected(
        "option --pruned-random-fraction is 'half': expected a number",
        "multi-fidelity --pruned-random-fraction half --seeds 1");
    assertRejected(
        "--pruned-random-fraction must be in [0, 1], got 1.5",
        "multi-fidelity --pruned-random-fraction 1.5 --seeds 1");
    assertRejected(
        "option --pruned-multivariate is 'no': expected true or false",
        "multi-fidelity --pruned-multivariate no --seeds 1");
    assertRejected("option --seeds needs a value", "search-quality --seeds");
    assertRejected("--first-seed must be >= 0, got -1", "multi-fidelity --first-seed -1 --seeds 1");
    assertRejected("--seeds must be >= 1, got 0", "scoreboard --seeds 0");
    assertRejected(
        "--pruned-random-candidates must be >= 1, got 0",
        "multi-fidelity --pruned-random-candidates 0 --seeds 1");
  }

  @Test
  void multiFidelityRunsTheSeedsAsked() throws Exception {
    String run = "multi-fidelity --problems hartmann --methods tpe-full --trainings 4 ";
    String three = output(run + "--seeds 3");
    assertTrue(three.contains("3 seeds (0-2)"), three);
    // the target of seeds 0-2 is the median of the three runs made one seed at a time
    double[] one = new double[3];
    for (int s = 0; s < 3; s++) {
      String single = output(run + "--seeds 1 --first-seed " + s);
      assertTrue(single.contains("1 seeds (" + s + "-" + s + ")"), single);
      one[s] = target(single);
    }
    Arrays.sort(one);
    assertEquals(one[1], target(three), 0.0, Arrays.toString(one));
    assertTrue(one[0] < one[2], "the seeds give different runs: " + Arrays.toString(one));
  }

  /** What {@code command} prints (benchmarks print to {@code System.out}); it must succeed. */
  private String output(String command) throws Exception {
    return Stdout.of(args -> assertEquals(0, bench(args), err()), command.split(" "));
  }

  private static double target(String output) {
    Matcher m = Pattern.compile("target = median final best of tpe-full = (\\S+)").matcher(output);
    assertTrue(m.find(), output);
    return Double.parseDouble(m.group(1));
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
