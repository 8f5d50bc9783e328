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
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The runs of one study under its output root (the nights of a nightly sweep), side by side in the
 * report of each: their counts, best values and best-so-far curves by epochs spent.
 */
public final class Nights {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The most runs a report compares: the latest ones. */
  static final int MOST = 30;

  private final List<StoredStudy> runs;

  private Nights(List<StoredStudy> runs) {
    this.runs = List.copyOf(runs);
  }

  /** No other runs: the report has no section for them. */
  public static Nights none() {
    return new Nights(List.of());
  }

  /**
   * The runs of {@code study}'s study under the root its run lies in, in the order they started,
   * the latest {@value #MOST}; {@code study} itself stands for its own run. None when the study's
   * output is not a run under a root (an output of the earlier layout) or the root cannot be
   * listed. A run that cannot be read is left out.
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
    List<StoredStudy> runs = new ArrayList<>();
    for (OutputLayout.Run r : all) {
      if (!r.study().equals(own.study())) {
        continue;
      }
      if (r.run().equals(own.run())) {
        runs.add(study);
        continue;
      }
      try {
        runs.add(StoredStudy.read(fs, r.directory()));
      } catch (StoredStudy.UnreadableException | IOException e) {
        // A damaged, half-written or changing run has nothing to compare now.
      }
    }
    if (!runs.contains(study)) {
      runs.add(study);
    }
    return new Nights(runs.subList(Math.max(0, runs.size() - MOST), runs.size()));
  }

  /**
   * The same runs with {@code current} in place of its own run's earlier reading: a live report
   * reads the other runs once and its own at every rewrite.
   */
  public Nights with(StoredStudy current) {
    List<StoredStudy> out = new ArrayList<>();
    for (StoredStudy s : runs) {
      out.add(s.output().equals(current.output()) ? current : s);
    }
    return new Nights(out);
  }

  /** Whether there is more than the report's own run to show. */
  boolean worthShowing() {
    return runs.size() > 1;
  }

  /**
   * One entry per run: {@code run}, {@code current}, {@code trials}, {@code complete}, {@code
   * epochs}, {@code best} (the first objective's best COMPLETE value, or null), {@code attempts}
   * and {@code outcome} (of its last execution, from the runs table; null before one ended), and
   * {@code curve}: [epochs spent, best so far] each time a trial completed.
   */
  ArrayNode model(StoredStudy current) {
    ArrayNode out = JSON.createArrayNode();
    for (StoredStudy s : runs) {
      OutputLayout.Run id = OutputLayout.run(s.output());
      ObjectNode n = out.addObject();
      n.put("run", id == null ? s.output().getName() : id.run());
      n.put("current", s == current);
      int complete = 0;
      long epochs = 0;
      for (TrialRow t : s.trials()) {
        complete += t.state() == TrialState.COMPLETE ? 1 : 0;
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
        TrialRow t = s.trials().stream().filter(r -> r.number() == point[1]).findFirst().get();
        double v = t.values().get(0);
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
    }
    return out;
  }

  private static List<RunRow> executions(Path run) {
    try {
      return Tables.readRuns(run.getFileSystem(new Configuration()), run);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
