package dev.rung.job.driver;

import dev.rung.distributions.Distribution;
import dev.rung.job.config.ConfigError;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.Settings;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.OutputLayout;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.TrialState;
import dev.rung.study.WarmStart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The earlier sweep a sweep starts from ({@code rung.warm-start}): the trials TPE learns from, and
 * the best earlier configurations the driver trains first. The earlier output is only read.
 *
 * @param from the earlier output (the directory of the run chosen, or the root that held none), or
 *     "" for none
 * @param learnFrom the earlier trials TPE learns from (COMPLETE, and PRUNED when configured)
 * @param first the earlier trials whose configurations are trained first, best first
 * @param space the search space the configurations are given in
 * @param cold for a sweep that starts cold because its own root holds no earlier run yet, why; null
 *     otherwise
 */
public record WarmStartSource(
    String from,
    List<FrozenTrial> learnFrom,
    List<FrozenTrial> first,
    Map<String, Distribution> space,
    String cold) {

  /** User attribute of an enqueued trial: the earlier output it came from. */
  public static final String FROM_ATTR = "warm_start_from";

  private static final String KEY = Settings.WARM_START_FROM.key();

  public WarmStartSource {
    learnFrom = List.copyOf(learnFrom);
    first = List.copyOf(first);
    space = Map.copyOf(space);
  }

  /** No warm start. */
  public static WarmStartSource none() {
    return new WarmStartSource("", List.of(), List.of(), Map.of(), null);
  }

  /** Whether there is an earlier sweep. */
  public boolean enabled() {
    return !from.isEmpty();
  }

  /**
   * Reads the earlier sweep {@code config} names (none when it names none). {@code config}'s output
   * is the directory of its run ({@link OutputLayout#runDirectory}).
   *
   * <p>{@code rung.warm-start.from} names the directory of one earlier run (or an output of the
   * earlier layout), or an output root: then {@code rung.warm-start.study} and {@code run} choose
   * the run, by default the latest run of this sweep's study, other than this one, that holds a
   * trial to learn from. From this sweep's own root with no such run (the first night), the sweep
   * starts cold: the source returned then holds no trial, and its {@link #summary} says why.
   *
   * @throws InvalidConfigException naming {@code rung.warm-start.from} when the location is not a
   *     readable Rung output, is this sweep's own run, holds no such run, or its study does not fit
   *     this one
   */
  public static WarmStartSource read(SweepConfig config, FileSystem fs) throws IOException {
    SweepConfig.WarmStart w = config.warmStart();
    if (!w.enabled()) {
      return none();
    }
    Path named = new Path(w.from());
    FileSystem earlierFs = named.getFileSystem(fs.getConf());
    Path from = earlierFs.makeQualified(named);
    Path own = fs.makeQualified(new Path(config.output()));
    if (from.equals(own)) {
      throw refused(
          w.from(),
          "is this sweep's own run ("
              + Settings.OUTPUT.key()
              + " and "
              + Settings.RUN_ID.key()
              + "): give an earlier run, or the output root to start from the runs before this"
              + " one; to continue this run, run it again without "
              + Settings.WARM_START.key());
    }
    if (!earlierFs.exists(from)) {
      throw refused(
          w.from(),
          "does not exist: give an output root holding earlier runs, or the directory of one run");
    }
    boolean oneRun =
        OutputLayout.isRunDirectory(from) || OutputLayout.isEarlierLayout(earlierFs, from);
    if (oneRun) {
      if (!w.study().isEmpty() || !w.run().isEmpty()) {
        throw refused(
            w.from(),
            "is the output of one run, so "
                + Settings.WARM_START_STUDY.key()
                + " and "
                + Settings.WARM_START_RUN.key()
                + " must be empty; they choose a run of an output root");
      }
      return of(config, w.from(), readStudy(earlierFs, from, w.from()));
    }
    String study = w.study().isEmpty() ? config.studyName() : w.study();
    List<OutputLayout.Run> runs = new ArrayList<>();
    for (OutputLayout.Run r : OutputLayout.runs(earlierFs, from)) {
      if (r.study().equals(study) && !earlierFs.makeQualified(r.directory()).equals(own)) {
        runs.add(r);
      }
    }
    if (!w.run().isEmpty()) {
      for (OutputLayout.Run r : runs) {
        if (r.run().equals(w.run())) {
          return of(
              config, r.directory().toString(), readStudy(earlierFs, r.directory(), w.from()));
        }
      }
      throw refused(
          w.from(),
          "holds no run '"
              + w.run()
              + "' of study '"
              + study
              + "' ("
              + Settings.WARM_START_RUN.key()
              + "); its runs of that study: "
              + runIds(runs));
    }
    // The latest earlier run with a trial to learn from: a night that failed early is skipped.
    for (int i = runs.size() - 1; i >= 0; i--) {
      StoredStudy earlier = readStudy(earlierFs, runs.get(i).directory(), w.from());
      if (hasTrialToLearnFrom(earlier, w)) {
        return of(config, runs.get(i).directory().toString(), earlier);
      }
    }
    if (from.equals(OutputLayout.root(own))) {
      return new WarmStartSource(
          from.toString(),
          List.of(),
          List.of(),
          config.space().allNames(),
          "no earlier run of study "
              + study
              + " under "
              + from
              + " holds a trial to learn from: this run starts cold");
    }
    throw refused(
        w.from(),
        "holds no run of study '"
            + study
            + "' with a trial to learn from"
            + (runs.isEmpty() ? "" : " (its runs of that study: " + runIds(runs) + ")")
            + (w.study().isEmpty()
                ? "; to start from another study's runs, set " + Settings.WARM_START_STUDY.key()
                : ""));
  }

  private static StoredStudy readStudy(FileSystem fs, Path dir, String named) throws IOException {
    try {
      return StoredStudy.read(fs, dir);
    } catch (StoredStudy.UnreadableException e) {
      throw refused(
          named,
          (dir.toString().equals(named) ? "" : "(its run " + dir + ") ")
              + "is not a readable Rung output: "
              + e.problem());
    }
  }

  private static boolean hasTrialToLearnFrom(StoredStudy study, SweepConfig.WarmStart w) {
    return study.frozenTrials().stream()
        .anyMatch(
            t ->
                t.state() == TrialState.COMPLETE || (w.pruned() && t.state() == TrialState.PRUNED));
  }

  private static String runIds(List<OutputLayout.Run> runs) {
    List<String> ids = new ArrayList<>();
    runs.forEach(r -> ids.add(r.run()));
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }

  private static WarmStartSource of(SweepConfig config, String from, StoredStudy earlier) {
    return of(config, from, earlier.directions(), earlier.frozenTrials());
  }

  /**
   * The warm start of {@code config} from the trials of an earlier study with {@code directions}.
   *
   * @throws InvalidConfigException when the directions differ from this sweep's
   */
  public static WarmStartSource of(
      SweepConfig config, String from, List<Direction> directions, List<FrozenTrial> earlier) {
    SweepConfig.WarmStart w = config.warmStart();
    if (!directions.equals(config.directions())) {
      throw refused(
          from,
          "holds a study with directions "
              + directions
              + " but this sweep has "
              + config.directions()
              + " ("
              + Settings.DIRECTIONS.key()
              + "): a warm start needs the same objectives in the same"
              + " directions");
    }
    List<FrozenTrial> learn = new ArrayList<>();
    for (FrozenTrial t : earlier) {
      if (t.state() == TrialState.COMPLETE || (w.pruned() && t.state() == TrialState.PRUNED)) {
        learn.add(t);
      }
    }
    Map<String, Distribution> space = config.space().allNames();
    List<FrozenTrial> first = WarmStart.best(earlier, directions, w.best(), space);
    if (learn.isEmpty() && first.isEmpty()) {
      throw refused(
          from, "holds no COMPLETE" + (w.pruned() ? " or PRUNED" : "") + " trial to start from");
    }
    return new WarmStartSource(from, learn, first, space, null);
  }

  /**
   * The earlier trial whose configuration is the next to train first, or null when the study holds
   * them all already (a resumed sweep counts what it recorded).
   */
  FrozenTrial next(Study study) {
    if (first.isEmpty()) {
      return null;
    }
    List<String> started = new ArrayList<>();
    for (FrozenTrial s : study.trials()) {
      Object n = s.userAttrs().get(WarmStart.FROM_TRIAL);
      if (n != null) {
        started.add(String.valueOf(n));
      }
    }
    for (FrozenTrial t : first) {
      if (!started.contains(String.valueOf(t.number()))) {
        return t;
      }
    }
    return null;
  }

  /**
   * Enqueues in {@code study} the next configuration to train first, unless none is left; called by
   * the driver just before it starts a new trial.
   */
  void enqueueNext(Study study) {
    FrozenTrial t = next(study);
    if (t != null) {
      study.enqueueTrial(
          WarmStart.paramsIn(t, space),
          Map.of(
              WarmStart.ATTR,
              WarmStart.ENQUEUED,
              WarmStart.FROM_TRIAL,
              String.valueOf(t.number()),
              FROM_ATTR,
              from),
          false);
    }
  }

  /** The line printed at the start of a sweep. */
  public String summary() {
    if (cold != null) {
      return "warm start: " + cold;
    }
    return "warm start: "
        + learnFrom.size()
        + " earlier trials from "
        + from
        + ", "
        + first.size()
        + " enqueued";
  }

  private static InvalidConfigException refused(String from, String why) {
    return new InvalidConfigException(List.of(new ConfigError(KEY, null, "'" + from + "' " + why)));
  }
}
