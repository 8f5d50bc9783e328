package dev.rung.samplers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rung.samplers.tpe.TpeSampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same seed gives the same suggestions in this JVM and in a new one. */
class FreshJvmDeterminismTest {

  /** Runs a small seeded study and prints one line per trial: its parameters and value. */
  public static void main(String[] args) {
    for (String line : run(args[0], Long.parseLong(args[1]))) {
      System.out.println(line);
    }
  }

  static List<String> run(String sampler, long seed) {
    Sampler s =
        switch (sampler) {
          case "random" -> new RandomSampler(seed);
          case "tpe" -> TpeSampler.builder().seed(seed).build();
          default -> throw new IllegalArgumentException("unknown sampler " + sampler);
        };
    Study study = Study.builder().name("determinism").sampler(s).build();
    study.optimize(
        t -> {
          double x = t.suggestFloat("x", -5, 5);
          double lr = t.suggestFloat("lr", 1e-5, 1e-1, true);
          int n = t.suggestInt("n", 1, 64, 4);
          String opt = t.suggestCategorical("opt", "adam", "sgd", "rmsprop");
          double momentum = opt.equals("sgd") ? t.suggestFloat("momentum", 0, 0.99) : 0;
          return x * x + Math.abs(Math.log10(lr) + 3) + n / 64.0 + momentum;
        },
        30);
    List<String> lines = new ArrayList<>();
    for (FrozenTrial t : study.trials()) {
      lines.add(t.params() + " -> " + t.value());
    }
    return lines;
  }

  @ParameterizedTest
  @ValueSource(strings = {"random", "tpe"})
  void sameSeedSameSuggestionsInAFreshJvm(String sampler) throws Exception {
    List<String> here = run(sampler, 20261123L);
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                FreshJvmDeterminismTest.class.getName(),
                sampler,
                "20261123")
            .redirectErrorStream(false)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.getErrorStream().readAllBytes();
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertEquals(here, out.lines().toList());
    assertNotEquals(here, run(sampler, 20261124L), "another seed gives other suggestions");
  }
}
