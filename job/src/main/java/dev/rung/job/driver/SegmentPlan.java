package dev.rung.job.driver;

import java.util.Locale;

/** Names and paths of segments and checkpoints, in one place. */
final class SegmentPlan {
  private final String output;
  private final String study;

  SegmentPlan(String output, String study) {
    this.output = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
    this.study = study;
  }

  /** A segment id: stable across Spark task retries, new for each driver-level retry. */
  static String segmentId(int trial, int from, int to, int retry) {
    return String.format(
        Locale.ROOT, "t%05d-e%d-%d%s", trial, from, to, retry == 0 ? "" : "-r" + retry);
  }

  /** Where trial {@code trial}'s state after {@code epochs} epochs is saved. */
  String checkpoint(int trial, int epochs) {
    return String.format(
        Locale.ROOT, "%s/checkpoints/%s/trial-%05d/epoch-%04d", output, study, trial, epochs);
  }
}
