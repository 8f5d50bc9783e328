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
import dev.rung.training.model.NetworkFamilies;
import dev.rung.training.model.NetworkTrainer;
import dev.rung.training.trainer.TrainerClassException;
import dev.rung.training.trainer.TrainerClasses;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
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
 * over the defaults in {@code rung-reference.conf}. Validates everything before any work starts and
 * reports all errors at once, each naming the key, where it was set, the bad value and what is
 * allowed.
 */
public final class SweepConfigLoader {
  /** The metrics a trial of the built-in networks can be optimized on ({@link NetworkTrainer}). */
  public static final List<String> METRICS = NetworkTrainer.METRICS;

  private static final String ROOT = "rung";

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
            new ConfigReader(withRoot.resolve(), ConfigFactory.empty(), errors), ROOT + ".space");
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
    Config reference =
        ConfigFactory.parseResources(SweepConfigLoader.class, "/rung-reference.conf");
    Config merged;
    try {
      Config layered = over.withFallback(withRoot);
      checkUnknownKeys(layered, reference, errors);
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

  private static void checkUnknownKeys(Config user, Config reference, List<ConfigError> errors) {
    Set<String> known = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
      known.add(e.getKey());
    }
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(ROOT + ".space.")
          || key.equals(ROOT + ".model.options")
          || key.startsWith(ROOT + ".model.options.")
          || known.contains(key)) {
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
                      : "; see job/src/main/resources/rung-reference.conf for the settings there are")));
    }
  }

  private static SweepConfig read(ConfigReader r, boolean checkModel) {
    String p = ROOT + ".";
    SweepConfig.Model model = readModel(r, p + "model.");
    StudyReader.Study study = StudyReader.read(r, p + "study.", model.hasTrainer());
    String output = r.string(p + "output");
    if (output.isBlank()) {
      r.error(p + "output", "is empty: give a directory (local path or hdfs://, s3a:// URI)");
    }
    SpaceReader.Read space = SpaceReader.read(r, p + "space");
    if (checkModel && !r.hasErrorUnder(p + "model.")) {
      SpaceCheck.check(r, model, space);
    }
    SweepConfig.Data data = DataReader.read(r, p + "data.", model.hasTrainer());
    SweepConfig.SamplerSettings sampler =
        new SweepConfig.SamplerSettings(
            r.oneOf(p + "sampler.type", "tpe", "random", "grid", "nsga2"),
            r.longValue(p + "sampler.seed"),
            r.integer(p + "sampler.tpe.startup-trials", 0, Integer.MAX_VALUE),
            r.integer(p + "sampler.tpe.candidates", 1, 100_000),
            r.bool(p + "sampler.tpe.multivariate"),
            r.bool(p + "sampler.tpe.group"),
            r.bool(p + "sampler.tpe.constant-liar"),
            r.number(p + "sampler.tpe.liar-weight", 0, 1),
            r.bool(p + "sampler.tpe.share-candidates"),
            r.bool(p + "sampler.tpe.multivariate-in-flight"),
            r.number(p + "sampler.tpe.prior-weight", 0, 1e9),
            r.integer(p + "sampler.nsga2.population", 2, 1_000_000),
            r.number(p + "sampler.nsga2.crossover-prob", 0, 1),
            r.number(p + "sampler.nsga2.swapping-prob", 0, 1));
    if (sampler.type().equals("nsga2") && study.directions().size() < 2) {
      r.error(
          p + "sampler.type",
          "is nsga2, which needs several directions; this study has " + study.directions().size());
    }
    int epochs = r.integer(p + "training.epochs", 1, 100_000);
    SweepConfig.PrunerSettings pruner =
        PrunerReader.read(r, p + "pruner.", epochs, study.directions());
    int threads = r.integer(p + "training.threads", 1, 1024);
    boolean oneDnn = r.bool(p + "training.onednn");
    if (model.hasTrainer() && !oneDnn && !r.hasErrorUnder(p + "training.onednn")) {
      r.error(
          p + "training.onednn",
          "is false, but it applies to the built-in networks only and "
              + p
              + "model.trainer names a class: leave it at its default and set the system property"
              + " org.eclipse.deeplearning4j.helpers.disable in your trainer if it builds DL4J"
              + " networks");
    }
    SweepConfig.Budget budget =
        new SweepConfig.Budget(
            r.integer(p + "budget.trials", 0, Integer.MAX_VALUE),
            r.duration(p + "budget.time"),
            r.longValue(p + "budget.epochs"));
    boolean budgetUnreadable = r.hasErrorUnder(p + "budget.");
    if (!budgetUnreadable
        && budget.trials() == 0
        && budget.time() == null
        && budget.epochs() <= 0) {
      r.error(
          p + "budget",
          "sets no limit: give budget.trials, budget.time or budget.epochs,"
              + " or the sweep would never end");
    }
    if (budget.epochs() < 0) {
      r.error(p + "budget.epochs", "is " + budget.epochs() + ", expected >= 0 (0 = no limit)");
    }
    SweepConfig.Execution execution =
        new SweepConfig.Execution(
            r.integer(p + "execution.parallelism", 0, 1_000_000),
            r.integer(p + "execution.retries", 0, 100),
            r.duration(p + "execution.segment-timeout"),
            r.string(p + "execution.master"),
            lockTimeout(r, p + "execution.lock-timeout"),
            r.oneOf(p + "execution.isolation", "process", "thread"));
    if (execution.master().isBlank() && !r.hasErrorUnder(p + "execution.master")) {
      r.error(
          p + "execution.master",
          "is empty: give a Spark master such as local[*] or spark://host:7077");
    }
    FrontSelection export = readExport(r, p + "export.", study);
    SweepConfig.WarmStart warmStart = readWarmStart(r, p + "warm-start.", output, sampler);
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
  private static FrontSelection readExport(ConfigReader r, String p, StudyReader.Study study) {
    String select = r.string(p + "select");
    List<Double> weights = r.doubles(p + "weights");
    if (study.metrics().size() < 2) {
      if (r.changed(p + "select") || r.changed(p + "weights")) {
        r.error(
            r.changed(p + "select") ? p + "select" : p + "weights",
            "is "
                + r.shown(r.changed(p + "select") ? p + "select" : p + "weights")
                + ", but a single-objective study exports its best trial: the rule applies to"
                + " several objectives");
      }
      return new FrontSelection.Knee();
    }
    try {
      return FrontSelection.parse(select, weights, study.metrics());
    } catch (IllegalArgumentException e) {
      r.error(p + "select", e.getMessage());
      return new FrontSelection.Knee();
    }
  }

  private static SweepConfig.WarmStart readWarmStart(
      ConfigReader r, String p, String output, SweepConfig.SamplerSettings sampler) {
    SweepConfig.WarmStart w =
        new SweepConfig.WarmStart(
            r.string(p + "from").trim(),
            r.integer(p + "best", 0, 10_000),
            r.number(p + "weight", 0, 1),
            r.bool(p + "pruned"),
            r.bool(p + "only-at-start"),
            r.bool(p + "full-bracket"));
    if (!r.hasErrorUnder(p + "weight") && !(w.weight() > 0)) {
      r.error(
          p + "weight",
          "is 0, expected a number in (0, 1]: leave rung.warm-start.from empty to learn nothing"
              + " from an earlier sweep");
    }
    if (!w.enabled()) {
      return w;
    }
    if (w.from().equals(output.trim())) {
      r.error(
          p + "from",
          "is '"
              + w.from()
              + "', this sweep's own output (rung.output): give the output of an earlier sweep;"
              + " to continue this one, run it again without rung.warm-start");
    }
    if (!sampler.type().equals("tpe") && w.best() == 0) {
      r.error(
          p + "from",
          "is set, but rung.sampler.type is "
              + sampler.type()
              + ", which learns nothing from earlier trials, and "
              + p
              + "best is 0: set best > 0 to train the earlier best configurations first, or use"
              + " the tpe sampler");
    }
    return w;
  }

  private static SweepConfig.Model readModel(ConfigReader r, String p) {
    String family = r.oneOf(p + "family", NetworkFamilies.names().toArray(String[]::new));
    String trainer = r.string(p + "trainer").trim();
    Map<String, Object> options = readOptions(r, p + "options");
    if (trainer.isEmpty()) {
      if (!options.isEmpty()) {
        r.error(
            p + "options",
            "sets "
                + options.keySet()
                + ", but only a trainer class (rung.model.trainer) reads options; the built-in"
                + " networks take their settings from the search space and rung.training");
      }
      return new SweepConfig.Model(family, "");
    }
    if (!family.equals(NetworkFamilies.names().get(0))) {
      r.error(
          p + "trainer",
          "is '"
              + trainer
              + "', but "
              + p
              + "family is '"
              + family
              + "': set a model family or a trainer class, not both");
    }
    if (!trainer.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*")) {
      r.error(
          p + "trainer",
          "is '" + trainer + "', expected a fully qualified class name such as com.acme.MyTrainer");
    } else {
      try {
        TrainerClasses.load(trainer);
      } catch (TrainerClassException e) {
        r.error(p + "trainer", e.getMessage());
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

  /** The output lock's timeout: at least 2 s (heartbeats come at a quarter of it, up to 5 s). */
  private static Duration lockTimeout(ConfigReader r, String key) {
    Duration d = r.duration(key);
    if (d == null) {
      if (r.config().hasPath(key)) {
        r.error(key, "is 0: the output lock needs a timeout, e.g. 2m (at least 2s)");
      }
      return Duration.ofMinutes(2);
    }
    if (d.compareTo(Duration.ofSeconds(2)) < 0) {
      r.error(key, "is " + d.toMillis() + " ms, expected at least 2s (e.g. 2m)");
    }
    return d;
  }
}
