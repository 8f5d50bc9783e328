package dev.rung.bench.fidelity;

import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.AshaScheduler.Decision;
import dev.rung.pruners.AshaScheduler.NewTrial;
import dev.rung.pruners.AshaScheduler.Promotion;
import dev.rung.pruners.HyperbandPruner;
import dev.rung.pruners.Pruner;
import dev.rung.pruners.RungAttrs;
import dev.rung.pruners.SuccessiveHalvingPruner;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import dev.rung.study.TrialState;
import dev.rung.study.TrialStorage;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one method on one problem with one seed until a budget of epochs is spent, one worker,
 * resource = epochs trained. In the scheduled modes the loop plays the batch driver: it asks the
 * {@link AshaScheduler} what to run whenever the worker is free and writes trials through the
 * study's storage with the {@link RungAttrs} attributes.
 */
public final class Simulation {
  private Simulation() {}

  /** The trace of {@code method} on {@code problem} with {@code seed} and a budget in epochs. */
  public static Trace run(CurveProblem problem, Method method, long seed, long budget) {
    int max = problem.maxEpochs();
    Pruner pruner = method.pruner().make(max);
    Study study =
        Study.builder()
            .name("bench-" + problem.name() + "-" + seed)
            .sampler(method.sampler(seed))
            .pruner(pruner)
            .build();
    Trace trace = new Trace();
    switch (method.mode()) {
      case FULL, IN_PROCESS -> inProcess(study, problem, seed, budget, trace);
      case SCHEDULED_RESUME ->
          scheduled(study, problem, seed, budget, trace, scheduler(pruner, max), true);
      case SCHEDULED_RESTART ->
          scheduled(study, problem, seed, budget, trace, scheduler(pruner, max), false);
    }
    return trace;
  }

  private static AshaScheduler scheduler(Pruner pruner, int max) {
    if (pruner instanceof HyperbandPruner hb) {
      return hb.scheduler();
    }
    return ((SuccessiveHalvingPruner) pruner).scheduler(max);
  }

  private static void inProcess(
      Study study, CurveProblem problem, long seed, long budget, Trace trace) {
    int max = problem.maxEpochs();
    while (trace.spent() < budget) {
      Trial trial = study.ask();
      trace.trialStarted();
      Curve curve = problem.define(trial, seed);
      boolean stopped = false;
      for (int epoch = 1; epoch <= max; epoch++) {
        if (trace.spent() >= budget) {
          return;
        }
        trace.spend(1);
        trial.report(curve.at(epoch), epoch);
        if (epoch < max && trial.shouldPrune()) {
          study.tell(trial.number(), TrialState.PRUNED);
          stopped = true;
          break;
        }
      }
      if (!stopped) {
        study.tell(trial, curve.at(max));
        trace.completed(curve.at(max), curve.expected(max));
      }
    }
  }

  private static void scheduled(
      Study study,
      CurveProblem problem,
      long seed,
      long budget,
      Trace trace,
      AshaScheduler scheduler,
      boolean resume) {
    TrialStorage storage = study.storage();
    String name = study.name();
    Map<Integer, Curve> curves = new HashMap<>();
    while (trace.spent() < budget) {
      Decision d = scheduler.next(study.history());
      FrozenTrial t;
      int from;
      int to;
      if (d instanceof NewTrial nt) {
        Trial trial = study.ask();
        trace.trialStarted();
        curves.put(trial.number(), problem.define(trial, seed));
        t = RungAttrs.started(storage.trial(name, trial.number()), nt);
        from = 0;
        to = nt.toStep();
      } else {
        Promotion p = (Promotion) d;
        t = RungAttrs.promoted(storage.trial(name, p.trial()), p);
        from = resume ? p.fromStep() : 0;
        to = p.toStep();
      }
      Curve curve = curves.get(t.number());
      int last = t.lastStep().orElse(0);
      for (int epoch = from + 1; epoch <= to; epoch++) {
        if (trace.spent() >= budget) {
          storage.updateTrial(name, t);
          return;
        }
        trace.spend(1);
        if (epoch > last) {
          t = t.withIntermediate(epoch, curve.at(epoch));
        }
      }
      storage.updateTrial(name, t);
      if (to == problem.maxEpochs()) {
        study.tell(t.number(), curve.at(to));
        trace.completed(curve.at(to), curve.expected(to));
      }
    }
  }
}
