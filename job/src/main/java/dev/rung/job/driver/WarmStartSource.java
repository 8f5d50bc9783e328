package dev.rung.job.driver;

import dev.rung.distributions.Distribution;
import dev.rung.job.config.ConfigError;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.Settings;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.results.StoredStudy;
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
 * @param from the earlier output, or "" for none
 * @param learnFrom the earlier trials TPE learns from (COMPLETE, and PRUNED when configured)
 * @param first the earlier trials whose configurations are trained first, best first
 * @param space the search space the configurations are given in
 */
public record WarmStartSource(
    String from,
    List<FrozenTrial> learnFrom,
    List<FrozenTrial> first,
    Map<String, Distribution> space) {

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
    return new WarmStartSource("", List.of(), List.of(), Map.of());
  }

  /** Whether there is an earlier sweep. */
  public boolean enabled() {
    return !from.isEmpty();
  }

  /**
   * Reads the earlier sweep {@code config} names (none when it names none).
   *
   * @throws InvalidConfigException naming {@code rung.warm-start.from} when the location is not a
   *     readable Rung output, is this sweep's own output, or its study does not fit this one
   */
  public static WarmStartSource read(SweepConfig config, FileSystem fs) throws IOException {
    SweepConfig.WarmStart w = config.warmStart();
    if (!w.enabled()) {
      return none();
    }
    Path from = fs.makeQualified(new Path(w.from()));
    if (from.equals(fs.makeQualified(new Path(config.output())))) {
      throw refused(
          w.from(),
          "is this sweep's own output (" + Settings.OUTPUT.key() + "): give an earlier sweep's");
    }
    StoredStudy earlier;
    List<FrozenTrial> trials;
    try {
      earlier = StoredStudy.read(from.getFileSystem(fs.getConf()), from);
      trials = earlier.frozenTrials();
    } catch (StoredStudy.UnreadableException e) {
      throw refused(w.from(), "is not a readable Rung output: " + e.problem());
    }
    return of(config, w.from(), earlier.directions(), trials);
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
    return new WarmStartSource(from, learn, first, space);
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
