package dev.rung.training.device;

import java.util.BitSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pins the calling thread's ND4J work to one GPU, given the address string Spark hands a task
 * ({@code TaskContext.get().resources().get("gpu").addresses()}, e.g. {@code "1"}). With the CUDA
 * backend every array the thread creates afterwards lives on that device; with the CPU backend the
 * call only checks the address and logs that there is nothing to pin.
 */
public final class DeviceAffinity {
  private static final System.Logger LOG = System.getLogger(DeviceAffinity.class.getName());

  private DeviceAffinity() {}

  /**
   * Pins the current thread to device {@code address}.
   *
   * @return the device index pinned, or -1 on the CPU backend
   * @throws IllegalArgumentException if the address is not a device index (or, on a GPU, not one of
   *     the visible devices)
   */
  public static int pin(String address) {
    int device = parse(address);
    if (!Backend.isGpu()) {
      LOG.log(
          System.Logger.Level.INFO,
          "ND4J runs on the CPU ({0}); GPU address {1} ignored",
          Backend.name(),
          address);
      return -1;
    }
    int devices = Nd4j.getAffinityManager().getNumberOfDevices();
    if (device >= devices) {
      throw new IllegalArgumentException(
          "GPU address '"
              + address
              + "' is not a visible device: ND4J sees "
              + devices
              + " device(s), 0.."
              + (devices - 1));
    }
    Nd4j.getAffinityManager().unsafeSetDevice(device);
    LOG.log(System.Logger.Level.INFO, "ND4J work of this thread pinned to GPU {0}", device);
    return device;
  }

  /**
   * Takes the GPUs a task was given ({@code "0"}, or several such as {@code "0,1"}) for one trial:
   * pins the calling thread to a single GPU, or checks that several can hold one replica each of a
   * data-parallel trial. Rung's data-parallel training ({@code DataParallel}) places replica {@code
   * i} on device {@code i} of those the process sees, so several GPUs must be every device the
   * process sees, numbered {@code 0..k-1}: a trial's own JVM (execution.isolation = process) is
   * started seeing exactly its task's GPUs. On the CPU backend the addresses are only checked, and
   * each stands for a replica trained on a thread.
   *
   * @param addresses the task's GPU addresses, comma-separated; null or blank for none
   * @return the number of replicas to train: 1 for none or one GPU
   * @throws IllegalArgumentException for an address that is not a device index, a repeated one, or
   *     GPUs the process does not see as its only devices
   */
  public static int claim(String addresses) {
    if (addresses == null || addresses.isBlank()) {
      return 1;
    }
    String[] parts = addresses.split(",");
    if (parts.length == 1) {
      pin(parts[0]);
      return 1;
    }
    BitSet seen = new BitSet();
    for (String a : parts) {
      int d = parse(a);
      if (seen.get(d)) {
        throw new IllegalArgumentException(
            "GPU address " + d + " appears twice in the task's GPUs '" + addresses + "'");
      }
      seen.set(d);
    }
    if (!Backend.isGpu()) {
      LOG.log(
          System.Logger.Level.INFO,
          "ND4J runs on the CPU ({0}); GPUs {1}: {2} replicas trained on threads",
          Backend.name(),
          addresses,
          parts.length);
      return parts.length;
    }
    int devices = Nd4j.getAffinityManager().getNumberOfDevices();
    if (devices != parts.length || seen.nextClearBit(0) != parts.length) {
      throw new IllegalArgumentException(
          "the task's GPUs '"
              + addresses
              + "' cannot train one trial data-parallel in this process, which sees "
              + devices
              + " device(s): data-parallel training puts its replicas on devices 0.."
              + (parts.length - 1)
              + " of those the process sees, so the task's GPUs must be all of them; trials with"
              + " several GPUs train in a JVM of their own that sees only those"
              + " (execution.isolation = process)");
    }
    return parts.length;
  }

  /** The device index in a Spark GPU address such as {@code "0"} or {@code " 3 "}. */
  static int parse(String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("a GPU address must be a device index such as \"0\"");
    }
    try {
      int d = Integer.parseInt(address.trim());
      if (d < 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "GPU address '" + address + "' is not allowed: it must be a device index >= 0");
    }
  }
}
