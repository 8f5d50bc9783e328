package dev.rung.job.driver;

import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.RungAttrs;
import dev.rung.study.FrozenTrial;
import java.util.List;

/** Which rung a trial reached, from the epochs it trained and its bracket's rung steps. */
public final class RungLevels {
  private final AshaScheduler scheduler;

  /** Rung levels of a scheduler; with none (no rungs), every trial is at rung 0. */
  public RungLevels(AshaScheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** The highest rung whose step the trial reported; 0 before its first rung. */
  public int rungReached(FrozenTrial t) {
    if (scheduler == null || t.lastStep().isEmpty()) {
      return 0;
    }
    int step = t.lastStep().getAsInt();
    List<Integer> targets = scheduler.targets(RungAttrs.bracket(t).orElse(0));
    int reached = 0;
    for (int k = 0; k < targets.size(); k++) {
      if (targets.get(k) <= step) {
        reached = k;
      }
    }
    return reached;
  }
}
