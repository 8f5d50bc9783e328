package dev.rung.training.device;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.Nd4jCpu;

/** The ND4J backend in use, and its thread settings. */
public final class Backend {
  private static final System.Logger LOG = System.getLogger(Backend.class.getName());

  /**
   * DL4J's switch for its layer helpers (oneDNN on the CPU): it builds convolution, pooling and
   * batch-norm layers without them unless this system property is {@code "false"}.
   */
  public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

  /** The CUDA backend's class: present in the CUDA build (-Pcuda) only. */
  static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

  /** What an executor needs for the CUDA build; docs/training.md#gpus says the same. */
  static final String CUDA_NEEDS =
      "the NVIDIA driver (libcuda.so.1, 450.80.02 or newer) with a GPU, the CUDA 11.6 runtime"
          + " libraries (libcudart.so.11.0, libcublas, libcusolver, libcusparse, libcurand, from"
          + " the CUDA 11.6 toolkit or org.bytedeco:cuda-platform-redist) and, for the -cudnn"
          + " build Rung ships by default, cuDNN 8.3 (libcudnn.so.8)";

  private static String unavailable;
  private static boolean loaded;

  private Backend() {}

  /**
   * Loads ND4J's backend, or says clearly why it cannot: which build this is (CPU or CUDA) and, for
   * the CUDA build, which native library is missing and what a machine needs to run it. ND4J itself
   * only says that no backend is on the class path. Every later call answers the same.
   *
   * @throws BackendUnavailableException when the backend cannot load on this machine
   */
  public static synchronized void ensureLoaded() {
    if (loaded) {
      return;
    }
    if (unavailable != null) {
      throw new BackendUnavailableException(unavailable);
    }
    // Asked first: once ND4J's own attempt failed, the CUDA runtime's class no longer says why.
    String cudaFailure = isCudaBuild() ? cudaLoadFailure() : null;
    try {
      Nd4j.getBackend();
      loaded = true;
    } catch (RuntimeException | LinkageError e) {
      unavailable = explain(isCudaBuild(), host(), cudaFailure, rootMessage(e));
      throw new BackendUnavailableException(unavailable, e);
    }
  }

  /** Whether this is Rung's CUDA build: ND4J's CUDA backend is on the class path. */
  public static boolean isCudaBuild() {
    try {
      Class.forName(CUDA_BACKEND, false, Backend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * The message for a backend that did not load.
   *
   * @param cudaBuild whether this is the CUDA build
   * @param host where it ran
   * @param cudaFailure why the CUDA runtime did not load (null when unknown)
   * @param failure ND4J's own account
   */
  static String explain(boolean cudaBuild, String host, String cudaFailure, String failure) {
    if (!cudaBuild) {
      return "ND4J's CPU backend cannot load on "
          + host
          + ": "
          + failure
          + ". Rung's default build needs a Linux x86-64 machine with glibc (the native code ships"
          + " in its jar)";
    }
    return "ND4J's CUDA backend cannot load on "
        + host
        + (cudaFailure == null ? ": " + failure : ": " + cudaFailure)
        + ". This is Rung's CUDA build (-Pcuda): every machine that trains or reads the data (the"
        + " executors, and the driver, which reads the data once to check it) needs "
        + CUDA_NEEDS
        + "; see docs/training.md#gpus. Without GPUs, use the default (CPU) build";
  }

  /** Why the CUDA runtime's native library does not load, or null when it does or is absent. */
  private static String cudaLoadFailure() {
    try {
      Class<?> cudart =
          Class.forName("org.bytedeco.cuda.global.cudart", false, Backend.class.getClassLoader());
      Loader.load(cudart);
      return null;
    } catch (ClassNotFoundException e) {
      return null;
    } catch (UnsatisfiedLinkError | ExceptionInInitializerError e) {
      Throwable link =
          e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
      return missingLibrary(String.valueOf(link.getMessage()));
    } catch (RuntimeException | LinkageError e) {
      return e.toString();
    }
  }

  /**
   * The library the CUDA runtime's JNI library lacks. JavaCPP reports the last place it looked ("no
   * jnicudart in java.library.path") once its cached copy failed to load; loading that copy
   * directly gives the dynamic linker's own reason, e.g. "libcuda.so.1: cannot open shared object
   * file".
   */
  private static String missingLibrary(String reported) {
    try (Stream<java.nio.file.Path> files = Files.walk(Loader.getCacheDir().toPath(), 8)) {
      Optional<java.nio.file.Path> jni =
          files.filter(f -> f.getFileName().toString().equals("libjnicudart.so")).findFirst();
      if (jni.isPresent()) {
        System.load(jni.get().toString());
      }
    } catch (UnsatisfiedLinkError e) {
      // "<path>/libjnicudart.so: libcuda.so.1: cannot open shared object file: ..."
      String m = String.valueOf(e.getMessage());
      int afterPath = m.indexOf(".so: ");
      return afterPath > 0 ? m.substring(afterPath + 5) : m;
    } catch (IOException | RuntimeException e) {
      // no cache to look in: keep what JavaCPP said
    }
    return reported;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "this machine";
    }
  }

  /**
   * Lets the networks built from now on run their convolution, pooling and batch-norm layers
   * through oneDNN when the loaded ND4J build has it (the default build does; see {@link
   * #usesOneDnn()}), by setting {@link #HELPERS_DISABLE} to {@code "false"}. A JVM started with
   * that property set keeps the user's choice ({@code -Dorg.eclipse.deeplearning4j.helpers.disable
   * =true} turns the helpers off). On a GPU nothing is set: DL4J has no cuDNN helpers for the CUDA
   * version Rung builds against, and ND4J's own operations use cuDNN there.
   *
   * @return whether networks built from now on may use the helpers
   */
  public static synchronized boolean enableLayerHelpers() {
    String set = System.getProperty(HELPERS_DISABLE);
    if (set == null) {
      useLayerHelpers(true);
      return !isGpu();
    }
    return !Boolean.parseBoolean(set.trim());
  }

  /**
   * Turns DL4J's layer helpers on or off for the networks built from now on in this JVM, whatever
   * the JVM was started with (a sweep's {@code training.onednn} setting). On a GPU nothing is set.
   */
  public static synchronized void useLayerHelpers(boolean on) {
    if (!isGpu()) {
      System.setProperty(HELPERS_DISABLE, Boolean.toString(!on));
    }
  }

  /** Whether the loaded ND4J build runs through oneDNN (false on a GPU or a build without it). */
  public static boolean usesOneDnn() {
    return !isGpu()
        && Nd4jCpu.Environment.getInstance().isUseMKLDNN()
        && Nd4j.getEnvironment().helpersAllowed();
  }

  /**
   * One line naming what does the arithmetic: the backend, the native build JavaCPP loaded (its
   * platform and extension, e.g. {@code linux-x86_64-onednn}), whether oneDNN is in use, and the
   * BLAS (with its version when it is JavaCPP's OpenBLAS), e.g. {@code CpuBackend,
   * linux-x86_64-onednn, oneDNN on, OpenBLAS 0.3.19}.
   */
  public static String describe() {
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    String build = Loader.getPlatform();
    String blas = String.valueOf(env.getOrDefault("blas.vendor", "unknown BLAS"));
    Pattern folder = Pattern.compile("/(" + Pattern.quote(build) + "[^/]*)/");
    Pattern openblasJar = Pattern.compile("/openblas-(\\d[^/-]*)-[^/]*\\.jar/");
    for (Map.Entry<String, String> library : Loader.getLoadedLibraries().entrySet()) {
      String path = library.getValue();
      Matcher m = folder.matcher(path);
      if (library.getKey().equals("nd4jcpu") && m.find()) {
        build = m.group(1);
      }
      Matcher v = openblasJar.matcher(path);
      if (library.getKey().startsWith("openblas") && v.find()) {
        blas = "OpenBLAS " + v.group(1);
      }
    }
    return name()
        + ", "
        + build
        + (isGpu() ? "" : ", oneDNN " + (usesOneDnn() ? "on" : "off"))
        + ", "
        + blas;
  }

  /** The backend's short name, e.g. {@code CpuBackend} or {@code JCublasBackend}. */
  public static String name() {
    return Nd4j.getBackend().getClass().getSimpleName();
  }

  /** Whether ND4J runs on a GPU (the CUDA backend). */
  public static boolean isGpu() {
    return name().toLowerCase(Locale.ROOT).contains("cublas")
        || name().toLowerCase(Locale.ROOT).contains("cuda");
  }

  /**
   * Limits ND4J's CPU parallelism to {@code threads}: the OpenMP threads inside each op and the
   * threads that launch ops. Setting {@code OMP_NUM_THREADS} before the JVM starts has the same
   * effect and also covers OpenBLAS; this call is for when the JVM is already running (a Spark
   * executor running one trial per core wants 1).
   */
  public static void setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("ND4J threads " + threads + " must be >= 1");
    }
    ensureLoaded();
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    LOG.log(System.Logger.Level.DEBUG, "ND4J limited to {0} thread(s)", threads);
  }

  /** ND4J's current OpenMP thread limit. */
  public static int threads() {
    // ND4J's native operations read the backend's settings, which loading the backend sets.
    ensureLoaded();
    return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
  }
}
