package dev.rung.job.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns the first SIGINT (Ctrl-C) or SIGTERM during a sweep into a request to stop cleanly: the
 * driver stops the segments in flight, the tables keep everything recorded, the lock is released,
 * and the command exits with {@link Main#INTERRUPTED}. A second signal ends the process at once, as
 * without this handler (a killed driver loses nothing recorded either).
 */
final class StopSignals implements AutoCloseable {
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignals() {}

  /** Installs the handlers; {@link #close} restores the previous ones. */
  static StopSignals install(Consumer<String> requestStop, PrintStream out) {
    StopSignals s = new StopSignals();
    for (String name : List.of("INT", "TERM")) {
      Signal signal = new Signal(name);
      SignalHandler[] before = new SignalHandler[1];
      boolean[] seen = new boolean[1];
      try {
        before[0] =
            Signal.handle(
                signal,
                sig -> {
                  if (seen[0]) {
                    try {
                      before[0].handle(sig);
                    } catch (UnsupportedOperationException nativeHandler) {
                      System.exit(128 + sig.getNumber()); // the default: end the process
                    }
                    return;
                  }
                  seen[0] = true;
                  out.println(
                      "[rung] SIG"
                          + name
                          + ": stopping; what is recorded stays (press Ctrl-C again to quit at"
                          + " once)");
                  requestStop.accept("SIG" + name);
                });
      } catch (IllegalArgumentException e) {
        continue; // the JVM reserves this signal (e.g. with -Xrs): keep its default
      }
      s.signals.add(signal);
      s.previous.add(before[0]);
    }
    return s;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
