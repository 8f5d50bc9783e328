package dev.rung.job.exec;

/**
 * Where a task runs: the executor, its host, the GPU address Spark gave the task (if any) and the
 * attempt number.
 */
public record TaskPlacement(String executorId, String host, String gpu, int attempt)
    implements java.io.Serializable {

  /** The placement of the current Spark task, read from its TaskContext and SparkEnv. */
  public static TaskPlacement current() {
    org.apache.spark.TaskContext ctx = org.apache.spark.TaskContext.get();
    String executor =
        org.apache.spark.SparkEnv.get() == null
            ? "driver"
            : org.apache.spark.SparkEnv.get().executorId();
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
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
