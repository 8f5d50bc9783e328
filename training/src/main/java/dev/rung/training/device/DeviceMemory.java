package dev.rung.training.device;

import org.nd4j.nativeblas.NativeOpsHolder;

/** The memory of the GPUs this process sees, as their driver reports it. */
public final class DeviceMemory {
  private DeviceMemory() {}

  /**
   * The total memory of device {@code device} (numbered as this process sees its devices).
   *
   * @throws IllegalStateException on the CPU backend, which has no device memory of its own
   */
  public static long totalBytes(int device) {
    if (!Backend.isGpu()) {
      throw new IllegalStateException("ND4J runs on the CPU (" + Backend.name() + "): no device");
    }
    return NativeOpsHolder.getInstance().getDeviceNativeOps().getDeviceTotalMemory(device);
  }
}
