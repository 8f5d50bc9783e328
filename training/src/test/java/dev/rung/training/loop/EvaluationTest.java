package dev.rung.training.loop;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class EvaluationTest {
  @Test
  void macroF1WeighsClassesEqually() {
    // class 0: tp 8, fn 2, fp 0 -> F1 16/18; class 1: tp 0, fn 0, fp 2 -> F1 0.
    long[][] c = {{8, 2}, {0, 0}};
    assertEquals((16.0 / 18 + 0) / 2, Evaluation.macroF1(c), 1e-12);
    assertEquals(0.8, Evaluation.accuracy(c), 1e-12);
    assertEquals(1.0, Evaluation.macroF1(new long[][] {{3, 0, 0}, {0, 2, 0}, {0, 0, 0}}), 1e-12);
  }
}
