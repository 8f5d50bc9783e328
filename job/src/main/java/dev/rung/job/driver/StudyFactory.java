package dev.rung.job.driver;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.job.config.ConfigError;
import dev.rung.job.config.InvalidConfigException;
import dev.rung.job.config.Settings;
import dev.rung.job.config.SweepConfig;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.pruners.PatientPruner;
import dev.rung.pruners.PercentilePruner;
import dev.rung.pruners.Pruner;
import dev.rung.pruners.SuccessiveHalvingPruner;
import dev.rung.pruners.ThresholdPruner;
import dev.rung.samplers.GridSampler;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.samplers.nsga2.Nsga2Sampler;
import dev.rung.samplers.tpe.TpeSampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.TrialStorage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the study a sweep definition describes, on a given storage. */
public final class StudyFactory {
  private StudyFactory() {}

  /** The study of {@code config}, continuing the trials already in {@code storage}. */
  public static Study create(SweepConfig config, TrialStorage storage) {
    return create(config, storage, WarmStartSource.none());
  }

  /**
   * The study of {@code config}, continuing the trials already in {@code storage}, whose sampler
   * learns from the earlier sweep of {@code warmStart} too.
   */
  public static Study create(SweepConfig config, TrialStorage storage, WarmStartSource warmStart) {
    return Study.builder()
        .name(config.studyName())
        .directions(config.directions())
        .sampler(sampler(config, warmStart.learnFrom()))
        .pruner(pruner(config))
        .storage(storage)
        .loadIfExists(true)
        .build();
  }

  /** The sampler and its options. */
  public static Sampler sampler(SweepConfig config) {
    return sampler(config, List.of());
  }

  /** The sampler and its options; TPE learns from {@code earlier} trials too (a warm start). */
  public static Sampler sampler(SweepConfig config, List<FrozenTrial> earlier) {
    SweepConfig.SamplerSettings s = config.sampler();
    SweepConfig.WarmStart w = config.warmStart();
    return switch (s.type()) {
      case "random" -> new RandomSampler(s.seed());
      case "grid" -> new GridSampler(grid(config), s.seed());
      case "nsga2" ->
          Nsga2Sampler.builder()
              .seed(s.seed())
              .populationSize(s.population())
              .crossoverProbability(s.crossoverProb())
              .swappingProbability(s.swappingProb())
              .build();
      default -> {
        TpeSampler.Builder b =
            TpeSampler.builder()
                .seed(s.seed())
                .startupTrials(s.startupTrials())
                .candidates(s.candidates())
                .multivariate(s.multivariate())
                .group(s.group())
                .constantLiar(s.constantLiar())
                .liarWeight(s.liarWeight())
                .shareCandidates(s.shareCandidates())
                .multivariateInFlight(s.multivariateInFlight())
                .priorWeight(s.priorWeight())
                .randomFraction(s.randomFraction())
                .earlierTrials(earlier, w.weight())
                .earlierTrialsOnlyAtStart(w.onlyAtStart());
        if (s.randomCandidates() > 0) {
          b.randomCandidates(s.randomCandidates());
        }
        yield b.build();
      }
    };
  }

  /**
   * The sweep's one pruner: the study's pruner, whose sampler view decides what the sampler learns
   * from (paused trials appear PRUNED at the rung they reached; by default the model is fitted on
   * the highest trusted rung with enough observations), and, through {@link SweepPolicy#of}, the
   * source of the driver's rung scheduler (asha, hyperband) or of the pruner that executors apply
   * inside segments, frozen (median, percentile, threshold, patient), so that a setting changed
   * once changes both.
   */
  public static Pruner pruner(SweepConfig config) {
    SweepConfig.PrunerSettings p = config.pruner();
    return switch (p.type()) {
      case "hyperband" ->
          new HyperbandPruner(
              p.minResource(),
              p.maxResource(),
              p.reductionFactor(),
              0,
              p.samplerView(),
              p.rungAgreement());
      case "asha" ->
          new SuccessiveHalvingPruner(
              p.minResource(),
              p.reductionFactor(),
              p.minEarlyStoppingRate(),
              0,
              p.samplerView(),
              p.rungAgreement());
      case "patient" ->
          new PatientPruner(
              p.wrapped().equals("none") ? null : segmentPruner(p, p.wrapped()),
              p.patience(),
              p.minDelta());
      default -> segmentPruner(p, p.type());
    };
  }

  /** A pruner that decides inside segments, of a type other than patient. */
  private static Pruner segmentPruner(SweepConfig.PrunerSettings p, String type) {
    return switch (type) {
      case "median", "percentile" ->
          new PercentilePruner(
              type.equals("median") ? 50 : p.percentile(),
              p.startupTrials(),
              p.warmupSteps(),
              p.intervalSteps(),
              p.minTrials());
      case "threshold" ->
          new ThresholdPruner(p.lower(), p.upper(), p.warmupSteps(), p.intervalSteps());
      default -> Pruner.none();
    };
  }

  /** The grid of a grid sweep: every value of each (categorical, int or stepped) parameter. */
  static Map<String, List<?>> grid(SweepConfig config) {
    Map<String, List<?>> grid = new LinkedHashMap<>();
    List<ConfigError> errors = new ArrayList<>();
    for (var e : config.space().allNames().entrySet()) {
      List<Object> values = values(e.getValue());
      if (values == null) {
        errors.add(
            new ConfigError(
                Settings.SPACE.key() + "." + e.getKey(),
                null,
                "is "
                    + e.getValue().describe()
                    + ", which a grid cannot enumerate: give choices, an"
                    + " int range or a float step (at most 1000 values)"));
      } else {
        grid.put(e.getKey(), values);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidConfigException(errors);
    }
    return grid;
  }

  private static List<Object> values(Distribution d) {
    List<Object> out = new ArrayList<>();
    if (d instanceof CategoricalDistribution c) {
      out.addAll(c.choices());
    } else if (d instanceof IntDistribution i && !i.log()) {
      for (long v = i.low(); v <= i.high() && out.size() <= 1000; v += i.step()) {
        out.add((int) v);
      }
    } else if (d instanceof FloatDistribution f && f.hasStep()) {
      long n = Math.round((f.high() - f.low()) / f.step());
      for (long k = 0; k <= n && out.size() <= 1000; k++) {
        out.add(f.low() + k * f.step());
      }
    } else {
      return null;
    }
    return out.size() > 1000 ? null : out;
  }
}
