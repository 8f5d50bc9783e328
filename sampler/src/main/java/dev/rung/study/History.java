package dev.rung.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A read-only snapshot of a study's trials, in trial-number order, with the study's directions: all
 * that samplers and pruners see.
 *
 * @param studyName the study's name
 * @param directions one direction per objective
 * @param trials every trial of the study at the time of the snapshot, by number
 * @param misleadingRungs whether this is a pruner's view of the study in which a rung below the
 *     full resource was measured to rank trials unlike the rungs above it (the rung agreement of
 *     {@code SamplerView.TRUSTED_RUNG} distrusts it), so that a sampler may hedge against what the
 *     early rungs told it; false for a study's own history
 */
public record History(
    String studyName,
    List<Direction> directions,
    List<FrozenTrial> trials,
    boolean misleadingRungs) {

  public History {
    directions = List.copyOf(directions);
    trials = Collections.unmodifiableList(new ArrayList<>(trials));
  }

  /** A history in which no rung is known to mislead. */
  public History(String studyName, List<Direction> directions, List<FrozenTrial> trials) {
    this(studyName, directions, trials, false);
  }

  /** The same trials, with {@link #misleadingRungs} set as given. */
  public History withMisleadingRungs(boolean misleading) {
    return misleading == misleadingRungs
        ? this
        : new History(studyName, directions, trials, misleading);
  }

  /** The only direction of a single-objective study. */
  public Direction direction() {
    if (directions.size() != 1) {
      throw new IllegalStateException(
          "study '" + studyName + "' has " + directions.size() + " objectives, not one");
    }
    return directions.get(0);
  }

  /** Whether the study has more than one objective. */
  public boolean isMultiObjective() {
    return directions.size() > 1;
  }

  /** The trials in any of the given states, by number. */
  public List<FrozenTrial> trials(Set<TrialState> states) {
    List<FrozenTrial> out = new ArrayList<>();
    for (FrozenTrial t : trials) {
      if (states.contains(t.state())) {
        out.add(t);
      }
    }
    return out;
  }

  /** The trials in one of the given states. */
  public List<FrozenTrial> trials(TrialState first, TrialState... rest) {
    return trials(EnumSet.of(first, rest));
  }

  /** The COMPLETE trials. */
  public List<FrozenTrial> completed() {
    return trials(EnumSet.of(TrialState.COMPLETE));
  }

  /** How many trials are in one of the given states. */
  public int count(Set<TrialState> states) {
    int n = 0;
    for (FrozenTrial t : trials) {
      if (states.contains(t.state())) {
        n++;
      }
    }
    return n;
  }

  /** The same study with only the trials that pass {@code filter}. */
  public History filter(Predicate<FrozenTrial> filter) {
    List<FrozenTrial> kept = new ArrayList<>();
    for (FrozenTrial t : trials) {
      if (filter.test(t)) {
        kept.add(t);
      }
    }
    return new History(studyName, directions, kept, misleadingRungs);
  }
}
