package dev.rung.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The JVMs trials run in: what they get, how they end, and how short their command line is. */
class ChildJvmTest {

  @Test
  void aChildHasTheClassPathAndAShortCommandLine() throws Exception {
    ChildJvm child = ChildJvm.acquire();
    try {
      String classPath = child.call(() -> System.getProperty("java.class.path"), 60_000);
      assertEquals(
          System.getProperty("java.class.path"), classPath, "the child has the class path");
      Path cmdline = Path.of("/proc", Long.toString(child.pid()), "cmdline");
      if (Files.exists(cmdline)) {
        int length = Files.readAllBytes(cmdline).length;
        assertTrue(length < 1_024, "the class path goes through an argument file: " + length);
      }
      child.release();
    } finally {
      child.close();
    }
  }

  @Test
  void aChildGetsTheThreadCountItWasStartedForInItsEnvironment() throws Exception {
    ChildJvm two = ChildJvm.acquire(2);
    ChildJvm one = ChildJvm.acquire(1);
    try {
      assertEquals("2", two.call(() -> System.getenv("OMP_NUM_THREADS"), 60_000));
      assertEquals("1", one.call(() -> System.getenv("OMP_NUM_THREADS"), 60_000));
      long twoPid = two.pid();
      two.release();
      one.release();
      ChildJvm again = ChildJvm.acquire(2);
      assertEquals(twoPid, again.pid(), "an idle child of the same thread count is reused");
      again.release();
    } finally {
      two.close();
      one.close();
    }
  }

  @Test
  void aCallThatEndsTheJvmReportsHowItEnded() throws Exception {
    ChildJvm child = ChildJvm.acquire();
    ChildJvm.DiedException e =
        assertThrows(
            ChildJvm.DiedException.class,
            () ->
                child.call(
                    () -> {
                      System.exit(17);
                      return "unreachable";
                    },
                    60_000));
    assertEquals(17, e.exitCode());
    assertTrue(e.getMessage().contains("exit code 17"), e.getMessage());
  }

  @Test
  void aCallThatThrowsLeavesTheChildForTheNext() throws Exception {
    ChildJvm child = ChildJvm.acquire();
    try {
      ChildJvm.CallFailedException e =
          assertThrows(
              ChildJvm.CallFailedException.class,
              () ->
                  child.call(
                      () -> {
                        throw new IllegalStateException("no");
                      },
                      60_000));
      assertTrue(e.getMessage().contains("IllegalStateException: no"), e.getMessage());
      assertEquals("again", child.call(() -> "again", 60_000));
    } finally {
      child.close();
    }
  }
}
