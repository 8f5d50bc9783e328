package dev.rung.job.trainers;

import dev.rung.study.Seeds;
import dev.rung.training.api.ModelOutput;
import dev.rung.training.api.Trainer;
import dev.rung.training.api.TrialContext;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;

/**
 * A trainer without a network: a noisy learning curve whose state is the epochs trained and a
 * "skill" that each epoch moves towards a ceiling set by the parameters {@code lr} and {@code
 * width}, plus noise drawn from the trial seed and the epoch. The value after n epochs depends on
 * every earlier epoch through the skill, so a trial resumed from a wrong or missing state reports
 * different values than {@link #curve} computes straight through.
 *
 * <p>For the tests' eyes only, every epoch, save and restore is logged in {@link #EVENTS} (local
 * Spark runs the executors in the test's JVM).
 */
public class CurveTrainer implements Trainer {
  /** What happened to a trial's trainer, in order. */
  public record Event(int trial, String kind, int epochs, double skill) {}

  /** Every epoch trained, save and restore of every instance in this JVM. */
  public static final ConcurrentLinkedQueue<Event> EVENTS = new ConcurrentLinkedQueue<>();

  private static final long NOISE = Seeds.hash("curve-noise");

  private TrialContext context;
  private int epochs;
  private double skill;

  @Override
  public void init(TrialContext context) {
    this.context = context;
  }

  @Override
  public Map<String, Double> trainEpoch(int epoch) {
    if (epoch != epochs) {
      throw new IllegalStateException("asked for epoch " + epoch + " with " + epochs + " trained");
    }
    skill = step(context.params(), context.seed(), epoch, skill);
    epochs++;
    EVENTS.add(new Event(context.trial(), "epoch", epochs, skill));
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("val_accuracy", skill);
    m.put("val_loss", 1 - skill);
    m.put("train_loss", 1.1 - skill);
    m.put("skill_squared", skill * skill);
    return m;
  }

  @Override
  public void save(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(epochs);
    data.writeDouble(skill);
    data.flush();
    EVENTS.add(new Event(context.trial(), "save", epochs, skill));
  }

  @Override
  public void restore(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    epochs = data.readInt();
    skill = data.readDouble();
    EVENTS.add(new Event(context.trial(), "restore", epochs, skill));
  }

  @Override
  public Map<String, Double> test() {
    return Map.of("test_accuracy", skill - 0.01);
  }

  @Override
  public void export(ModelOutput output) throws IOException {
    try (OutputStream out = output.create("curve.txt")) {
      out.write(("epochs=" + epochs + " skill=" + skill + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The curve's values after 1, 2, ... {@code n} epochs, trained straight through. */
  public static double[] curve(Map<String, Object> params, long seed, int n) {
    double[] out = new double[n];
    double s = 0;
    for (int e = 0; e < n; e++) {
      s = step(params, seed, e, s);
      out[e] = s;
    }
    return out;
  }

  /** The events logged for {@code trial}, in order. */
  public static List<Event> events(int trial) {
    return EVENTS.stream().filter(e -> e.trial() == trial).toList();
  }

  private static double step(Map<String, Object> params, long seed, int epoch, double skill) {
    double lr = ((Number) Objects.requireNonNull(params.get("lr"), "lr")).doubleValue();
    int width = ((Number) params.getOrDefault("width", 32)).intValue();
    // The best learning rate is 0.01 and wider is better; each epoch closes part of the gap.
    double ceiling = 0.95 - 0.1 * Math.abs(Math.log10(lr) + 2) - 2.0 / width;
    RandomGenerator noise = Seeds.rng(seed, NOISE, epoch);
    return skill + 0.4 * (ceiling - skill) + 0.01 * noise.nextGaussian();
  }
}
