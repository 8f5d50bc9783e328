package dev.rung.bench.fidelity;

import dev.rung.study.Seeds;
import dev.rung.study.Trial;

/**
 * Synthetic validation-error curves of a neural network over five hyperparameters, shaped like real
 * ones: fast starters that a slower configuration overtakes, crossing curves, plateaus at chance
 * before learning starts, late overfitting, and per-epoch noise that is largest early, so the value
 * after one epoch says little about the final one.
 *
 * <p>Parameters: learning rate {@code lr} (log, 1e-4..1), {@code batch} (int log, 16..512), {@code
 * width} (int log, 16..1024), {@code dropout} (0..0.7), weight decay {@code wd} (log, 1e-6..1e-1).
 * With {@code du = log10(lr) - log10(lr*)} the distance to the best learning rate, which grows with
 * the batch size ({@code log10(lr*) = -2.5 + 0.5 log10(batch / 32)}):
 *
 * <ul>
 *   <li>final error floor: {@code 0.015 + capacity(width) + 0.05 du^2 + 0.1 (reg - reg*(width))^2},
 *       where {@code reg = dropout + 0.12 (log10 wd + 6)} and wider networks need more
 *       regularization ({@code reg*} from 0.15 to 0.5);
 *   <li>time constant: {@code tau = 6 * 10^(-0.8 du) * (1 + 2.5 dropout) * sqrt(batch / 64)}
 *       epochs: a large learning rate learns fast but to a worse floor, dropout learns slowly but
 *       better;
 *   <li>plateau at chance (error 0.9) for {@code 5 max(0, -du - 0.5) + 8 max(0, reg - 0.8)} epochs;
 *   <li>divergence (error stays at chance) when {@code du > 1.2};
 *   <li>overfitting after convergence when under-regularized: the error rises again by up to {@code
 *       0.06 (reg* - reg) (width / 64)^0.3};
 *   <li>Gaussian noise of standard deviation {@code (0.002 + 0.005 sqrt(32 / batch)) (1 + 12 e^(-t
 *       / 2))} at epoch {@code t}.
 * </ul>
 *
 * The error at epoch {@code t} is {@code floor + (0.9 - floor) exp(-((t - plateau) / tau)^1.4) +
 * overfit(t) + noise}, clipped to [0, 1].
 */
public final class LearningCurveFamily implements CurveProblem {
  private static final double TAU = 6;
  private static final double SHAPE = 1.4;
  private static final double EARLY_NOISE = 12;
  private final int maxEpochs;

  public LearningCurveFamily(int maxEpochs) {
    if (maxEpochs < 1) {
      throw new IllegalArgumentException("max epochs must be >= 1, got " + maxEpochs);
    }
    this.maxEpochs = maxEpochs;
  }

  @Override
  public String name() {
    return "curves";
  }

  @Override
  public int maxEpochs() {
    return maxEpochs;
  }

  @Override
  public Curve define(Trial trial, long seed) {
    double lr = trial.suggestFloat("lr", 1e-4, 1, true);
    int batch = trial.suggestInt("batch", 16, 512, true);
    int width = trial.suggestInt("width", 16, 1024, true);
    double dropout = trial.suggestFloat("dropout", 0, 0.7);
    double wd = trial.suggestFloat("wd", 1e-6, 1e-1, true);
    return curve(lr, batch, width, dropout, wd, seed);
  }

  /** The curve of one configuration; its noise is a function of the seed and the configuration. */
  public static Curve curve(double lr, int batch, int width, double dropout, double wd, long seed) {
    double du = Math.log10(lr) - (-2.5 + 0.5 * Math.log10(batch / 32.0));
    double capacity = 0.10 * Math.pow(16.0 / width, 0.6);
    double reg = dropout + 0.12 * (Math.log10(wd) + 6);
    double regStar = 0.15 + 0.35 * Math.log(width / 16.0) / Math.log(64);
    double floor =
        Math.min(
            0.85, 0.015 + capacity + 0.05 * du * du + 0.10 * (reg - regStar) * (reg - regStar));
    double tau = TAU * Math.pow(10, -0.8 * du) * (1 + 2.5 * dropout) * Math.sqrt(batch / 64.0);
    double plateau = 5 * Math.max(0, -du - 0.5) + 8 * Math.max(0, reg - 0.8);
    boolean diverges = du > 1.2;
    double overfit = Math.max(0, regStar - reg - 0.05) * 0.06 * Math.pow(width / 64.0, 0.3);
    double overfitStart = plateau + 2 * tau;
    double sd = 0.002 + 0.005 * Math.sqrt(32.0 / batch);
    long noiseSeed =
        Seeds.derive(
            seed,
            Double.doubleToLongBits(lr),
            batch,
            width,
            Double.doubleToLongBits(dropout),
            Double.doubleToLongBits(wd));
    return new Curve() {
      @Override
      public double at(int epoch) {
        double noise =
            Seeds.rng(noiseSeed, epoch).nextGaussian()
                * sd
                * (1 + EARLY_NOISE * Math.exp(-epoch / 2.0));
        return Math.min(1, Math.max(0, expected(epoch) + noise));
      }

      @Override
      public double expected(int epoch) {
        if (diverges) {
          return 0.9;
        }
        double t = Math.max(0, epoch - plateau);
        double remaining = Math.exp(-Math.pow(t / tau, SHAPE));
        double late = overfit * (1 - Math.exp(-Math.max(0, epoch - overfitStart) / 20));
        return floor + (0.9 - floor) * remaining + late;
      }
    };
  }
}
