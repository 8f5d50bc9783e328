package dev.rung.job.tables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a run of a study keeps its files under an output root.
 *
 * <p>An output root holds any number of studies and runs side by side. Each run (a study and a run
 * id, {@code rung.run.id}) has a directory of its own, {@code <root>/study=<study>/run=<run>}, for
 * its definition, summary, report, lock, checkpoints and best model, and one Hive-style partition
 * of every table, {@code <root>/<table>/study=<study>/run=<run>}, so that Spark reads {@code
 * <root>/trials} as one table partitioned by {@code study} and {@code run}.
 *
 * <p>An output written before runs existed (its tables and {@code study.json} directly under it)
 * holds one study and is its own run directory: {@link #runDirectory} returns it unchanged.
 *
 * <p>A run id may contain ':', which a Hadoop path cannot hold in a name: directory names escape it
 * as {@code %3A}, as Hive and Spark do (both read the value back unescaped).
 */
public final class OutputLayout {

  /** The prefix of a run directory's study level. */
  public static final String STUDY = "study=";

  /** The prefix of a run directory's run level. */
  public static final String RUN = "run=";

  private static final String STUDY_FILE = "study.json";

  private OutputLayout() {}

  /** A run under an output root. */
  public record Run(String study, String run, Path directory) {}

  /**
   * The directory of {@code study}'s run {@code run} under the output {@code root}: {@code root}
   * itself when it is an output of the earlier layout (one study, no runs), else {@code
   * root/study=<study>/run=<run>}.
   */
  public static Path runDirectory(FileSystem fs, Path root, String study, String run)
      throws IOException {
    if (isEarlierLayout(fs, root)) {
      return root;
    }
    return new Path(new Path(root, STUDY + study), RUN + escape(run));
  }

  /**
   * Whether {@code output} is an output of the earlier layout: a {@code study.json} directly under
   * it, or a trials table whose files lie directly in {@code output/trials}.
   */
  public static boolean isEarlierLayout(FileSystem fs, Path output) throws IOException {
    if (isRunDirectory(output)) {
      return false;
    }
    if (fs.exists(new Path(output, STUDY_FILE))) {
      return true;
    }
    Path trials = new Path(output, TableSchemas.TRIALS);
    return fs.isDirectory(trials) && !TableFiles.dataFiles(fs, trials).isEmpty();
  }

  /** Whether {@code dir} is named as a run directory, {@code .../study=<s>/run=<r>}. */
  public static boolean isRunDirectory(Path dir) {
    dir = normalized(dir);
    Path parent = dir.getParent();
    return dir.getName().startsWith(RUN)
        && dir.getName().length() > RUN.length()
        && parent != null
        && parent.getName().startsWith(STUDY)
        && parent.getName().length() > STUDY.length()
        && parent.getParent() != null;
  }

  /**
   * The directory of {@code table} for the run in {@code runDirectory}: its partition under the
   * root for a run directory, {@code runDirectory/table} for an output of the earlier layout.
   */
  static Path tableDirectory(Path runDirectory, String table) {
    if (!isRunDirectory(runDirectory)) {
      return new Path(runDirectory, table);
    }
    runDirectory = normalized(runDirectory);
    Path studyLevel = runDirectory.getParent();
    Path root = studyLevel.getParent();
    return new Path(new Path(new Path(root, table), studyLevel.getName()), runDirectory.getName());
  }

  /** The run a run directory names, or null for another directory. */
  public static Run run(Path dir) {
    if (!isRunDirectory(dir)) {
      return null;
    }
    dir = normalized(dir);
    return new Run(
        dir.getParent().getName().substring(STUDY.length()),
        unescape(dir.getName().substring(RUN.length())),
        dir);
  }

  /**
   * The root a run directory lies in, or {@code dir} itself when it is not one (an output root, or
   * an output of the earlier layout).
   */
  public static Path root(Path dir) {
    return isRunDirectory(dir) ? normalized(dir).getParent().getParent() : dir;
  }

  /** {@code dir} without a trailing '/' (a path made from a URI of a directory keeps one). */
  private static Path normalized(Path dir) {
    String s = dir.toString();
    return s.length() > 1 && s.endsWith("/") ? new Path(s.substring(0, s.length() - 1)) : dir;
  }

  /**
   * The runs under the output root {@code root} that hold a study ({@code study.json}), by study,
   * then in the order their studies were written; none when {@code root} is an output of the
   * earlier layout or holds no run.
   */
  public static List<Run> runs(FileSystem fs, Path root) throws IOException {
    List<Run> runs = new ArrayList<>();
    if (!fs.isDirectory(root) || isEarlierLayout(fs, root)) {
      return runs;
    }
    List<Long> written = new ArrayList<>();
    for (FileStatus s : fs.listStatus(root)) {
      if (!s.isDirectory() || !s.getPath().getName().startsWith(STUDY)) {
        continue;
      }
      for (FileStatus r : fs.listStatus(s.getPath())) {
        Run run = run(r.getPath());
        Path studyFile = new Path(r.getPath(), STUDY_FILE);
        if (r.isDirectory() && run != null && fs.exists(studyFile)) {
          runs.add(run);
          written.add(fs.getFileStatus(studyFile).getModificationTime());
        }
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparing((Integer i) -> runs.get(i).study())
            .thenComparing(i -> written.get(i))
            .thenComparing(i -> runs.get(i).run()));
    List<Run> sorted = new ArrayList<>();
    order.forEach(i -> sorted.add(runs.get(i)));
    return sorted;
  }

  /**
   * The partition directories {@code <table>/study=<s>/run=<r>} of a table under an output root
   * ({@code tableDirectory}, e.g. {@code <root>/trials}); none when it does not exist.
   */
  static List<Path> partitions(FileSystem fs, Path tableDirectory) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!fs.isDirectory(tableDirectory)) {
      return out;
    }
    for (FileStatus study : fs.listStatus(tableDirectory)) {
      if (!study.isDirectory() || !study.getPath().getName().startsWith(STUDY)) {
        continue;
      }
      for (FileStatus run : fs.listStatus(study.getPath())) {
        if (run.isDirectory() && run.getPath().getName().startsWith(RUN)) {
          out.add(run.getPath());
        }
      }
    }
    return out;
  }

  /** A run id as a directory name: ':' becomes {@code %3A}. */
  static String escape(String run) {
    return run.replace(":", "%3A");
  }

  private static String unescape(String name) {
    return name.replace("%3A", ":");
  }
}
