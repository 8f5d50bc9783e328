package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rung.training.checkpoint.CheckpointException;
import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void aRefusedCheckpointIsFoundAsTheCauseOrInTheMessageOfSparksException() {
    CheckpointException refused = new CheckpointException("/o/c", "holds x", null);
    assertEquals(
        "checkpoint /o/c: holds x",
        Summary.refusedCheckpoint(new IllegalStateException("job aborted", refused)));
    RuntimeException onlyText =
        new RuntimeException(
            "Job aborted due to stage failure: Lost task 0.0: "
                + CheckpointException.class.getName()
                + ": checkpoint /o/c: holds x\n\tat dev.rung...");
    assertEquals("checkpoint /o/c: holds x", Summary.refusedCheckpoint(onlyText));
    assertNull(Summary.refusedCheckpoint(new IllegalStateException("trainer failed", null)));
  }
}
