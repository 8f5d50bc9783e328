package dev.rung.bench;

import dev.rung.samplers.RandomSampler;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import java.util.Map;

/** Evaluates a problem at given parameter values, through an enqueued trial of a new study. */
final class FixedParams {
  private FixedParams() {}

  /** The finished trial: its value and the parameters the problem suggested, in order. */
  static FrozenTrial evaluate(Problem problem, Map<String, Object> params) {
    Study study = Study.builder().sampler(new RandomSampler(0)).build();
    study.enqueueTrial(params);
    Trial trial = study.ask();
    return study.tell(trial, problem.objective().applyAsDouble(trial));
  }

  /** The smallest value of {@code trials} random points (seed 1). */
  static double randomMinimum(Problem problem, int trials) {
    Study study = Study.builder().sampler(new RandomSampler(1)).build();
    study.optimize(t -> problem.objective().applyAsDouble(t), trials);
    return study.bestValue();
  }
}
