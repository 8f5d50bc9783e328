package dev.rung.training.loop;

import java.util.function.IntFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * How one epoch's mini-batches are fitted somewhere other than the calling thread or the replicas
 * of {@link DataParallel}: across several machines, for one. The {@link EpochTrainer} still makes
 * the batches (shuffled and augmented from the trial's seed), evaluates after the epoch and keeps
 * the history; the fit only has to leave {@code net} holding the parameters (and updater state)
 * after the epoch.
 */
public interface EpochFit {

  /**
   * Fits {@code count} mini-batches to {@code net}, {@code batches.apply(k)} being the k-th, made
   * on the calling thread.
   *
   * @return the training loss of the epoch, per example
   * @throws TrainingDivergedException when the loss becomes NaN or infinite
   * @throws java.util.concurrent.CancellationException when the calling thread is interrupted
   */
  double fitEpoch(
      MultiLayerNetwork net, int count, IntFunction<DataSet> batches, long seed, int epoch);

  /**
   * What fits the epochs, for the record of where a segment trained (e.g. "across 2 executors").
   */
  String describe();
}
