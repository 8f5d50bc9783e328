package dev.rung.training.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.data.InputShape;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The memory check before a network is built: it counts the activations and working memory of a
 * mini-batch (DL4J's memory report) besides the parameters, against the device's memory, and the
 * replicas of a data-parallel trial that share the CPU's.
 */
class MemoryEstimateTest {
  private static final InputShape IMAGE = InputShape.image(3, 32, 32);

  private static TrainingSpec cnn(int batch) {
    return new TrainingSpec(
        new CnnSpec(
            List.of(new ConvLayerSpec(64, 3, true), new ConvLayerSpec(128, 3, true)),
            ActivationKind.RELU,
            true,
            false,
            64,
            0),
        OptimizerSpec.adam(1e-3),
        batch,
        WeightInitKind.HE,
        null);
  }

  private static MemoryEstimate.Need need(int batch) {
    MultiLayerConfiguration conf = NetworkFactory.configuration(cnn(batch), IMAGE, 10, 0);
    return MemoryEstimate.need(conf, IMAGE, batch);
  }

  @Test
  void theReportAddsActivationsThatGrowWithTheBatch() {
    MemoryEstimate.Need small = need(16);
    MemoryEstimate.Need large = need(256);
    assertTrue(small.fromReport(), "DL4J reports on every layer of the CNN");
    assertEquals(small.parameters(), large.parameters(), "the batch does not change the network");
    // 64 maps of 32x32 floats per example in the first convolution alone: 256 KB.
    assertTrue(
        large.activationBytes() > 256L * 256 * 1024,
        "activations of 256 examples: " + large.activationBytes());
    assertTrue(
        large.activationBytes() > 8 * small.activationBytes(),
        small.activationBytes() + " -> " + large.activationBytes());
  }

  @Test
  void aNetworkWhoseActivationsDoNotFitIsRefusedNamingTheBatch() {
    MemoryEstimate.Need n = need(256);
    long between = (n.stateBytes() + n.totalBytes()) / 2;
    OutOfMemoryError e =
        assertThrows(
            OutOfMemoryError.class,
            () ->
                MemoryEstimate.check(
                    n, 256, new MemoryEstimate.Budget(between, "memory of its GPU", 1)));
    String m = e.getMessage();
    assertTrue(m.startsWith("the network has "), m);
    assertTrue(m.contains("at mini-batch size 256"), m);
    assertTrue(m.contains("MB of activations and working memory, from DL4J's memory report"), m);
    assertTrue(m.contains("MB of memory of its GPU"), m);
    assertDoesNotThrow(
        () ->
            MemoryEstimate.check(
                n, 256, new MemoryEstimate.Budget(n.totalBytes(), "memory of its GPU", 1)));
  }

  @Test
  void replicasOnTheCpuShareItsMemory() {
    MemoryEstimate.Need n = need(32);
    long oneAndAHalf = n.totalBytes() * 3 / 2;
    assertDoesNotThrow(
        () -> MemoryEstimate.check(n, 32, new MemoryEstimate.Budget(oneAndAHalf, "native", 1)));
    OutOfMemoryError e =
        assertThrows(
            OutOfMemoryError.class,
            () -> MemoryEstimate.check(n, 32, new MemoryEstimate.Budget(oneAndAHalf, "native", 2)));
    assertTrue(e.getMessage().contains("2 replicas for data-parallel training"), e.getMessage());
    MemoryEstimate.Budget cpu = MemoryEstimate.budget(3);
    assertEquals(3, cpu.sharedBy(), "on the CPU backend the replicas share the native memory");
    assertEquals(MemoryEstimate.nativeBudget(), cpu.bytes());
  }
}
