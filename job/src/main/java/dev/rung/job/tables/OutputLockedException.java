package dev.rung.job.tables;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/** Another driver holds the lock of an output location. */
public final class OutputLockedException extends IOException {

  private final transient LockOwner holder;
  private final Duration heartbeatAge;

  OutputLockedException(
      String output, LockOwner holder, Duration heartbeatAge, Duration staleAfter) {
    super(
        "output "
            + output
            + " is in use by another driver: "
            + (holder == null ? "an owner still writing its lock file" : holder.describe())
            + ", last heartbeat "
            + seconds(heartbeatAge)
            + " ago. Its lock is taken over only once the heartbeat is older than "
            + seconds(staleAfter)
            + ": stop that driver, wait, or choose another output.");
    this.holder = holder;
    this.heartbeatAge = heartbeatAge;
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /** The holder of the lock, or null when its lock file was still being written. */
  public LockOwner holder() {
    return holder;
  }

  /** How long ago the holder's last heartbeat was. */
  public Duration heartbeatAge() {
    return heartbeatAge;
  }
}
