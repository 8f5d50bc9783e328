package dev.rung.job.exec;

import dev.rung.job.config.SweepConfig;
import dev.rung.training.data.DataSpec;
import java.io.Serializable;

/** The data of a sweep, as a serializable recipe executors turn into a DataSpec. */
public record SweepData(SweepConfig.Data data) implements Serializable {
  private static final long serialVersionUID = 1L;

  static SweepData of(SweepConfig c) {
    return new SweepData(c.data());
  }

  /** The training module's description of the data. */
  public DataSpec spec() {
    return DataSpecs.of(data);
  }
}
