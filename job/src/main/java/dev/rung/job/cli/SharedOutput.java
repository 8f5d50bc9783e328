package dev.rung.job.cli;

import dev.rung.job.tables.InvalidOutputException;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * On a cluster, an output on the driver's local file system ({@code file:}) works only when every
 * executor sees the same directory at the same path (a shared mount). This checks it before any
 * segment runs: the driver writes a probe file there, and tasks spread over the executors look for
 * it. An executor that does not see it would write checkpoints no other executor finds.
 */
final class SharedOutput {
  private SharedOutput() {}

  /**
   * Checks that the executors see {@code output}; does nothing in local mode or for a file system
   * that is not local (HDFS, S3 and the like are shared by nature).
   *
   * @throws InvalidOutputException naming the hosts that do not see it
   */
  static void check(JavaSparkContext jsc, FileSystem fs, Path output, int slots)
      throws IOException {
    if (jsc.sc().isLocal() || !"file".equals(output.toUri().getScheme())) {
      return;
    }
    Path probe = new Path(output, "_probe-" + UUID.randomUUID());
    fs.create(probe, true).close();
    try {
      String local = new File(probe.toUri()).getPath();
      int tasks = Math.max(2, 2 * slots);
      List<Integer> indices = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        indices.add(i);
      }
      jsc.setJobDescription("rung: check that the executors see the output " + output);
      List<String> blind =
          jsc.parallelize(indices, tasks)
              .map(
                  i ->
                      new File(local).exists()
                          ? ""
                          : SparkEnv.get().executorId()
                              + "@"
                              + InetAddress.getLocalHost().getHostName())
              .collect();
      Set<String> hosts = new TreeSet<>(blind);
      hosts.remove("");
      if (!hosts.isEmpty()) {
        throw new InvalidOutputException(
            output.toString(),
            "it is on the driver's local file system, and executor(s) "
                + hosts
                + " do not see it (they would write checkpoints that no other executor finds).",
            "Give an output that every executor shares: HDFS (hdfs://...), an object store"
                + " (s3a://...), or a directory mounted at the same path on every host. Nothing"
                + " was written to the tables.");
      }
    } finally {
      fs.delete(probe, false);
    }
  }
}
