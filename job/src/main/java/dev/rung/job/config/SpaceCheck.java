package dev.rung.job.config;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.space.ParamSpec;
import dev.rung.space.SearchSpace;
import dev.rung.training.api.Trainer;
import dev.rung.training.model.BuiltInParams;
import dev.rung.training.model.ParamNames;
import dev.rung.training.trainer.TrainerClasses;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the search space against what trains the trials, so that a mistake shows before any work
 * rather than in the results: every parameter must be one the network (or the trainer class, when
 * it declares its names) reads, else its values would be sampled and recorded but never used; and
 * for a built-in network, every value a parameter can take must be one the network accepts, else
 * trial after trial would fail.
 */
final class SpaceCheck {
  private SpaceCheck() {}

  /** Names other libraries give the built-in networks' parameters, for the hint of an error. */
  private static final Map<String, String> OTHER_NAMES =
      Map.ofEntries(
          Map.entry("learning_rate", ParamNames.LR),
          Map.entry("learningrate", ParamNames.LR),
          Map.entry("l2", ParamNames.WEIGHT_DECAY),
          Map.entry("batch", ParamNames.BATCH_SIZE),
          Map.entry("batchsize", ParamNames.BATCH_SIZE),
          Map.entry("dropout_rate", ParamNames.DROPOUT),
          Map.entry("gamma", ParamNames.LR_GAMMA),
          Map.entry("optimiser", ParamNames.OPTIMIZER));

  /** Checks {@code read} against {@code model}; errors go to {@code r}. */
  static void check(ConfigReader r, SweepConfig.Model model, SpaceReader.Read read) {
    if (model.hasTrainer()) {
      checkTrainer(r, model.trainer(), read);
      return;
    }
    Set<String> families = families(model.family(), read.space());
    Set<String> structure = structure(read.space());
    for (ParamSpec p : read.space().params()) {
      String key = read.key(p.name());
      Optional<BuiltInParams.Param> known = BuiltInParams.find(p.template());
      if (known.isEmpty() || known.get().families().stream().noneMatch(families::contains)) {
        if (!structure.contains(p.name())) {
          r.error(key, notRead(p.template(), families, known));
        }
        continue;
      }
      Optional<String> problem = known.get().problem(p.distribution());
      if (problem.isPresent()) {
        r.error(key, problem.get());
      } else if (known.get().condition() != null) {
        checkCondition(r, key, p, known.get().condition(), read.space());
      }
    }
  }

  /**
   * The parameters other parameters depend on (a count of per-layer copies, a condition): the space
   * uses their values whether or not the model reads them.
   */
  private static Set<String> structure(SearchSpace space) {
    Set<String> out = new TreeSet<>();
    for (ParamSpec p : space.params()) {
      out.addAll(p.when().keySet());
      if (p.per() != null) {
        out.add(p.per());
      }
    }
    return out;
  }

  /**
   * The families a trial can build: those a {@code model} parameter chooses from, else the sweep's.
   */
  private static Set<String> families(String family, SearchSpace space) {
    Set<String> out = new TreeSet<>();
    for (ParamSpec p : space.params()) {
      if (p.name().equals(ParamNames.MODEL)
          && p.distribution() instanceof CategoricalDistribution c) {
        for (Object choice : c.choices()) {
          out.add(String.valueOf(choice).toLowerCase(Locale.ROOT));
        }
      }
    }
    out.retainAll(BuiltInParams.FAMILIES);
    return out.isEmpty() ? Set.of(family) : out;
  }

  private static String notRead(
      String name, Set<String> families, Optional<BuiltInParams.Param> known) {
    String networks =
        String.join(" and ", families) + " network" + (families.size() > 1 ? "s" : "");
    if (known.isPresent()) {
      return "'"
          + name
          + "' is read only by the "
          + String.join(" and ", known.get().families())
          + " network, but this sweep trains the "
          + networks
          + ": set "
          + Settings.FAMILY.key()
          + ", or add a parameter 'model' that chooses the family";
    }
    List<String> names = BuiltInParams.namesReadBy(families);
    String hint = OTHER_NAMES.get(name.toLowerCase(Locale.ROOT).replace('-', '_'));
    if (hint == null || !names.contains(hint)) {
      hint = DidYouMean.closest(name, names);
    }
    return "'"
        + name
        + "' is not a parameter the "
        + networks
        + " read"
        + (families.size() > 1 ? "" : "s")
        + ", so its values would be sampled but never used"
        + (hint != null ? " (did you mean '" + hint + "'?)" : "")
        + "; the names read are "
        + names
        + " (docs/training.md)";
  }

  /**
   * A parameter read only when another one has some values (momentum with sgd, lr_gamma with a
   * schedule): refused when the space never gives the other one such a value, and, for momentum,
   * when a trial could combine it with another optimizer, which the network refuses.
   */
  private static void checkCondition(
      ConfigReader r, String key, ParamSpec p, BuiltInParams.Condition c, SearchSpace space) {
    List<String> possible = possibleValues(p, c, space);
    if (possible == null) {
      return; // the other parameter is not categorical; its own check reports it
    }
    List<String> unread = possible.stream().filter(v -> !c.values().contains(v)).toList();
    String needs = c.param() + " = " + String.join(" or ", c.values());
    if (unread.size() == possible.size()) {
      r.error(
          key,
          "'"
              + p.name()
              + "' is read only with "
              + needs
              + ", which "
              + (space.allNames().containsKey(c.param())
                  ? "no trial where it is active has"
                  : "this space never sets (" + c.param() + " is " + c.byDefault() + ")")
              + ", so its values would be sampled but never used");
    } else if (c.failsOtherwise() && !unread.isEmpty() && !onlyZero(p.distribution())) {
      r.error(
          key,
          "'"
              + p.name()
              + "' is used only with "
              + needs
              + ", and a trial with "
              + c.param()
              + " = "
              + unread.get(0)
              + " and "
              + p.name()
              + " > 0 would fail: add when { "
              + c.param()
              + " = "
              + c.values().get(0)
              + " }");
    }
  }

  /**
   * The values {@code c.param()} can have in a trial where {@code p} is active; null if unknown.
   */
  private static List<String> possibleValues(
      ParamSpec p, BuiltInParams.Condition c, SearchSpace space) {
    List<?> values = p.when().get(c.param());
    if (values == null) {
      Distribution other = space.allNames().get(c.param());
      if (other == null) {
        values = List.of(c.byDefault());
      } else if (other instanceof CategoricalDistribution cat) {
        values = cat.choices();
      } else {
        return null;
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object v : values) {
      out.add(String.valueOf(v).trim().toLowerCase(Locale.ROOT));
    }
    return new ArrayList<>(out);
  }

  /** Whether every value of {@code d} is 0, a parameter's default. */
  private static boolean onlyZero(Distribution d) {
    if (d instanceof FloatDistribution f) {
      return f.low() == 0 && f.high() == 0;
    }
    if (d instanceof IntDistribution i) {
      return i.low() == 0 && i.high() == 0;
    }
    return ((CategoricalDistribution) d)
        .choices().stream().allMatch(v -> v instanceof Number n && n.doubleValue() == 0);
  }

  /** A trainer that declares its names accepts only those; one that does not accepts any. */
  private static void checkTrainer(ConfigReader r, String className, SpaceReader.Read read) {
    Set<String> declared;
    try (Trainer t = TrainerClasses.instantiate(TrainerClasses.load(className))) {
      declared = t.paramNames();
    } catch (RuntimeException | LinkageError e) {
      r.error(
          Settings.TRAINER,
          "class '" + className + "' could not tell the parameters it reads: " + e.getMessage());
      return;
    }
    if (declared == null || declared.isEmpty()) {
      return;
    }
    List<String> names = List.copyOf(new TreeSet<>(declared));
    Set<String> structure = structure(read.space());
    for (ParamSpec p : read.space().params()) {
      String name = p.template();
      if (!structure.contains(p.name())
          && names.stream().noneMatch(d -> ParamNames.covers(d, name))) {
        String hint = DidYouMean.closest(name, names);
        r.error(
            read.key(p.name()),
            "'"
                + name
                + "' is not a parameter "
                + className
                + " reads, so its values would be sampled but never used"
                + (hint != null ? " (did you mean '" + hint + "'?)" : "")
                + "; the names it reads are "
                + names);
      }
    }
  }
}
