package dev.rung.bench;

import dev.rung.samplers.Sampler;
import dev.rung.samplers.SamplerContract;

/**
 * A TPE variant written as a bench spec passes the sampler contract, taken from the sampler
 * module's published test jar as a user's project would take it.
 */
class SamplerSpecContractTest extends SamplerContract {
  @Override
  protected Sampler create(long seed) {
    return SamplerSpec.parse("tpe-mv:candidates=8,gamma=sqrt,share-candidates=false,startup=5")
        .apply(seed);
  }
}
