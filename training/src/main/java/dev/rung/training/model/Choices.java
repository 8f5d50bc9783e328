package dev.rung.training.model;

import java.util.Arrays;
import java.util.Locale;

/** Parses a named choice (case-insensitive, '-' and '_' alike), naming the allowed values. */
final class Choices {
  private Choices() {}

  static <E extends Enum<E>> E parse(Class<E> type, String what, Object value) {
    String s = String.valueOf(value).trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        what
            + " '"
            + value
            + "' is not known; allowed: "
            + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList());
  }

  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
