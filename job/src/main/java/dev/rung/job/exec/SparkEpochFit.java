package dev.rung.job.exec;

import dev.rung.job.Causes;
import dev.rung.training.loop.EpochFit;
import dev.rung.training.loop.TrainingDivergedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.IntFunction;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fits a trial's epoch across Spark tasks with DL4J Spark's parameter averaging, from the driver:
 * the epoch's mini-batches (made on the driver from the trial's seed, as on one executor) go out as
 * an RDD of {@code tasks} partitions; each task trains a copy of the network on its share, and the
 * copies' parameters and updater states are averaged every {@code averaging} mini-batches per task
 * (one Spark job per round). The network on the driver ends the epoch with the average.
 *
 * <p>Every job runs in the segment's Spark job group, so cancelling the group stops the segment's
 * training wherever its tasks run; an interrupt of the calling thread (the segment's time limit, a
 * cancelled segment) cancels the group and ends the fit with a {@link CancellationException}. A job
 * that Spark gives up on (its tasks failed too often, e.g. executors lost over and over) throws a
 * {@link LostTasksException}: the segment did not fail, its place did.
 *
 * <p>Not serializable: it lives on the driver, with the Spark context it submits through.
 */
final class SparkEpochFit implements EpochFit {
  private final JavaSparkContext jsc;
  private final int tasks;
  private final int averaging;
  private final String jobGroup;

  /**
   * A fit over {@code tasks} Spark tasks averaging every {@code averaging} mini-batches, its jobs
   * in {@code jobGroup}.
   */
  SparkEpochFit(JavaSparkContext jsc, int tasks, int averaging, String jobGroup) {
    if (tasks < 2) {
      throw new IllegalArgumentException("tasks " + tasks + " must be at least 2");
    }
    if (averaging < 1) {
      throw new IllegalArgumentException("averaging " + averaging + " must be at least 1");
    }
    this.jsc = jsc;
    this.tasks = tasks;
    this.averaging = averaging;
    this.jobGroup = jobGroup;
  }

  @Override
  public double fitEpoch(
      MultiLayerNetwork net, int count, IntFunction<DataSet> batches, long seed, int epoch) {
    List<DataSet> epochBatches = new ArrayList<>(count);
    int examples = 0;
    int batchSize = 1;
    for (int k = 0; k < count; k++) {
      DataSet ds = batches.apply(k);
      batchSize = Math.max(batchSize, ds.numExamples());
      examples += ds.numExamples();
      epochBatches.add(ds);
    }
    ParameterAveragingTrainingMaster master =
        new ParameterAveragingTrainingMaster.Builder(tasks, batchSize)
            .batchSizePerWorker(batchSize)
            .averagingFrequency(averaging)
            .workerPrefetchNumBatches(0)
            .saveUpdater(true)
            .rddTrainingApproach(RDDTrainingApproach.Direct)
            .repartionData(Repartition.Never)
            .rngSeed(seed * 31 + epoch)
            .collectTrainingStats(false)
            .build();
    SparkDl4jMultiLayer spread = new SparkDl4jMultiLayer(jsc, net, master);
    jsc.setJobGroup(jobGroup, "rung segment " + jobGroup + ", epoch " + epoch, true);
    try {
      spread.fit(jsc.parallelize(epochBatches, tasks));
    } catch (RuntimeException e) {
      throw ended(e, epoch);
    } catch (Exception e) {
      // Scala code throws checked exceptions undeclared (an interrupt while waiting for a job).
      throw ended(e, epoch);
    } finally {
      jsc.clearJobGroup();
    }
    if (Thread.currentThread().isInterrupted()) {
      jsc.cancelJobGroup(jobGroup);
      throw new CancellationException("training interrupted after epoch " + epoch);
    }
    double loss = spread.getScore();
    if (!Double.isFinite(loss)) {
      throw new TrainingDivergedException(
          "training loss became "
              + loss
              + " in epoch "
              + epoch
              + " (averaged over "
              + tasks
              + " tasks, "
              + examples
              + " examples)");
    }
    return loss;
  }

  /** The exception a fit that did not end normally throws. */
  private RuntimeException ended(Exception e, int epoch) {
    if (Thread.currentThread().isInterrupted() || Causes.has(e, InterruptedException.class)) {
      jsc.cancelJobGroup(jobGroup);
      Thread.currentThread().interrupt();
      CancellationException c = new CancellationException("training interrupted in epoch " + epoch);
      c.initCause(e);
      return c;
    }
    if (Causes.has(e, SparkException.class)) {
      return new LostTasksException(
          "the Spark job training epoch " + epoch + " across " + tasks + " tasks failed: " + e, e);
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }

  @Override
  public String describe() {
    return "data-parallel across " + tasks + " Spark tasks (DL4J Spark, parameter averaging)";
  }

  /**
   * A Spark job of the fit failed: the cluster lost the segment's tasks, the trial did not fail.
   */
  static final class LostTasksException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LostTasksException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
