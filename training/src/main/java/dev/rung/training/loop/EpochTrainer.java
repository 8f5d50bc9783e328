package dev.rung.training.loop;

import dev.rung.study.Seeds;
import dev.rung.training.augment.Augmenter;
import dev.rung.training.data.Examples;
import dev.rung.training.data.PreparedData;
import dev.rung.training.model.NetworkFactory;
import dev.rung.training.model.TrainingSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The epoch loop of one trial: trains epochs {@code [from, to)} in shuffled mini-batches, evaluates
 * on the validation examples after each epoch, hands the metrics to an {@link EpochReporter} and
 * stops early when it says so. The test examples are never touched here; {@link #evaluateTest} is a
 * separate, final step.
 *
 * <p>Reproducibility: everything random in an epoch (batch order, augmentation, dropout masks drawn
 * by ND4J) comes from streams derived from the trial seed and the epoch index, and ND4J's generator
 * of the calling thread is re-seeded at every epoch start. So an epoch depends only on the network
 * state it starts from, and training 2 epochs, checkpointing, and training 2 more gives the
 * parameters of 4 epochs in a row.
 *
 * @apiNote Use one trainer per thread. ND4J's CPU backend runs each op on its own OpenMP threads
 *     ({@code OMP_NUM_THREADS}, see {@link dev.rung.training.device.Backend#setThreads}); for many
 *     trials on one machine prefer one thread per trial.
 */
public final class EpochTrainer {
  private static final long SHUFFLE = Seeds.hash("shuffle");
  private static final long AUGMENT = Seeds.hash("augment");
  private static final long ND4J = Seeds.hash("nd4j");

  private final MultiLayerNetwork net;
  private final TrainingSpec spec;
  private final PreparedData data;
  private final long seed;
  private final Augmenter augmenter;
  private final List<EpochMetrics> history;
  private int nextEpoch;
  private int workers = 1;
  private EpochFit fit;

  /** A trainer for a fresh network built from {@code spec}, initialized from {@code seed}. */
  public EpochTrainer(TrainingSpec spec, PreparedData data, long seed) {
    this(
        NetworkFactory.build(
            spec, data.shape(), data.classes(), Seeds.derive(seed, Seeds.hash("init"))),
        spec,
        data,
        seed,
        0,
        List.of());
  }

  /**
   * A trainer continuing {@code net} at epoch {@code nextEpoch} with the earlier epochs' metrics
   * (as restored from a {@link dev.rung.training.checkpoint.Checkpoint}).
   */
  public EpochTrainer(
      MultiLayerNetwork net,
      TrainingSpec spec,
      PreparedData data,
      long seed,
      int nextEpoch,
      List<EpochMetrics> history) {
    if (nextEpoch < 0) {
      throw new IllegalArgumentException("next epoch " + nextEpoch + " must be >= 0");
    }
    this.net = Objects.requireNonNull(net, "net");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.data = Objects.requireNonNull(data, "data");
    this.seed = seed;
    this.augmenter = new Augmenter(data.shape(), spec.augmentation());
    this.history = new ArrayList<>(history);
    this.nextEpoch = nextEpoch;
  }

  public MultiLayerNetwork network() {
    return net;
  }

  public TrainingSpec spec() {
    return spec;
  }

  public PreparedData data() {
    return data;
  }

  public long seed() {
    return seed;
  }

  /**
   * Trains the following epochs data-parallel with {@code workers} replicas of the network, one per
   * device the process sees ({@link DataParallel}); 1, the default, trains on the calling thread.
   *
   * @return this trainer
   */
  public EpochTrainer dataParallel(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers " + workers + " must be >= 1");
    }
    this.workers = workers;
    return this;
  }

  /**
   * Fits the following epochs with {@code fit} (across executors, say) instead of on this thread or
   * its {@link #dataParallel} replicas; null goes back to those.
   *
   * @return this trainer
   */
  public EpochTrainer fitWith(EpochFit fit) {
    this.fit = fit;
    return this;
  }

  /** The number of replicas an epoch trains (1: no data parallelism). */
  public int workers() {
    return workers;
  }

  /** The index of the next epoch to train, i.e. the number of epochs trained. */
  public int nextEpoch() {
    return nextEpoch;
  }

  /** The metrics of every epoch trained so far. */
  public List<EpochMetrics> history() {
    return List.copyOf(history);
  }

  /**
   * Trains from the next epoch up to (excluding) {@code toEpoch}, reporting after each epoch and
   * stopping early when {@code reporter.shouldPrune()}.
   *
   * @throws TrainingDivergedException when the loss becomes NaN or infinite
   */
  public TrainingOutcome train(int toEpoch, EpochReporter reporter) {
    if (toEpoch < nextEpoch) {
      throw new IllegalArgumentException(
          "cannot train to epoch " + toEpoch + ": epoch " + nextEpoch + " is next");
    }
    while (nextEpoch < toEpoch) {
      EpochMetrics m = trainNext();
      reporter.report(m);
      if (nextEpoch < toEpoch && reporter.shouldPrune()) {
        return new TrainingOutcome(history, true, nextEpoch);
      }
    }
    return new TrainingOutcome(history, false, nextEpoch);
  }

  /**
   * Trains the next epoch and records its metrics.
   *
   * @throws TrainingDivergedException when the loss becomes NaN or infinite
   * @throws CancellationException when the thread is interrupted inside the epoch
   */
  public EpochMetrics trainNext() {
    EpochMetrics m = trainEpoch(nextEpoch);
    history.add(m);
    nextEpoch++;
    return m;
  }

  private EpochMetrics trainEpoch(int epoch) {
    Examples train = data.train();
    Nd4j.getRandom().setSeed(Seeds.derive(seed, ND4J, epoch));
    RandomGenerator order = Seeds.rng(seed, SHUFFLE, epoch);
    RandomGenerator aug = Seeds.rng(seed, AUGMENT, epoch);
    int[] perm = permutation(train.size(), order);
    int batch = spec.batchSize();
    IntFunction<DataSet> batches =
        k -> {
          int from = k * batch;
          DataSet ds =
              train.batch(Arrays.copyOfRange(perm, from, Math.min(perm.length, from + batch)));
          if (augmenter.isActive()) {
            ds.setFeatures(augmenter.apply(ds.getFeatures(), aug));
          }
          return ds;
        };
    int count = (perm.length + batch - 1) / batch;
    long start = System.nanoTime();
    double trainLoss;
    if (fit != null) {
      trainLoss = fit.fitEpoch(net, count, batches, seed, epoch);
    } else if (workers > 1) {
      try (DataParallel replicas = new DataParallel(net, workers)) {
        trainLoss = replicas.fitEpoch(count, batches, seed, epoch);
      }
    } else {
      trainLoss = fitOnThisThread(count, batches, batch, perm.length, epoch);
    }
    net.incrementEpochCount();
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    long evalStart = System.nanoTime();
    Evaluation v = Evaluation.of(net, data.validation());
    double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
    return new EpochMetrics(
        epoch, trainLoss, v.loss(), v.accuracy(), v.macroF1(), trainSeconds, evalSeconds);
  }

  /** One epoch on the calling thread; returns the mean training loss per example. */
  private double fitOnThisThread(
      int count, IntFunction<DataSet> batches, int batch, int examples, int epoch) {
    double lossSum = 0;
    for (int k = 0; k < count; k++) {
      int from = k * batch;
      if (Thread.currentThread().isInterrupted()) {
        // The segment's time limit passed inside this epoch: stop without saving anything.
        throw new CancellationException(
            "training interrupted in epoch " + epoch + " at example " + from);
      }
      DataSet ds = batches.apply(k);
      net.fit(ds);
      double loss = net.score();
      if (!Double.isFinite(loss)) {
        throw new TrainingDivergedException(
            "training loss became "
                + loss
                + " in epoch "
                + epoch
                + " at example "
                + from
                + " of "
                + examples
                + " (learning rate "
                + spec.optimizer().learningRate()
                + ")");
      }
      lossSum += loss * ds.numExamples();
    }
    return lossSum / examples;
  }

  /** Evaluates on the validation examples. */
  public Evaluation evaluateValidation() {
    return Evaluation.of(net, data.validation());
  }

  /**
   * The final evaluation on the held-out test examples: call it once, for the chosen model, after
   * tuning. Tuning must never look at it.
   */
  public Evaluation evaluateTest() {
    return Evaluation.of(net, data.test());
  }

  private static int[] permutation(int n, RandomGenerator rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
