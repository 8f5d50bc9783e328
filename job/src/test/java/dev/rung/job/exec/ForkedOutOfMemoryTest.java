package dev.rung.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Trials that exhaust memory, each in a JVM of its own with small limits (JavaCPP reads its limits
 * when its classes load, so they are set at the JVM's start): the segment ends FAILED with "out of
 * memory" and the JVM, an executor's stand-in, lives on to run the next segment.
 */
class ForkedOutOfMemoryTest {
  private static final String CONF = new File("../conf/digits.conf").getAbsolutePath();

  private static List<String> run(List<String> jvmOptions, String... segments) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.add(OversizedTrial.class.getName());
    cmd.add(CONF);
    cmd.addAll(List.of(segments));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the JVM ended");
      assertEquals(0, p.exitValue(), out);
      List<String> lines = out.lines().filter(l -> l.matches("[A-Z]+\\|.*")).toList();
      assertEquals(segments.length, lines.size(), out);
      return lines;
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * With 768 MB of resident memory allowed and a 256 MB heap (512 MB native), a hidden layer of 4
   * million units (300 million parameters) is refused before anything is allocated, and a trial of
   * 64 units run after it in the same JVM trains.
   */
  @Test
  void aNetworkTooLargeForTheNativeLimitFailsAloneBeforeAllocating() throws Exception {
    List<String> lines =
        run(List.of("-Xmx256m", "-Dorg.bytedeco.javacpp.maxphysicalbytes=768m"), "4000000", "64");
    assertTrue(
        lines
            .get(0)
            .startsWith("FAILED|out of memory: the network has 300,000,010 parameters and needs"),
        lines.get(0));
    assertTrue(lines.get(0).contains("more than the 512 MB of native memory"), lines.get(0));
    assertEquals("FINISHED|null", lines.get(1));
  }

  /** A segment that fills a 96 MB heap fails alone; the next segment in the JVM trains. */
  @Test
  void aFullJavaHeapFailsTheSegmentAlone() throws Exception {
    List<String> lines = run(List.of("-Xmx96m"), "heap", "64");
    assertTrue(lines.get(0).startsWith("FAILED|out of memory: Java heap space"), lines.get(0));
    assertEquals("FINISHED|null", lines.get(1));
  }
}
