package dev.rung.training.space;

import java.util.List;

/** An entry of a {@link SearchSpaceSpec}: a single parameter or a group repeated by a count. */
public sealed interface SpaceEntry permits ParamEntry, RepeatedGroup {
  /** The conditions under which the entry is active (all must hold). */
  List<Condition> conditions();
}
