package dev.rung.job.driver;

import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.study.FrozenTrial;
import java.util.ArrayList;
import java.util.List;

/** Keeps what the driver records, for assertions. */
class MemorySink implements SweepSink {
  record Ended(SegmentTask task, SegmentResult result, SegmentOutcome decision) {}

  final List<Ended> segments = new ArrayList<>();
  List<FrozenTrial> trials = List.of();

  @Override
  public void segmentEnded(SegmentTask task, SegmentResult result, SegmentOutcome decision) {
    segments.add(new Ended(task, result, decision));
  }

  @Override
  public void trialsChanged(List<FrozenTrial> all) {
    trials = all;
  }

  @Override
  public void close() {}
}
