package dev.rung.training.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which backend loads, and what is said when it cannot. */
class BackendTest {

  @Test
  void theDefaultBuildLoadsTheCpuBackend() {
    assertFalse(Backend.isCudaBuild(), "the default build has no CUDA backend on its class path");
    Backend.ensureLoaded();
    Backend.ensureLoaded(); // a second call answers at once
    assertEquals("CpuBackend", Backend.name());
    assertFalse(Backend.isGpu());
  }

  @Test
  void aCudaBuildWithoutCudaNamesTheMissingLibraryAndWhatAMachineNeeds() {
    String m =
        Backend.explain(
            true,
            "gpu-node-7",
            "libcuda.so.1: cannot open shared object file: No such file or directory",
            "NoAvailableBackendException: Please ensure that you have an nd4j backend");
    assertTrue(m.startsWith("ND4J's CUDA backend cannot load on gpu-node-7: libcuda.so.1"), m);
    for (String needed :
        new String[] {
          "NVIDIA driver", "CUDA 11.6", "cuDNN 8.3", "-Pcuda", "docs/training.md#gpus"
        }) {
      assertTrue(m.contains(needed), needed + " in: " + m);
    }
    assertFalse(m.contains("NoAvailableBackendException"), "the missing library says more: " + m);
  }

  @Test
  void whenTheMissingLibraryIsUnknownNd4jsOwnReasonIsGiven() {
    String m = Backend.explain(true, "h", null, "NoAvailableBackendException: no backend");
    assertTrue(m.contains("h: NoAvailableBackendException: no backend"), m);
    String cpu = Backend.explain(false, "h", null, "UnsatisfiedLinkError: libgomp.so.1");
    assertTrue(cpu.startsWith("ND4J's CPU backend cannot load on h: UnsatisfiedLinkError"), cpu);
    assertFalse(cpu.contains("CUDA"), cpu);
  }
}
