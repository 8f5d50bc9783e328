package dev.rung.job.driver;

import dev.rung.distributions.Distribution;
import dev.rung.job.config.Settings;
import dev.rung.job.config.SweepConfig;
import dev.rung.job.tables.DamagedFileException;
import dev.rung.job.tables.IntermediateValueRow;
import dev.rung.job.tables.InvalidOutputException;
import dev.rung.job.tables.ParamSchema;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.job.tables.SegmentRow;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.job.tables.TableSchemas;
import dev.rung.job.tables.Tables;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.FrozenTrial;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads what an output holds before a sweep starts or continues there, and refuses it unless it is
 * this sweep's study, undamaged and consistent: one output holds one study.
 *
 * <p>Checked, before anything is written: the study's recorded identity ({@link StudyIdentity})
 * against the sweep's; every table file readable; no file missing from the append-only tables (they
 * are numbered without gaps); every row of this study; trials numbered 0..n-1 in the snapshot; each
 * recorded epoch once, epochs 1..k of each trial without gaps, never fewer than the snapshot says;
 * every segment of a recorded trial; every recorded epoch's segment in the segments table. The one
 * exception is the last segment whose epochs were appended when the driver stopped: its row comes
 * after its epochs, so a driver stopped between the two leaves it out. It is recorded now as {@code
 * interrupted}.
 */
public final class OutputCheck {
  private OutputCheck() {}

  /**
   * What the output holds for this sweep.
   *
   * @param recorded the study's identity as recorded, or empty for a new study (or an output
   *     written before identities were recorded)
   * @param trials the earlier trials, to continue
   * @param epochs epochs recorded in all
   * @param millis the time during which earlier runs had segments running (their union), which the
   *     time budget counts
   * @param interrupted rows to append to the segments table for segments whose epochs were recorded
   *     but whose end was not
   */
  public record Earlier(
      Optional<StudyIdentity> recorded,
      List<FrozenTrial> trials,
      long epochs,
      long millis,
      List<SegmentRow> interrupted) {

    /** Whether the output holds nothing of the study yet. */
    public boolean isEmpty() {
      return trials.isEmpty();
    }
  }

  /** The identity of the study {@code c} describes. */
  public static StudyIdentity identity(SweepConfig c) {
    Map<String, String> space = new TreeMap<>();
    for (Map.Entry<String, Distribution> e : c.space().allNames().entrySet()) {
      space.put(e.getKey(), e.getValue().describe());
    }
    return new StudyIdentity(
        c.studyName(),
        c.directions().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList(),
        c.metrics(),
        space,
        c.model().hasTrainer() ? "trainer " + c.model().trainer() : "family " + c.model().family(),
        c.fullEpochs());
  }

  /**
   * Inspects {@code output} for the sweep {@code c}.
   *
   * @throws InvalidOutputException when the sweep cannot start or continue there
   */
  public static Earlier inspect(FileSystem fs, Path output, SweepConfig c) throws IOException {
    String where = output.toString();
    StudyIdentity now = identity(c);
    Optional<StudyIdentity> recorded;
    List<TrialRow> trials;
    List<IntermediateValueRow> values;
    List<SegmentRow> segments;
    try {
      recorded = StudyIdentity.read(fs, output);
      if (recorded.isPresent()) {
        checkSameStudy(where, recorded.get(), now);
      }
      ParamSchema params = ParamSchema.fromSearchSpace(c.space().allNames());
      checkNoGaps(fs, output, where, TableSchemas.INTERMEDIATE_VALUES);
      checkNoGaps(fs, output, where, TableSchemas.SEGMENTS);
      trials =
          exists(fs, output, TableSchemas.TRIALS)
              ? Tables.readTrials(fs, output, params)
              : List.of();
      values =
          exists(fs, output, TableSchemas.INTERMEDIATE_VALUES)
              ? Tables.readIntermediateValues(fs, output)
              : List.of();
      segments =
          exists(fs, output, TableSchemas.SEGMENTS) ? Tables.readSegments(fs, output) : List.of();
    } catch (DamagedFileException e) {
      throw new InvalidOutputException(
          where, "a file is damaged: " + e.getMessage() + ".", InvalidOutputException.WAY_OUT);
    }
    if (recorded.isEmpty() && !trials.isEmpty()) {
      // Written before identities were recorded: the rows must be this study's.
      String other = trials.get(0).study();
      if (!other.equals(c.studyName())) {
        throw otherStudy(where, other, c.studyName());
      }
    }
    if (recorded.isEmpty() && trials.isEmpty() && (!values.isEmpty() || !segments.isEmpty())) {
      throw new InvalidOutputException(
          where,
          "it holds "
              + values.size()
              + " recorded epoch(s) and "
              + segments.size()
              + " segment(s) but no trials table and no "
              + StudyIdentity.FILE
              + ": it was not written by a complete run of Rung.",
          InvalidOutputException.WAY_OUT);
    }
    List<SegmentRow> interrupted = checkRows(where, c.studyName(), trials, values, segments);
    List<FrozenTrial> earlier;
    try {
      earlier = ResumeLoader.trials(trials, values, c.space().allNames());
    } catch (IllegalArgumentException e) {
      throw new InvalidOutputException(
          where,
          e.getMessage() + ".",
          "A study keeps its search space; to change it, give the sweep another run id ("
              + Settings.RUN_ID.key()
              + ") or another output (output=/new/path).");
    }
    long epochs = values.size();
    return new Earlier(recorded, earlier, epochs, busyMillis(segments), interrupted);
  }

  private static boolean exists(FileSystem fs, Path output, String table) throws IOException {
    return fs.exists(Tables.path(output, table));
  }

  private static void checkSameStudy(String where, StudyIdentity recorded, StudyIdentity now) {
    if (!recorded.study().equals(now.study())) {
      throw otherStudy(where, recorded.study(), now.study());
    }
    List<String> changes = recorded.changesTo(now);
    if (!changes.isEmpty()) {
      throw new InvalidOutputException(
          where,
          "it holds study '"
              + recorded.study()
              + "', which this sweep describes differently:\n  - "
              + String.join("\n  - ", changes),
          "A study keeps its directions, metrics, search space, model and training epochs (the"
              + " budget, sampler options and execution settings may change). Undo the change to"
              + " continue the study; to start a new one, give the sweep another run id ("
              + Settings.RUN_ID.key()
              + ", a new night under the same output root, which "
              + Settings.WARM_START.key()
              + " can start from) or another output (output=/new/path). Nothing was written.");
    }
  }

  private static InvalidOutputException otherStudy(String where, String held, String wanted) {
    return new InvalidOutputException(
        where,
        "it holds study '"
            + held
            + "', and this sweep is study '"
            + wanted
            + "'. One output holds one study.",
        "To continue '"
            + held
            + "', run with study.name="
            + held
            + "; to start '"
            + wanted
            + "', give it another output (output=/new/path). Nothing was written.");
  }

  private static void checkNoGaps(FileSystem fs, Path output, String where, String table)
      throws IOException {
    List<Long> missing = Tables.missingFiles(fs, output, table);
    if (!missing.isEmpty()) {
      throw new InvalidOutputException(
          where,
          "file(s) number "
              + missing
              + " of table "
              + table
              + " are missing (its files are numbered from 0 without gaps; part-"
              + String.format("%08d", missing.get(0))
              + "-*.parquet and the others were removed).",
          InvalidOutputException.WAY_OUT);
    }
  }

  /** Checks the tables against each other; returns the segment rows to append (see above). */
  private static List<SegmentRow> checkRows(
      String where,
      String study,
      List<TrialRow> trials,
      List<IntermediateValueRow> values,
      List<SegmentRow> segments) {
    List<String> problems = new ArrayList<>();
    Set<String> otherStudies = new TreeSet<>();
    trials.forEach(t -> addIfOther(otherStudies, study, t.study()));
    values.forEach(v -> addIfOther(otherStudies, study, v.study()));
    segments.forEach(s -> addIfOther(otherStudies, study, s.study()));
    if (!otherStudies.isEmpty()) {
      problems.add(
          "its tables hold rows of other studies "
              + otherStudies
              + " beside study '"
              + study
              + "'");
    }
    int n = trials.size();
    Map<Integer, TreeSet<Integer>> steps = new HashMap<>();
    for (IntermediateValueRow v : values) {
      if (v.trial() < 0 || v.trial() >= n) {
        problems.add(
            "intermediate_values has epochs of trial "
                + v.trial()
                + ", which the trials table ("
                + n
                + " trials) does not have: the trials table was replaced or its file removed");
        break;
      }
      if (!steps.computeIfAbsent(v.trial(), k -> new TreeSet<>()).add(v.step())) {
        problems.add(
            "intermediate_values records epoch " + v.step() + " of trial " + v.trial() + " twice");
        break;
      }
    }
    for (var e : steps.entrySet()) {
      TreeSet<Integer> s = e.getValue();
      if (s.first() != 1 || s.last() != s.size()) {
        problems.add(
            "intermediate_values has epochs "
                + summarize(s)
                + " of trial "
                + e.getKey()
                + ", not 1.."
                + s.last()
                + ": rows were removed");
        break;
      }
    }
    for (TrialRow t : trials) {
      int recorded = steps.containsKey(t.number()) ? steps.get(t.number()).size() : 0;
      // A RUNNING trial's row may be ahead of its epochs: the snapshot that says a trial paused at
      // a rung can be written before the segment's epochs (a driver stopped in between). A
      // finished trial's row is written after them.
      if (t.state() != TrialState.RUNNING && t.epochsTrained() > recorded) {
        problems.add(
            "the trials table says trial "
                + t.number()
                + " trained "
                + t.epochsTrained()
                + " epoch(s), and intermediate_values holds "
                + recorded
                + ": a file of intermediate_values was removed");
        break;
      }
    }
    Set<String> segmentIds = new HashSet<>();
    for (SegmentRow s : segments) {
      if (s.trial() >= n) {
        problems.add(
            "the segments table has segment "
                + s.segmentId()
                + " of trial "
                + s.trial()
                + ", which the trials table ("
                + n
                + " trials) does not have: the trials table was replaced or its file removed");
        break;
      }
      if (!segmentIds.add(s.segmentId())) {
        problems.add("the segments table records segment " + s.segmentId() + " twice");
        break;
      }
    }
    Map<String, Integer> epochsOfSegment = new HashMap<>();
    for (IntermediateValueRow v : values) {
      if (v.segmentId() != null) {
        epochsOfSegment.merge(v.segmentId(), 1, Integer::sum);
      }
    }
    // (Tables of versions that did not record each epoch's segment are not checked so.)
    for (SegmentRow s : epochsOfSegment.isEmpty() ? List.<SegmentRow>of() : segments) {
      boolean kept =
          s.outcome() == SegmentOutcome.COMPLETED
              || s.outcome() == SegmentOutcome.PROMOTED
              || s.outcome() == SegmentOutcome.STOPPED;
      int found = epochsOfSegment.getOrDefault(s.segmentId(), 0);
      if (kept && found != s.epochTo() - s.epochFrom()) {
        problems.add(
            "segment "
                + s.segmentId()
                + " ended "
                + s.outcome().text()
                + " after epochs "
                + (s.epochFrom() + 1)
                + ".."
                + s.epochTo()
                + ", and intermediate_values holds "
                + found
                + " of them: a file of intermediate_values was removed");
        break;
      }
    }
    // Epochs appended whose segments have no row: the driver stopped between the last append to
    // intermediate_values and the segments it recorded with it (several when segments that ended
    // together were appended together). Those are interrupted; unrecorded epochs anywhere before
    // the end mean a file of the segments table was removed.
    List<SegmentRow> interrupted = new ArrayList<>();
    Map<String, List<IntermediateValueRow>> unrecorded = new LinkedHashMap<>();
    int firstUnrecorded = values.size();
    for (int i = 0; i < values.size(); i++) {
      IntermediateValueRow v = values.get(i);
      if (v.segmentId() != null && !segmentIds.contains(v.segmentId())) {
        unrecorded.computeIfAbsent(v.segmentId(), k -> new ArrayList<>()).add(v);
        firstUnrecorded = Math.min(firstUnrecorded, i);
      }
    }
    int trailing = 0;
    for (int i = firstUnrecorded; i < values.size(); i++) {
      if (unrecorded.containsKey(values.get(i).segmentId())) {
        trailing++;
      }
    }
    if (trailing < values.size() - firstUnrecorded) {
      problems.add(
          "the segments table lacks "
              + unrecorded.size()
              + " segment(s) whose epochs intermediate_values records (e.g. "
              + unrecorded.keySet().iterator().next()
              + "): a file of the segments table was removed");
    } else {
      for (var e : unrecorded.entrySet()) {
        interrupted.add(interruptedRow(study, e.getKey(), e.getValue()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidOutputException(
          where,
          "its tables do not agree with each other:\n  - " + String.join("\n  - ", problems),
          InvalidOutputException.WAY_OUT);
    }
    return interrupted;
  }

  private static void addIfOther(Set<String> others, String study, String rowStudy) {
    if (!study.equals(rowStudy)) {
      others.add(rowStudy);
    }
  }

  private static String summarize(TreeSet<Integer> steps) {
    return steps.size() <= 8 ? steps.toString() : steps.first() + ".." + steps.last();
  }

  /** The row of a segment whose epochs were appended but whose end the driver did not record. */
  private static SegmentRow interruptedRow(
      String study, String segmentId, List<IntermediateValueRow> epochs) {
    epochs.sort(Comparator.comparingInt(IntermediateValueRow::step));
    int from = epochs.get(0).step() - 1;
    int to = epochs.get(epochs.size() - 1).step();
    Instant now = Instant.now();
    return new SegmentRow(
        study,
        segmentId,
        epochs.get(0).trial(),
        0,
        0,
        from,
        to,
        null,
        null,
        null,
        0,
        now,
        now,
        0,
        SegmentOutcome.INTERRUPTED,
        "the driver stopped after recording this segment's epochs and before recording its end;"
            + " recorded when the study was continued",
        null,
        null,
        null);
  }

  /** The time during which at least one segment ran: the union of the segments' intervals. */
  static long busyMillis(List<SegmentRow> segments) {
    List<long[]> spans = new ArrayList<>();
    for (SegmentRow s : segments) {
      if (s.outcome() != SegmentOutcome.INTERRUPTED) {
        spans.add(new long[] {s.start().toEpochMilli(), s.end().toEpochMilli()});
      }
    }
    spans.sort(Comparator.comparingLong(a -> a[0]));
    long total = 0;
    long start = Long.MIN_VALUE;
    long end = Long.MIN_VALUE;
    for (long[] s : spans) {
      if (s[0] > end) {
        total += end - start;
        start = s[0];
        end = s[1];
      } else {
        end = Math.max(end, s[1]);
      }
    }
    return total + (end - start);
  }

  /** Whether a trial of {@code trials} is still RUNNING (paused at a rung or interrupted). */
  public static boolean anyRunning(List<FrozenTrial> trials) {
    return trials.stream().anyMatch(t -> t.state() == TrialState.RUNNING);
  }
}
