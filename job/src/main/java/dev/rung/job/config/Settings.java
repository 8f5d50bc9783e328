package dev.rung.job.config;

import static dev.rung.job.config.Setting.bool;
import static dev.rung.job.config.Setting.doubles;
import static dev.rung.job.config.Setting.duration;
import static dev.rung.job.config.Setting.integer;
import static dev.rung.job.config.Setting.integerOrAuto;
import static dev.rung.job.config.Setting.integers;
import static dev.rung.job.config.Setting.longValue;
import static dev.rung.job.config.Setting.nameOrEmpty;
import static dev.rung.job.config.Setting.number;
import static dev.rung.job.config.Setting.numberOrAuto;
import static dev.rung.job.config.Setting.numberOrNone;
import static dev.rung.job.config.Setting.oneOf;
import static dev.rung.job.config.Setting.string;
import static dev.rung.job.config.Setting.strings;

import dev.rung.job.config.Declaration.Section;
import dev.rung.pruners.RungAgreement;
import dev.rung.pruners.SamplerView;
import dev.rung.samplers.tpe.TpeSampler;
import dev.rung.training.model.NetworkFamilies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every sweep setting, declared once, in the order of the reference file: its path under {@code
 * rung}, type, default, what it allows and its documentation, and the blocks that hold them. The
 * reference file ({@code rung-reference.conf}) is written from these declarations ({@link
 * ReferenceConf}), the readers read each value through its declaration, and the check for unknown
 * keys knows exactly these.
 *
 * <p>A new setting is a declaration here, in the place its line should have in the reference file,
 * and the field of {@link SweepConfig} it fills with {@code r.get(Settings.IT)} in its reader; then
 * regenerate the reference file (see {@code ReferenceConfTest}).
 */
public final class Settings {
  /** The block every setting is under. */
  public static final String ROOT = "rung";

  /** The comment at the top of the reference file. */
  static final List<String> HEADER =
      Declaration.lines(
          """
          Defaults of every sweep setting. A sweep file sets what differs; any key can also be given on the
          command line as key=value (e.g. rung.budget.trials=50).""");

  private static final List<Declaration> DECLARED = new ArrayList<>();

  public static final Section STUDY = section("study");

  public static final Setting<String> STUDY_NAME =
      add(
          "The study's name: trials, tables and checkpoints are kept under it.",
          string("study.name", "rung-study"));

  public static final Setting<List<String>> DIRECTIONS =
      add("maximize | minimize, one per metric.", strings("study.directions", List.of("maximize")));

  public static final Setting<List<String>> METRICS =
      add(
          """
          The metrics to optimize, one per direction: val_accuracy, val_macro_f1, val_loss,
          train_loss, latency_ms (inference latency per sample), param_count.""",
          strings("study.metrics", List.of("val_accuracy")));

  public static final Setting<List<String>> CONSTRAINTS =
      add(
          """
          Constraints on reported metrics, each "<metric> <= <number>" or "<metric> >= <number>",
          e.g. ["latency_ms <= 5", "param_count <= 1e6"]. Infeasible trials never enter the Pareto
          front (nor are they the best trial), TPE and NSGA-II learn from the violation, and a trial
          violating one on latency_ms or param_count (fixed by the architecture) stops at the first
          rung. The built-in networks measure a metric named here even when it is not an objective.""",
          strings("study.constraints", List.of()));

  public static final Section EXPORT =
      section(
          "export",
          """
          Which model a multi-objective study exports (best-model/) from its Pareto front:
            knee: the member closest to the ideal point, each objective scaled to [0, 1] over the front;
            weights: the smallest weighted sum of the scaled objectives (give weights, one per metric);
            "<metric> <= <number> then best <metric>" (or >=): among the members within the bound, the
            best by the other metric, e.g. "latency_ms <= 5 then best val_accuracy" (none within it:
            the knee). A single-objective study exports its best trial. Every front member's checkpoint
            is kept: bin/rung export OUTPUT --trial N exports another one later.""");

  public static final Setting<String> EXPORT_SELECT = add(string("export.select", "knee"));

  public static final Setting<List<Double>> EXPORT_WEIGHTS =
      add(doubles("export.weights", List.of()));

  public static final Setting<String> OUTPUT =
      add(
          "Where the tables, checkpoints and the best model go: any Hadoop path (local, hdfs://, s3a://).",
          string("output", "rung-output"));

  public static final Section RUN = section("run");

  public static final Setting<String> RUN_ID =
      add(
          """
          The id of this run of the sweep, recorded in the output's runs table with when it started and
          ended, how it ended and what the study held then: empty for the UTC date the run starts on
          (a nightly sweep's night), or up to 64 letters, digits and . _ : - chosen by a scheduler.
          Running again with the same id is another attempt of the same run.""",
          string("run.id", ""));

  public static final Section TABLES = section("tables");

  public static final Setting<String> TABLES_CATALOG =
      add(
          """
          The database of Spark's catalog to register the output root's tables in (trials,
          intermediate_values, segments, runs, partitioned by study and run), so that any Spark
          session using the same metastore reads them as <database>.trials; "" = none. The tables
          are registered when a run starts and when it ends. The catalog is the Hive metastore the
          driver's Spark is configured with (hive-site.xml, spark.hadoop.hive.metastore.uris), else
          an embedded one in <root>/_catalog (a local root only; docs/tables.md#catalog-tables).""",
          string("tables.catalog", ""));

  public static final Setting<String> TABLES_FORMAT =
      add(
          """
          parquet | delta: how the output root's tables are kept. parquet: plain Parquet directories,
          partitioned by study and run. delta: the same files, each committed to the table's Delta
          log (<root>/<table>/_delta_log), so that readers of the log see every result whole, on
          object stores too; the driver's Spark needs Delta's extension and catalog
          (docs/tables.md#delta-tables). An output root's tables keep the format they were made
          with.""",
          oneOf("tables.format", "parquet", List.of("parquet", "delta")));

  public static final Section MODEL = section("model");

  public static final Setting<String> FAMILY =
      add(
          """
          mlp | cnn | lstm: the network built from each trial's parameters (a "model" parameter in the
          search space overrides it per trial).""",
          oneOf("model.family", "mlp", NetworkFamilies::names));

  public static final Setting<String> TRAINER =
      add(
          """
          Or your own training code: the fully qualified name of a class implementing
          dev.rung.training.api.Trainer, e.g. "com.acme.MyTrainer", from a jar given to spark-submit
          with --jars (or on the classpath). It gets each trial's parameters, trains it epoch by
          epoch and saves its state between rungs; see docs/trainers.md. Leave family at its default
          when you set it: a family and a trainer class are mutually exclusive. With a trainer,
          study.metrics may name any metric the trainer reports.""",
          string("model.trainer", ""));

  public static final Section MODEL_OPTIONS =
      freeBlock(
          "model.options",
          """
          The trainer's own settings (a dataset id, a model path, a mode): any HOCON block, e.g.
            options { dataset = "126026", model-path = "/models/m.onnx", mode = fast }
          delivered to the trainer on every executor (TrialContext.options() and its typed getters)
          and part of the config hash. Only a trainer class reads options.""");

  public static final Section SPACE =
      freeBlock(
          "space",
          """
          The search space: one entry per parameter, e.g.
            lr { type = float, low = 1e-4, high = 1e-1, log = true }
            optimizer { type = categorical, choices = [adam, sgd] }
            momentum { type = float, low = 0.0, high = 0.99, when { optimizer = sgd } }
            mlp_layers { type = int, low = 1, high = 3 }
            mlp { per = mlp_layers, params { width { type = int, low = 32, high = 512, log = true } } }
              (mlp_0_width, mlp_1_width, ...; a single parameter takes per too: width_0, width_1, ...)
          Parameters the model needs but the space leaves out take the model's defaults. Each name must
          be one the network reads (docs/training.md) or your trainer class declares, and each value one
          the network accepts: anything else is refused before any work.""");

  public static final Section DATA = section("data");

  public static final Setting<String> DATA_FORMAT =
      add(
          "idx | csv | parquet, or none when a trainer class (model.trainer) reads its own data",
          oneOf("data.format", "idx", List.of("idx", "csv", "parquet", "none")));

  public static final Setting<String> DATASET =
      add(
          """
          A named dataset fetched by bin/fetch-data into data/: mnist, fashion-mnist, digits; or ""
          to use the paths below.""",
          nameOrEmpty(
              "data.dataset",
              "mnist",
              List.of("mnist", "fashion-mnist", "digits"),
              "for your own files"));

  public static final Setting<String> DATA_DIR =
      add("The data directory for named datasets.", string("data.dir", "data"));

  public static final Setting<String> TRAIN_IMAGES =
      add(
          """
          Paths for your own data. idx: train-images, train-labels, test-images, test-labels;
          csv/parquet: train and test files; parquet: a file, or a directory as Spark writes one
          (part files; _SUCCESS, .crc and other names starting with _ or . are skipped; Hive-style
          column=value partition directories), its files read in the order of their paths.""",
          string("data.train-images", ""));

  public static final Setting<String> TRAIN_LABELS = add(string("data.train-labels", ""));

  public static final Setting<String> TEST_IMAGES = add(string("data.test-images", ""));

  public static final Setting<String> TEST_LABELS = add(string("data.test-labels", ""));

  public static final Setting<String> TRAIN = add(string("data.train", ""));

  public static final Setting<String> TEST = add(string("data.test", ""));

  public static final Setting<String> TABLE =
      add(
          """
          parquet: a catalog table holding the training data instead of train: name or
          database.name. The driver finds it in the Spark session's catalog (it must be a
          Parquet table) and every executor reads its files directly. Needs dataset = "".""",
          string("data.table", ""));

  public static final Setting<String> LABEL_COLUMN =
      add(
          """
          csv/parquet: the label column (name, or index for csv without a header); the features are
          the other numeric columns, or one array column for parquet. Parquet partition columns are
          never features, but the label or the split column may be one.""",
          string("data.label-column", "label"));

  public static final Setting<String> FEATURES_COLUMN = add(string("data.features-column", ""));

  public static final Setting<String> SPLIT_COLUMN =
      add(
          """
          parquet: a string column saying which part each row belongs to: train, validation (or
          valid, val) or test (any case). It replaces the random split: validation-fraction,
          test-fraction and test must then stay unset. "" = split at random.""",
          string("data.split-column", ""));

  public static final Setting<Double> VALIDATION_FRACTION =
      add(
          "Share of the training set held out for validation (tuning never sees the test set).",
          number("data.validation-fraction", 0.1, 0, 0.9));

  public static final Setting<String> NORMALIZE =
      add(
          "none | scale (to [0, 1]) | standardize (zero mean, unit variance, from the training split)",
          oneOf("data.normalize", "scale", List.of("none", "scale", "standardize")));

  public static final Setting<Double> TEST_FRACTION =
      add(
          "Share of the data held out as the test set when no test file is given.",
          number("data.test-fraction", 0.2, 0, 0.9));

  public static final Setting<List<Integer>> IMAGE_SHAPE =
      add(
          """
          csv/parquet: the shape of one example as an image, [channels, height, width], for CNNs;
          [] = flat vectors.""",
          integers("data.image-shape", List.of()));

  public static final Section SAMPLER = section("sampler");

  public static final Setting<String> SAMPLER_TYPE =
      add(
          """
          tpe | random | grid | nsga2. The settings under tpe and nsga2 below must stay at their
          defaults unless that sampler is chosen.""",
          oneOf("sampler.type", "tpe", List.of("tpe", "random", "grid", "nsga2")));

  public static final Setting<Long> SEED =
      add(
          "Seed of the whole sweep: the same seed and the same results give the same suggestions.",
          longValue("sampler.seed", 42));

  public static final Section TPE = section("sampler.tpe");

  public static final Setting<Integer> TPE_STARTUP_TRIALS =
      add(integer("sampler.tpe.startup-trials", 10, 0, Integer.MAX_VALUE));

  public static final Setting<Integer> TPE_CANDIDATES =
      add(
          "Candidates drawn from l(x) per suggestion; the library's default too (docs/defaults.md).",
          integer("sampler.tpe.candidates", TpeSampler.DEFAULT_CANDIDATES, 1, 100_000));

  public static final Setting<Boolean> TPE_MULTIVARIATE =
      add(bool("sampler.tpe.multivariate", true));

  public static final Setting<Boolean> TPE_GROUP = add(bool("sampler.tpe.group", false));

  public static final Setting<Boolean> TPE_CONSTANT_LIAR =
      add(bool("sampler.tpe.constant-liar", true));

  public static final Setting<Double> TPE_LIAR_WEIGHT =
      add(
          """
          With the constant liar: the weight of a trial in flight in the bad group, 0 to 1. Trials
          stopped below the level the sampler learns at stay in the bad group at full weight.""",
          number("sampler.tpe.liar-weight", 1.0, 0, 1));

  public static final Setting<Boolean> TPE_SHARE_CANDIDATES =
      add(
          """
          While k other trials are in flight, a suggestion draws candidates / (k + 1) of them (at
          least 1), so the trials proposed before the next result spread out (docs/defaults.md).""",
          bool("sampler.tpe.share-candidates", true));

  public static final Setting<Boolean> TPE_MULTIVARIATE_IN_FLIGHT =
      add(
          """
          With multivariate: whether a trial asked while others are in flight is still sampled
          jointly; false samples each parameter on its own then (docs/defaults.md).""",
          bool("sampler.tpe.multivariate-in-flight", false));

  public static final Setting<Double> TPE_PRIOR_WEIGHT =
      add(number("sampler.tpe.prior-weight", 1.0, 0, 1e9));

  public static final Setting<Double> TPE_RANDOM_FRACTION =
      add(
          """
          The share of the trials after the startup trials whose parameters are all drawn at
          random, decided by the seed and each trial's number, 0 to 1. auto (the default) is 0.2
          for one objective with rungs (asha, hyperband: with many trials judged early, a hedge
          against settling in the first good region found) and 0 otherwise (docs/defaults.md).""",
          numberOrAuto("sampler.tpe.random-fraction", 0, 1));

  public static final Setting<Integer> TPE_RANDOM_CANDIDATES =
      add(
          """
          How a trial of the random fraction is drawn: this many uniform draws, and the one
          farthest from the trials TPE counts as bad kept, so the random trials go where nothing
          has done badly yet; 1 is a plain uniform draw. auto (the default) is 1, and 16 while the
          rung agreement distrusts a rung (early rungs that rank trials unlike the later ones may
          have judged good regions bad; docs/defaults.md). Needs a random fraction above 0.""",
          integerOrAuto("sampler.tpe.random-candidates", 1, 1_000_000));

  public static final Section NSGA2 = section("sampler.nsga2");

  public static final Setting<Integer> NSGA2_POPULATION =
      add(integer("sampler.nsga2.population", 50, 2, 1_000_000));

  public static final Setting<Double> NSGA2_CROSSOVER_PROB =
      add(number("sampler.nsga2.crossover-prob", 0.9, 0, 1));

  public static final Setting<Double> NSGA2_SWAPPING_PROB =
      add(number("sampler.nsga2.swapping-prob", 0.5, 0, 1));

  public static final Section PRUNER = section("pruner");

  public static final Setting<String> PRUNER_TYPE =
      add(
          """
          At rungs, by the driver's scheduler: asha | hyperband. Inside each trial's one segment, after
          every epoch, by the executor against the pruner frozen when the segment was sent: median |
          percentile | threshold | patient. Or none. auto (the default) is hyperband for one objective
          and asha for several (docs/defaults.md). A setting below that the chosen type does not use
          must stay at its default (docs/sweeps.md).""",
          oneOf(
              "pruner.type",
              "auto",
              List.of(
                  "auto",
                  "none",
                  "median",
                  "percentile",
                  "threshold",
                  "patient",
                  "asha",
                  "hyperband")));

  public static final Setting<Integer> MIN_RESOURCE =
      add(
          "asha / hyperband: epochs of the first rung.",
          integer("pruner.min-resource", 1, 1, 100_000));

  public static final Setting<Integer> MAX_RESOURCE =
      add(
          "asha / hyperband: epochs of a fully trained trial; 0 = rung.training.epochs.",
          integer("pruner.max-resource", 0, 0, 100_000));

  public static final Setting<Integer> REDUCTION_FACTOR =
      add(
          "asha / hyperband: eta, the ratio of the epochs of successive rungs.",
          integer("pruner.reduction-factor", 3, 2, 100));

  public static final Setting<Integer> MIN_EARLY_STOPPING_RATE =
      add(
          "asha: the minimum early-stopping rate (rungs skipped at the bottom).",
          integer("pruner.min-early-stopping-rate", 0, 0, 100));

  public static final Setting<SamplerView> SAMPLER_VIEW =
      add(
          """
          asha / hyperband: what the sampler learns from while rungs stop trials.
            trusted-rung: the highest resource level with enough trials (d + 3, d parameters) among
              the levels whose rungs are trusted (rung-agreement below), with the trials stopped
              below it in TPE's bad group; a first rung that judges untrained networks then teaches
              the sampler nothing once it is distrusted
            highest-rung: BOHB's level over every rung, stopped trials shown pruned where they stopped
            bracket: only the trials of the new trial's own bracket; all: every trial, ranked by the
              rung it reached""",
          oneOf("pruner.sampler-view", SamplerView.TRUSTED_RUNG));

  public static final Section RUNG_AGREEMENT =
      section(
          "pruner.rung-agreement",
          """
          asha / hyperband: a rung stops trials only while its ranking agrees with the next rung's:
          once `min-trials` trials have reached the next rung without being selected at it (trials
          of higher brackets, or passed on), Spearman's correlation between their values at the two
          must be at least `threshold`, else every trial paused at the rung goes on. Before that the
          rung ranks. docs/defaults.md has how the values were chosen.""");

  public static final Setting<Boolean> AGREEMENT_ENABLED =
      add(bool("pruner.rung-agreement.enabled", true));

  public static final Setting<Double> AGREEMENT_THRESHOLD =
      add(number("pruner.rung-agreement.threshold", RungAgreement.DEFAULT.threshold(), -1, 1));

  public static final Setting<Integer> AGREEMENT_MIN_TRIALS =
      add(
          integer(
              "pruner.rung-agreement.min-trials", RungAgreement.DEFAULT.minTrials(), 3, 1_000_000));

  public static final Setting<Double> PERCENTILE =
      add(
          """
          percentile: prune a trial whose best value so far is worse than this percentile of the COMPLETE
          trials' values at the same epoch (100 - it when maximizing); median is percentile 50.""",
          number("pruner.percentile", 50.0, 0, 100));

  public static final Setting<Integer> PRUNER_STARTUP_TRIALS =
      add(
          "median / percentile: no pruning while fewer trials are COMPLETE.",
          integer("pruner.startup-trials", 5, 0, Integer.MAX_VALUE));

  public static final Setting<Integer> PRUNER_MIN_TRIALS =
      add(
          """
          median / percentile: no decision at an epoch for which fewer COMPLETE trials than this
          reported a value (Optuna's n_min_trials).""",
          integer("pruner.min-trials", 1, 1, Integer.MAX_VALUE));

  public static final Setting<Integer> WARMUP_STEPS =
      add(
          """
          median / percentile / threshold: no pruning before this many epochs, then a decision every
          interval-steps epochs.""",
          integer("pruner.warmup-steps", 0, 0, Integer.MAX_VALUE));

  public static final Setting<Integer> INTERVAL_STEPS =
      add(integer("pruner.interval-steps", 1, 1, Integer.MAX_VALUE));

  public static final Setting<Double> LOWER =
      add(
          """
          threshold: prune a trial whose latest value is below lower, above upper, or NaN; none = no
          bound (give at least one).""",
          numberOrNone("pruner.lower", Double.NEGATIVE_INFINITY));

  public static final Setting<Double> UPPER =
      add(numberOrNone("pruner.upper", Double.POSITIVE_INFINITY));

  public static final Setting<Integer> PATIENCE =
      add(
          """
          patient: a trial whose best over its last patience + 1 epochs is worse than its best before
          them by more than min-delta is stalled; a stalled trial is pruned when the wrapped pruner
          (none | median | percentile | threshold, with its settings above) also says so, or at once
          with none. (Optuna's PatientPruner, which has no default patience.)""",
          integer("pruner.patience", 3, 0, Integer.MAX_VALUE));

  public static final Setting<Double> MIN_DELTA =
      add(number("pruner.min-delta", 0.0, 0, Double.POSITIVE_INFINITY));

  public static final Setting<String> WRAPPED =
      add(oneOf("pruner.wrapped", "none", List.of("none", "median", "percentile", "threshold")));

  public static final Section TRAINING = section("training");

  public static final Setting<Integer> EPOCHS =
      add(
          "Epochs of a fully trained trial (when no pruner sets max-resource).",
          integer("training.epochs", 9, 1, 100_000));

  public static final Setting<Integer> THREADS =
      add("ND4J threads per task.", integer("training.threads", 1, 1, 1024));

  public static final Setting<Integer> EXECUTORS_PER_TRIAL =
      add(
          """
          Built-in networks: the Spark tasks each trial trains on at once, data-parallel (DL4J Spark,
          parameter averaging, coordinated from the driver); 1 trains a trial in one task. With
          executors of one core each, that many executors per trial (docs/cluster.md, "One trial
          across executors"). Needs execution.isolation = thread and CPU executors.""",
          integer("training.executors-per-trial", 1, 1, 1024));

  public static final Setting<Boolean> ONEDNN =
      add(
          """
          Built-in networks: convolution, pooling and batch-norm layers run through oneDNN on CPU
          executors (3.5-7x less CPU per CNN batch, docs/training.md#cpu-and-gpu-backends); false runs
          DL4J's own implementation of those layers. No effect on a GPU; with a trainer class it must
          stay true (a trainer decides for its own networks).""",
          bool("training.onednn", true));

  public static final Section BUDGET = section("budget");

  public static final Setting<Integer> BUDGET_TRIALS =
      add(
          "Stop sampling new trials after this many (0 = no limit).",
          integer("budget.trials", 30, 0, Integer.MAX_VALUE));

  public static final Setting<Duration> BUDGET_TIME =
      add(
          "Stop starting work after this long, e.g. \"2h\" (0 = no limit).",
          duration("budget.time", null));

  public static final Setting<Long> BUDGET_EPOCHS =
      add(
          "Stop starting work after this many epochs trained in all (0 = no limit).",
          longValue("budget.epochs", 0, 0, "0 = no limit"));

  public static final Section WARM_START =
      section(
          "warm-start",
          """
          Warm start from an earlier sweep of the same objective (the same sweep last night, a similar
          data set): its best configurations are trained first and TPE learns from its trials
          (docs/sweeps.md#warm-start). The earlier output is only read.""");

  public static final Setting<String> WARM_START_FROM =
      add(
          """
          An output root holding earlier runs (this sweep's own rung.output for the nights before this
          one), or the directory of one earlier run (<root>/study=<name>/run=<id>, or an output
          written before runs existed); local path or hdfs://, s3a:// URI. "" = no warm start.""",
          string("warm-start.from", ""));

  public static final Setting<String> WARM_START_STUDY =
      add(
          """
          When warm-start.from is an output root: the study whose runs to start from; "" = this
          sweep's own study (rung.study.name).""",
          string("warm-start.study", ""));

  public static final Setting<String> WARM_START_RUN =
      add(
          """
          When warm-start.from is an output root: the run id to start from; "" = the latest run of the
          study that holds a trial to learn from, other than this run. From this sweep's own root with
          no such run (the first night), the run starts cold and says so.""",
          string("warm-start.run", ""));

  public static final Setting<Integer> WARM_START_BEST =
      add(
          """
          How many of its best COMPLETE configurations (those valid in this search space) are trained
          first, before any sampled trial (0 = none). 5: measured against 1 and 3 (docs/defaults.md).""",
          integer("warm-start.best", 5, 0, 10_000));

  public static final Setting<Double> WARM_START_WEIGHT =
      add(
          """
          The weight of each earlier trial in TPE's estimators, relative to one of this sweep's own
          trials, in (0, 1].""",
          number("warm-start.weight", TpeSampler.DEFAULT_EARLIER_WEIGHT, 0, 1));

  public static final Setting<Boolean> WARM_START_PRUNED =
      add(
          "Whether TPE also learns from the earlier PRUNED trials (at the last value they recorded).",
          bool("warm-start.pruned", true));

  public static final Setting<Boolean> WARM_START_ONLY_AT_START =
      add(
          """
          Whether TPE uses the earlier trials only until this sweep's own start-up trials have
          finished (rung.sampler.tpe.startup-trials): a prior in place of the random start, after
          which TPE learns from this sweep's trials alone. False: throughout, at the weight above.
          True measured best, on the same task and on another (docs/defaults.md).""",
          bool("warm-start.only-at-start", true));

  public static final Setting<Boolean> WARM_START_FULL_BRACKET =
      add(
          """
          Whether the configurations trained first go into the Hyperband bracket with the fewest
          rungs (they were the earlier sweep's best), instead of the bracket their number gives.""",
          bool("warm-start.full-bracket", true));

  public static final Section EXECUTION = section("execution");

  public static final Setting<Integer> PARALLELISM =
      add(
          """
          Concurrent segments; 0 = one per task slot Spark has (cores / task cpus, or GPUs),
          counted again as executors come and go (docs/sweeps.md#parallelism-and-gpus).""",
          integer("execution.parallelism", 0, 0, 1_000_000));

  public static final Setting<Integer> RETRIES =
      add(
          "How many times a failing segment is tried again before its trial is FAIL.",
          integer("execution.retries", 1, 0, 100));

  public static final Setting<Duration> SEGMENT_TIMEOUT =
      add(
          "Time limit of one segment, e.g. \"30m\" (0 = none): a hung trial is stopped and marked.",
          duration("execution.segment-timeout", null));

  public static final Setting<String> MASTER =
      add(
          "Spark master when run with bin/rung (spark-submit sets its own).",
          string("execution.master", "local[*]"));

  public static final Setting<Duration> LOCK_TIMEOUT =
      add(
          """
          How long the driver holding the output's lock may go without a heartbeat before another
          driver takes the output over (it must exceed the clock skew between driver hosts).""",
          duration(
              "execution.lock-timeout",
              Duration.ofMinutes(2),
              Duration.ofSeconds(2),
              "the output lock needs a timeout"));

  public static final Setting<String> ISOLATION =
      add(
          """
          Where trials run on an executor: "process", in JVMs of their own (reused from one segment to
          the next), so that a trial that calls System.exit, crashes in native code or hangs fails
          alone; or "thread", in the executor's own JVM (no start-up cost, no protection).""",
          oneOf("execution.isolation", "process", List.of("process", "thread")));

  private Settings() {}

  /** The settings and blocks in the order of the reference file. */
  static List<Declaration> declarations() {
    return List.copyOf(DECLARED);
  }

  /** The settings, in the order of the reference file. */
  static List<Setting<?>> all() {
    return DECLARED.stream()
        .<Setting<?>>mapMulti(
            (d, out) -> {
              if (d instanceof Setting<?> s) {
                out.accept(s);
              }
            })
        .toList();
  }

  /** The free blocks, whose keys are the user's. */
  static List<Section> freeBlocks() {
    return DECLARED.stream()
        .<Section>mapMulti(
            (d, out) -> {
              if (d instanceof Section s && s.free()) {
                out.accept(s);
              }
            })
        .toList();
  }

  private static <T> Setting<T> add(Setting<T> setting) {
    DECLARED.add(setting);
    return setting;
  }

  private static <T> Setting<T> add(String doc, Setting<T> setting) {
    return add(setting.withDoc(doc));
  }

  private static Section section(String path) {
    return section(path, "");
  }

  private static Section section(String path, String doc) {
    Section s = new Section(path, Declaration.lines(doc), false);
    DECLARED.add(s);
    return s;
  }

  private static Section freeBlock(String path, String doc) {
    Section s = new Section(path, Declaration.lines(doc), true);
    DECLARED.add(s);
    return s;
  }
}
