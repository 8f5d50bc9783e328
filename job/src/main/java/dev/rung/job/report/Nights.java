package dev.rung.job.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.OutputLayout;
import dev.rung.job.tables.RunRow;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.Direction;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The runs of one study under its output root (the nights of a nightly sweep), side by side in the
 * report of each: their counts, best values and best-so-far curves by epochs spent.
 *
 * <p>The other runs are read and summed up once, when this is made; the report's own run is summed
 * up again at every {@link #model}, from the study the report is made of. A live report thus reads
 * the other runs once, not at every rewrite.
 */
public final class Nights {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The most runs a report compares: the latest ones. */
  static final int MOST = 30;

  /** One entry per run, in the order they started; null at the report's own run. */
  private final List<ObjectNode> others;

  private Nights(List<ObjectNode> others) {
    this.others = others;
  }

  /** No other runs: the report has no section for them. */
  public static Nights none() {
    return new Nights(List.of());
  }

  /**
   * The runs of {@code study}'s study under the root its run lies in, in the order they started,
   * the latest {@value #MOST} (with the study's own run among them). None when the study's output
   * is not a run under a root (an output of the earlier layout) or the root cannot be listed. A run
   * that cannot be read is left out.
   */
  public static Nights of(FileSystem fs, StoredStudy study) {
    OutputLayout.Run own = OutputLayout.run(study.output());
    if (own == null) {
      return none();
    }
    List<OutputLayout.Run> all;
    try {
      all = OutputLayout.runs(fs, OutputLayout.root(study.output()));
    } catch (IOException e) {
      // The report of this run does not depend on the others.
      return none();
    }
    List<ObjectNode> entries = new ArrayList<>();
    boolean ownListed = false;
    for (OutputLayout.Run r : all) {
      if (!r.study().equals(own.study())) {
        continue;
      }
      if (r.run().equals(own.run())) {
        entries.add(null);
        ownListed = true;
        continue;
      }
      try {
        entries.add(entry(StoredStudy.read(fs, r.directory()), false));
      } catch (StoredStudy.UnreadableException | IOException e) {
        // A damaged, half-written or changing run has nothing to compare now.
      }
    }
    if (!ownListed) {
      entries.add(null);
    }
    int ownAt = entries.indexOf(null);
    int from = Math.max(0, entries.size() - MOST);
    List<ObjectNode> shown = new ArrayList<>();
    if (ownAt < from) {
      // The report of an older run: its own run first (it started before the others shown).
      shown.add(null);
      from++;
    }
    shown.addAll(entries.subList(from, entries.size()));
    return new Nights(shown);
  }

  /** Whether there is more than the report's own run to show. */
  boolean worthShowing() {
    return others.size() > 1;
  }

  /**
   * One entry per run: {@code run}, {@code current}, {@code trials}, {@code complete}, {@code
   * epochs}, {@code best} (the first objective's best COMPLETE value, or null), {@code attempts}
   * and {@code outcome} (of its last execution, from the runs table; null before one ended), and
   * {@code curve}: [epochs spent, best so far] each time a trial completed. {@code current} is the
   * report's own run, as it is now.
   */
  ArrayNode model(StoredStudy current) {
    ArrayNode out = JSON.createArrayNode();
    for (ObjectNode n : others) {
      out.add(n == null ? entry(current, true) : n);
    }
    return out;
  }

  private static ObjectNode entry(StoredStudy s, boolean current) {
    OutputLayout.Run id = OutputLayout.run(s.output());
    ObjectNode n = JSON.createObjectNode();
    n.put("run", id == null ? s.output().getName() : id.run());
    n.put("current", current);
    int complete = 0;
    long epochs = 0;
    Map<Integer, Double> values = new HashMap<>();
    for (TrialRow t : s.trials()) {
      if (t.state() == TrialState.COMPLETE) {
        complete++;
        if (!t.values().isEmpty()) {
          values.put(t.number(), t.values().get(0));
        }
      }
      epochs += t.epochsTrained();
    }
    n.put("trials", s.trials().size());
    n.put("complete", complete);
    n.put("epochs", epochs);
    List<RunRow> executions = executions(s.output());
    n.put("attempts", executions.size());
    if (executions.isEmpty()) {
      n.putNull("outcome");
    } else {
      n.put("outcome", executions.get(executions.size() - 1).outcome().text());
    }
    ArrayNode curve = n.putArray("curve");
    Double best = null;
    Direction d = s.directions().get(0);
    for (long[] point : ReportModel.completedByEpochs(s)) {
      double v = values.get((int) point[1]);
      if (best == null || d.better(v, best)) {
        best = v;
      }
      curve.addArray().add(point[0]).add(best);
    }
    if (best == null) {
      n.putNull("best");
    } else {
      n.put("best", best);
    }
    return n;
  }

  private static List<RunRow> executions(Path run) {
    try {
      return Tables.readRuns(run.getFileSystem(new org.apache.hadoop.conf.Configuration()), run);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
