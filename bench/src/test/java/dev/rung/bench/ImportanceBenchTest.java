package dev.rung.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.study.FrozenTrial;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportanceBenchTest {

  @Test
  void theTrialsAreTheFunctionOfTheirParameters() {
    List<FrozenTrial> trials = ImportanceBench.trials(50, 3);
    assertEquals(50, trials.size());
    for (FrozenTrial t : trials) {
      double f = 0;
      for (int i = 0; i < ImportanceBench.WEIGHTS.length; i++) {
        double x = (double) t.params().get("x" + i);
        double g =
            i % 2 == 0 ? Math.sqrt(12) * (x - 0.5) : Math.sqrt(2) * Math.sin(2 * Math.PI * x);
        f += ImportanceBench.WEIGHTS[i] * g;
      }
      assertEquals(f, t.value(), 1e-12);
    }
    double sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += ImportanceBench.trueShare("x" + i);
    }
    assertEquals(1.0, sum, 1e-12);
    assertEquals(25 / 55.25, ImportanceBench.trueShare("x3"), 1e-12);
  }

  @Test
  void optunasLineGivesMillisecondsAndSharesInItsOrder() {
    ImportanceBench.Timed t = ImportanceBench.parseOptuna("1000 46.5 72.25 x3=0.5 x6=0.3 x0=0.2\n");
    assertEquals(46500, t.cpuMs(), 1e-9);
    assertEquals(72250, t.wallMs(), 1e-9);
    assertEquals(Map.of("x3", 0.5, "x6", 0.3, "x0", 0.2), t.shares());
    assertEquals(List.of("x3", "x6", "x0"), List.copyOf(t.shares().keySet()));
  }
}
