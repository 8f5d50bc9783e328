package dev.rung.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.results.StoredStudy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * That a study ran to the end of its budget and its summary was written: {@code
 * <output>/_finished.json}, with the number of trials and the budget it ran to. A later run with
 * the same or a smaller budget has nothing to do.
 *
 * <p>The file is only a shortcut: when it is missing, damaged or does not match the tables, the
 * sweep runs as usual (and, with nothing left to train, only repeats the summary).
 *
 * @param trials trials in the study when it finished
 * @param budgetTrials the trials budget it ran to (0 = none)
 * @param budgetEpochs the epochs budget (0 = none)
 * @param budgetMillis the time budget in milliseconds (0 = none)
 */
record FinishedMark(int trials, int budgetTrials, long budgetEpochs, long budgetMillis) {

  static final String FILE = StoredStudy.FINISHED_FILE;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The mark for a study of {@code trials} trials that ran to the end of {@code c}'s budget. */
  static FinishedMark of(SweepConfig c, int trials) {
    return new FinishedMark(
        trials,
        c.budget().trials(),
        c.budget().epochs(),
        c.budget().time() == null ? 0 : c.budget().time().toMillis());
  }

  /** Whether {@code c}'s budget allows no more than the one this study finished with. */
  boolean covers(SweepConfig c) {
    FinishedMark now = of(c, trials);
    return notAbove(now.budgetTrials, budgetTrials)
        && notAbove(now.budgetEpochs, budgetEpochs)
        && notAbove(now.budgetMillis, budgetMillis);
  }

  /** Whether limit {@code now} is no larger than {@code before}; 0 is no limit. */
  private static boolean notAbove(long now, long before) {
    if (before == 0) {
      return true;
    }
    return now != 0 && now <= before;
  }

  /** The mark under {@code output}, or empty when there is none or it cannot be read. */
  static Optional<FinishedMark> read(FileSystem fs, Path output) {
    try (InputStream in = fs.open(new Path(output, FILE))) {
      JsonNode n = JSON.readTree(in.readAllBytes());
      return Optional.of(
          new FinishedMark(
              n.get("trials").intValue(),
              n.get("budget_trials").intValue(),
              n.get("budget_epochs").longValue(),
              n.get("budget_millis").longValue()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // missing (FileNotFoundException) or not ours: run as usual
    }
  }

  /** Writes the mark (temporary name, then renamed). */
  void write(FileSystem fs, Path output) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("trials", trials);
    n.put("budget_trials", budgetTrials);
    n.put("budget_epochs", budgetEpochs);
    n.put("budget_millis", budgetMillis);
    Path tmp = new Path(output, "." + FILE + ".tmp");
    try (FSDataOutputStream s = fs.create(tmp, true)) {
      s.write(JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8));
    }
    Path target = new Path(output, FILE);
    fs.delete(target, false);
    fs.rename(tmp, target);
  }

  /** Removes the mark: the study is running again. */
  static void clear(FileSystem fs, Path output) throws IOException {
    fs.delete(new Path(output, FILE), false);
  }
}
