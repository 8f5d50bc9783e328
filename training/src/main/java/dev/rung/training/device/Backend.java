package dev.rung.training.device;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** The ND4J backend in use, and its thread settings. */
public final class Backend {
  private static final System.Logger LOG = System.getLogger(Backend.class.getName());

  private Backend() {}

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
