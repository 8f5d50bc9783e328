package dev.rung.training.listener;

import dev.rung.study.TrialPrunedException;
import dev.rung.training.data.Examples;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochReporter;
import dev.rung.training.loop.Evaluation;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Brings pruning to a training loop you wrote yourself with DL4J: at the end of every epoch it
 * evaluates the network on validation examples, hands the metrics to an {@link EpochReporter} (e.g.
 * a {@link dev.rung.training.loop.TrialReporter}) and, when the reporter says so, stops training by
 * throwing {@link TrialPrunedException} out of {@code fit}. Inside a study's objective that
 * exception marks the trial PRUNED.
 *
 * <pre>{@code
 * net.setListeners(new PruningListener(validation, new TrialReporter(trial, Metric.VAL_ACCURACY)));
 * net.fit(trainIterator, 20); // throws TrialPrunedException when the pruner says so
 * }</pre>
 *
 * <p>Epochs are counted by this listener from 0, so it reports step 1 after the first epoch.
 */
public final class PruningListener extends BaseTrainingListener {
  private final Examples validation;
  private final EpochReporter reporter;
  private int epoch;
  private long epochStart = System.nanoTime();
  private double lastScore = Double.NaN;
  private boolean pruned;

  public PruningListener(Examples validation, EpochReporter reporter) {
    this.validation = Objects.requireNonNull(validation, "validation");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /** Whether this listener stopped training. */
  public boolean pruned() {
    return pruned;
  }

  /** Epochs seen so far. */
  public int epochs() {
    return epoch;
  }

  @Override
  public void onEpochStart(Model model) {
    epochStart = System.nanoTime();
  }

  @Override
  public void iterationDone(Model model, int iteration, int epochCount) {
    lastScore = model.score();
  }

  @Override
  public void onEpochEnd(Model model) {
    if (!(model instanceof MultiLayerNetwork net)) {
      throw new IllegalArgumentException(
          "PruningListener evaluates MultiLayerNetwork models, not " + model.getClass().getName());
    }
    double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
    long evalStart = System.nanoTime();
    Evaluation v = Evaluation.of(net, validation);
    EpochMetrics m =
        new EpochMetrics(
            epoch,
            lastScore,
            v.loss(),
            v.accuracy(),
            v.macroF1(),
            trainSeconds,
            (System.nanoTime() - evalStart) / 1e9);
    epoch++;
    reporter.report(m);
    if (reporter.shouldPrune()) {
      pruned = true;
      throw new TrialPrunedException("pruned by the study's pruner after epoch " + epoch);
    }
  }
}
