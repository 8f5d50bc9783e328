package dev.rung.job;

/** Looking through an exception's causes, as Spark hands back a task's exception inside its own. */
public final class Causes {
  private Causes() {}

  /** The first of {@code e} and its causes that is a {@code type}, or null. */
  public static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** Whether {@code e} or one of its causes is a {@code type}. */
  public static boolean has(Throwable e, Class<? extends Throwable> type) {
    return find(e, type) != null;
  }
}
