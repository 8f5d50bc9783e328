package dev.rung.samplers.tpe;

import dev.rung.samplers.Sampler;
import dev.rung.samplers.SamplerContract;

/** The shared sampler contract for TPE sampling each parameter on its own, Optuna's settings. */
class IndependentTpeSamplerContractTest extends SamplerContract {
  @Override
  protected Sampler create(long seed) {
    return TpeSampler.optunaCompatible().multivariate(false).seed(seed).build();
  }
}
