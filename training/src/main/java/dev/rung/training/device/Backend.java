package dev.rung.training.device;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private Backend() {}

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
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    LOG.log(System.Logger.Level.DEBUG, "ND4J limited to {0} thread(s)", threads);
  }

  /** ND4J's current OpenMP thread limit. */
  public static int threads() {
    return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
  }
}
