package dev.rung.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
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
  void aChildSeesOnlyTheGpusOfItsTaskAndIsReusedOnlyForThem() throws Exception {
    assumeTrue(ChildJvm.restrictsDevices(), "this JVM's own CUDA_VISIBLE_DEVICES is inherited");
    ChildJvm two = ChildJvm.acquire(1, "2,3");
    ChildJvm none = ChildJvm.acquire(1, null);
    try {
      assertEquals("2,3", two.call(() -> System.getenv("CUDA_VISIBLE_DEVICES"), 60_000));
      assertEquals("PCI_BUS_ID", two.call(() -> System.getenv("CUDA_DEVICE_ORDER"), 60_000));
      assertEquals(null, none.call(() -> System.getenv("CUDA_VISIBLE_DEVICES"), 60_000));
      long twoPid = two.pid();
      two.release();
      none.release();
      ChildJvm other = ChildJvm.acquire(1, "1");
      try {
        assertTrue(other.pid() != twoPid, "a child of other GPUs is not reused");
        assertEquals("1", other.call(() -> System.getenv("CUDA_VISIBLE_DEVICES"), 60_000));
      } finally {
        other.close();
      }
      ChildJvm again = ChildJvm.acquire(1, "2,3");
      assertEquals(twoPid, again.pid(), "an idle child of the same GPUs is reused");
      again.release();
    } finally {
      two.close();
      none.close();
    }
  }

  @Test
  void aPlacementSeenAloneNumbersItsGpusFromZeroAndKeepsSparksAddresses() {
    TaskPlacement p = new TaskPlacement("3", "host", "2,5", 0);
    assertEquals("2,5", p.devices(), "in the executor's JVM the addresses are the devices");
    TaskPlacement alone = p.seenAlone();
    assertEquals("0,1", alone.devices());
    assertEquals("2,5", alone.gpu(), "the segments table records Spark's addresses");
    assertEquals("0", new TaskPlacement("3", "host", "7", 1).seenAlone().devices());
    TaskPlacement cpu = new TaskPlacement("3", "host", null, 0);
    assertEquals(cpu, cpu.seenAlone());
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

  @Test
  void closingAllChildrenCollectsThemSoThatTheirCpuTimeIsCounted() throws Exception {
    Path stat = Path.of("/proc/self/stat");
    assumeTrue(Files.exists(stat), "needs Linux's /proc");
    long before = childrenTicks(stat);
    ChildJvm child = ChildJvm.acquire();
    long pid = child.pid();
    // Half a second of the child's own CPU, however busy the machine is.
    child.call(
        () -> {
          var threads = ManagementFactory.getThreadMXBean();
          long x = 0;
          while (threads.getCurrentThreadCpuTime() < 500_000_000L) {
            x += System.nanoTime() % 7;
          }
          return x;
        },
        120_000);
    child.release();
    ChildJvm.closeAll(30_000);
    assertTrue(
        ProcessHandle.of(pid).isEmpty(), "the child is gone, collected by this JVM: pid " + pid);
    long after = childrenTicks(stat);
    // The busy loop alone is 50 ticks at the usual 100 ticks per second.
    assertTrue(
        after - before >= 40,
        "the child's CPU time counts among this JVM's collected children: "
            + before
            + " -> "
            + after
            + " ticks");
  }

  /** The CPU ticks (user + system) of the children this JVM collected, from /proc/self/stat. */
  private static long childrenTicks(Path stat) throws Exception {
    String text = Files.readString(stat);
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
    // Fields 16 and 17 (cutime, cstime) are at 13 and 14 counted from field 3.
    return Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }
}
