package dev.rung.job.exec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * What Spark's local master ({@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]})
 * allows: its task slots (its threads over {@code spark.task.cpus}) and how often a failing task is
 * tried (F, else once), read as Spark's local scheduler reads them.
 *
 * @param taskSlots how many tasks run at once
 * @param maxFailures how many times a task is tried before its job fails
 */
public record LocalMaster(int taskSlots, int maxFailures) {
  private static final Pattern LOCAL =
      Pattern.compile("local(?:\\[([0-9]+|\\*)(?:\\s*,\\s*([0-9]+))?\\])?");

  public LocalMaster {
    if (taskSlots < 1 || maxFailures < 1) {
      throw new IllegalArgumentException(
          "task slots " + taskSlots + " and tries " + maxFailures + " must be at least 1");
    }
  }

  /** The local master {@code conf} names, or empty for any other (a cluster, local-cluster). */
  public static Optional<LocalMaster> of(SparkConf conf) {
    Matcher m = LOCAL.matcher(conf.get("spark.master", "").trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    int threads =
        m.group(1) == null
            ? 1
            : m.group(1).equals("*")
                ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(m.group(1));
    int cpusPerTask = Math.max(1, conf.getInt("spark.task.cpus", 1));
    int tries = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
    return Optional.of(new LocalMaster(Math.max(1, threads / cpusPerTask), Math.max(1, tries)));
  }
}
