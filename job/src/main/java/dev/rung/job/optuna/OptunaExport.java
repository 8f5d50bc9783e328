package dev.rung.job.optuna;

import dev.rung.distributions.Distribution;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.StudyIdentity;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.TrialState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the study of a Rung output as an Optuna journal file ({@link OptunaJournal}), so that
 * {@code optuna.load_study} with a {@code JournalFileStorage} opens it.
 *
 * <p>The study's name and directions come from {@code study.json}. The distributions come from
 * {@code sweep.conf}, read as a sweep reads its space, and must describe exactly the space {@code
 * study.json} records: the text {@code study.json} keeps of a categorical cannot tell {@code "1"}
 * from {@code 1}, so it serves as the check, not the source. Trials, their values, times and user
 * attributes come from the trials table; each trial's curve from the intermediate values table.
 */
public final class OptunaExport {
  private OptunaExport() {}

  /** What was exported: the study's name and how many trials it has. */
  public record Exported(String study, int trials) {}

  /**
   * Writes the study under {@code output} to the new file {@code file}.
   *
   * @param zone the time zone of the journal's local times
   * @throws ExportRefusedException when {@code file} exists, or {@code output} holds no readable
   *     study; nothing is written then
   */
  public static Exported export(FileSystem fs, Path output, java.nio.file.Path file, ZoneId zone)
      throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new ExportRefusedException(
          file
              + " exists: give a new file (an Optuna journal holding another study is never"
              + " appended to)");
    }
    java.nio.file.Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new ExportRefusedException("the directory of " + file + " does not exist");
    }
    StoredStudy study;
    try {
      study = StoredStudy.read(fs, output);
    } catch (StoredStudy.UnreadableException e) {
      throw refused(output, e.problem());
    }
    List<JournalTrial> trials = trials(study);
    StudyIdentity identity = study.identity();
    String journal = OptunaJournal.of(identity.study(), study.directions(), trials, zone);
    try {
      Files.write(
          file,
          journal.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new ExportRefusedException(file + " was created by someone else meanwhile");
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new Exported(identity.study(), trials.size());
  }

  private static ExportRefusedException refused(Path output, String problem) {
    return new ExportRefusedException("the output " + output + " cannot be exported: " + problem);
  }

  private static List<JournalTrial> trials(StoredStudy study) {
    List<JournalTrial> out = new ArrayList<>(study.trials().size());
    for (TrialRow r : study.trials()) {
      if (r.number() != out.size()) {
        throw refused(
            study.output(),
            "the trials table has no trial "
                + out.size()
                + " (Optuna numbers trials 0, 1, ... without gaps)");
      }
      try {
        out.add(
            trial(
                r,
                study.space(),
                study.curves().getOrDefault(r.number(), new TreeMap<>()),
                study.identity()));
      } catch (IllegalArgumentException e) {
        throw refused(study.output(), oneLine(e.getMessage()));
      }
    }
    return out;
  }

  private static JournalTrial trial(
      TrialRow r,
      Map<String, Distribution> space,
      SortedMap<Integer, Double> curve,
      StudyIdentity identity) {
    Map<String, Distribution> distributions = new LinkedHashMap<>();
    for (String name : r.params().keySet()) {
      Distribution d = space.get(name);
      if (d == null) {
        throw new IllegalArgumentException(
            "trial " + r.number() + " has parameter '" + name + "', which the space lacks");
      }
      distributions.put(name, d);
    }
    List<Double> values = List.of();
    if (r.state() == TrialState.COMPLETE) {
      if (r.values().size() != identity.directions().size()) {
        throw new IllegalArgumentException(
            "trial "
                + r.number()
                + " is COMPLETE with "
                + r.values().size()
                + " value(s); the study has "
                + identity.directions().size()
                + " direction(s)");
      }
      values = r.values();
    } else if (r.state() == TrialState.PRUNED) {
      // As in Optuna, a pruned trial's value is its last intermediate value, when there is one.
      values = r.values();
    }
    Map<String, Object> system = new LinkedHashMap<>();
    system.put("rung:seed", r.seed());
    system.put("rung:epochs_trained", r.epochsTrained());
    if (r.bracket() != null) {
      system.put("rung:bracket", r.bracket());
      system.put("rung:rung", r.rung());
    }
    if (r.failReason() != null) {
      system.put("fail_reason", r.failReason());
    }
    return new JournalTrial(
        r.number(),
        r.state(),
        values,
        r.params(),
        distributions,
        curve,
        r.start(),
        r.state().isFinished() ? r.end() : null,
        r.userAttrs(),
        system);
  }

  private static String oneLine(String message) {
    return message == null ? "" : String.join(" ", message.strip().split("\\s*\\R\\s*"));
  }
}
