package dev.rung.job.exec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM of its own for a trial's work, started by an executor (or by the driver in local mode) and
 * reused for one segment after another. Whatever the work does to its process - {@code
 * System.exit}, a crash in native code, threads that never end, a hang that ignores interrupts - it
 * does to the child: the executor sees the child end (or kills it) and reports that segment alone.
 *
 * <p>The child gets the executor's class path (including jars Spark fetched for it, such as a
 * user's trainer) and its JVM options, minus debugging and instrumentation agents. Its standard
 * output and error go to the executor's. Calls and results travel over a loopback socket that the
 * child opens and authenticates with a random token; its standard input is its lifeline: when the
 * executor ends, the child ends.
 */
final class ChildJvm implements AutoCloseable {

  /** The environment variable through which CUDA shows a process only some GPUs. */
  static final String VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";

  /** How long a starting child may take to connect back. */
  private static final long START_MILLIS = 120_000;

  /** How often a waiting call looks whether its thread was interrupted. */
  private static final int POLL_MILLIS = 250;

  /** The socket's buffers, each way: a segment's call or result fits. */
  static final int BUFFER = 64 * 1024;

  private static final ConcurrentLinkedQueue<ChildJvm> IDLE = new ConcurrentLinkedQueue<>();
  private static final Set<ChildJvm> ALL = ConcurrentHashMap.newKeySet();

  /** How long the shutdown waits for the killed children to be gone. */
  private static final long REAP_MILLIS = 5_000;

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> closeAll(REAP_MILLIS), "rung-child-reaper"));
  }

  private final Process process;
  private final int threads;
  private final String devices;
  private final Socket socket;
  private final ObjectOutputStream out;
  private final ObjectInputStream in;

  /** The child ended (or was killed) before it answered a call. */
  static final class DiedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    DiedException(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }

  /** The call threw in the child; the message carries its class and message. */
  static final class CallFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    CallFailedException(String message) {
      super(message);
    }
  }

  private ChildJvm(Process process, int threads, String devices, Socket socket) throws IOException {
    this.process = process;
    this.threads = threads;
    this.devices = devices;
    this.socket = socket;
    // A call and its reply are small writes each way: without this, Nagle's algorithm holds a
    // write back until the other side's delayed acknowledgement, tens of milliseconds per call.
    socket.setTcpNoDelay(true);
    // Buffered both ways: a call leaves in one write and its reply is read in a few reads, not in
    // the many small ones the object streams make.
    this.out = new ObjectOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
    out.flush();
    this.in = new ObjectInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
  }

  /** An idle child of this JVM for one-thread work, or a new one. */
  static ChildJvm acquire() throws IOException {
    return acquire(1, null);
  }

  /** An idle child of this JVM for {@code threads} threads and no GPU, or a new one. */
  static ChildJvm acquire(int threads) throws IOException {
    return acquire(threads, null);
  }

  /**
   * Whether children see only the GPUs they are started for: unless this JVM's own environment
   * already chooses its devices ({@code CUDA_VISIBLE_DEVICES}, e.g. set by a resource manager that
   * isolates GPUs per container), in which case children see what this JVM sees.
   */
  static boolean restrictsDevices() {
    return System.getenv(VISIBLE_DEVICES) == null;
  }

  /**
   * An idle child of this JVM started for {@code threads} threads and GPUs {@code gpus}, or a new
   * one. The child's environment sets {@code OMP_NUM_THREADS} to {@code threads}: OpenMP code in
   * native libraries (oneDNN's convolutions) reads its thread count from there, not from ND4J's
   * settings, and would otherwise run on every core of the machine, beside the other slots' trials.
   * It sets {@code CUDA_VISIBLE_DEVICES} to {@code gpus} (Spark's addresses of the task, e.g.
   * {@code "2,3"}) when {@link #restrictsDevices()}: the child sees only those GPUs, numbered from
   * 0, and allocates nothing on the others.
   *
   * @param gpus the task's GPU addresses, comma-separated, or null for none
   */
  static ChildJvm acquire(int threads, String gpus) throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads " + threads + " must be >= 1");
    }
    String devices = restrictsDevices() ? gpus : null;
    ChildJvm c;
    List<ChildJvm> others = new ArrayList<>();
    try {
      while ((c = IDLE.poll()) != null) {
        if (!c.process.isAlive()) {
          c.close();
        } else if (c.threads == threads && Objects.equals(c.devices, devices)) {
          return c;
        } else {
          others.add(c);
        }
      }
      return start(threads, devices);
    } finally {
      IDLE.addAll(others);
    }
  }

  /** Gives a child that answered its call back for the next one. */
  void release() {
    if (process.isAlive()) {
      IDLE.add(this);
    } else {
      close();
    }
  }

  private static ProcessBuilder processBuilder(List<String> cmd, int threads, String devices) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    if (devices != null) {
      pb.environment().put(VISIBLE_DEVICES, devices);
      // Spark's GPU addresses come from a discovery script, usually nvidia-smi's indices, which
      // follow the PCI bus; CUDA's own default order is fastest first.
      pb.environment().putIfAbsent("CUDA_DEVICE_ORDER", "PCI_BUS_ID");
    }
    return pb;
  }

  private static ChildJvm start(int threads, String devices) throws IOException {
    String token = UUID.randomUUID().toString();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(POLL_MILLIS);
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("@" + argumentFile());
      cmd.add(ChildMain.class.getName());
      cmd.add(Integer.toString(server.getLocalPort()));
      cmd.add(token);
      Process p =
          processBuilder(cmd, threads, devices)
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      long deadline = System.currentTimeMillis() + START_MILLIS;
      while (true) {
        if (!p.isAlive()) {
          throw new IOException(
              "the child JVM for trials ended at its start with exit code "
                  + p.exitValue()
                  + ": "
                  + String.join(" ", cmd.subList(0, Math.min(cmd.size(), 4)))
                  + " ...");
        }
        if (System.currentTimeMillis() > deadline) {
          p.destroyForcibly();
          throw new IOException(
              "the child JVM for trials did not connect within " + START_MILLIS / 1000 + " s");
        }
        Socket s;
        try {
          s = server.accept();
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (readLine(s.getInputStream()).equals(token)) {
          ChildJvm c = new ChildJvm(p, threads, devices, s);
          ALL.add(c);
          return c;
        }
        s.close(); // not our child
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n' && sb.length() < 100) {
      sb.append((char) b);
    }
    return sb.toString();
  }

  private static Path argumentFile;

  /**
   * A file holding the child's JVM options and class path, written once per JVM: the command line
   * stays short (some native libraries crash a JVM whose command line is longer than a few
   * kilobytes, and class paths are tens of kilobytes).
   */
  static synchronized Path argumentFile() throws IOException {
    if (argumentFile == null) {
      List<String> args = new ArrayList<>(jvmOptions());
      args.add("-cp");
      args.add(classPath());
      StringBuilder sb = new StringBuilder();
      for (String a : args) {
        sb.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
      }
      Path file = Files.createTempFile("rung-child-", ".args");
      file.toFile().deleteOnExit();
      Files.writeString(file, sb, StandardCharsets.UTF_8);
      argumentFile = file;
    }
    return argumentFile;
  }

  /** The executor's JVM options, without agents (debuggers, coverage). */
  static List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp")) {
        options.add(a);
      }
    }
    return options;
  }

  /** The JVM's class path and the jars of the context class loader (Spark's fetched jars). */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path")));
    for (ClassLoader cl = Thread.currentThread().getContextClassLoader();
        cl != null;
        cl = cl.getParent()) {
      if (cl instanceof URLClassLoader u) {
        for (URL url : u.getURLs()) {
          if ("file".equals(url.getProtocol())) {
            try {
              entries.add(new File(url.toURI()).getPath());
            } catch (URISyntaxException | IllegalArgumentException ignored) {
              // not a plain file: the child cannot use it
            }
          }
        }
      }
    }
    entries.remove("");
    return String.join(File.pathSeparator, entries);
  }

  /**
   * Runs {@code call} in the child and returns its result.
   *
   * @param timeoutMillis how long to wait (0 = no limit); past it the child is killed
   * @throws DiedException the child ended before answering (it is gone)
   * @throws java.util.concurrent.TimeoutException the call took longer; the child was killed
   * @throws CallFailedException the call threw in the child (which lives on)
   * @throws CancellationException the waiting thread was interrupted; the child was killed
   */
  <T extends Serializable> T call(ChildCall<T> call, long timeoutMillis)
      throws DiedException, CallFailedException, TimeoutException, IOException {
    long deadline =
        timeoutMillis <= 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMillis;
    try {
      out.writeObject(call);
      out.flush();
      out.reset();
    } catch (IOException e) {
      throw died("before it took the work");
    }
    socket.setSoTimeout(POLL_MILLIS);
    while (true) {
      if (Thread.interrupted()) {
        close();
        Thread.currentThread().interrupt();
        throw new CancellationException("the trial's work was cancelled; its process was stopped");
      }
      if (System.currentTimeMillis() > deadline) {
        close();
        throw new TimeoutException(
            "no result after " + timeoutMillis + " ms; its process was killed");
      }
      Object reply;
      try {
        reply = in.readObject();
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        throw died("while it worked");
      } catch (ClassNotFoundException e) {
        throw new IOException("cannot read the child's reply: " + e.getMessage(), e);
      }
      ChildMain.Reply r = (ChildMain.Reply) reply;
      if (r.failureClass() != null) {
        throw new CallFailedException(r.failureClass() + ": " + r.failure());
      }
      @SuppressWarnings("unchecked")
      T value = (T) r.value();
      return value;
    }
  }

  private DiedException died(String when) {
    int code;
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      code = process.isAlive() ? -1 : process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = -1;
    }
    close();
    return new DiedException(
        "the trial's process (pid " + process.pid() + ") ended " + when + ": " + describe(code),
        code);
  }

  /** What an exit code says about how a process ended. */
  static String describe(int code) {
    if (code == -1) {
      return "it stopped answering and was killed";
    }
    if (code > 128 && code < 160) {
      int signal = code - 128;
      String name =
          switch (signal) {
            case 6 -> "SIGABRT, a crash in native code or of the JVM (look for hs_err_pid*.log)";
            case 9 -> "SIGKILL, killed (for example by the kernel when out of memory)";
            case 11 -> "SIGSEGV, a crash in native code";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
          };
      return "exit code " + code + " (" + name + ")";
    }
    return "exit code " + code + " (the trial's code called System.exit, or the JVM stopped)";
  }

  /** Stops the child at once. */
  @Override
  public void close() {
    ALL.remove(this);
    IDLE.remove(this);
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      OutputStream lifeline = process.getOutputStream();
      lifeline.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    process.destroyForcibly();
  }

  /**
   * Kills every child of this JVM and waits up to {@code millis} for them to be gone. Waiting lets
   * this JVM collect them: a child left to end after its parent is adopted by the system, and its
   * CPU time then counts for nobody (a {@code time} of the sweep would leave out all training).
   */
  static void closeAll(long millis) {
    List<Process> killed = new ArrayList<>();
    for (ChildJvm c : List.copyOf(ALL)) {
      killed.add(c.process);
      c.close();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (Process p : killed) {
      long left = deadline - System.nanoTime();
      try {
        if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The child's process id, for messages and tests. */
  long pid() {
    return process.pid();
  }
}
