package dev.rung.job.config;

import dev.rung.multi.FrontSelection;
import dev.rung.pruners.RungAgreement;
import dev.rung.pruners.SamplerView;
import dev.rung.space.SearchSpace;
import dev.rung.study.Direction;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A validated sweep definition. Built by {@link SweepConfigLoader}; every value has been checked.
 *
 * @param studyName the study's name
 * @param directions one per metric
 * @param metrics the metrics to optimize
 * @param constraints the constraints on reported metrics ({@code rung.study.constraints})
 * @param export which member of a multi-objective study's Pareto front is exported ({@code
 *     rung.export})
 * @param output the output location (a Hadoop path)
 * @param model the model family, or the user's trainer class
 * @param space the search space
 * @param data where the data comes from and how it is prepared
 * @param sampler the sampler and its options
 * @param pruner the pruner and its options
 * @param epochs epochs of a fully trained trial
 * @param threads ND4J threads per task
 * @param oneDnn whether built-in networks run convolution, pooling and batch norm through oneDNN
 * @param executorsPerTrial the Spark tasks each trial of the built-in networks trains on at once
 * @param budget when to stop
 * @param execution parallelism, retries, time limits, Spark master
 * @param warmStart the earlier sweep this one starts from, if any
 * @param hash SHA-256 of the resolved settings, recorded with every trial
 * @param rendered the resolved settings as HOCON, saved beside the tables
 */
public record SweepConfig(
    String studyName,
    List<Direction> directions,
    List<String> metrics,
    List<Constraint> constraints,
    FrontSelection export,
    String output,
    Model model,
    SearchSpace space,
    Data data,
    SamplerSettings sampler,
    PrunerSettings pruner,
    int epochs,
    int threads,
    boolean oneDnn,
    int executorsPerTrial,
    Budget budget,
    Execution execution,
    WarmStart warmStart,
    String hash,
    String rendered) {

  /**
   * A warm start from an earlier sweep ({@code rung.warm-start}).
   *
   * @param from the earlier sweep's output, or "" for none
   * @param best how many of its best COMPLETE configurations are trained first
   * @param weight each earlier trial's weight in TPE, relative to one of this sweep's own
   * @param pruned whether TPE learns from the earlier PRUNED trials too
   * @param onlyAtStart whether TPE uses the earlier trials only until its start-up trials finished
   * @param fullBracket whether the configurations trained first go into Hyperband's bracket with
   *     the fewest rungs
   */
  public record WarmStart(
      String from,
      String study,
      String run,
      int best,
      double weight,
      boolean pruned,
      boolean onlyAtStart,
      boolean fullBracket) {
    /** Whether there is an earlier sweep to start from. */
    public boolean enabled() {
      return !from.isEmpty();
    }
  }

  /**
   * What trains a trial: a built-in model family (the network the trial's parameters describe, mlp
   * or cnn), or a user's {@link dev.rung.training.api.Trainer} class.
   *
   * @param family the built-in network family (mlp, cnn, lstm: {@link
   *     dev.rung.training.model.NetworkFamilies})
   * @param trainer the fully qualified name of the trainer class, or "" for the built-in family
   */
  public record Model(String family, String trainer, Map<String, Object> options) {
    /** Freezes the options. */
    public Model {
      options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A model without trainer options. */
    public Model(String family, String trainer) {
      this(family, trainer, Map.of());
    }

    /** Whether a user's trainer class trains the trials. */
    public boolean hasTrainer() {
      return !trainer.isEmpty();
    }
  }

  /**
   * Data source and preparation.
   *
   * @param table a catalog table ({@code name} or {@code database.name}) holding the training data
   *     instead of the {@code train} file, or ""
   * @param splitColumn a column saying which rows are train, validation and test rows instead of a
   *     random split, or ""
   * @param tableLocation where the driver found {@code table}'s files, or "" before it looked (and
   *     without a table)
   */
  public record Data(
      String format,
      String dataset,
      String dir,
      String trainImages,
      String trainLabels,
      String testImages,
      String testLabels,
      String train,
      String test,
      String table,
      String labelColumn,
      String featuresColumn,
      String splitColumn,
      double validationFraction,
      String normalize,
      double testFraction,
      List<Integer> imageShape,
      String tableLocation)
      implements Serializable {

    /** Whether the training data is a catalog table. */
    public boolean hasTable() {
      return !table.isEmpty();
    }

    /** Whether a split column, not a random split, says which rows are for what. */
    public boolean hasSplitColumn() {
      return !splitColumn.isEmpty();
    }

    /** The same data with {@code table}'s files found at {@code location}. */
    public Data withTableLocation(String location) {
      return new Data(
          format,
          dataset,
          dir,
          trainImages,
          trainLabels,
          testImages,
          testLabels,
          train,
          test,
          table,
          labelColumn,
          featuresColumn,
          splitColumn,
          validationFraction,
          normalize,
          testFraction,
          imageShape,
          location);
    }

    /**
     * The same data with every file or directory location ({@code dir}, the IDX files, {@code
     * train}, {@code test}) passed through {@code resolve}; empty ones stay empty.
     */
    public Data withLocations(UnaryOperator<String> resolve) {
      UnaryOperator<String> r = s -> s == null || s.isEmpty() ? s : resolve.apply(s);
      return new Data(
          format,
          dataset,
          r.apply(dir),
          r.apply(trainImages),
          r.apply(trainLabels),
          r.apply(testImages),
          r.apply(testLabels),
          r.apply(train),
          r.apply(test),
          table,
          labelColumn,
          featuresColumn,
          splitColumn,
          validationFraction,
          normalize,
          testFraction,
          imageShape,
          tableLocation);
    }
  }

  /**
   * Sampler choice and options.
   *
   * @param randomCandidates tpe: the uniform draws a random trial is chosen from; 0 for auto (the
   *     library's default: 1, or more while the rungs mislead)
   */
  public record SamplerSettings(
      String type,
      long seed,
      int startupTrials,
      int candidates,
      boolean multivariate,
      boolean group,
      boolean constantLiar,
      double liarWeight,
      boolean shareCandidates,
      boolean multivariateInFlight,
      double priorWeight,
      double randomFraction,
      int randomCandidates,
      int population,
      double crossoverProb,
      double swappingProb) {}

  /**
   * Pruner choice and options; resources and steps are epochs.
   *
   * @param type none, median, percentile, threshold, patient (inside segments), asha or hyperband
   *     (at rungs)
   * @param minResource asha / hyperband: epochs of the first rung
   * @param maxResource epochs of a fully trained trial (training.epochs unless a rung pruner sets
   *     it)
   * @param reductionFactor asha / hyperband: eta
   * @param minEarlyStoppingRate asha: rungs skipped at the bottom
   * @param percentile percentile: p
   * @param startupTrials median / percentile: COMPLETE trials before any pruning
   * @param warmupSteps median / percentile / threshold: epochs before which nothing is pruned
   * @param intervalSteps median / percentile / threshold: decide every this many epochs
   * @param samplerView asha / hyperband: what the sampler learns from
   * @param rungAgreement asha / hyperband: when a rung starts stopping trials, or null (always)
   * @param minTrials median / percentile: COMPLETE trials needed at an epoch to decide there
   * @param lower threshold: values below it are pruned ({@code -infinity}: no lower bound)
   * @param upper threshold: values above it are pruned ({@code +infinity}: no upper bound)
   * @param patience patient: epochs without improvement tolerated
   * @param minDelta patient: the least change that counts as an improvement
   * @param wrapped patient: the pruner that decides for a stalled trial (none, median, percentile,
   *     threshold); none prunes every stalled trial
   */
  public record PrunerSettings(
      String type,
      int minResource,
      int maxResource,
      int reductionFactor,
      int minEarlyStoppingRate,
      double percentile,
      int startupTrials,
      int warmupSteps,
      int intervalSteps,
      SamplerView samplerView,
      RungAgreement rungAgreement,
      int minTrials,
      double lower,
      double upper,
      int patience,
      double minDelta,
      String wrapped) {

    /** The same settings with {@code maxResource} resolved. */
    PrunerSettings withMaxResource(int epochs) {
      return new PrunerSettings(
          type,
          minResource,
          epochs,
          reductionFactor,
          minEarlyStoppingRate,
          percentile,
          startupTrials,
          warmupSteps,
          intervalSteps,
          samplerView,
          rungAgreement,
          minTrials,
          lower,
          upper,
          patience,
          minDelta,
          wrapped);
    }
  }

  /**
   * When to stop: new trials after {@code trials}, any new work after {@code time} or after {@code
   * epochs} epochs in all; 0 or null = no limit.
   */
  public record Budget(int trials, Duration time, long epochs) {}

  /**
   * How the work is run.
   *
   * @param lockTimeout how long the output lock's holder may go without a heartbeat before another
   *     driver takes the output over
   * @param isolation {@code process}: each executor runs trials in JVMs of their own, so that a
   *     trial that ends or crashes its process fails alone; {@code thread}: in the executor's JVM
   * @param runId the run's id for the runs table; empty for the UTC date the run starts on
   * @param catalog the database of Spark's catalog the output root's tables are registered in;
   *     empty for none ({@code rung.tables.catalog})
   * @param tablesFormat {@code parquet} or {@code delta} ({@code rung.tables.format})
   */
  public record Execution(
      int parallelism,
      int retries,
      Duration segmentTimeout,
      String master,
      Duration lockTimeout,
      String isolation,
      String runId,
      String catalog,
      String tablesFormat) {

    /** Whether the output root's tables are Delta tables ({@code rung.tables.format = delta}). */
    public boolean deltaTables() {
      return "delta".equals(tablesFormat);
    }

    /**
     * With the defaults: a lock timeout of 2 minutes, trials in processes of their own, the run id
     * of the day.
     */
    public Execution(int parallelism, int retries, Duration segmentTimeout, String master) {
      this(
          parallelism,
          retries,
          segmentTimeout,
          master,
          Settings.LOCK_TIMEOUT.byDefault(),
          Settings.ISOLATION.byDefault(),
          Settings.RUN_ID.byDefault(),
          Settings.TABLES_CATALOG.byDefault(),
          Settings.TABLES_FORMAT.byDefault());
    }

    /** Whether trials run in JVMs of their own. */
    public boolean isolated() {
      return isolation.equals("process");
    }
  }

  /**
   * Epochs of a fully trained trial: the rung pruner's maximum resource, else {@code
   * training.epochs}.
   */
  public int fullEpochs() {
    return pruner.type().equals("asha") || pruner.type().equals("hyperband")
        ? pruner.maxResource()
        : epochs;
  }

  /** The same definition with {@code data} as its data. */
  public SweepConfig withData(Data data) {
    return with(output, data);
  }

  /**
   * The same definition with its output and data locations resolved by {@code resolve} (to absolute
   * ones, so that every executor reads and writes the places the driver means).
   */
  public SweepConfig withLocations(UnaryOperator<String> resolve) {
    WarmStart w =
        warmStart.enabled()
            ? new WarmStart(
                resolve.apply(warmStart.from()),
                warmStart.study(),
                warmStart.run(),
                warmStart.best(),
                warmStart.weight(),
                warmStart.pruned(),
                warmStart.onlyAtStart(),
                warmStart.fullBracket())
            : warmStart;
    return with(resolve.apply(output), data.withLocations(resolve), w);
  }

  /**
   * The same definition writing to {@code output}: the directory of its run under the output root
   * it names. The hash stays the definition's.
   */
  public SweepConfig withOutput(String output) {
    return with(output, data);
  }

  /** The same definition with its run id settled ({@code rung.run.id}; the hash stays). */
  public SweepConfig withRunId(String runId) {
    Execution e = execution;
    return with(
        output,
        data,
        warmStart,
        new Execution(
            e.parallelism(),
            e.retries(),
            e.segmentTimeout(),
            e.master(),
            e.lockTimeout(),
            e.isolation(),
            runId,
            e.catalog(),
            e.tablesFormat()));
  }

  private SweepConfig with(String output, Data data) {
    return with(output, data, warmStart);
  }

  private SweepConfig with(String output, Data data, WarmStart warmStart) {
    return with(output, data, warmStart, execution);
  }

  private SweepConfig with(String output, Data data, WarmStart warmStart, Execution execution) {
    return new SweepConfig(
        studyName,
        directions,
        metrics,
        constraints,
        export,
        output,
        model,
        space,
        data,
        sampler,
        pruner,
        epochs,
        threads,
        oneDnn,
        executorsPerTrial,
        budget,
        execution,
        warmStart,
        hash,
        rendered);
  }

  /**
   * Every metric a trial must report: the study's metrics, the objective first, then the other
   * metrics its constraints name.
   */
  public List<String> reportedMetrics() {
    List<String> out = new ArrayList<>(metrics);
    for (Constraint c : constraints) {
      if (!out.contains(c.metric())) {
        out.add(c.metric());
      }
    }
    return List.copyOf(out);
  }

  /** Whether the study has one objective. */
  public boolean singleObjective() {
    return directions.size() == 1;
  }
}
