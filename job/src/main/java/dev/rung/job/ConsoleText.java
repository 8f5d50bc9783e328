package dev.rung.job;

/**
 * Text from user input or from an output directory (parameter values, fail reasons, paths, lock
 * owners, error messages) made safe to print on a terminal. Control characters are written as
 * escapes, so a value cannot move the cursor, rewrite a line (carriage return), change colours or
 * send other terminal commands (ESC sequences, C1 controls such as CSI), or reorder text
 * (bidirectional overrides): the value {@code a}, ESC, {@code [31mb}, CR prints as the 13
 * characters <code>a&#92;u001b[31mb&#92;r</code>.
 *
 * <p>Escaped: C0 controls (U+0000 to U+001F) as {@code \n}, {@code \r}, {@code \t} or a backslash,
 * {@code u} and four hex digits; DEL and the C1 controls (U+007F to U+009F); the line and paragraph
 * separators (U+2028, U+2029); and the bidirectional formatting characters (U+061C, U+200E, U+200F,
 * U+202A to U+202E, U+2066 to U+2069), all in the four-hex-digit form. Everything else, backslashes
 * and any other Unicode included, is printed as it is: the result is for reading, not for parsing
 * back.
 */
public final class ConsoleText {
  private ConsoleText() {}

  /** {@code value} (its {@code toString()}, or "null") on one line, every control escaped. */
  public static String of(Object value) {
    return escape(String.valueOf(value), false);
  }

  /**
   * A message of several lines, such as an error listing several problems or a stack trace: line
   * breaks and tabs kept, every other control escaped.
   */
  public static String lines(Object value) {
    return escape(String.valueOf(value), true);
  }

  private static String escape(String s, boolean keepLines) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean kept = keepLines && (c == '\n' || c == '\t');
      if (kept || !needsEscape(c)) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u061c'
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
