package dev.rung.study;

/**
 * Called by {@link Study#optimize} after each trial finishes, on the worker thread that ran it.
 * Implementations that keep state must be thread-safe when the study runs several workers.
 */
@FunctionalInterface
public interface StudyCallback {
  void afterTrial(Study study, FrozenTrial trial);
}
