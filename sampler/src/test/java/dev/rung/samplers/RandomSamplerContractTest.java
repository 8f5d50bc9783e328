package dev.rung.samplers;

class RandomSamplerContractTest extends SamplerContract {
  @Override
  protected Sampler create(long seed) {
    return new RandomSampler(seed);
  }
}
