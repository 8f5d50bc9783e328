package dev.rung.job.report;

import dev.rung.importance.FanovaEvaluator;
import dev.rung.importance.ImportanceEvaluator;
import dev.rung.importance.PedAnovaEvaluator;
import dev.rung.job.results.StoredStudy;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter importances a report shows: fANOVA (seed 0, Optuna's default evaluator) and
 * PED-ANOVA, on the first objective of the completed trials.
 */
public final class ReportImportances {
  private ReportImportances() {}

  /** What reports use. */
  public static final ReportModel.Importance FOR_REPORT = ReportImportances::of;

  static Map<String, ReportModel.Ranking> of(StoredStudy study) {
    List<FrozenTrial> trials = study.frozenTrials();
    Direction direction = study.directions().get(0);
    Map<String, ReportModel.Ranking> out = new LinkedHashMap<>();
    put(out, "fANOVA", new FanovaEvaluator(0), trials, direction);
    put(out, "PED-ANOVA", new PedAnovaEvaluator(), trials, direction);
    return out;
  }

  private static void put(
      Map<String, ReportModel.Ranking> out,
      String name,
      ImportanceEvaluator evaluator,
      List<FrozenTrial> trials,
      Direction direction) {
    try {
      out.put(
          name,
          ReportModel.Ranking.of(evaluator.evaluate(trials, t -> t.values().get(0), direction)));
    } catch (IllegalArgumentException e) {
      // Too few usable trials for this evaluator, for example: the report says why.
      out.put(name, ReportModel.Ranking.unavailable(e.getMessage()));
    }
  }
}
