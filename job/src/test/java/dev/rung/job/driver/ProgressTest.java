package dev.rung.job.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.distributions.FloatDistribution;
import dev.rung.job.sim.SimulatedCluster;
import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.samplers.RandomSampler;
import dev.rung.space.ParamSpec;
import dev.rung.space.SearchSpace;
import dev.rung.study.Direction;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void progressLinesReportCountsAndTheBestTrial() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Study study =
        Study.builder()
            .name("p")
            .direction(Direction.MAXIMIZE)
            .storage(new InMemoryStorage())
            .sampler(new RandomSampler(1))
            .pruner(HyperbandPruner.of(1, 9, 3))
            .build();
    SweepPolicy policy =
        new SweepPolicy(
            AshaScheduler.hyperband(1, 9, 3, 0), 9, 12, 0, 0, 0, 0, List.of("val_accuracy"), null);
    new SweepDriver(
            study,
            new SearchSpace(List.of(ParamSpec.of("x", FloatDistribution.uniform(0, 1)))),
            policy,
            new SimulatedCluster(2, CurveModels.quadratic()),
            new MemorySink(),
            new Progress(new PrintStream(bytes, true), 1),
            "/tmp/p",
            1)
        .run();
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.size() >= 2, "a line while running and one at the end: " + lines);
    String last = lines.get(lines.size() - 1);
    long complete =
        study.trials().stream().filter(t -> t.state().name().equals("COMPLETE")).count();
    assertTrue(last.startsWith("[rung] " + complete + " complete, "), last);
    assertTrue(last.contains("| 0 running, 0 paused |"), last);
    assertEquals(true, last.contains("best 0."), last);
  }
}
