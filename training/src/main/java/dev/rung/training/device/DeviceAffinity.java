package dev.rung.training.device;

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
