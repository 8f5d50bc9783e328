package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Locations in a sweep definition are resolved once, on the driver: a relative path becomes the
 * absolute one the driver means, which every executor then uses whatever its working directory.
 */
class LocationsTest {
  private final Configuration hadoop = new Configuration();

  @Test
  void aRelativePathBecomesAbsoluteAgainstTheDriversWorkingDirectory() {
    String cwd = new File("").getAbsolutePath();
    assertEquals("file:" + cwd + "/rung-output/x", SweepCommand.qualified("rung-output/x", hadoop));
    assertEquals("file:" + cwd + "/data", SweepCommand.qualified("data/", hadoop));
  }

  @Test
  void absolutePathsAndOtherSchemesKeepTheirPlace() {
    assertEquals("file:/tmp/out", SweepCommand.qualified("/tmp/out", hadoop));
    assertEquals("file:/tmp/out", SweepCommand.qualified("file:///tmp/out", hadoop));
    assertEquals(
        "classpath:digits/train.csv", SweepCommand.qualified("classpath:digits/train.csv", hadoop));
  }
}
