package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rung.job.SparkTestBase;
import dev.rung.job.exec.LocalDispatcher;
import dev.rung.job.exec.SegmentRunner;
import dev.rung.job.exec.WorkDispatcher;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class SweepDispatcherTest extends SparkTestBase {

  /**
   * On the local master the segments run on the driver's threads, queued behind the slots as Spark
   * would queue them, and not queued when the sweep uses fewer slots than the master has.
   */
  @Test
  void aLocalMasterRunsSegmentsOnTheDriversThreads() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    SegmentRunner idle =
        (task, placement) -> {
          throw new UnsupportedOperationException("nothing is sent");
        };
    try (WorkDispatcher d = SweepCommand.dispatcher(jsc, idle, 2)) {
      assertInstanceOf(LocalDispatcher.class, d);
      assertEquals(3, d.capacity());
    }
    try (WorkDispatcher d = SweepCommand.dispatcher(jsc, idle, 1)) {
      assertEquals(1, d.capacity());
    }
  }
}
