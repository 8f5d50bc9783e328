package dev.rung.samplers.nsga2;

import dev.rung.samplers.Sampler;
import dev.rung.samplers.SamplerContract;

/** The contract with a small population, so that most trials are children of earlier ones. */
class Nsga2SamplerContractTest extends SamplerContract {
  @Override
  protected Sampler create(long seed) {
    return Nsga2Sampler.builder().populationSize(10).seed(seed).build();
  }
}
