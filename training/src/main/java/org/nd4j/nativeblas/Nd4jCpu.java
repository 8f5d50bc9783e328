package org.nd4j.nativeblas;

/**
 * Answers the question Deeplearning4j 1.0.0-M2.1's CPU layer helpers ask before they use oneDNN.
 *
 * <p>{@code BaseMKLDNNHelper.mklDnnEnabled()} looks up {@code
 * org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, a class that
 * ND4J M2.1 no longer has: its environment moved to {@code
 * org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and the method became {@code
 * isUseONEDNN()}. Without an answer the check fails and every convolution, pooling and batch-norm
 * layer falls back to DL4J's own im2col code. This class gives the old name the new answer: true
 * only when the loaded native build has oneDNN and it is switched on. Nothing else uses it; on the
 * CUDA backend DL4J never asks. The CPU environment is looked up by name, so that this class also
 * compiles and loads in the CUDA build, which has no CPU backend (there it answers false).
 */
public final class Nd4jCpu {
  private static final String CPU_ENVIRONMENT =
      "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

  private Nd4jCpu() {}

  /** The environment under its pre-M2.1 name. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    /** The one instance, as the native environment has one. */
    public static Environment getInstance() {
      return INSTANCE;
    }

    /** Whether the loaded ND4J build uses oneDNN (formerly MKL-DNN); false without a CPU build. */
    public boolean isUseMKLDNN() {
      try {
        Class<?> env = Class.forName(CPU_ENVIRONMENT);
        Object instance = env.getMethod("getInstance").invoke(null);
        return (Boolean) env.getMethod("isUseONEDNN").invoke(instance);
      } catch (ClassNotFoundException e) {
        return false;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "cannot ask ND4J's CPU environment whether it uses oneDNN: " + e, e);
      }
    }
  }
}
