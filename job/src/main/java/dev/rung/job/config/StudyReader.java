package dev.rung.job.config;

import dev.rung.study.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads {@code rung.study}: the study's name, its directions, the metrics they optimize and the
 * constraints on reported metrics.
 */
final class StudyReader {
  private StudyReader() {}

  /**
   * The longest study name. The name is a folder of the output ({@code checkpoints/<study>/...})
   * and the Spark application's name; 100 characters keeps it well under the 255-byte limit of a
   * path component on common file systems and on HDFS, and readable in logs.
   */
  static final int MAX_STUDY_NAME = 100;

  /** What a study name may hold (it names folders). */
  static final String STUDY_NAME_FORM = "[A-Za-z0-9][A-Za-z0-9_.-]*";

  /** What {@code rung.study} says. */
  record Study(
      String name,
      List<Direction> directions,
      List<String> metrics,
      List<Constraint> constraints) {}

  /**
   * The study section; with a {@code trainer} class, the metrics are whatever names it reports.
   * Errors go to {@code r}.
   */
  static Study read(ConfigReader r, boolean trainer) {
    String name = r.get(Settings.STUDY_NAME);
    if (name.length() > MAX_STUDY_NAME) {
      r.error(
          Settings.STUDY_NAME,
          "is '"
              + name.substring(0, 40)
              + "...', "
              + name.length()
              + " characters long: at most "
              + MAX_STUDY_NAME
              + " are allowed (it names folders)");
    } else if (!name.matches(STUDY_NAME_FORM)) {
      r.error(
          Settings.STUDY_NAME,
          "is '" + name + "', expected letters, digits, '_', '-' or '.'" + " (it names folders)");
    }
    List<Direction> directions = new ArrayList<>();
    for (String d : r.get(Settings.DIRECTIONS)) {
      try {
        directions.add(Direction.parse(d));
      } catch (IllegalArgumentException e) {
        r.error(Settings.DIRECTIONS, e.getMessage());
      }
    }
    List<String> metrics = r.get(Settings.METRICS);
    for (String m : metrics) {
      if (trainer) {
        // A trainer reports metrics of its own choosing.
        if (!m.matches("[A-Za-z][A-Za-z0-9_]*")) {
          r.error(
              Settings.METRICS,
              "metric '" + m + "' is not a valid name: use letters, digits and '_'");
        }
      } else if (!SweepConfigLoader.METRICS.contains(m)) {
        String hint = DidYouMean.closest(m, SweepConfigLoader.METRICS);
        r.error(
            Settings.METRICS,
            "metric '"
                + m
                + "' is not one of "
                + SweepConfigLoader.METRICS
                + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
      }
    }
    if (new TreeSet<>(metrics).size() < metrics.size()) {
      r.error(
          Settings.METRICS,
          "is " + r.shown(Settings.METRICS) + ", which names a metric twice: give each once");
    }
    if (directions.size() != metrics.size() && !directions.isEmpty()) {
      r.error(
          Settings.DIRECTIONS,
          "has "
              + directions.size()
              + " direction(s) but "
              + Settings.METRICS.key()
              + " has "
              + metrics.size()
              + ": give one direction per metric");
    }
    List<Constraint> constraints = new ArrayList<>();
    List<String> texts = r.get(Settings.CONSTRAINTS);
    for (int i = 0; i < texts.size(); i++) {
      Setting<?> key = Settings.CONSTRAINTS;
      try {
        Constraint c = Constraint.parse(texts.get(i));
        if (!trainer && !SweepConfigLoader.METRICS.contains(c.metric())) {
          String hint = DidYouMean.closest(c.metric(), SweepConfigLoader.METRICS);
          r.error(
              key,
              "constraint "
                  + i
                  + " names metric '"
                  + c.metric()
                  + "', which the built-in networks do not report; allowed: "
                  + SweepConfigLoader.METRICS
                  + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
        } else if (constraints.stream().anyMatch(o -> o.equals(c))) {
          r.error(key, "constraint " + i + " ('" + texts.get(i) + "') is given twice");
        } else {
          constraints.add(c);
        }
      } catch (IllegalArgumentException e) {
        r.error(key, "constraint " + i + ": " + e.getMessage());
      }
    }
    return new Study(name, directions, metrics, constraints);
  }
}
