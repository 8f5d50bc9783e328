package dev.rung.training.loop;

import dev.rung.study.Seeds;
import dev.rung.training.device.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synchronous data-parallel training of one network on {@code k} devices: one replica per device
 * (the network itself on the first), and in each round replica {@code i} computes the gradient of
 * mini-batch {@code round * k + i} of the epoch; the gradients are summed on the first device and
 * the network's own updater applies them once, as one step on the {@code k} mini-batches together.
 *
 * <p>So a round is exactly one step of the network on a batch {@code k} times as large: the same
 * examples in the same order as on one device, the updater state and iteration count kept in the
 * network (a checkpoint holds them as on one device), and everything random derived from the
 * trial's seed, the epoch, the round and the replica, so that an epoch is reproducible and a trial
 * continues from its checkpoint exactly. Replica {@code i} works on a thread pinned to device
 * {@code i} of those the process sees; on the CPU backend the replicas are threads that compute one
 * after another.
 */
final class DataParallel implements AutoCloseable {
  private static final long DROPOUT = Seeds.hash("data-parallel");

  private final MultiLayerNetwork net;
  private final int workers;
  private final ExecutorService pool;
  private final List<Future<MultiLayerNetwork>> replicas = new ArrayList<>();

  /** Replicas of {@code net} on devices 1..workers-1, each made on its own device's thread. */
  DataParallel(MultiLayerNetwork net, int workers) {
    if (workers < 2) {
      throw new IllegalArgumentException("data-parallel training needs >= 2 workers: " + workers);
    }
    this.net = net;
    this.workers = workers;
    this.pool = Executors.newFixedThreadPool(workers - 1, DataParallel::thread);
    for (int i = 1; i < workers; i++) {
      int device = i;
      replicas.add(pool.submit(() -> onDevice(device, net::clone)));
    }
  }

  private static Thread thread(Runnable r) {
    Thread t = new Thread(r, "rung-replica");
    t.setDaemon(true);
    return t;
  }

  private static <T> T onDevice(int device, Supplier<T> work) {
    if (Backend.isGpu()) {
      Nd4j.getAffinityManager().unsafeSetDevice(device);
    }
    return work.get();
  }

  /**
   * Trains one epoch of {@code batches} mini-batches, {@code batch.apply(j)} being the j-th, made
   * in order on the calling thread; returns the mean training loss per example.
   *
   * @throws TrainingDivergedException when a replica's loss becomes NaN or infinite
   * @throws CancellationException when the calling thread is interrupted (the time ran out)
   */
  double fitEpoch(int batches, IntFunction<DataSet> batch, long seed, int epoch) {
    double lossSum = 0;
    long examples = 0;
    for (int round = 0; round * workers < batches; round++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException(
            "training interrupted in epoch " + epoch + " at mini-batch " + round * workers);
      }
      int m = Math.min(workers, batches - round * workers);
      DataSet[] sets = new DataSet[m];
      for (int i = 0; i < m; i++) {
        sets[i] = batch.apply(round * workers + i);
      }
      INDArray params = net.params();
      List<Future<Double>> others = new ArrayList<>();
      for (int i = 1; i < m; i++) {
        int device = i;
        int r = round;
        MultiLayerNetwork replica = replica(i);
        DataSet ds = sets[i];
        others.add(
            pool.submit(
                () -> {
                  replica.params().assign(toDevice(device, params));
                  return gradient(replica, ds, device, seed, epoch, r);
                }));
        if (!Backend.isGpu()) {
          // On the CPU the replicas take turns: each ND4J operation already uses every core, and
          // replicas computing at once were seen to end a seed's epochs in two different states.
          result(others.get(others.size() - 1));
        }
      }
      double[] losses = new double[m];
      losses[0] = gradient(net, sets[0], 0, seed, epoch, round);
      for (int i = 1; i < m; i++) {
        losses[i] = result(others.get(i - 1));
      }
      int size = 0;
      for (int i = 0; i < m; i++) {
        if (!Double.isFinite(losses[i])) {
          throw new TrainingDivergedException(
              "training loss became "
                  + losses[i]
                  + " in epoch "
                  + epoch
                  + " on replica "
                  + i
                  + " at mini-batch "
                  + (round * workers + i));
        }
        lossSum += losses[i] * sets[i].numExamples();
        size += sets[i].numExamples();
      }
      INDArray sum = net.getFlattenedGradients();
      for (int i = 1; i < m; i++) {
        sum.addi(toDevice(0, replica(i).getFlattenedGradients()));
      }
      // The gradients are sums over examples; the updater divides by the examples of the round.
      int iteration = net.getIterationCount();
      net.getUpdater()
          .update(
              net,
              net.gradient(),
              iteration,
              net.getEpochCount(),
              size,
              LayerWorkspaceMgr.noWorkspaces());
      params.subi(sum.reshape(params.shape()));
      net.setIterationCount(iteration + 1);
      examples += size;
    }
    return lossSum / Math.max(1, examples);
  }

  /** The gradient (summed over examples) and the mean loss of {@code ds} on {@code model}. */
  private static double gradient(
      MultiLayerNetwork model, DataSet ds, int replica, long seed, int epoch, int round) {
    Nd4j.getRandom().setSeed(Seeds.derive(seed, DROPOUT, epoch, round, replica));
    model.setInput(toDevice(replica, ds.getFeatures()));
    model.setLabels(toDevice(replica, ds.getLabels()));
    model.computeGradientAndScore();
    double loss = model.score();
    model.clearLayersStates();
    return loss;
  }

  private static INDArray toDevice(int device, INDArray a) {
    return Backend.isGpu() ? Nd4j.getAffinityManager().replicateToDevice(device, a) : a;
  }

  private MultiLayerNetwork replica(int i) {
    return result(replicas.get(i - 1));
  }

  private static <T> T result(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while the replicas trained");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("a replica failed: " + cause, cause);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
