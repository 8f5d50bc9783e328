package dev.rung.training.model;

import dev.rung.training.data.InputShape;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * A check made before a network is built: whether its parameters can fit in the native memory this
 * JVM allows ND4J.
 *
 * <p>ND4J keeps arrays off the Java heap. JavaCPP stops a process whose resident memory passes
 * {@code org.bytedeco.javacpp.maxphysicalbytes} (twice the heap unless set) with an {@link
 * OutOfMemoryError}, but only at its next allocation: one huge allocation, touched at once by
 * weight initialization, can exhaust the machine first and have the kernel kill the JVM. So a
 * network whose parameters alone cannot fit is refused before anything is allocated.
 */
public final class MemoryEstimate {
  /** Bytes per parameter while training: the value, its gradient and two updater moments. */
  public static final long BYTES_PER_PARAMETER = 4L * 4;

  private MemoryEstimate() {}

  /** The number of parameters of the network {@code conf} describes (nothing is allocated). */
  public static long parameters(MultiLayerConfiguration conf) {
    long n = 0;
    for (NeuralNetConfiguration c : conf.getConfs()) {
      n += c.getLayer().initializer().numParams(c);
    }
    return n;
  }

  /**
   * The native memory this JVM may use besides its heap: JavaCPP's {@code maxphysicalbytes} less
   * the maximum heap; {@link Long#MAX_VALUE} when JavaCPP sets no limit.
   */
  public static long nativeBudget() {
    long max = Pointer.maxPhysicalBytes();
    return max <= 0 ? Long.MAX_VALUE : Math.max(0, max - Runtime.getRuntime().maxMemory());
  }

  /** Whether the training state of {@code params} parameters fits in {@link #nativeBudget()}. */
  public static boolean fits(long params) {
    return params >= 0 && params <= nativeBudget() / BYTES_PER_PARAMETER;
  }

  /**
   * Refuses a network whose training state cannot fit in {@link #nativeBudget()}.
   *
   * @throws OutOfMemoryError naming the parameter count, the memory needed and the limit
   */
  public static void check(TrainingSpec spec, InputShape input, int classes) {
    long params = parameters(NetworkFactory.configuration(spec, input, classes, 0));
    if (!fits(params)) {
      long need = params * BYTES_PER_PARAMETER;
      long budget = nativeBudget();
      throw new OutOfMemoryError(
          String.format(
              Locale.ROOT,
              "the network has %,d parameters and needs about %,d MB to train (%d bytes per"
                  + " parameter), more than the %,d MB of native memory this JVM allows"
                  + " (org.bytedeco.javacpp.maxphysicalbytes less the heap)",
              params,
              need >> 20,
              BYTES_PER_PARAMETER,
              budget >> 20));
    }
  }
}
