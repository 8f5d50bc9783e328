package dev.rung.study;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a study's trials live. The in-memory storage keeps them for one JVM; the Spark job stores
 * them as Parquet so that a study can be resumed.
 *
 * @apiNote Implementations are thread-safe. Trial numbers are dense and assigned atomically. A
 *     trial in a finished state is never replaced.
 */
public interface TrialStorage {

  /**
   * Creates the study, or checks that an existing study of that name has the same directions.
   *
   * @throws IllegalArgumentException if the study exists with other directions
   */
  void createStudy(String study, List<Direction> directions);

  /** The study's directions, or empty when no study of that name exists. */
  Optional<List<Direction>> directions(String study);

  /** Stores {@code template} as a new trial with the next number and returns what was stored. */
  FrozenTrial createTrial(String study, FrozenTrial template);

  /**
   * Replaces a RUNNING or WAITING trial by a newer snapshot of it.
   *
   * @throws IllegalStateException if the stored trial is already finished
   */
  void updateTrial(String study, FrozenTrial trial);

  /** Atomically turns the oldest WAITING trial into a RUNNING one and returns it. */
  Optional<FrozenTrial> popWaiting(String study, Instant start);

  /** The trial with that number. */
  FrozenTrial trial(String study, int number);

  /** All trials of the study, by number. */
  List<FrozenTrial> trials(String study);
}
