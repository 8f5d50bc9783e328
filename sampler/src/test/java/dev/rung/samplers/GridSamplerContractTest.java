package dev.rung.samplers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract for a grid: the grid holds the bounds of every parameter of the contract's spaces
 * (and every categorical choice), so the bounds tests check that the grid's values reach the trial
 * unchanged, of the right type, including the ends of each range. The grid (2^7 * 4 * 2^4 = 8,192
 * points) is larger than any test's number of trials, so the grid is never exhausted.
 */
class GridSamplerContractTest extends SamplerContract {
  @Override
  protected Sampler create(long seed) {
    Map<String, List<?>> grid = new LinkedHashMap<>();
    grid.put("float", List.of(FLOAT_LOW, FLOAT_HIGH));
    grid.put("log_float", List.of(LOG_FLOAT_LOW, LOG_FLOAT_HIGH));
    grid.put("step_float", List.of(STEP_FLOAT_LOW, STEP_FLOAT_HIGH));
    grid.put("int", List.of(INT_LOW, INT_HIGH));
    grid.put("log_int", List.of(LOG_INT_LOW, LOG_INT_HIGH));
    grid.put("step_int", List.of(STEP_INT_LOW, STEP_INT_HIGH));
    grid.put("choice", CHOICES);
    grid.put("branch", BRANCHES);
    grid.put("alpha", List.of(1e-3, 1.0));
    grid.put("depth", List.of(1, 8));
    grid.put("criterion", CRITERIA);
    return new GridSampler(grid, seed);
  }
}
