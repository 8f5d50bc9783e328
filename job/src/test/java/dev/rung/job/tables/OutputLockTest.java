package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLockTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @TempDir java.nio.file.Path tmp;

  private Path output(String name) {
    return new Path(tmp.resolve(name).toUri());
  }

  @Test
  void secondDriverIsRefusedWithTheHolderNamedUntilTheFirstReleases() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Path out = output("out");
    OutputLock first = OutputLock.acquire(fs, out, "sweep-a", MINUTE);
    OutputLockedException e =
        assertThrows(
            OutputLockedException.class, () -> OutputLock.acquire(fs, out, "sweep-b", MINUTE));
    String message = e.getMessage();
    assertTrue(message.contains(out.toString()), message);
    assertTrue(message.contains("'sweep-a'"), message);
    assertTrue(message.contains("pid " + ProcessHandle.current().pid()), message);
    assertTrue(message.contains("host " + first.owner().host()), message);
    assertTrue(message.contains("last heartbeat"), message);
    assertEquals("sweep-a", e.holder().owner());
    assertTrue(e.heartbeatAge().compareTo(MINUTE) < 0);

    first.close();
    assertFalse(first.isHeld());
    try (OutputLock second = OutputLock.acquire(fs, out, "sweep-b", MINUTE)) {
      assertTrue(second.isHeld());
    }
  }

  @Test
  void staleLockOfACrashedDriverIsTakenOverAndItsFilesRemoved() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Path out = output("out");
    writeStaleLock(fs, out, 1, Duration.ofHours(1));
    try (OutputLock lock = OutputLock.acquire(fs, out, "sweep-b", MINUTE)) {
      assertTrue(lock.isHeld());
      try (var names = Files.list(tmp.resolve("out").resolve(OutputLock.DIRECTORY))) {
        List<String> left = names.map(p -> p.getFileName().toString()).sorted().toList();
        assertTrue(left.stream().noneMatch(n -> n.startsWith("gen-0000000001")), left.toString());
        assertTrue(left.contains("gen-0000000002"), left.toString());
      }
    }
  }

  @Test
  void lockWithARecentHeartbeatButOldStartIsNotStale() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Path out = output("out");
    writeStaleLock(fs, out, 4, Duration.ofHours(1));
    LockFiles files = new LockFiles(TableFiles.raw(fs), new Path(out, OutputLock.DIRECTORY));
    fs.create(files.beat(4, Instant.now().toEpochMilli()), false).close();
    OutputLockedException e =
        assertThrows(
            OutputLockedException.class, () -> OutputLock.acquire(fs, out, "sweep-b", MINUTE));
    assertEquals("crashed", e.holder().owner());
  }

  @Test
  void lockFileStillBeingWrittenCountsAsHeld() throws IOException {
    FileSystem fs = Fixtures.localFs();
    Path out = output("out");
    LockFiles files = new LockFiles(TableFiles.raw(fs), new Path(out, OutputLock.DIRECTORY));
    fs.mkdirs(files.dir());
    TableFiles.raw(fs).create(files.generation(1), false).close(); // empty: owner not yet written
    OutputLockedException e =
        assertThrows(
            OutputLockedException.class, () -> OutputLock.acquire(fs, out, "sweep-b", MINUTE));
    assertNull(e.holder());
  }

  /**
   * Six drivers race for one stale lock, twenty times over: exactly one wins each race and the
   * others are refused (not failed otherwise).
   */
  @Test
  void driversRacingForAStaleLockCannotBothWin() throws Exception {
    FileSystem fs = Fixtures.localFs();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      for (int round = 0; round < 20; round++) {
        Path out = output("race-" + round);
        if (round % 2 == 0) {
          writeStaleLock(fs, out, 1, Duration.ofHours(1));
        } // odd rounds race for an output that was never locked
        CountDownLatch start = new CountDownLatch(1);
        List<Future<OutputLock>> results = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          String owner = "driver-" + t;
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      return OutputLock.acquire(fs, out, owner, MINUTE);
                    } catch (OutputLockedException refused) {
                      return null;
                    }
                  }));
        }
        start.countDown();
        List<OutputLock> winners = new ArrayList<>();
        for (Future<OutputLock> f : results) {
          OutputLock lock = f.get();
          if (lock != null) {
            winners.add(lock);
          }
        }
        assertEquals(1, winners.size(), "round " + round + " winners");
        winners.get(0).close();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void heartbeatKeepsTheLockFreshPastStaleAfter() throws Exception {
    FileSystem fs = Fixtures.localFs();
    Path out = output("out");
    Duration staleAfter = Duration.ofMillis(400); // heartbeat every 100 ms
    try (OutputLock lock = OutputLock.acquire(fs, out, "sweep-a", staleAfter)) {
      Thread.sleep(1_000);
      assertThrows(
          OutputLockedException.class, () -> OutputLock.acquire(fs, out, "sweep-b", staleAfter));
      assertTrue(lock.isHeld());
    }
  }

  @Test
  void stalledHolderLosesTheLockToATakeoverAndNoticesIt() throws Exception {
    FileSystem fs = Fixtures.localFs();
    Path out = output("out");
    Duration staleAfter = Duration.ofMillis(300);
    OutputLock stalled = OutputLock.acquire(fs, out, "sweep-a", staleAfter);
    stalled.pauseHeartbeat(true);
    Thread.sleep(600);
    try (OutputLock taker = OutputLock.acquire(fs, out, "sweep-b", staleAfter)) {
      stalled.pauseHeartbeat(false);
      stalled.beatNow();
      assertFalse(stalled.isHeld());
      assertThrows(IllegalStateException.class, stalled::checkHeld);
      stalled.close(); // must not release the new holder's lock
      taker.beatNow();
      assertTrue(taker.isHeld());
      assertThrows(
          OutputLockedException.class, () -> OutputLock.acquire(fs, out, "sweep-c", MINUTE));
    }
  }

  @Test
  void aStalledHolderThatWakesBeforeItsHeartbeatCannotWriteAndItsExecutorsCannotEither()
      throws Exception {
    FileSystem fs = Fixtures.localFs();
    Path out = output("fenced");
    Duration staleAfter = Duration.ofMillis(400);
    OutputLock stalled = OutputLock.acquire(fs, out, "sweep-a", staleAfter);
    Fence fence = stalled.fence();
    stalled.verify();
    fence.check();
    stalled.pauseHeartbeat(true); // frozen: no heartbeat, and (below) no beat before the write
    Thread.sleep(800);
    try (OutputLock taker = OutputLock.acquire(fs, out, "sweep-b", staleAfter)) {
      // Woken, its first act is a write: the guard looks again instead of trusting the flag.
      assertTrue(stalled.isHeld(), "no heartbeat ran, so the flag alone would still say held");
      LockLostException e = assertThrows(LockLostException.class, stalled::verify);
      assertTrue(e.getMessage().contains("lost the lock"), e.getMessage());
      assertFalse(stalled.isHeld());
      assertThrows(LockLostException.class, fence::check, "its executors are fenced too");
      taker.verify();
      taker.fence().check();
      Tables tables = Tables.openForWriting(fs, out, Fixtures.params(), taker::verify);
      tables.intermediateValues().append(Fixtures.intermediates(0, 0, 2));
      assertThrows(
          LockLostException.class,
          () -> Tables.openForWriting(fs, out, Fixtures.params(), stalled::verify));
      stalled.close();
    }
  }

  @Test
  void aStalledTableWriterPublishesNothingOnceItLostTheLock() throws Exception {
    FileSystem fs = Fixtures.localFs();
    Path out = output("fenced-writer");
    Duration staleAfter = Duration.ofMillis(400);
    OutputLock stalled = OutputLock.acquire(fs, out, "sweep-a", staleAfter);
    Tables tables = Tables.openForWriting(fs, out, Fixtures.params(), stalled::verify);
    tables.intermediateValues().append(Fixtures.intermediates(0, 0, 1));
    stalled.pauseHeartbeat(true);
    Thread.sleep(800);
    try (OutputLock taker = OutputLock.acquire(fs, out, "sweep-b", staleAfter)) {
      List<IntermediateValueRow> before = Tables.readIntermediateValues(fs, out);
      assertThrows(
          LockLostException.class,
          () -> tables.intermediateValues().append(Fixtures.intermediates(0, 1, 2)));
      assertThrows(LockLostException.class, () -> tables.trials().write(Fixtures.trials(2)));
      assertEquals(before, Tables.readIntermediateValues(fs, out), "nothing was published");
      assertTrue(taker.isHeld());
      stalled.close();
    }
  }

  @Test
  void staleAfterMustBePositive() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OutputLock.acquire(Fixtures.localFs(), output("o"), "x", Duration.ZERO));
    assertTrue(e.getMessage().contains("staleAfter"), e.getMessage());
  }

  /** A lock left by a driver that crashed {@code age} ago: owner file and one old heartbeat. */
  private static void writeStaleLock(FileSystem fs, Path out, long generation, Duration age)
      throws IOException {
    FileSystem raw = TableFiles.raw(fs);
    LockFiles files = new LockFiles(raw, new Path(out, OutputLock.DIRECTORY));
    raw.mkdirs(files.dir());
    Instant then = Instant.now().minus(age);
    LockOwner crashed = new LockOwner("crashed", "old-host", 99, then);
    assertTrue(OutputLock.createExclusive(raw, files.generation(generation), crashed.encode()));
    raw.create(files.beat(generation, then.plusSeconds(5).toEpochMilli()), false).close();
  }
}
