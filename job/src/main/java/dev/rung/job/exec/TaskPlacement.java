package dev.rung.job.exec;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Where a task runs: the executor, its host, the GPU addresses Spark gave the task (if any, e.g.
 * {@code "2,3"}), the attempt number, and the same GPUs as the trial's process numbers them ({@code
 * devices}: the addresses themselves, or {@code "0,1"} in a process that sees only those GPUs).
 */
public record TaskPlacement(String executorId, String host, String gpu, int attempt, String devices)
    implements Serializable {

  /** A placement in a process that sees every GPU of its machine. */
  public TaskPlacement(String executorId, String host, String gpu, int attempt) {
    this(executorId, host, gpu, attempt, gpu);
  }

  /**
   * The same placement in a process that sees only the task's GPUs, which CUDA numbers from 0 in
   * the order given.
   */
  public TaskPlacement seenAlone() {
    if (gpu == null || gpu.isBlank()) {
      return this;
    }
    int n = gpu.split(",").length;
    StringBuilder local = new StringBuilder();
    for (int i = 0; i < n; i++) {
      local.append(i == 0 ? "" : ",").append(i);
    }
    return new TaskPlacement(executorId, host, gpu, attempt, local.toString());
  }

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
