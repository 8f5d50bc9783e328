package dev.rung.bench.fidelity;

import dev.rung.pruners.HyperbandPruner;
import dev.rung.pruners.Pruner;
import dev.rung.pruners.SamplerView;
import dev.rung.pruners.SuccessiveHalvingPruner;
import dev.rung.samplers.RandomSampler;
import dev.rung.samplers.Sampler;
import dev.rung.samplers.tpe.TpeSampler;

/**
 * One way to spend a training budget: a sampler, and how trials are trained.
 *
 * @param name the name in reports
 * @param tpe TPE when true, random sampling otherwise
 * @param mode how epochs are scheduled
 * @param pruner the study's pruner (its scheduler for the scheduled modes), from the max epochs
 * @param liarWeight TPE's weight of trials in flight ({@link TpeSampler.Builder#liarWeight})
 * @param candidates TPE's candidates per suggestion, 0 for the library's default
 * @param randomFraction TPE's share of trials drawn at random ({@link
 *     TpeSampler.Builder#randomFraction}), NaN for the library's default
 * @param multivariate whether TPE samples the parameters jointly ({@link
 *     TpeSampler.Builder#multivariate}), null for the library's default
 * @param randomCandidates the uniform draws of which a random trial keeps the farthest from the
 *     trials that did badly ({@link TpeSampler.Builder#randomCandidates}), 0 for the library's
 *     default
 */
public record Method(
    String name,
    boolean tpe,
    Mode mode,
    PrunerFactory pruner,
    double liarWeight,
    int candidates,
    double randomFraction,
    Boolean multivariate,
    int randomCandidates) {

  /** A method with TPE's default liar weight and candidates. */
  public Method(String name, boolean tpe, Mode mode, PrunerFactory pruner) {
    this(name, tpe, mode, pruner, 1.0);
  }

  /** A method with TPE's default candidates. */
  public Method(String name, boolean tpe, Mode mode, PrunerFactory pruner, double liarWeight) {
    this(name, tpe, mode, pruner, liarWeight, 0, Double.NaN, null, 0);
  }

  /** This method with {@code n} TPE candidates per suggestion. */
  Method withCandidates(int n) {
    return new Method(
        name, tpe, mode, pruner, liarWeight, n, randomFraction, multivariate, randomCandidates);
  }

  /** This method with a share {@code f} of its TPE trials drawn at random. */
  Method withRandomFraction(double f) {
    return new Method(
        name, tpe, mode, pruner, liarWeight, candidates, f, multivariate, randomCandidates);
  }

  /** This method with TPE sampling the parameters jointly ({@code on}) or each on its own. */
  Method withMultivariate(boolean on) {
    return new Method(
        name, tpe, mode, pruner, liarWeight, candidates, randomFraction, on, randomCandidates);
  }

  /** This method with a random trial the farthest of {@code n} uniform draws from the bad ones. */
  Method withRandomCandidates(int n) {
    return new Method(
        name, tpe, mode, pruner, liarWeight, candidates, randomFraction, multivariate, n);
  }

  /** How a method trains its trials. */
  public enum Mode {
    /** Every trial trains all epochs. */
    FULL,
    /** Epoch by epoch in one go, stopped when the pruner says so (Optuna's way). */
    IN_PROCESS,
    /** A batch driver asks the ASHA scheduler; a promoted trial resumes from its checkpoint. */
    SCHEDULED_RESUME,
    /** As {@link #SCHEDULED_RESUME}, but a promoted trial retrains from epoch 1. */
    SCHEDULED_RESTART
  }

  /** Makes the pruner for a problem's max epochs. */
  @FunctionalInterface
  public interface PrunerFactory {
    Pruner make(int maxEpochs);
  }

  Sampler sampler(long seed) {
    if (!tpe) {
      return new RandomSampler(seed);
    }
    TpeSampler.Builder b = TpeSampler.builder().seed(seed).liarWeight(liarWeight);
    if (candidates > 0) {
      b.candidates(candidates);
    }
    if (!Double.isNaN(randomFraction)) {
      b.randomFraction(randomFraction);
    }
    if (multivariate != null) {
      b.multivariate(multivariate);
    }
    if (randomCandidates > 0) {
      b.randomCandidates(randomCandidates);
    }
    return b.build();
  }

  static Method full(String name, boolean tpe) {
    return new Method(name, tpe, Mode.FULL, r -> Pruner.none());
  }

  static Method inProcess(String name, boolean tpe, PrunerFactory pruner) {
    return new Method(name, tpe, Mode.IN_PROCESS, pruner);
  }

  static Method hyperband(String name, boolean tpe, int min, SamplerView view, Mode mode) {
    return hyperband(name, tpe, min, 3, view, mode);
  }

  static Method hyperband(String name, boolean tpe, int min, int eta, SamplerView view, Mode mode) {
    return new Method(name, tpe, mode, r -> HyperbandPruner.of(min, r, eta).withView(view));
  }

  static Method asha(String name, boolean tpe, int min, SamplerView view) {
    return new Method(
        name, tpe, Mode.SCHEDULED_RESUME, r -> SuccessiveHalvingPruner.of(min, 3).withView(view));
  }
}
