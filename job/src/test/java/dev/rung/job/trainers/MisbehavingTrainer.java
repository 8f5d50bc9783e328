package dev.rung.job.trainers;

import dev.rung.training.api.TrialContext;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * {@link CurveTrainer} whose trials 1 to 4 misbehave in their first epoch, each in a way that would
 * take an executor's JVM down with it or hold it forever: trial 1 calls {@code System.exit(17)},
 * trial 2 crashes the JVM in native code (a write to address 0), trial 3 starts a thread that never
 * ends and goes on normally, trial 4 hangs ignoring interrupts. Every other trial trains as {@link
 * CurveTrainer} does.
 */
public class MisbehavingTrainer extends CurveTrainer {
  private TrialContext context;

  @Override
  public void init(TrialContext context) {
    super.init(context);
    this.context = context;
  }

  @Override
  public Map<String, Double> trainEpoch(int epoch) {
    if (epoch == 0) {
      switch (context.trial()) {
        case 1 -> System.exit(17);
        case 2 -> crash();
        case 3 -> {
          Thread forever =
              new Thread(
                  () -> {
                    while (true) {
                      sleepIgnoringInterrupts();
                    }
                  },
                  "never-ends");
          forever.setDaemon(false);
          forever.start();
        }
        case 4 -> {
          while (true) {
            sleepIgnoringInterrupts();
          }
        }
        default -> {
          // trains normally
        }
      }
    }
    return super.trainEpoch(epoch);
  }

  private static void sleepIgnoringInterrupts() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException ignored) {
      // a hang that ignores interrupts
    }
  }

  private static void crash() {
    try {
      Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      ((sun.misc.Unsafe) f.get(null)).putAddress(0L, 42L);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
