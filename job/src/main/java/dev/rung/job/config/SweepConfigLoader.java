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
import dev.rung.study.Direction;
import dev.rung.training.trainer.TrainerClassException;
import dev.rung.training.trainer.TrainerClasses;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
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
  /** The metrics a trial can be optimized on. */
  public static final List<String> METRICS =
      List.of(
          "val_accuracy", "val_macro_f1", "val_loss", "train_loss", "latency_ms", "param_count");

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
    return load(user, overrides);
  }

  /** Loads and validates an already parsed sweep definition with overrides. */
  public static SweepConfig load(Config user, List<String> overrides) {
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
        read(new ConfigReader(merged.getConfig(ROOT).atKey(ROOT), reference.resolve(), errors));
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
      if (key.startsWith(ROOT + ".space.") || known.contains(key)) {
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

  private static SweepConfig read(ConfigReader r) {
    String p = ROOT + ".";
    String name = r.string(p + "study.name");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      r.error(
          p + "study.name",
          "is '" + name + "', expected letters, digits, '_', '-' or '.'" + " (it names folders)");
    }
    List<Direction> directions = new ArrayList<>();
    for (String d : r.strings(p + "study.directions")) {
      try {
        directions.add(Direction.parse(d));
      } catch (IllegalArgumentException e) {
        r.error(p + "study.directions", e.getMessage());
      }
    }
    SweepConfig.Model model = readModel(r, p + "model.");
    List<String> metrics = r.strings(p + "study.metrics");
    for (String m : metrics) {
      if (model.hasTrainer()) {
        // A trainer reports metrics of its own choosing.
        if (!m.matches("[A-Za-z][A-Za-z0-9_]*")) {
          r.error(
              p + "study.metrics",
              "metric '" + m + "' is not a valid name: use letters, digits and '_'");
        }
      } else if (!METRICS.contains(m)) {
        String hint = DidYouMean.closest(m, METRICS);
        r.error(
            p + "study.metrics",
            "metric '"
                + m
                + "' is not one of "
                + METRICS
                + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
      }
    }
    if (directions.size() != metrics.size() && !directions.isEmpty()) {
      r.error(
          p + "study.directions",
          "has "
              + directions.size()
              + " direction(s) but "
              + p
              + "study.metrics has "
              + metrics.size()
              + ": give one direction per metric");
    }
    String output = r.string(p + "output");
    if (output.isBlank()) {
      r.error(p + "output", "is empty: give a directory (local path or hdfs://, s3a:// URI)");
    }
    var space = SpaceReader.read(r, p + "space");
    SweepConfig.Data data = readData(r, p + "data.", model.hasTrainer());
    SweepConfig.SamplerSettings sampler =
        new SweepConfig.SamplerSettings(
            r.oneOf(p + "sampler.type", "tpe", "random", "grid", "nsga2"),
            r.longValue(p + "sampler.seed"),
            r.integer(p + "sampler.tpe.startup-trials", 0, Integer.MAX_VALUE),
            r.integer(p + "sampler.tpe.candidates", 1, 100_000),
            r.bool(p + "sampler.tpe.multivariate"),
            r.bool(p + "sampler.tpe.group"),
            r.bool(p + "sampler.tpe.constant-liar"),
            r.number(p + "sampler.tpe.prior-weight", 0, 1e9),
            r.integer(p + "sampler.nsga2.population", 2, 1_000_000),
            r.number(p + "sampler.nsga2.crossover-prob", 0, 1),
            r.number(p + "sampler.nsga2.swapping-prob", 0, 1));
    if (sampler.type().equals("nsga2") && directions.size() < 2) {
      r.error(
          p + "sampler.type",
          "is nsga2, which needs several directions; this study has " + directions.size());
    }
    int epochs = r.integer(p + "training.epochs", 1, 100_000);
    SweepConfig.PrunerSettings pruner = PrunerReader.read(r, p + "pruner.", epochs, directions);
    int threads = r.integer(p + "training.threads", 1, 1024);
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
    Config rung = r.config().getConfig(ROOT);
    return new SweepConfig(
        name,
        directions,
        metrics,
        output,
        model,
        space,
        data,
        sampler,
        pruner,
        epochs,
        threads,
        budget,
        execution,
        hash(rung),
        rung.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false)));
  }

  private static SweepConfig.Model readModel(ConfigReader r, String p) {
    String family = r.oneOf(p + "family", "mlp", "cnn");
    String trainer = r.string(p + "trainer").trim();
    if (trainer.isEmpty()) {
      return new SweepConfig.Model(family, "");
    }
    if (!family.equals("mlp")) {
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
    return new SweepConfig.Model(family, trainer);
  }

  private static SweepConfig.Data readData(ConfigReader r, String p, boolean trainer) {
    String format = r.oneOf(p + "format", "idx", "csv", "parquet", "none");
    if (format.equals("none")) {
      if (!trainer) {
        r.error(
            p + "format",
            "is none (no data), which only a trainer class that reads its own data can use:"
                + " set rung.model.trainer, or use idx, csv or parquet");
      }
      return new SweepConfig.Data(
          format, "", "", "", "", "", "", "", "", "", "", 0.1, "none", 0, List.of());
    }
    String dataset = r.string(p + "dataset");
    List<String> named = List.of("mnist", "fashion-mnist", "digits");
    if (!dataset.isEmpty() && !named.contains(dataset)) {
      String hint = DidYouMean.closest(dataset, named);
      r.error(
          p + "dataset",
          "is '"
              + dataset
              + "', expected one of "
              + named
              + " or \"\" for your own files"
              + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
    }
    SweepConfig.Data d =
        new SweepConfig.Data(
            format,
            dataset,
            r.string(p + "dir"),
            r.string(p + "train-images"),
            r.string(p + "train-labels"),
            r.string(p + "test-images"),
            r.string(p + "test-labels"),
            r.string(p + "train"),
            r.string(p + "test"),
            r.string(p + "label-column"),
            r.string(p + "features-column"),
            r.number(p + "validation-fraction", 0.0, 0.9),
            r.oneOf(p + "normalize", "none", "scale", "standardize"),
            r.number(p + "test-fraction", 0.0, 0.9),
            r.integers(p + "image-shape"));
    if (!d.imageShape().isEmpty() && d.imageShape().size() != 3) {
      r.error(
          p + "image-shape",
          "is "
              + d.imageShape()
              + ", expected [channels, height, width]"
              + " or [] for flat vectors");
    }
    if (d.validationFraction() <= 0 && !r.hasErrorUnder(p + "validation-fraction")) {
      r.error(
          p + "validation-fraction",
          "is "
              + d.validationFraction()
              + ", expected a share in (0, 0.9]: tuning needs a validation split");
    }
    if (dataset.isEmpty() && !r.hasErrorUnder(p + "format")) {
      if (format.equals("idx")) {
        requirePath(r, p + "train-images", d.trainImages(), "train-images and train-labels");
        requirePath(r, p + "train-labels", d.trainLabels(), "train-images and train-labels");
        if (!d.testImages().isBlank()) {
          requirePath(r, p + "test-labels", d.testLabels(), "test-labels with test-images");
        }
        if (!d.testLabels().isBlank()) {
          requirePath(r, p + "test-images", d.testImages(), "test-images with test-labels");
        }
      } else {
        requirePath(r, p + "train", d.train(), "the train (and optionally test) file");
      }
    }
    return d;
  }

  private static void requirePath(ConfigReader r, String key, String value, String needed) {
    if (value.isBlank()) {
      r.error(
          key,
          "is empty: with data.dataset = \"\" give "
              + needed
              + " (paths or URIs; without test files, test-fraction of the data is held out)");
    }
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
