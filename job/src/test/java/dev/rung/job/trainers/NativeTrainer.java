package dev.rung.job.trainers;

import dev.rung.training.api.Trainer;
import dev.rung.training.api.TrialContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainer that loads a native library (ND4J's, through JavaCPP) in the JVM that trains it and
 * reports, as {@code cmdline_bytes}, the length of that JVM's command line ({@code
 * /proc/self/cmdline}): some native libraries crash a JVM whose command line is longer than a few
 * kilobytes, so the launcher must keep it short wherever a trainer runs.
 */
public class NativeTrainer implements Trainer {
  private TrialContext context;

  @Override
  public void init(TrialContext context) {
    this.context = context;
  }

  @Override
  public Map<String, Double> trainEpoch(int epoch) throws IOException {
    double sum = Nd4j.ones(4, 4).mul(context.doubleParam("lr", 0.5)).sumNumber().doubleValue();
    double cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline")).length;
    return Map.of("cmdline_bytes", cmdline, "val_accuracy", sum / 16);
  }

  @Override
  public void save(OutputStream out) {}

  @Override
  public void restore(InputStream in) {}
}
