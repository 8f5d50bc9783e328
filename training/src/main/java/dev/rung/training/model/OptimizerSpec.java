package dev.rung.training.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * An optimizer with its settings.
 *
 * @param kind the optimizer
 * @param learningRate the (initial) learning rate, &gt; 0
 * @param weightDecay weight decay, &gt;= 0: decoupled for AdamW, an L2 penalty otherwise
 * @param momentum SGD momentum in [0, 1); 0 for plain SGD and for the other optimizers
 * @param schedule the learning-rate schedule
 */
public record OptimizerSpec(
    OptimizerKind kind,
    double learningRate,
    double weightDecay,
    double momentum,
    LrSchedule schedule) {

  public OptimizerSpec {
    if (kind == null) {
      throw new IllegalArgumentException("optimizer: a kind is required");
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("lr " + learningRate + " is not allowed: must be > 0");
    }
    if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
      throw new IllegalArgumentException(
          "weight_decay " + weightDecay + " is not allowed: must be >= 0");
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException(
          "momentum " + momentum + " is not allowed: must be in [0, 1)");
    }
    if (momentum > 0 && kind != OptimizerKind.SGD) {
      throw new IllegalArgumentException(
          "momentum " + momentum + " is only used by optimizer sgd, not " + kind.paramName());
    }
    schedule = schedule == null ? LrSchedule.NONE : schedule;
  }

  /** Adam with a constant learning rate and no weight decay. */
  public static OptimizerSpec adam(double learningRate) {
    return new OptimizerSpec(OptimizerKind.ADAM, learningRate, 0, 0, LrSchedule.NONE);
  }

  /** The DL4J updater. */
  public IUpdater updater() {
    ISchedule s = schedule.toSchedule(learningRate);
    return switch (kind) {
      case ADAM, ADAMW -> s == null ? new Adam(learningRate) : new Adam(s);
      case SGD ->
          momentum > 0
              ? (s == null ? new Nesterovs(learningRate, momentum) : new Nesterovs(s, momentum))
              : (s == null ? new Sgd(learningRate) : new Sgd(s));
      case RMSPROP -> s == null ? new RmsProp(learningRate) : new RmsProp(s);
    };
  }

  /** Sets the updater and the weight decay on a DL4J configuration builder. */
  void configure(NeuralNetConfiguration.Builder builder) {
    builder.updater(updater());
    if (weightDecay > 0) {
      if (kind == OptimizerKind.ADAMW) {
        builder.weightDecay(weightDecay, true);
      } else {
        builder.l2(weightDecay);
      }
    }
  }
}
