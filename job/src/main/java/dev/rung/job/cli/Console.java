package dev.rung.job.cli;

/** Text from a sweep file or an output, made safe to print on a terminal. */
final class Console {
  private Console() {}

  /**
   * {@code text} with every control character (C0, DEL, C1: escape sequences, carriage returns,
   * newlines) written as a visible escape such as {@code \u001b}; null as "null".
   */
  static String safe(Object text) {
    return escape(String.valueOf(text), false);
  }

  /** As {@link #safe}, keeping line breaks: for messages of several lines. */
  static String safeLines(Object text) {
    return escape(String.valueOf(text), true);
  }

  private static String escape(String s, boolean keepNewlines) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean control = (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f)) && !(keepNewlines && ch == '\n');
      if (control && sb == null) {
        sb = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (sb != null) {
        if (control) {
          sb.append(String.format("\\u%04x", (int) ch));
        } else {
          sb.append(ch);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }
}
