package dev.rung.training.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.api.ModelOutput;
import dev.rung.training.api.Trainer;
import dev.rung.training.api.TrialContext;
import dev.rung.training.checkpoint.CheckpointException;
import dev.rung.training.checkpoint.CheckpointZip;
import dev.rung.training.hostile.Gadget;
import dev.rung.training.hostile.Zips;
import dev.rung.training.loop.EpochMetrics;
import dev.rung.training.loop.EpochReporter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's trainer run in segments: save, restore, stop early, test and export. */
class TrainerTaskTest {

  /** A random walk whose state is its position and a random generator seeded per epoch. */
  public static class WalkTrainer implements Trainer {
    private long seed;
    private double position;
    private int epochs;

    @Override
    public void init(TrialContext context) {
      seed = context.seed();
      position = context.doubleParam("start", 0);
    }

    @Override
    public Map<String, Double> trainEpoch(int epoch) {
      position += new SplittableRandom(seed * 31 + epoch).nextGaussian();
      epochs++;
      return Map.of("position", position);
    }

    @Override
    public void save(OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeDouble(position);
      d.writeInt(epochs);
      d.close(); // Rung's checkpoint must survive a trainer that closes its stream
    }

    @Override
    public void restore(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      position = d.readDouble();
      epochs = d.readInt();
    }

    @Override
    public Map<String, Double> test() {
      return Map.of("test_position", position, "test_epochs", (double) epochs);
    }

    @Override
    public void export(ModelOutput output) throws IOException {
      try (OutputStream out = output.create("walk.txt")) {
        out.write(Double.toString(position).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Records the positions; stops after {@code stopAfter} epochs when positive. */
  private static final class Recorder implements EpochReporter {
    final List<Double> positions = new ArrayList<>();
    final int stopAfter;

    Recorder(int stopAfter) {
      this.stopAfter = stopAfter;
    }

    @Override
    public void report(EpochMetrics m) {
      positions.add(m.values().get("position"));
    }

    @Override
    public boolean shouldPrune() {
      return stopAfter > 0 && positions.size() >= stopAfter;
    }
  }

  private static TrialContext context(long seed) {
    return new TrialContext(
        3,
        Map.of("start", 1.5),
        seed,
        5,
        null,
        () -> {
          throw new IllegalStateException("no data");
        });
  }

  private static List<Double> run(TrainerTask task, int stopAfter) throws Exception {
    Recorder r = new Recorder(stopAfter);
    task.run(r);
    return r.positions;
  }

  @Test
  void segmentsContinueTheSavedStateExactly(@TempDir Path dir) throws Exception {
    String first = dir.resolve("rung-2.ckpt").toString();
    String second = dir.resolve("rung-5.ckpt").toString();
    List<Double> straight =
        run(new TrainerTask(WalkTrainer.class, context(7), 0, 5, null, null), 0);
    List<Double> pieces = new ArrayList<>();
    pieces.addAll(run(new TrainerTask(WalkTrainer.class, context(7), 0, 2, null, first), 0));
    pieces.addAll(run(new TrainerTask(WalkTrainer.class, context(7), 2, 5, first, second), 0));
    assertEquals(straight, pieces);

    Map<String, Double> test =
        TrainerTask.testAndExport(
            WalkTrainer.class,
            context(7),
            5,
            second,
            dir.resolve("model").toString(),
            Map.of("position", 0.5));
    assertEquals(0.5, test.get("position"), "the tuning metrics come first");
    assertEquals(straight.get(4), test.get("test_position"));
    assertEquals(5.0, test.get("test_epochs"));
    assertEquals(Double.toString(straight.get(4)), Files.readString(dir.resolve("model/walk.txt")));
    String meta = Files.readString(dir.resolve("model/model.json"));
    assertTrue(meta.contains("\"trainer\": \"" + WalkTrainer.class.getName() + "\""), meta);
  }

  @Test
  void aStoppedSegmentSavesNothing(@TempDir Path dir) throws Exception {
    String out = dir.resolve("never.ckpt").toString();
    int trained =
        new TrainerTask(WalkTrainer.class, context(7), 0, 4, null, out).run(new Recorder(2));
    assertEquals(2, trained);
    assertFalse(Files.exists(dir.resolve("never.ckpt")));
  }

  @Test
  void aCheckpointOfAnotherTrialOrEpochIsRefused(@TempDir Path dir) throws Exception {
    String saved = dir.resolve("a.ckpt").toString();
    run(new TrainerTask(WalkTrainer.class, context(7), 0, 2, null, saved), 0);
    CheckpointException otherSeed =
        assertThrows(
            CheckpointException.class,
            () -> run(new TrainerTask(WalkTrainer.class, context(8), 2, 3, saved, null), 0));
    assertTrue(otherSeed.getMessage().contains("seed 7"), otherSeed.getMessage());
    CheckpointException otherEpoch =
        assertThrows(
            CheckpointException.class,
            () -> run(new TrainerTask(WalkTrainer.class, context(7), 3, 4, saved, null), 0));
    assertTrue(otherEpoch.getMessage().contains("at epoch 2"), otherEpoch.getMessage());
  }

  @Test
  void aCheckpointWithEntriesRungDoesNotWriteIsRefusedBeforeTheTrainerReadsIt(@TempDir Path dir)
      throws Exception {
    String saved = dir.resolve("a.ckpt").toString();
    run(new TrainerTask(WalkTrainer.class, context(7), 0, 2, null, saved), 0);
    List<Zips.Entry> valid = Zips.entries(Files.readAllBytes(Path.of(saved)));
    Zips.Entry gadget = new Zips.Entry("preprocessor.bin", Zips.serialized(new Gadget()));
    Gadget.RAN.set(0);
    for (int at : new int[] {0, 1, 2}) {
      Path crafted = dir.resolve("crafted-" + at + ".ckpt");
      Files.write(crafted, Zips.zip(Zips.inserted(valid, at, gadget)));
      CheckpointException e =
          assertThrows(
              CheckpointException.class,
              () ->
                  run(
                      new TrainerTask(
                          WalkTrainer.class, context(7), 2, 3, crafted.toString(), null),
                      0));
      assertTrue(
          e.getMessage().startsWith("checkpoint " + crafted + ": holds preprocessor.bin"),
          e.getMessage());
    }
    assertEquals(0, Gadget.RAN.get());
    // Rung's own part is text, read with a bound: a huge state.properties is refused unread.
    byte[] huge = new byte[CheckpointZip.MAX_PROPERTIES_BYTES + 1];
    Path big = dir.resolve("big.ckpt");
    Files.write(big, Zips.zip(Zips.with(valid, "state.properties", huge)));
    CheckpointException e =
        assertThrows(
            CheckpointException.class,
            () ->
                run(new TrainerTask(WalkTrainer.class, context(7), 2, 3, big.toString(), null), 0));
    assertTrue(e.getMessage().contains("state.properties larger than"), e.getMessage());
  }

  @Test
  void whatTheTrainerThrowsReachesTheCaller() {
    class Broken extends IllegalStateException {
      private static final long serialVersionUID = 1L;
    }
    assertThrows(
        Broken.class,
        () ->
            new TrainerTask(WalkTrainer.class, context(7), 0, 1, null, null)
                .run(
                    new EpochReporter() {
                      @Override
                      public void report(EpochMetrics m) {
                        throw new Broken();
                      }

                      @Override
                      public boolean shouldPrune() {
                        return false;
                      }
                    }));
  }
}
