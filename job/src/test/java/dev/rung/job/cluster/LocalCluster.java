package dev.rung.job.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Spark standalone cluster on 127.0.0.1: a Master and Workers, each its own JVM started from
 * the jars of {@link SparkDistribution}, each Worker with fake GPUs found by its own discovery
 * script. Sweeps are submitted with Spark's own {@code SparkSubmit} and the shaded job jar, as a
 * user would. {@link #close()} kills, by process id, everything it started and every executor its
 * workers started, also when a test fails.
 */
final class LocalCluster implements AutoCloseable {
  /** The {@code --add-opens} flags Spark needs on Java 17, for every JVM. */
  static final List<String> ADD_OPENS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED");

  /** How each worker is set up. */
  record WorkerSpec(int cores, String memory, List<String> gpus) {}

  private final Path home;
  private final Path dir;
  private final int masterPort;
  private final List<Process> started = Collections.synchronizedList(new ArrayList<>());
  private final List<Process> workers = new ArrayList<>();
  private Process master;

  private LocalCluster(Path home, Path dir, int masterPort) {
    this.home = home;
    this.dir = dir;
    this.masterPort = masterPort;
  }

  /**
   * Starts a master and one worker per spec under {@code dir} (logs, work dirs, discovery scripts);
   * returns once every worker has registered. On failure everything started is stopped.
   */
  static LocalCluster start(Path dir, List<WorkerSpec> specs) throws Exception {
    LocalCluster c = new LocalCluster(SparkDistribution.home(), dir, freePort());
    try {
      c.startAll(specs);
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  /** Two workers of 1 core and 1 GB, with GPUs 0,1 and 2,3. */
  static LocalCluster startDefault(Path dir) throws Exception {
    return startTwoWorkers(dir, 1);
  }

  /** Two workers of {@code cores} task slots and 1 GB each, with GPUs 0,1 and 2,3. */
  static LocalCluster startTwoWorkers(Path dir, int cores) throws Exception {
    return start(
        dir,
        List.of(
            new WorkerSpec(cores, "1g", List.of("0", "1")),
            new WorkerSpec(cores, "1g", List.of("2", "3"))));
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  Path home() {
    return home;
  }

  private void startAll(List<WorkerSpec> specs) throws Exception {
    Files.createDirectories(dir);
    master =
        launch(
            "master",
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(masterPort),
                "--webui-port",
                "0"),
            List.of("-Xmx256m"),
            Map.of());
    awaitLog(dir.resolve("master.log"), "I have been elected leader", 120);
    for (WorkerSpec s : specs) {
      launchWorker(s);
    }
    for (int i = 0; i < specs.size(); i++) {
      awaitLog(dir.resolve("worker-" + i + ".log"), "Successfully registered with master", 120);
    }
  }

  /**
   * Starts one more worker while the cluster runs (its index is the number of workers before it);
   * returns once it has registered with the master.
   */
  int addWorker(WorkerSpec spec) throws Exception {
    int i = launchWorker(spec);
    awaitLog(dir.resolve("worker-" + i + ".log"), "Successfully registered with master", 120);
    return i;
  }

  private int launchWorker(WorkerSpec s) throws IOException {
    int i = workers.size();
    Path script = dir.resolve("gpus-" + i + ".sh");
    Files.writeString(
        script,
        "#!/bin/sh\necho '{\"name\":\"gpu\",\"addresses\":[\""
            + String.join("\",\"", s.gpus())
            + "\"]}'\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path work = dir.resolve("worker-" + i);
    Files.createDirectories(work);
    Process w =
        launch(
            "worker-" + i,
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                String.valueOf(s.cores()),
                "--memory",
                s.memory(),
                "--webui-port",
                "0",
                "--work-dir",
                work.toString(),
                masterUrl()),
            List.of(
                "-Xmx256m",
                "-Dspark.worker.resource.gpu.amount=" + s.gpus().size(),
                "-Dspark.worker.resource.gpu.discoveryScript=" + script),
            Map.of());
    workers.add(w);
    return i;
  }

  /**
   * Submits {@code dev.rung.job.cli.Main} with the shaded jar and {@code args} through {@code
   * SparkSubmit} (client mode: this process is the driver); its output goes to {@code log}.
   */
  Process submit(Path jar, List<String> sparkConf, List<String> args, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(java());
    cmd.add("-Xmx1g");
    cmd.add("-Dlog4j2.configurationFile=" + log4jConf());
    cmd.addAll(List.of("-cp", home.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit"));
    cmd.addAll(List.of("--master", masterUrl(), "--class", "dev.rung.job.cli.Main"));
    List<String> conf = new ArrayList<>();
    conf.add("spark.driver.host=127.0.0.1");
    conf.add("spark.driver.bindAddress=127.0.0.1");
    conf.add("spark.ui.enabled=false");
    conf.add("spark.executor.memory=1g");
    conf.add("spark.executor.extraJavaOptions=" + String.join(" ", ADD_OPENS));
    conf.addAll(sparkConf);
    for (String c : conf) {
      cmd.add("--conf");
      cmd.add(c);
    }
    cmd.add(jar.toString());
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    env(pb.environment());
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /** The executors (CoarseGrainedExecutorBackend JVMs) the workers run now. */
  List<ProcessHandle> executors() {
    List<ProcessHandle> out = new ArrayList<>();
    for (Process w : workers) {
      w.toHandle().descendants().filter(LocalCluster::isExecutor).forEach(out::add);
    }
    return out;
  }

  /** The executors of worker {@code i}. */
  List<ProcessHandle> executorsOf(int i) {
    return workers.get(i).toHandle().descendants().filter(LocalCluster::isExecutor).toList();
  }

  /**
   * Whether executor {@code h} of worker {@code worker} is running a task now: its log has more
   * "Running task" than "Finished task" lines.
   */
  boolean runsTask(int worker, ProcessHandle h) {
    Path log = executorLog(worker, h);
    if (log == null || !Files.exists(log)) {
      return false;
    }
    try {
      String text = Files.readString(log);
      return count(text, "Running task ") > count(text, "Finished task ");
    } catch (IOException e) {
      return false;
    }
  }

  /** The stderr file of executor {@code h} in the work dir of worker {@code worker}. */
  Path executorLog(int worker, ProcessHandle h) {
    List<String> args = h.info().arguments().map(List::of).orElse(List.of());
    String app = argument(args, "--app-id");
    String id = argument(args, "--executor-id");
    return app == null || id == null
        ? null
        : dir.resolve("worker-" + worker).resolve(app).resolve(id).resolve("stderr");
  }

  private static String argument(List<String> args, String name) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  int workerCount() {
    return workers.size();
  }

  private static boolean isExecutor(ProcessHandle h) {
    Optional<String> line = h.info().commandLine();
    return line.isPresent() && line.get().contains("CoarseGrainedExecutorBackend");
  }

  /** Kills worker {@code i} and its executors for good (SIGKILL). */
  void killWorker(int i) throws InterruptedException {
    Process w = workers.get(i);
    List<ProcessHandle> children = w.toHandle().descendants().toList();
    w.destroyForcibly();
    w.waitFor(30, TimeUnit.SECONDS);
    for (ProcessHandle h : children) {
      kill(h);
    }
  }

  /** Kills a process by its handle (SIGKILL) and waits until it is gone. */
  static void kill(ProcessHandle h) {
    h.destroyForcibly();
    try {
      h.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Already gone, or it will be: nothing more a test can do.
    }
  }

  /** Stops everything this cluster started, by process id: drivers, executors, workers, master. */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>();
    synchronized (started) {
      for (Process p : started) {
        all.addAll(p.toHandle().descendants().toList());
        all.add(p.toHandle());
      }
    }
    for (ProcessHandle h : all) {
      h.destroyForcibly();
    }
    for (ProcessHandle h : all) {
      kill(h);
    }
  }

  /** Waits until {@code condition} holds, polling; false when {@code seconds} ran out. */
  static boolean await(BooleanSupplier condition, double seconds) throws InterruptedException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }

  private Process launch(
      String name, List<String> mainAndArgs, List<String> jvm, Map<String, String> env)
      throws IOException {
    List<String> cmd = new ArrayList<>(java());
    cmd.addAll(jvm);
    cmd.add("-Dlog4j2.configurationFile=" + log4jConf());
    cmd.addAll(List.of("-cp", home.resolve("jars") + "/*"));
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    env(pb.environment());
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private void env(Map<String, String> env) {
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.remove("SPARK_CONF_DIR");
  }

  private static List<String> java() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ADD_OPENS);
    return cmd;
  }

  /** Spark's own defaults, but WARN for everything but Spark's scheduling and deploy messages. */
  private Path log4jConf() throws IOException {
    Path f = dir.resolve("log4j2.properties");
    if (!Files.exists(f)) {
      Files.writeString(
          f,
          String.join(
              "\n",
              "rootLogger.level = warn",
              "rootLogger.appenderRef.stdout.ref = console",
              "appender.console.type = Console",
              "appender.console.name = console",
              "appender.console.target = SYSTEM_ERR",
              "appender.console.layout.type = PatternLayout",
              "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
              "logger.deploy.name = org.apache.spark.deploy",
              "logger.deploy.level = info",
              "logger.tsm.name = org.apache.spark.scheduler.TaskSetManager",
              "logger.tsm.level = info",
              ""),
          StandardCharsets.UTF_8);
    }
    return f;
  }

  private static void awaitLog(Path log, String text, double seconds) throws Exception {
    boolean ok =
        await(
            () -> {
              try {
                return Files.exists(log) && Files.readString(log).contains(text);
              } catch (IOException e) {
                return false;
              }
            },
            seconds);
    if (!ok) {
      throw new IllegalStateException(
          "'" + text + "' did not appear in " + log + " within " + seconds + " s");
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
