package dev.rung.job.report;

import java.util.Map;

/** The parameter importances a report shows. */
public final class Importances {
  private Importances() {}

  /** What reports use. */
  public static final ReportModel.Importance FOR_REPORT = study -> Map.of();
}
