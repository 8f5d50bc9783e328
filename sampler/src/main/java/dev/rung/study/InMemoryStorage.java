package dev.rung.study;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Trials kept in this JVM's memory; one lock guards all studies. */
public final class InMemoryStorage implements TrialStorage {

  private final Map<String, List<Direction>> directions = new HashMap<>();
  private final Map<String, List<FrozenTrial>> trials = new HashMap<>();

  /** Per study, how many trials are WAITING: asking skips the scan when none is. */
  private final Map<String, Integer> waiting = new HashMap<>();

  @Override
  public synchronized void createStudy(String study, List<Direction> dirs) {
    List<Direction> existing = directions.get(study);
    if (existing != null && !existing.equals(dirs)) {
      throw new IllegalArgumentException(
          "study '" + study + "' already exists with directions " + existing + ", not " + dirs);
    }
    directions.put(study, List.copyOf(dirs));
    trials.computeIfAbsent(study, s -> new ArrayList<>());
  }

  @Override
  public synchronized Optional<List<Direction>> directions(String study) {
    return Optional.ofNullable(directions.get(study));
  }

  @Override
  public synchronized FrozenTrial createTrial(String study, FrozenTrial template) {
    List<FrozenTrial> list = list(study);
    FrozenTrial stored = template.withNumber(list.size());
    list.add(stored);
    countWaiting(study, null, stored);
    return stored;
  }

  @Override
  public synchronized void updateTrial(String study, FrozenTrial trial) {
    List<FrozenTrial> list = list(study);
    if (trial.number() >= list.size()) {
      throw new IllegalArgumentException(
          "study '" + study + "' has no trial " + trial.number() + " to update");
    }
    FrozenTrial old = list.get(trial.number());
    if (old.state().isFinished()) {
      throw new IllegalStateException(
          "trial "
              + trial.number()
              + " of study '"
              + study
              + "' is already "
              + old.state()
              + " and cannot change");
    }
    list.set(trial.number(), trial);
    countWaiting(study, old, trial);
  }

  private void countWaiting(String study, FrozenTrial before, FrozenTrial after) {
    int change =
        (after.state() == TrialState.WAITING ? 1 : 0)
            - (before != null && before.state() == TrialState.WAITING ? 1 : 0);
    if (change != 0) {
      waiting.merge(study, change, Integer::sum);
    }
  }

  @Override
  public synchronized Optional<FrozenTrial> popWaiting(String study, Instant start) {
    List<FrozenTrial> list = list(study);
    if (waiting.getOrDefault(study, 0) == 0) {
      return Optional.empty();
    }
    for (int i = 0; i < list.size(); i++) {
      FrozenTrial t = list.get(i);
      if (t.state() == TrialState.WAITING) {
        FrozenTrial running = t.withState(TrialState.RUNNING).withStart(start);
        list.set(i, running);
        countWaiting(study, t, running);
        return Optional.of(running);
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized FrozenTrial trial(String study, int number) {
    List<FrozenTrial> list = list(study);
    if (number < 0 || number >= list.size()) {
      throw new IllegalArgumentException(
          "study '" + study + "' has no trial " + number + " (it has " + list.size() + ")");
    }
    return list.get(number);
  }

  @Override
  public synchronized List<FrozenTrial> trials(String study) {
    return new ArrayList<>(list(study));
  }

  private List<FrozenTrial> list(String study) {
    List<FrozenTrial> list = trials.get(study);
    if (list == null) {
      throw new IllegalArgumentException("no study named '" + study + "' in this storage");
    }
    return list;
  }
}
