package dev.rung.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ConsoleTextTest {

  @Test
  void ansiSequencesAndCarriageReturnsPrintEscaped() {
    assertEquals("a\\u001b[31mb\\r", ConsoleText.of("a\u001b[31mb\r"));
    assertEquals("x\\u001b]0;title\\u0007y", ConsoleText.of("x\u001b]0;title\u0007y"));
  }

  @Test
  void everyC0DelAndC1ControlIsEscaped() {
    for (char c = 0; c < 0xa0; c++) {
      String escaped = ConsoleText.of(String.valueOf(c));
      boolean control = c < 0x20 || c >= 0x7f;
      String expected =
          switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> control ? String.format("\\u%04x", (int) c) : String.valueOf(c);
          };
      assertEquals(expected, escaped, "U+" + Integer.toHexString(c));
    }
  }

  @Test
  void lineSeparatorsAndBidirectionalOverridesAreEscaped() {
    assertEquals("a\\u2028b\\u2029c", ConsoleText.of("a\u2028b\u2029c"));
    assertEquals(
        "\\u202eevil\\u202c \\u2066x\\u2069", ConsoleText.of("\u202eevil\u202c \u2066x\u2069"));
  }

  @Test
  void messagesOfSeveralLinesKeepTheirLinesButNothingElse() {
    assertEquals(
        "errors:\n\t- a\\u001b[2Jb\\r\n", ConsoleText.lines("errors:\n\t- a\u001b[2Jb\r\n"));
    assertEquals("one\\ntwo", ConsoleText.of("one\ntwo"));
  }

  @Test
  void ordinaryTextIsLeftAsItIs() {
    String plain = "/tmp/rung out/é漢字 \\ \"quoted\" {lr=0.01}";
    assertSame(plain, ConsoleText.of(plain));
    assertEquals("null", ConsoleText.of(null));
    assertEquals("{a=1\\r}", ConsoleText.of(java.util.Map.of("a", "1\r")));
  }
}
