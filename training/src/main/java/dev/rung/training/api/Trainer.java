package dev.rung.training.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;

/**
 * Your own training code for a sweep: Rung samples a trial's parameters, and this class trains the
 * trial one epoch at a time, reports each epoch's metrics, and saves its state so that a trial
 * promoted to the next rung continues where it stopped instead of starting again.
 *
 * <p>Name the class in the sweep definition ({@code rung.model.trainer = "com.acme.MyTrainer"}) and
 * ship its jar with {@code spark-submit --jars}. See {@code docs/trainers.md} for a complete
 * example.
 *
 * <p>The life of one instance, on an executor, for one segment of epochs {@code [from, to)} of a
 * trial:
 *
 * <ol>
 *   <li>the public no-argument constructor;
 *   <li>{@link #init} with the trial's parameters, seed and data;
 *   <li>{@link #restore} with the state {@link #save} wrote at the end of the previous segment,
 *       unless {@code from} is 0;
 *   <li>{@link #trainEpoch} for {@code from}, {@code from + 1}, ... until {@code to}, or until the
 *       trial is pruned or reaches its time limit after an epoch;
 *   <li>{@link #save}, when all the segment's epochs were trained;
 *   <li>{@link #close}, always.
 * </ol>
 *
 * <p>After the sweep, the best trial's last checkpoint is evaluated once: a new instance gets
 * {@link #init}, {@link #restore}, {@link #test}, {@link #export} and {@link #close}.
 *
 * <p>A trial fails (state FAIL, with the reason in the {@code trials} table) when a method throws
 * or when the objective metric of an epoch is NaN or infinite; the other trials go on. Spark does
 * not retry such a failure.
 *
 * @apiNote An instance is used by one thread and for one trial; different instances run at the same
 *     time in one JVM (one per task slot), so keep no mutable static state. Everything an epoch
 *     depends on must be in what {@link #save} writes (or derivable from the seed and the epoch
 *     number): a trial trained in segments must match one trained straight through.
 */
public interface Trainer extends AutoCloseable {

  /**
   * The names of the search-space parameters this trainer reads. When it declares them, a sweep
   * whose space holds any other name (a misspelling such as {@code learning_rate} for {@code lr})
   * is refused before any work, naming the closest declared name, instead of sampling values that
   * nothing reads. A name may contain {@code {i}} for a layer index, as in the search space: {@code
   * width_{i}} stands for {@code width_0}, {@code width_1}, ...
   *
   * <p>Called on the driver whenever the sweep definition is checked (once more by {@code
   * bin/rung}'s validation step): on an instance made for this alone with the public no-argument
   * constructor, then closed; {@link #init} is not called.
   *
   * @return the names read; the default, an empty set, declares nothing and every name of the space
   *     is accepted
   */
  default Set<String> paramNames() {
    return Set.of();
  }

  /**
   * Prepares a trial: reads its parameters, builds the model. Called once per instance, before
   * anything else.
   */
  void init(TrialContext context) throws Exception;

  /**
   * Trains epoch {@code epoch} (0-based) and returns its metrics by name. The map must hold the
   * study's objective (the first of {@code rung.study.metrics}, e.g. {@code val_accuracy}); {@code
   * train_loss}, {@code val_loss}, {@code val_accuracy} and {@code val_macro_f1} are recorded in
   * the {@code intermediate_values} table when present. The epoch that ends a trial must hold every
   * metric of a multi-objective study; report them every epoch for the sweep's rungs to rank by all
   * of them (a rung ranks a trial missing one last).
   */
  Map<String, Double> trainEpoch(int epoch) throws Exception;

  /** Writes the whole training state (model, optimizer state, anything else) to {@code out}. */
  void save(OutputStream out) throws IOException;

  /**
   * Reads back the state {@link #save} wrote; called after {@link #init}. Training then continues
   * at the epoch after the last one saved.
   *
   * @apiNote The bytes come from a checkpoint under the sweep's output directory, and anyone who
   *     can write there can replace them: read them as untrusted input. Rung checks its own part of
   *     the checkpoint and never deserializes anything from it, but it hands these bytes over
   *     unread. Prefer a format that holds only data (DL4J's {@code configuration.json} and arrays,
   *     a framework's tensor format, JSON); never read them with {@link java.io.ObjectInputStream}
   *     (which runs code of any class on the classpath that the stream names) unless an {@link
   *     java.io.ObjectInputFilter} set on that one stream allows only your own classes. DL4J's
   *     {@code ModelSerializer.restore*} methods read {@code preprocessor.bin} with Java
   *     deserialization. Throw an {@link IOException} for state you do not accept: the trial fails
   *     alone.
   */
  void restore(InputStream in) throws IOException;

  /**
   * Evaluates the restored model once on the test set, which tuning never sees; called only for the
   * best trial. The default reports nothing.
   *
   * @return test metrics by name, e.g. {@code test_accuracy}
   */
  default Map<String, Double> test() throws Exception {
    return Map.of();
  }

  /**
   * Writes the best trial's model for use outside Rung; Rung writes {@code model.json} (the trial's
   * parameters and metrics) beside it. The default writes nothing.
   */
  default void export(ModelOutput output) throws IOException {}

  /**
   * Frees what the trainer holds (native memory, threads); called even when a method threw. The
   * default does nothing.
   */
  @Override
  default void close() {}
}
