package dev.rung.job.exec;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Where a task runs: the executor, its host, the GPU address Spark gave the task (if any) and the
 * attempt number.
 */
public record TaskPlacement(String executorId, String host, String gpu, int attempt)
    implements Serializable {

  /** The placement of the current Spark task, read from its TaskContext and SparkEnv. */
  public static TaskPlacement current() {
    TaskContext ctx = TaskContext.get();
    String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown";
    }
    String gpu = null;
    int attempt = 0;
    if (ctx != null) {
      attempt = ctx.attemptNumber();
      var resources = ctx.resources();
      if (resources.contains("gpu")) {
        String[] addresses = resources.apply("gpu").addresses();
        gpu = addresses.length == 0 ? null : String.join(",", addresses);
      }
    }
    return new TaskPlacement(executor, host, gpu, attempt);
  }
}
