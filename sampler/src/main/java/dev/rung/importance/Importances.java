package dev.rung.importance;

import dev.rung.study.Study;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameter importances of a study, and the ranking every evaluator returns. */
public final class Importances {
  private Importances() {}

  /**
   * The fANOVA importances (seed 0) of the study's first objective in the study's first direction.
   */
  public static Map<String, Double> of(Study study) {
    return of(study, new FanovaEvaluator(0));
  }

  /** The importances of the study's first objective, in its direction, by {@code evaluator}. */
  public static Map<String, Double> of(Study study, ImportanceEvaluator evaluator) {
    return evaluator.evaluate(study.trials(), t -> t.values().get(0), study.directions().get(0));
  }

  /**
   * Scores turned into shares that sum to 1, ordered by decreasing share (ties in name order).
   * Scores that are all 0 (nothing explained) become equal shares of the parameters that may vary;
   * {@code varies[i] == false} marks a parameter with a single possible value, whose share is 0.
   */
  static Map<String, Double> ranked(List<String> names, double[] scores, boolean[] varies) {
    double sum = 0;
    int varying = 0;
    for (int i = 0; i < scores.length; i++) {
      if (varies[i]) {
        sum += scores[i];
        varying++;
      }
    }
    double[] shares = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      if (varies[i]) {
        shares[i] = sum > 0 ? scores[i] / sum : 1.0 / varying;
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -shares[i]));
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i : order) {
      out.put(names.get(i), shares[i]);
    }
    return out;
  }
}
