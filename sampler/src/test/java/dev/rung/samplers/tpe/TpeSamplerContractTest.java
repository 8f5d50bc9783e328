package dev.rung.samplers.tpe;

import dev.rung.samplers.Sampler;
import dev.rung.samplers.SamplerContract;

/**
 * The shared sampler contract for TPE with its defaults (multivariate, constant liar, candidates
 * shared among the trials in flight): 120 trials reach the model after the 10 random startup
 * trials, and the parallel part of the contract runs with trials in flight.
 */
class TpeSamplerContractTest extends SamplerContract {
  @Override
  protected Sampler create(long seed) {
    return TpeSampler.builder().seed(seed).build();
  }
}
