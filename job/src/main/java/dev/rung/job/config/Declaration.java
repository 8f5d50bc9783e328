package dev.rung.job.config;

import java.util.List;

/**
 * One entry of {@link Settings}: a setting, or a block of settings. Both have a path under {@code
 * rung} and the documentation the reference file writes above them.
 */
public sealed interface Declaration permits Setting, Declaration.Section {

  /** The path under {@code rung}, e.g. {@code sampler.tpe.candidates}. */
  String path();

  /** The comment lines written above it in the reference file (none: an empty list). */
  List<String> doc();

  /** The full key, e.g. {@code rung.sampler.tpe.candidates}. */
  default String key() {
    return Settings.ROOT + "." + path();
  }

  /** The last part of the path, e.g. {@code candidates}. */
  default String name() {
    return path().substring(path().lastIndexOf('.') + 1);
  }

  /**
   * A block: the settings declared after it with paths under it belong to it. A free block ({@code
   * space}, {@code model.options}) holds whatever keys the user writes, read by code of its own.
   *
   * @param path the block's path under {@code rung}
   * @param doc the comment lines above it
   * @param free whether any key under it is allowed
   */
  record Section(String path, List<String> doc, boolean free) implements Declaration {
    /** Copies the doc lines. */
    public Section {
      doc = List.copyOf(doc);
    }
  }

  /** The lines of {@code text}; none for an empty text. */
  static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
  }
}
