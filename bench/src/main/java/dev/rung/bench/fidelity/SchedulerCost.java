package dev.rung.bench.fidelity;

import dev.rung.distributions.FloatDistribution;
import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.AshaScheduler.Decision;
import dev.rung.pruners.AshaScheduler.NewTrial;
import dev.rung.pruners.AshaScheduler.Promotion;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.pruners.RungAttrs;
import dev.rung.pruners.SamplerView;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Seeds;
import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What one decision of a batch driver costs at a given study size: the time of {@link
 * AshaScheduler#next} and of {@link HyperbandPruner#samplerHistory} (per sampler view) on a history
 * of {@code n} trials as the driver leaves it (Hyperband 1..27 epochs, eta 3; trials started,
 * paused, promoted and completed by the scheduler itself, three parameters each).
 *
 * <p>Usage: {@code SchedulerCost [sizes 1000,5000,20000] [calls 50]}.
 */
public final class SchedulerCost {
  private SchedulerCost() {}

  public static void main(String[] args) {
    String sizes = args.length > 0 ? args[0] : "1000,5000,20000";
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    HyperbandPruner pruner = HyperbandPruner.of(1, 27, 3);
    AshaScheduler scheduler = pruner.scheduler();
    System.out.printf(
        Locale.ROOT,
        "%8s %12s %14s %14s %14s %12s%n",
        "trials",
        "next ms",
        "view ALL ms",
        "view BRKT ms",
        "view BOHB ms",
        "us/trial");
    for (String s : sizes.split(",")) {
      int n = Integer.parseInt(s.trim());
      History h = driven(scheduler, n);
      FrozenTrial fresh = FrozenTrial.create(n, TrialState.RUNNING, Instant.EPOCH);
      double next = time(calls, () -> scheduler.next(h));
      double all = time(calls, () -> pruner.withView(SamplerView.ALL).samplerHistory(h, fresh));
      double bracket =
          time(calls, () -> pruner.withView(SamplerView.BRACKET).samplerHistory(h, fresh));
      double bohb =
          time(calls, () -> pruner.withView(SamplerView.HIGHEST_RUNG).samplerHistory(h, fresh));
      System.out.printf(
          Locale.ROOT,
          "%8d %12.2f %14.2f %14.2f %14.2f %12.2f%n",
          n,
          next,
          all,
          bracket,
          bohb,
          1000 * (next + bohb) / n);
    }
  }

  /** Milliseconds per call, after as many warm-up calls. */
  private static double time(int calls, Runnable r) {
    for (int i = 0; i < calls; i++) {
      r.run();
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      r.run();
    }
    return (System.nanoTime() - t0) / 1e6 / calls;
  }

  /** A history of {@code n} trials built by following the scheduler's decisions. */
  static History driven(AshaScheduler scheduler, int n) {
    RandomGenerator rng = Seeds.rng(7);
    List<FrozenTrial> trials = new ArrayList<>();
    FloatDistribution unit = FloatDistribution.uniform(0, 1);
    while (trials.size() < n) {
      History h = new History("cost", List.of(Direction.MINIMIZE), trials);
      Decision d = scheduler.next(h);
      if (d instanceof NewTrial nt) {
        int number = trials.size();
        FrozenTrial t = FrozenTrial.create(number, TrialState.RUNNING, Instant.EPOCH);
        for (String p : List.of("x", "y", "z")) {
          t = t.withParam(p, rng.nextDouble(), unit);
        }
        t = RungAttrs.started(t, nt);
        trials.add(train(t, 1, nt.toStep(), scheduler.maxResource()));
      } else {
        Promotion p = (Promotion) d;
        FrozenTrial t = RungAttrs.promoted(trials.get(p.trial()), p);
        trials.set(p.trial(), train(t, p.fromStep() + 1, p.toStep(), scheduler.maxResource()));
      }
    }
    return new History("cost", List.of(Direction.MINIMIZE), trials);
  }

  /** Reports steps {@code from..to} of a curve set by the parameters; COMPLETE at the max. */
  private static FrozenTrial train(FrozenTrial t, int from, int to, int max) {
    Map<String, Object> p = t.params();
    double quality = (Double) p.get("x") + 0.5 * (Double) p.get("y");
    double speed = 0.2 + (Double) p.get("z");
    for (int e = from; e <= to; e++) {
      t = t.withIntermediate(e, quality + Math.exp(-speed * e));
    }
    if (to == max) {
      t = t.finish(TrialState.COMPLETE, List.of(t.lastIntermediateValue()), Instant.EPOCH, null);
    }
    return t;
  }
}
