package dev.rung.job.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rung.job.tables.SegmentRow;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trial across executors ({@code training.executors-per-trial = 2}) on a standalone cluster of
 * two workers with one core each: every epoch of every trial is trained by Spark jobs whose tasks
 * run on both executors (read from Spark's event log), the driver schedules one trial at a time
 * (two task slots, two per trial), promoted trials continue from checkpoints, and no segment is
 * lost.
 */
class AcrossExecutorsIT {

  @Test
  void eachTrialTrainsOnBothExecutors(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("events");
    Files.createDirectories(events);
    try (LocalCluster cluster = LocalCluster.startTwoWorkers(dir.resolve("cluster"), 1)) {
      ClusterSweep sweep =
          new ClusterSweep(
              cluster,
              dir,
              List.of(
                  "study.name=across",
                  "budget.trials=6",
                  "training.epochs=3",
                  "training.executors-per-trial=2",
                  "execution.isolation=thread",
                  "execution.parallelism=0"),
              List.of("spark.eventLog.enabled=true", "spark.eventLog.dir=" + events.toUri()),
              false);
      int exit = sweep.run(900);
      assertEquals(0, exit, sweep.log());
      String console = Files.readString(sweep.log);
      assertTrue(
          console.contains(
              "each trial trains across 2 Spark tasks (DL4J Spark, parameter averaging every 5"
                  + " mini-batches per task), 1 trial(s) at once"),
          console);
      sweep.assertConsistent(3);
      assertEquals(0, sweep.count(TrialState.FAIL), "no trial failed: " + sweep.log());
      assertTrue(Files.exists(sweep.runDir().resolve("best-model/model.zip")), sweep.log());
      int continued = 0;
      for (SegmentRow s : sweep.segments()) {
        assertEquals("driver", s.executorId(), s.toString());
        assertTrue(s.backend().contains("across 2 Spark tasks"), s.backend());
        assertEquals(0, s.attempt(), "no segment was tried again: " + s);
        continued += s.inputCheckpoint() != null ? 1 : 0;
      }
      assertTrue(continued > 0, "some promoted trial continued from a checkpoint");

      Map<Integer, Set<String>> executorsPerStage = segmentStages(events);
      assertTrue(!executorsPerStage.isEmpty(), "no Spark job of a segment in the event log");
      long onBoth = executorsPerStage.values().stream().filter(e -> e.size() == 2).count();
      assertTrue(
          onBoth == executorsPerStage.size(),
          "every stage of the segments' jobs ran a task on each executor: " + executorsPerStage);
    }
  }

  /**
   * From Spark's event log: for each stage of a job in a segment's job group ({@code
   * rung-segment-*}), the executors its tasks ran on.
   */
  private static Map<Integer, Set<String>> segmentStages(Path events) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<Integer> stages = new HashSet<>();
    Map<Integer, Set<String>> executors = new HashMap<>();
    List<Path> logs;
    try (Stream<Path> files = Files.list(events)) {
      logs = files.toList();
    }
    assertEquals(1, logs.size(), "one application's event log: " + logs);
    for (String line : Files.readAllLines(logs.get(0))) {
      JsonNode e = json.readTree(line);
      String kind = e.path("Event").asText();
      if (kind.equals("SparkListenerJobStart")
          && e.path("Properties").path("spark.jobGroup.id").asText().startsWith("rung-segment-")) {
        e.path("Stage IDs").forEach(id -> stages.add(id.asInt()));
      } else if (kind.equals("SparkListenerTaskEnd")
          && stages.contains(e.path("Stage ID").asInt())) {
        executors
            .computeIfAbsent(e.path("Stage ID").asInt(), k -> new HashSet<>())
            .add(e.path("Task Info").path("Executor ID").asText());
      }
    }
    return executors;
  }
}
