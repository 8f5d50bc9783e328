package dev.rung.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.rung.multi.FrontSelection;
import dev.rung.space.SearchSpace;
import dev.rung.study.Direction;
import dev.rung.training.model.NetworkTrainer;
import dev.rung.training.trainer.TrainerClassException;
import dev.rung.training.trainer.TrainerClasses;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a sweep definition: the sweep file, then {@code key=value} overrides from the command line,
 * over the defaults declared in {@link Settings} (the text of {@code rung-reference.conf}). Reads
 * every setting through its declaration and validates everything before any work starts, reporting
 * all errors at once, each naming the key, where it was set, the bad value and what is allowed.
 */
public final class SweepConfigLoader {
  /** The metrics a trial of the built-in networks can be optimized on ({@link NetworkTrainer}). */
  public static final List<String> METRICS = NetworkTrainer.METRICS;

  private static final String ROOT = Settings.ROOT;

  /** What a run id may hold ({@code rung.run.id}). */
  static final String RUN_ID_FORM = "[A-Za-z0-9._:-]{1,64}";

  private SweepConfigLoader() {}

  /** Loads and validates a sweep file with overrides such as {@code rung.budget.trials=50}. */
  public static SweepConfig load(File file, List<String> overrides) {
    if (!file.isFile()) {
      throw new InvalidConfigException(
          List.of(
              new ConfigError(
                  "sweep file", null, "'" + file + "' does not exist or is not a file")));
    }
    Config user;
    try {
      user =
          ConfigFactory.parseFile(
              file,
              ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
    } catch (ConfigException e) {
      throw new InvalidConfigException(
          List.of(
              new ConfigError(
                  "sweep file", file.toString(), "is not valid HOCON: " + e.getMessage())));
    }
    if (user.root().isEmpty()) {
      // An empty file (a failed copy, a wrong path in a script) would otherwise run the whole
      // default sweep.
      throw new InvalidConfigException(
          List.of(
              new ConfigError(
                  "sweep file",
                  file.toString(),
                  "defines nothing (it is empty or holds only comments): write the settings"
                      + " that differ from the defaults, as conf/digits.conf does, or rung {}"
                      + " to run every default")));
    }
    return load(user, overrides);
  }

  /** Loads and validates an already parsed sweep definition with overrides. */
  public static SweepConfig load(Config user, List<String> overrides) {
    return load(user, overrides, true);
  }

  /**
   * Like {@link #load(Config, List)}, for a sweep whose trials a simulated model runs instead of
   * the configured network or trainer (scheduler simulations, benchmarks): every check but those of
   * the search space against what the network or trainer reads.
   */
  public static SweepConfig loadForSimulation(Config user, List<String> overrides) {
    return load(user, overrides, false);
  }

  /**
   * The search space of a sweep definition such as {@code <output>/sweep.conf}, read and checked as
   * a sweep reads it; the rest of the definition is not read.
   *
   * @throws InvalidConfigException when the space is invalid
   */
  public static SearchSpace readSpace(Config definition) {
    List<ConfigError> errors = new ArrayList<>();
    Config withRoot = definition.hasPath(ROOT) ? definition : definition.atKey(ROOT);
    SpaceReader.Read space =
        SpaceReader.read(
            new ConfigReader(withRoot.resolve(), ConfigFactory.empty(), errors),
            Settings.SPACE.key());
    if (!errors.isEmpty()) {
      throw new InvalidConfigException(errors);
    }
    return space.space();
  }

  private static SweepConfig load(Config user, List<String> overrides, boolean checkModel) {
    List<ConfigError> errors = new ArrayList<>();
    Config withRoot = user.hasPath(ROOT) ? user : user.atKey(ROOT);
    Config over = ConfigFactory.empty();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        errors.add(
            new ConfigError(
                o,
                "command line",
                "an override must look like key=value, e.g. rung.budget.trials=50"));
        continue;
      }
      String key = o.substring(0, eq).trim();
      if (!key.startsWith(ROOT + ".")) {
        key = ROOT + "." + key;
      }
      try {
        Config one =
            ConfigFactory.parseString(
                key + " = " + quoteIfNeeded(o.substring(eq + 1)),
                ConfigParseOptions.defaults().setOriginDescription("command line"));
        over = one.withFallback(over);
      } catch (ConfigException e) {
        errors.add(new ConfigError(key, "command line", "cannot be parsed: " + e.getMessage()));
      }
    }
    Config reference = ReferenceConf.defaults();
    Config merged;
    try {
      Config layered = over.withFallback(withRoot);
      checkUnknownKeys(layered, errors);
      merged =
          layered
              .withFallback(reference)
              .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (ConfigException e) {
      errors.add(
          new ConfigError(
              ROOT, e.origin() == null ? null : e.origin().description(), e.getMessage()));
      throw new InvalidConfigException(errors);
    }
    SweepConfig config =
        read(
            new ConfigReader(merged.getConfig(ROOT).atKey(ROOT), reference.resolve(), errors),
            checkModel);
    if (!errors.isEmpty()) {
      throw new InvalidConfigException(errors);
    }
    return config;
  }

  private static String quoteIfNeeded(String value) {
    String v = value.trim();
    try {
      ConfigFactory.parseString("x = " + v);
      return v;
    } catch (ConfigException e) {
      return ConfigValueFactory.fromAnyRef(v).render(ConfigRenderOptions.concise());
    }
  }

  private static void checkUnknownKeys(Config user, List<ConfigError> errors) {
    Set<String> known = new TreeSet<>();
    Settings.all().forEach(s -> known.add(s.key()));
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = e.getKey();
      if (known.contains(key) || inFreeBlock(key)) {
        continue;
      }
      String hint = DidYouMean.closest(key, known);
      String origin = e.getValue().origin().description();
      errors.add(
          new ConfigError(
              key,
              origin,
              "is not a known setting"
                  + (hint != null
                      ? "; did you mean '" + hint + "'?"
                      : "; see " + ReferenceConf.SOURCE + " for the settings there are")));
    }
  }

  /** Whether {@code key} is a free block ({@code space}, {@code model.options}) or a key in one. */
  private static boolean inFreeBlock(String key) {
    return Settings.freeBlocks().stream()
        .anyMatch(b -> key.equals(b.key()) || key.startsWith(b.key() + "."));
  }

  private static SweepConfig read(ConfigReader r, boolean checkModel) {
    SweepConfig.Model model = readModel(r);
    StudyReader.Study study = StudyReader.read(r, model.hasTrainer());
    String output = r.get(Settings.OUTPUT);
    if (output.isBlank()) {
      r.error(Settings.OUTPUT, "is empty: give a directory (local path or hdfs://, s3a:// URI)");
    }
    SpaceReader.Read space = SpaceReader.read(r, Settings.SPACE.key());
    if (checkModel && !r.hasError(Settings.MODEL)) {
      SpaceCheck.check(r, model, space);
    }
    SweepConfig.Data data = DataReader.read(r, model.hasTrainer());
    int epochs = r.get(Settings.EPOCHS);
    SweepConfig.PrunerSettings pruner = PrunerReader.read(r, epochs, study.directions());
    SweepConfig.SamplerSettings sampler =
        new SweepConfig.SamplerSettings(
            r.get(Settings.SAMPLER_TYPE),
            r.get(Settings.SEED),
            r.get(Settings.TPE_STARTUP_TRIALS),
            r.get(Settings.TPE_CANDIDATES),
            r.get(Settings.TPE_MULTIVARIATE),
            r.get(Settings.TPE_GROUP),
            r.get(Settings.TPE_CONSTANT_LIAR),
            r.get(Settings.TPE_LIAR_WEIGHT),
            r.get(Settings.TPE_SHARE_CANDIDATES),
            r.get(Settings.TPE_MULTIVARIATE_IN_FLIGHT),
            r.get(Settings.TPE_PRIOR_WEIGHT),
            randomFraction(r.get(Settings.TPE_RANDOM_FRACTION), pruner, study.directions()),
            r.get(Settings.TPE_RANDOM_CANDIDATES),
            r.get(Settings.NSGA2_POPULATION),
            r.get(Settings.NSGA2_CROSSOVER_PROB),
            r.get(Settings.NSGA2_SWAPPING_PROB));
    if (!r.hasError(Settings.SAMPLER_TYPE)) {
      checkSamplerSettingsUsed(r, sampler.type());
    }
    if ("tpe".equals(sampler.type())
        && sampler.randomFraction() == 0
        && r.changed(Settings.TPE_RANDOM_CANDIDATES)
        && !r.hasError(Settings.TPE_RANDOM_CANDIDATES)
        && !r.hasError(Settings.TPE_RANDOM_FRACTION)) {
      r.error(
          Settings.TPE_RANDOM_CANDIDATES,
          "is "
              + r.shown(Settings.TPE_RANDOM_CANDIDATES)
              + ", but no trial is drawn at random: "
              + Settings.TPE_RANDOM_FRACTION.key()
              + " is "
              + r.shown(Settings.TPE_RANDOM_FRACTION)
              + (r.changed(Settings.TPE_RANDOM_FRACTION)
                  ? ""
                  : ", 0 without rungs or with several objectives")
              + ": remove it, or set "
              + Settings.TPE_RANDOM_FRACTION.key()
              + " above 0");
    }
    if (sampler.type().equals("nsga2") && study.directions().size() < 2) {
      r.error(
          Settings.SAMPLER_TYPE,
          "is nsga2, which needs several directions; this study has " + study.directions().size());
    }
    int threads = r.get(Settings.THREADS);
    boolean oneDnn = r.get(Settings.ONEDNN);
    if (model.hasTrainer() && !oneDnn && !r.hasError(Settings.ONEDNN)) {
      r.error(
          Settings.ONEDNN,
          "is false, but it applies to the built-in networks only and "
              + Settings.TRAINER.key()
              + " names a class: leave it at its default and set the system property"
              + " org.eclipse.deeplearning4j.helpers.disable in your trainer if it builds DL4J"
              + " networks");
    }
    SweepConfig.Budget budget =
        new SweepConfig.Budget(
            r.get(Settings.BUDGET_TRIALS),
            r.get(Settings.BUDGET_TIME),
            r.get(Settings.BUDGET_EPOCHS));
    if (!r.hasError(Settings.BUDGET)
        && budget.trials() == 0
        && budget.time() == null
        && budget.epochs() == 0) {
      r.error(
          Settings.BUDGET,
          "sets no limit: give "
              + Settings.BUDGET_TRIALS.path()
              + ", "
              + Settings.BUDGET_TIME.path()
              + " or "
              + Settings.BUDGET_EPOCHS.path()
              + ", or the sweep would never end");
    }
    SweepConfig.Execution execution =
        new SweepConfig.Execution(
            r.get(Settings.PARALLELISM),
            r.get(Settings.RETRIES),
            r.get(Settings.SEGMENT_TIMEOUT),
            r.get(Settings.MASTER),
            r.get(Settings.LOCK_TIMEOUT),
            r.get(Settings.ISOLATION),
            r.get(Settings.RUN_ID),
            r.get(Settings.TABLES_CATALOG).trim(),
            r.get(Settings.TABLES_FORMAT));
    if (!execution.catalog().isEmpty()
        && !execution.catalog().matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
      r.error(
          Settings.TABLES_CATALOG,
          "'"
              + execution.catalog()
              + "' is not a database name: letters, digits and _, not starting with a digit (or"
              + " empty for none)");
    }
    if (!execution.runId().isEmpty() && !execution.runId().matches(RUN_ID_FORM)) {
      r.error(
          Settings.RUN_ID,
          "'"
              + execution.runId()
              + "' is not allowed: up to 64 letters, digits and . _ : - (or empty for the UTC"
              + " date)");
    }
    if (execution.master().isBlank() && !r.hasError(Settings.MASTER)) {
      r.error(
          Settings.MASTER, "is empty: give a Spark master such as local[*] or spark://host:7077");
    }
    int executorsPerTrial = r.get(Settings.EXECUTORS_PER_TRIAL);
    if (executorsPerTrial > 1 && !r.hasError(Settings.EXECUTORS_PER_TRIAL)) {
      if (model.hasTrainer()) {
        r.error(
            Settings.EXECUTORS_PER_TRIAL,
            "is "
                + executorsPerTrial
                + ", but a trial trains across executors only with the built-in networks and "
                + Settings.TRAINER.key()
                + " names a class: leave it at 1");
      } else if (execution.isolated()) {
        r.error(
            Settings.EXECUTORS_PER_TRIAL,
            "is "
                + executorsPerTrial
                + ": a trial across executors is trained from the driver's JVM by Spark tasks in"
                + " the executors' JVMs, where "
                + Settings.ISOLATION.key()
                + " = process (the default) cannot put it in a JVM of its own: set "
                + Settings.ISOLATION.key()
                + " = thread, or leave this at 1");
      }
    }
    FrontSelection export = readExport(r, study);
    SweepConfig.WarmStart warmStart = readWarmStart(r, sampler);
    Config rung = r.config().getConfig(ROOT);
    return new SweepConfig(
        study.name(),
        study.directions(),
        study.metrics(),
        study.constraints(),
        export,
        output,
        model,
        space.space(),
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
        hash(rung),
        rung.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false)));
  }

  /**
   * {@code rung.export}: which member of a multi-objective study's Pareto front is exported. A
   * single-objective study exports its best trial, so the rule must stay at its default there.
   */
  private static FrontSelection readExport(ConfigReader r, StudyReader.Study study) {
    String select = r.get(Settings.EXPORT_SELECT);
    List<Double> weights = r.get(Settings.EXPORT_WEIGHTS);
    if (study.metrics().size() < 2) {
      Setting<?> changed =
          r.changed(Settings.EXPORT_SELECT) ? Settings.EXPORT_SELECT : Settings.EXPORT_WEIGHTS;
      if (r.changed(changed)) {
        r.error(
            changed,
            "is "
                + r.shown(changed)
                + ", but a single-objective study exports its best trial: the rule applies to"
                + " several objectives");
      }
      return new FrontSelection.Knee();
    }
    try {
      return FrontSelection.parse(select, weights, study.metrics());
    } catch (IllegalArgumentException e) {
      r.error(Settings.EXPORT_SELECT, e.getMessage());
      return new FrontSelection.Knee();
    }
  }

  private static SweepConfig.WarmStart readWarmStart(
      ConfigReader r, SweepConfig.SamplerSettings sampler) {
    SweepConfig.WarmStart w =
        new SweepConfig.WarmStart(
            r.get(Settings.WARM_START_FROM).trim(),
            r.get(Settings.WARM_START_STUDY).trim(),
            r.get(Settings.WARM_START_RUN).trim(),
            r.get(Settings.WARM_START_BEST),
            r.get(Settings.WARM_START_WEIGHT),
            r.get(Settings.WARM_START_PRUNED),
            r.get(Settings.WARM_START_ONLY_AT_START),
            r.get(Settings.WARM_START_FULL_BRACKET));
    if (!r.hasError(Settings.WARM_START_WEIGHT) && !(w.weight() > 0)) {
      r.error(
          Settings.WARM_START_WEIGHT,
          "is 0, expected a number in (0, 1]: leave "
              + Settings.WARM_START_FROM.key()
              + " empty to learn nothing from an earlier sweep");
    }
    if (!w.study().isEmpty() && !w.study().matches(StudyReader.STUDY_NAME_FORM)) {
      r.error(
          Settings.WARM_START_STUDY,
          "is '" + w.study() + "', expected a study name: letters, digits, '_', '-' or '.'");
    }
    if (!w.run().isEmpty() && !w.run().matches(RUN_ID_FORM)) {
      r.error(
          Settings.WARM_START_RUN,
          "'" + w.run() + "' is not a run id: up to 64 letters, digits and . _ : -");
    }
    if (!w.enabled()) {
      if (!w.study().isEmpty() || !w.run().isEmpty()) {
        r.error(
            w.study().isEmpty() ? Settings.WARM_START_RUN : Settings.WARM_START_STUDY,
            "is set, but "
                + Settings.WARM_START_FROM.key()
                + " is empty: give the output root to start from, or remove it");
      }
      return w;
    }
    if (!sampler.type().equals("tpe") && w.best() == 0) {
      r.error(
          Settings.WARM_START_FROM,
          "is set, but "
              + Settings.SAMPLER_TYPE.key()
              + " is "
              + sampler.type()
              + ", which learns nothing from earlier trials, and "
              + Settings.WARM_START_BEST.key()
              + " is 0: set best > 0 to train the earlier best configurations first, or use"
              + " the tpe sampler");
    }
    return w;
  }

  private static SweepConfig.Model readModel(ConfigReader r) {
    String family = r.get(Settings.FAMILY);
    String trainer = r.get(Settings.TRAINER).trim();
    Map<String, Object> options = readOptions(r, Settings.MODEL_OPTIONS.key());
    if (trainer.isEmpty()) {
      if (!options.isEmpty()) {
        r.error(
            Settings.MODEL_OPTIONS,
            "sets "
                + options.keySet()
                + ", but only a trainer class ("
                + Settings.TRAINER.key()
                + ") reads options; the built-in networks take their settings from the search"
                + " space and "
                + Settings.TRAINING.key());
      }
      return new SweepConfig.Model(family, "");
    }
    if (!family.equals(Settings.FAMILY.byDefault())) {
      r.error(
          Settings.TRAINER,
          "is '"
              + trainer
              + "', but "
              + Settings.FAMILY.key()
              + " is '"
              + family
              + "': set a model family or a trainer class, not both");
    }
    if (!trainer.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*")) {
      r.error(
          Settings.TRAINER,
          "is '" + trainer + "', expected a fully qualified class name such as com.acme.MyTrainer");
    } else {
      try {
        TrainerClasses.load(trainer);
      } catch (TrainerClassException e) {
        r.error(Settings.TRAINER, e.getMessage());
      }
    }
    return new SweepConfig.Model(family, trainer, options);
  }

  /**
   * The trainer's options: any HOCON block, its keys sorted, nested blocks as maps and lists as
   * lists, so that they travel to executors as plain serializable values.
   */
  private static Map<String, Object> readOptions(ConfigReader r, String key) {
    Config c = r.config();
    if (!c.hasPathOrNull(key) || c.getIsNull(key)) {
      return Map.of();
    }
    ConfigValue v = c.getValue(key);
    if (v.valueType() != ConfigValueType.OBJECT) {
      r.error(
          key,
          "is "
              + v.render(ConfigRenderOptions.concise())
              + ", expected a block such as { mode = fast }");
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> options = (Map<String, Object>) plain(v.unwrapped());
    return options;
  }

  private static Object plain(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      new TreeMap<>(m).forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(plain(x)));
      return out;
    }
    return v;
  }

  private static String hash(Config rung) {
    TreeMap<String, String> sorted = new TreeMap<>();
    for (var e : rung.entrySet()) {
      sorted.put(e.getKey(), e.getValue().render(ConfigRenderOptions.concise()));
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] digest = md.digest(sorted.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * TPE's share of trials drawn at random with {@code sampler.tpe.random-fraction = auto}: with one
   * objective and rungs (asha, hyperband), where TPE proposes about 2.5 times as many trials as
   * without, most judged after an epoch or three, a hedge against settling in the first good region
   * found; with several objectives or without rungs none (docs/defaults.md, "A share of the trials
   * drawn at random").
   */
  public static final double RANDOM_FRACTION_WITH_RUNGS = 0.2;

  /** The random fraction {@code given}, or what {@code auto} (NaN) is for this pruner and study. */
  private static double randomFraction(
      double given, SweepConfig.PrunerSettings pruner, List<Direction> directions) {
    if (!Double.isNaN(given)) {
      return given;
    }
    return PrunerReader.RUNGS.contains(pruner.type()) && directions.size() == 1
        ? RANDOM_FRACTION_WITH_RUNGS
        : 0;
  }

  /**
   * A setting of the tpe or nsga2 sampler changed from its default while another sampler type is
   * chosen would be ignored: an error naming it, as for the pruner's settings.
   */
  private static void checkSamplerSettingsUsed(ConfigReader r, String type) {
    for (String owner : List.of("tpe", "nsga2")) {
      if (owner.equals(type)) {
        continue;
      }
      String prefix = Settings.SAMPLER_TYPE.key().replace(".type", "." + owner + ".");
      for (Setting<?> s : Settings.all()) {
        if (s.key().startsWith(prefix) && r.changed(s) && !r.hasError(s)) {
          r.error(
              s,
              "is "
                  + r.shown(s)
                  + ", a setting of the "
                  + owner
                  + " sampler, but "
                  + Settings.SAMPLER_TYPE.key()
                  + " is "
                  + type
                  + ", which does not use it: remove it, or choose sampler type "
                  + owner);
        }
      }
    }
  }
}
