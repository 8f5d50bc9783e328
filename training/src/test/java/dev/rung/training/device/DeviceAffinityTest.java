package dev.rung.training.device;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class DeviceAffinityTest {
  @Test
  void onTheCpuBackendPinningIsANoOp() {
    assertFalse(Backend.isGpu(), Backend.name());
    Integer before = Nd4j.getAffinityManager().getDeviceForCurrentThread();
    assertEquals(-1, DeviceAffinity.pin("0"));
    assertEquals(-1, DeviceAffinity.pin(" 3 "));
    assertEquals(before, Nd4j.getAffinityManager().getDeviceForCurrentThread());
  }

  @Test
  void addressesMustBeDeviceIndices() {
    assertEquals(2, DeviceAffinity.parse("2"));
    for (String bad : new String[] {"", "gpu0", "-1", "1.5"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DeviceAffinity.pin(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'") || bad.isEmpty(), e.getMessage());
    }
  }

  @Test
  void threadLimitIsApplied() {
    int before = Backend.threads();
    Backend.setThreads(1);
    assertEquals(1, Backend.threads());
    Backend.setThreads(before);
    assertThrows(IllegalArgumentException.class, () -> Backend.setThreads(0));
  }
}
