package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rung.training.checkpoint.HadoopFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sweep writes for every segment on a local output (a checkpoint, table appends, the trials
 * snapshot, the fence check before the checkpoint) starts no process. Hadoop's local file system
 * without its native library sets permissions by running {@code chmod}: a fork of the whole JVM for
 * every file or directory created that way.
 *
 * <p>Processes are counted through Linux's record of the page faults of the children a process has
 * waited for ({@code cminflt} in {@code /proc/self/stat}): every program that runs takes some, and
 * Java waits for each process it starts, so the count grows with every process run and with nothing
 * else.
 */
class LocalWritesStartNoProcessTest {

  @TempDir java.nio.file.Path tmp;

  @Test
  void theProbeSeesAProcessRun() throws Exception {
    assumeTrue(Files.isReadable(java.nio.file.Path.of("/proc/self/stat")), "Linux only");
    long before = childFaults();
    assertEquals(0, new ProcessBuilder("true").start().waitFor());
    assertTrue(childFaults() > before, "a process that ran shows in the count");
  }

  @Test
  void aSegmentsWritesOnTheLocalFileSystemStartNoProcess() throws Exception {
    assumeTrue(Files.isReadable(java.nio.file.Path.of("/proc/self/stat")), "Linux only");
    FileSystem fs = Fixtures.localFs();
    Path output = new Path(tmp.toUri());
    OutputLock lock = OutputLock.acquire(fs, output, "sweep-a", Duration.ofMinutes(1));
    Tables tables = Tables.openForWriting(fs, output, Fixtures.params());
    Fence fence = lock.fence();
    byte[] state = "trained state".getBytes(StandardCharsets.UTF_8);

    long before = childFaults();
    for (int trial = 0; trial < 3; trial++) {
      fence.check();
      // A checkpoint in a directory of its own, as each trial's first one is.
      String checkpoint =
          output.toString() + "/checkpoints/trial-" + trial + "/segment-0/checkpoint.zip";
      HadoopFiles.writeAtomically(checkpoint, out -> out.write(state));
      HadoopFiles.writeAtomically(checkpoint, out -> out.write(state));
      try (InputStream in = HadoopFiles.open(checkpoint)) {
        assertArrayEquals(state, in.readAllBytes());
      }
      tables.intermediateValues().append(Fixtures.intermediates(trial, 0, 3));
      tables.segments().append(List.of(Fixtures.segment(trial, 0, SegmentOutcome.PROMOTED)));
      tables.trials().write(Fixtures.trials(trial + 1));
    }
    long after = childFaults();

    assertEquals(before, after, "processes were started while writing (their page faults)");
    assertEquals(9, Tables.readIntermediateValues(fs, output).size());
    lock.close();
  }

  /** Page faults of the children this JVM has waited for (field 11 of the line). */
  private static long childFaults() throws IOException {
    String stat = Files.readString(java.nio.file.Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[8]);
  }
}
