package dev.rung.training.data;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * Prepared data shared by every trial in a JVM (a Spark executor runs many trials): each distinct
 * {@link DataSpec} is read once, and threads asking for it meanwhile wait for that one read. A
 * failed read is not cached, so a later call retries it.
 */
public final class DataCache {
  private static final ConcurrentMap<DataSpec, CompletableFuture<PreparedData>> CACHE =
      new ConcurrentHashMap<>();

  private DataCache() {}

  /** The prepared data for {@code spec}, read on first use. */
  public static PreparedData get(DataSpec spec) {
    CompletableFuture<PreparedData> mine = new CompletableFuture<>();
    CompletableFuture<PreparedData> existing = CACHE.putIfAbsent(spec, mine);
    if (existing == null) {
      try {
        mine.complete(Datasets.prepare(spec));
      } catch (RuntimeException | Error e) {
        CACHE.remove(spec, mine);
        mine.completeExceptionally(e);
        throw e;
      }
      return mine.join();
    }
    try {
      return existing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for data " + spec.train(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("loading " + spec.train() + " failed", e.getCause());
    }
  }

  /** Whether {@code spec} is already loaded (or loading). */
  public static boolean contains(DataSpec spec) {
    return CACHE.containsKey(spec);
  }

  /** Drops every cached data set. */
  public static void clear() {
    CACHE.clear();
  }
}
