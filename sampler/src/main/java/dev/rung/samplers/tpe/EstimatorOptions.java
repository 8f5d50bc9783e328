package dev.rung.samplers.tpe;

/**
 * Settings of a {@link ParzenEstimator}.
 *
 * @param priorWeight the weight of the prior kernel relative to an observation's
 * @param considerMagicClip whether kernel widths are clipped below at {@code range / min(100, m +
 *     2)}
 * @param considerEndpoints whether the outermost kernels also consider their gap to the range's end
 *     (univariate width rule)
 */
record EstimatorOptions(double priorWeight, boolean considerMagicClip, boolean considerEndpoints) {}
