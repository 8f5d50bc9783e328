package dev.rung.study;

import dev.rung.pruners.PercentilePruner;
import dev.rung.pruners.Pruner;
import dev.rung.samplers.Sampler;
import dev.rung.samplers.tpe.TpeSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Builds a {@link Study}; every setting has Optuna's default. */
public final class StudyBuilder {
  private String name;
  private List<Direction> directions = List.of(Direction.MINIMIZE);
  private Sampler sampler;
  private Pruner pruner;
  private TrialStorage storage;
  private boolean loadIfExists;

  StudyBuilder() {}

  /** The study's name; a random one by default. */
  public StudyBuilder name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("study name must be a non-empty string");
    }
    this.name = name;
    return this;
  }

  /** One direction: a single-objective study (minimize by default). */
  public StudyBuilder direction(Direction direction) {
    this.directions = List.of(direction);
    return this;
  }

  /** Several directions: a multi-objective study. */
  public StudyBuilder directions(Direction... directions) {
    if (directions.length == 0) {
      throw new IllegalArgumentException("a study needs at least one direction");
    }
    this.directions = List.of(directions);
    return this;
  }

  /** Several directions: a multi-objective study. */
  public StudyBuilder directions(List<Direction> directions) {
    return directions(directions.toArray(new Direction[0]));
  }

  /** The sampler; TPE with a random seed by default. */
  public StudyBuilder sampler(Sampler sampler) {
    this.sampler = sampler;
    return this;
  }

  /**
   * The pruner; the median pruner by default (Optuna's default: 5 startup trials, no warm-up),
   * which never prunes a trial that reports no intermediate values.
   */
  public StudyBuilder pruner(Pruner pruner) {
    this.pruner = pruner;
    return this;
  }

  /** Where trials are stored; in memory by default. */
  public StudyBuilder storage(TrialStorage storage) {
    this.storage = storage;
    return this;
  }

  /** Whether to continue a study of the same name found in the storage instead of failing. */
  public StudyBuilder loadIfExists(boolean load) {
    this.loadIfExists = load;
    return this;
  }

  /** Creates (or loads) the study. */
  public Study build() {
    String n = name != null ? name : "study-" + UUID.randomUUID();
    TrialStorage s = storage != null ? storage : new InMemoryStorage();
    Optional<List<Direction>> existing = s.directions(n);
    if (existing.isPresent()) {
      if (!loadIfExists) {
        throw new IllegalArgumentException(
            "study '"
                + n
                + "' already exists in this storage: choose another name or set"
                + " loadIfExists(true) to continue it");
      }
      if (!existing.get().equals(directions)) {
        throw new IllegalArgumentException(
            "study '"
                + n
                + "' exists with directions "
                + existing.get()
                + ", not "
                + new ArrayList<>(directions));
      }
    }
    s.createStudy(n, directions);
    Sampler sm = sampler != null ? sampler : TpeSampler.builder().build();
    Pruner p = pruner != null ? pruner : PercentilePruner.median();
    return new Study(n, directions, sm, p, s);
  }
}
