package dev.rung.training.model;

import dev.rung.training.data.InputShape;
import dev.rung.training.device.Backend;
import dev.rung.training.device.DeviceMemory;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A check made before a network is built: whether training it fits in the memory of the device it
 * trains on.
 *
 * <p>On the CPU, ND4J keeps arrays off the Java heap. JavaCPP stops a process whose resident memory
 * passes {@code org.bytedeco.javacpp.maxphysicalbytes} (twice the heap unless set) with an {@link
 * OutOfMemoryError}, but only at its next allocation: one huge allocation, touched at once by
 * weight initialization, can exhaust the machine first and have the kernel kill the JVM. On a GPU
 * the device's memory is the limit, and running out of it crashes in native code. So a network is
 * refused before anything is allocated when its parameters, their gradients and updater state, and
 * the activations and working memory of one mini-batch (DL4J's memory report) do not fit.
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
   * What training the network {@code conf} describes takes, on one device, at mini-batch size
   * {@code batch}: from DL4J's memory report when it covers every layer (parameters, their
   * gradients, updater state, activations, their gradients and working memory), otherwise from the
   * parameters alone.
   */
  public record Need(long parameters, long totalBytes, boolean fromReport) {
    /** The parameters, their gradients and the updater state. */
    public long stateBytes() {
      return parameters * BYTES_PER_PARAMETER;
    }

    /** The activations and working memory: the part that grows with the mini-batch. */
    public long activationBytes() {
      return totalBytes - stateBytes();
    }
  }

  /**
   * What training {@code conf} on {@code input} examples takes at mini-batch size {@code batch}.
   */
  public static Need need(MultiLayerConfiguration conf, InputShape input, int batch) {
    long params = parameters(conf);
    long state = params * BYTES_PER_PARAMETER;
    try {
      long total =
          conf.getMemoryReport(inputType(input))
              .getTotalMemoryBytes(batch, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT);
      return new Need(params, Math.max(state, total), true);
    } catch (RuntimeException e) {
      // A layer DL4J has no report for: the parameters are still known.
      return new Need(params, state, false);
    }
  }

  private static InputType inputType(InputShape input) {
    return input.isImage()
        ? InputType.convolutionalFlat(input.height(), input.width(), input.channels())
        : InputType.feedForward(input.features());
  }

  /**
   * The memory training may take on the device a trial trains on, {@code bytes}, and how many of
   * the trial's replicas share it: a GPU's total memory (the smallest of a data-parallel trial's
   * GPUs), each holding one replica; or on the CPU {@link #nativeBudget()}, which all replicas
   * share.
   */
  public record Budget(long bytes, String what, int sharedBy) {}

  /** The budget of this JVM for {@code replicas} replicas of a network. */
  public static Budget budget(int replicas) {
    if (Backend.isGpu()) {
      long smallest = Long.MAX_VALUE;
      for (int d = 0; d < replicas; d++) {
        smallest = Math.min(smallest, DeviceMemory.totalBytes(d));
      }
      return new Budget(
          smallest,
          replicas == 1
              ? "memory of its GPU"
              : "memory of the smallest of its " + replicas + " GPUs",
          1);
    }
    return new Budget(
        nativeBudget(),
        "native memory this JVM allows (org.bytedeco.javacpp.maxphysicalbytes less the heap)",
        replicas);
  }

  /**
   * Refuses a network whose training cannot fit in this JVM's {@link #budget}: on a GPU its need
   * against each device's memory, on the CPU {@code replicas} times its need against the native
   * memory.
   *
   * @throws OutOfMemoryError naming the parameter count, the mini-batch size, the memory needed and
   *     the limit
   */
  public static void check(TrainingSpec spec, InputShape input, int classes, int replicas) {
    MultiLayerConfiguration conf = NetworkFactory.configuration(spec, input, classes, 0);
    check(need(conf, input, spec.batchSize()), spec.batchSize(), budget(replicas));
  }

  /** Refuses {@code need} (at mini-batch size {@code batch}) when it exceeds {@code budget}. */
  static void check(Need need, int batch, Budget budget) {
    long per = need.totalBytes();
    long all = per > Long.MAX_VALUE / budget.sharedBy() ? Long.MAX_VALUE : per * budget.sharedBy();
    if (all <= budget.bytes()) {
      return;
    }
    String parts =
        need.fromReport()
            ? String.format(
                Locale.ROOT,
                " at mini-batch size %d (%,d MB of parameters, gradients and updater state and %,d"
                    + " MB of activations and working memory, from DL4J's memory report)",
                batch,
                need.stateBytes() >> 20,
                need.activationBytes() >> 20)
            : String.format(
                Locale.ROOT,
                " (%d bytes per parameter; activations not counted)",
                BYTES_PER_PARAMETER);
    String replicas =
        budget.sharedBy() > 1
            ? String.format(
                Locale.ROOT, ", %d replicas for data-parallel training", budget.sharedBy())
            : "";
    throw new OutOfMemoryError(
        String.format(
            Locale.ROOT,
            "the network has %,d parameters and needs about %,d MB to train%s%s, more than the %,d"
                + " MB of %s",
            need.parameters(),
            all >> 20,
            parts,
            replicas,
            budget.bytes() >> 20,
            budget.what()));
  }
}
