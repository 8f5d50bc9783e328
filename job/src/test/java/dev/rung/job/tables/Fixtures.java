package dev.rung.job.tables;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** Rows and a search space shared by the table tests. */
final class Fixtures {

  static final String STUDY = "mnist-mlp";
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");
  static final Provenance PROVENANCE =
      new Provenance("cfg-1a2b", "0.1.0-SNAPSHOT", "CPU", "17.0.11", "3.5.3");

  private Fixtures() {}

  static FileSystem localFs() throws IOException {
    return FileSystem.getLocal(new Configuration());
  }

  /** lr (float, log), layers (int), optimizer (strings), nesterov (boolean, conditional). */
  static Map<String, Distribution> searchSpace() {
    Map<String, Distribution> space = new LinkedHashMap<>();
    space.put("lr", FloatDistribution.logUniform(1e-5, 1e-1));
    space.put("layers", IntDistribution.of(1, 4));
    space.put("optimizer", CategoricalDistribution.of("adam", "sgd"));
    space.put("nesterov", CategoricalDistribution.of(true, false));
    return space;
  }

  static ParamSchema params() {
    return ParamSchema.fromSearchSpace(searchSpace());
  }

  /** Trial {@code n}: sgd trials have nesterov, adam trials leave it unset (conditional). */
  static TrialRow trial(int n) {
    boolean sgd = n % 2 == 1;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("lr", 1e-3 * (n + 1));
    p.put("layers", 1 + n % 4);
    p.put("optimizer", sgd ? "sgd" : "adam");
    if (sgd) {
      p.put("nesterov", n % 3 == 0);
    }
    TrialState state =
        switch (n % 5) {
          case 0, 1 -> TrialState.COMPLETE;
          case 2 -> TrialState.PRUNED;
          case 3 -> TrialState.RUNNING;
          default -> TrialState.FAIL;
        };
    boolean finished = state.isFinished();
    List<Double> values =
        state == TrialState.COMPLETE || state == TrialState.PRUNED
            ? List.of(0.5 + n / 1000.0)
            : List.of();
    return new TrialRow(
        STUDY,
        n,
        state,
        values,
        p,
        n % 3 == 0 ? null : n % 3,
        n % 3,
        3 * (n % 4),
        T0.plusSeconds(n),
        finished ? T0.plusSeconds(n + 60) : null,
        finished ? 60_000L : null,
        1000L + n,
        n % 2 == 0 ? Map.of("note", "trial " + n) : Map.of(),
        state == TrialState.FAIL ? "NaN loss at epoch 2" : null,
        PROVENANCE);
  }

  static List<TrialRow> trials(int count) {
    List<TrialRow> rows = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      rows.add(trial(n));
    }
    return rows;
  }

  static IntermediateValueRow intermediate(int trial, int step) {
    return new IntermediateValueRow(
        STUDY,
        trial,
        step,
        0.9 - 0.01 * step,
        1.0 / (step + 1),
        step == 0 ? null : 1.1 / (step + 1),
        0.8 + 0.001 * step,
        step % 2 == 0 ? 0.75 : null,
        1234.5,
        "t" + trial + "-r0");
  }

  static List<IntermediateValueRow> intermediates(int trial, int from, int to) {
    List<IntermediateValueRow> rows = new ArrayList<>();
    for (int s = from; s < to; s++) {
      rows.add(intermediate(trial, s));
    }
    return rows;
  }

  static SegmentRow segment(int trial, int rung, SegmentOutcome outcome) {
    int from = rung == 0 ? 0 : 3 * rung;
    return new SegmentRow(
        STUDY,
        "t" + trial + "-r" + rung,
        trial,
        rung,
        trial % 3,
        from,
        from + 3,
        "exec-" + (trial % 2),
        "worker-1",
        trial % 2 == 0 ? null : "0",
        rung == 1 ? 1 : 0,
        T0.plusMillis(1000L * trial),
        T0.plusMillis(1000L * trial + 4500),
        4500L,
        outcome,
        outcome == SegmentOutcome.FAILED ? "java.lang.IllegalStateException: NaN loss" : null,
        rung == 0 ? null : "ckpt/t" + trial + "/r" + (rung - 1) + ".zip",
        outcome == SegmentOutcome.FAILED ? null : "ckpt/t" + trial + "/r" + rung + ".zip",
        null);
  }

  static SegmentRow segmentWithEpochs(int from, int to) {
    SegmentRow s = segment(0, 0, SegmentOutcome.PROMOTED);
    return new SegmentRow(
        s.study(),
        s.segmentId(),
        s.trial(),
        s.rung(),
        s.bracket(),
        from,
        to,
        s.executorId(),
        s.host(),
        s.gpuAddress(),
        s.attempt(),
        s.start(),
        s.end(),
        s.durationMs(),
        s.outcome(),
        s.reason(),
        s.inputCheckpoint(),
        s.outputCheckpoint(),
        null);
  }
}
