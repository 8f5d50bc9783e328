package dev.rung.training.model;

import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * A learning-rate schedule over epochs: constant, exponential ({@code lr * gamma^epoch}) or step
 * ({@code lr * gamma^floor(epoch / stepEpochs)}).
 *
 * @param kind the schedule's shape
 * @param gamma the decay factor in (0, 1]
 * @param stepEpochs epochs between decays of a step schedule
 */
public record LrSchedule(Kind kind, double gamma, int stepEpochs) {
  /** The schedule shapes. */
  public enum Kind {
    NONE,
    EXPONENTIAL,
    STEP;

    public String paramName() {
      return Choices.name(this);
    }

    public static Kind parse(Object name) {
      return Choices.parse(Kind.class, "lr_schedule", name);
    }
  }

  /** A constant learning rate. */
  public static final LrSchedule NONE = new LrSchedule(Kind.NONE, 1, 1);

  public LrSchedule {
    if (kind == null) {
      throw new IllegalArgumentException("lr_schedule: a schedule kind is required");
    }
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException(
          "lr_gamma " + gamma + " is not allowed: must be in (0, 1]");
    }
    if (stepEpochs < 1) {
      throw new IllegalArgumentException(
          "lr_step_epochs " + stepEpochs + " is not allowed: must be >= 1");
    }
  }

  /** The DL4J schedule starting at {@code lr}, or null for a constant rate. */
  ISchedule toSchedule(double lr) {
    return switch (kind) {
      case NONE -> null;
      case EXPONENTIAL -> new ExponentialSchedule(ScheduleType.EPOCH, lr, gamma);
      case STEP -> new StepSchedule(ScheduleType.EPOCH, lr, gamma, stepEpochs);
    };
  }
}
