package dev.rung.job.driver;

import dev.rung.job.config.SweepConfig;
import dev.rung.job.exec.IsolatedRunner;
import dev.rung.job.exec.SweepRunner;
import dev.rung.job.exec.TrainingSegmentRunner;
import dev.rung.job.exec.WorkDispatcher;
import dev.rung.job.tables.Provenance;
import dev.rung.job.tables.Tables;
import dev.rung.study.FrozenTrial;
import dev.rung.study.InMemoryStorage;
import dev.rung.study.Study;
import java.util.List;

/**
 * How a sweep definition becomes the objects a sweep runs with, in one place: the study (with the
 * trials an earlier run recorded), its sampler and its one pruner, the driver's policy, the runner
 * executors train with, the sink that writes the tables, and the driver. {@code rung sweep} and the
 * tests that run whole sweeps build them here, so the tests exercise the product's wiring.
 */
public final class SweepParts {
  /** Segments the table sink gathers before it writes them together. */
  static final int SEGMENTS_PER_WRITE = 2000;

  private final SweepConfig config;
  private final Study study;
  private final SweepPolicy policy;
  private final WarmStartSource warmStart;

  private SweepParts(
      SweepConfig config, Study study, SweepPolicy policy, WarmStartSource warmStart) {
    this.config = config;
    this.study = study;
    this.policy = policy;
    this.warmStart = warmStart;
  }

  /** The study of {@code config}, holding {@code earlier} (trials of an earlier run, by number). */
  public static SweepParts of(SweepConfig config, List<FrozenTrial> earlier) {
    return of(config, earlier, WarmStartSource.none());
  }

  /**
   * The study of {@code config}, holding {@code earlier} (trials of an earlier run of this study),
   * warm-started from another sweep's trials by {@code warmStart}.
   */
  public static SweepParts of(
      SweepConfig config, List<FrozenTrial> earlier, WarmStartSource warmStart) {
    InMemoryStorage storage = new InMemoryStorage();
    storage.createStudy(config.studyName(), config.directions());
    for (FrozenTrial t : earlier) {
      storage.createTrial(config.studyName(), t);
    }
    Study study = StudyFactory.create(config, storage, warmStart);
    return new SweepParts(config, study, SweepPolicy.of(config, study.pruner()), warmStart);
  }

  public Study study() {
    return study;
  }

  public SweepPolicy policy() {
    return policy;
  }

  /**
   * The runner executors train segments with: the user's trainer or the built-in networks, in a
   * child JVM per slot when the definition isolates trials.
   */
  public static SweepRunner runner(SweepConfig config) {
    SweepRunner runner = TrainingSegmentRunner.of(config);
    return config.execution().isolated() ? new IsolatedRunner(runner, config.threads()) : runner;
  }

  /** The sink that writes what the driver records into {@code tables}, off the driver's thread. */
  public SweepSink sink(Tables tables, Provenance provenance) {
    return new AsyncSink(
        new TableSink(
            tables,
            config.studyName(),
            provenance,
            new RungLevels(policy.scheduler()),
            SEGMENTS_PER_WRITE));
  }

  /** The driver of this sweep, sending segments to {@code dispatcher}. */
  public SweepDriver driver(WorkDispatcher dispatcher, SweepSink sink, Progress progress) {
    return new SweepDriver(
            study,
            config.space(),
            policy,
            dispatcher,
            sink,
            progress,
            config.output(),
            config.sampler().seed())
        .warmStartedFrom(warmStart, config.warmStart().fullBracket());
  }
}
