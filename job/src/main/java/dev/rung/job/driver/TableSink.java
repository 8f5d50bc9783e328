package dev.rung.job.driver;

import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.tables.IntermediateValueRow;
import dev.rung.job.tables.Provenance;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.job.tables.SegmentRow;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.TrialRow;
import dev.rung.pruners.RungAttrs;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import dev.rung.training.loop.EpochMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Records a sweep in its Parquet tables as it runs. Segment results (intermediate values and the
 * segment's row) are appended as soon as they arrive, those that arrive together in one file per
 * table. The trials snapshot is rewritten at once when a trial starts or finishes, and at most
 * every {@code snapshotEveryMillis} for other changes (a promotion), so that a crash loses at most
 * the segments in flight.
 */
public final class TableSink implements SweepSink {
  private final Tables tables;
  private final String study;
  private final Provenance provenance;
  private final RungLevels levels;
  private final long snapshotEveryMillis;
  private long lastSnapshot;
  private int lastCount = -1;
  private int lastFinished = -1;
  private List<FrozenTrial> dirty;

  public TableSink(
      Tables tables,
      String study,
      Provenance provenance,
      RungLevels levels,
      long snapshotEveryMillis) {
    this.tables = tables;
    this.study = study;
    this.provenance = provenance;
    this.levels = levels;
    this.snapshotEveryMillis = snapshotEveryMillis;
  }

  @Override
  public void segmentEnded(SegmentTask task, SegmentResult r, SegmentOutcome decision) {
    segmentsEnded(List.of(new Ended(task, r, decision)));
  }

  /** Appends the segments' rows as one file per table (none for a table without rows). */
  @Override
  public void segmentsEnded(List<Ended> ended) {
    List<IntermediateValueRow> values = new ArrayList<>();
    List<SegmentRow> rows = new ArrayList<>(ended.size());
    for (Ended e : ended) {
      addValues(e.task(), e.result(), values);
      rows.add(row(e.task(), e.result(), e.decision()));
    }
    try {
      if (!values.isEmpty()) {
        tables.intermediateValues().append(values);
      }
      if (!rows.isEmpty()) {
        tables.segments().append(rows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot record segment(s) " + ended.stream().map(x -> x.task().segmentId()).toList(), e);
    }
  }

  private void addValues(SegmentTask task, SegmentResult r, List<IntermediateValueRow> values) {
    for (EpochMetrics m : r.epochs()) {
      values.add(
          new IntermediateValueRow(
              study,
              task.trial(),
              m.step(),
              m.value(task.objective()),
              finite(m.trainLoss()),
              finite(m.validationLoss()),
              finite(m.validationAccuracy()),
              finite(m.validationMacroF1()),
              (double) m.millis(),
              task.segmentId()));
    }
  }

  private SegmentRow row(SegmentTask task, SegmentResult r, SegmentOutcome decision) {
    Instant start = Instant.ofEpochMilli(r.startMillis());
    Instant end = Instant.ofEpochMilli(Math.max(r.startMillis(), r.endMillis()));
    return new SegmentRow(
        study,
        task.segmentId(),
        task.trial(),
        task.rung(),
        task.bracket(),
        task.epochFrom(),
        task.epochTo(),
        r.executorId(),
        r.host(),
        r.gpu(),
        Math.max(0, r.attempt()),
        start,
        end,
        end.toEpochMilli() - start.toEpochMilli(),
        decision,
        r.reason(),
        task.inputCheckpoint(),
        r.epochs().isEmpty() ? null : task.outputCheckpoint(),
        r.backend());
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }

  @Override
  public void trialsChanged(List<FrozenTrial> all) {
    int finished = 0;
    for (FrozenTrial t : all) {
      finished += t.state().isFinished() ? 1 : 0;
    }
    long now = System.currentTimeMillis();
    if (all.size() != lastCount
        || finished != lastFinished
        || now - lastSnapshot >= snapshotEveryMillis) {
      write(all);
      lastCount = all.size();
      lastFinished = finished;
      lastSnapshot = now;
      dirty = null;
    } else {
      dirty = all;
    }
  }

  private void write(List<FrozenTrial> all) {
    List<TrialRow> rows = new ArrayList<>(all.size());
    for (FrozenTrial t : all) {
      rows.add(row(t));
    }
    try {
      tables.trials().write(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the trials table", e);
    }
  }

  private TrialRow row(FrozenTrial t) {
    Map<String, String> attrs = new LinkedHashMap<>();
    t.userAttrs().forEach((k, v) -> attrs.put(k, String.valueOf(v)));
    int epochs = t.lastStep().orElse(0);
    Long duration =
        t.start() == null
            ? null
            : (t.complete() != null ? t.complete() : Instant.now()).toEpochMilli()
                - t.start().toEpochMilli();
    OptionalLong seed = TrialSeed.of(t);
    return new TrialRow(
        study,
        t.number(),
        t.state(),
        t.values(),
        t.params(),
        RungAttrs.bracket(t).isPresent() ? RungAttrs.bracket(t).getAsInt() : null,
        levels.rungReached(t),
        epochs,
        t.start(),
        t.complete(),
        duration == null ? null : Math.max(0, duration),
        seed.orElse(0L),
        attrs,
        t.state() == TrialState.FAIL ? t.failReason() : null,
        provenance,
        rankedRungs(t),
        rungObjectives(t),
        t.constraints());
  }

  /** The trial's objectives at rungs (multi-objective sweeps with rungs), or null. */
  private static String rungObjectives(FrozenTrial t) {
    Object v = t.systemAttrs().get(RungAttrs.OBJECTIVES);
    return v == null || v.toString().isBlank() ? null : v.toString();
  }

  /** The trial's ranked promotions as recorded by the scheduler, or null when there are none. */
  private static String rankedRungs(FrozenTrial t) {
    Object v = t.systemAttrs().get(RungAttrs.RANKED);
    return v == null || v.toString().isBlank() ? null : v.toString();
  }

  @Override
  public void close() {
    if (dirty != null) {
      write(dirty);
      dirty = null;
    }
  }
}
