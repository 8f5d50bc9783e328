package dev.rung.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rung.samplers.RandomSampler;
import dev.rung.study.Direction;
import dev.rung.study.FrozenTrial;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import dev.rung.study.TrialState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Study.bestTrials()}: the Pareto front of COMPLETE, feasible trials. */
class StudyParetoTest {

  private static Study study() {
    return Study.builder()
        .directions(Direction.MINIMIZE, Direction.MAXIMIZE)
        .sampler(new RandomSampler(1))
        .build();
  }

  private static void run(Study study, double loss, double accuracy, double... constraints) {
    Trial t = study.ask();
    if (constraints.length > 0) {
      t.setConstraints(constraints);
    }
    study.tell(t, loss, accuracy);
  }

  private static List<Integer> front(Study study) {
    return study.bestTrials().stream().map(FrozenTrial::number).toList();
  }

  @Test
  void infeasibleTrialsNeverEnterTheFrontEvenWhenTheyDominate() {
    Study study = study();
    run(study, 0.0, 1.0, 0.1); // best on both objectives but infeasible
    run(study, 1.0, 0.5, 0.0); // feasible (0 is allowed)
    run(study, 2.0, 0.9, -1.0, -2.0);
    run(study, 2.0, 0.4, -1.0, -2.0); // dominated by 1
    run(study, 0.5, 0.95, -3.0, 7.0); // infeasible in its second constraint
    assertEquals(List.of(1, 2), front(study));
  }

  @Test
  void withoutConstraintsEveryCompleteTrialCounts() {
    Study study = study();
    run(study, 1.0, 0.5);
    run(study, 0.5, 0.4);
    run(study, 1.0, 0.3);
    Trial failed = study.ask();
    study.tell(failed.number(), TrialState.FAIL);
    Trial pruned = study.ask();
    study.tell(pruned.number(), TrialState.PRUNED);
    assertEquals(List.of(0, 1), front(study));
  }

  @Test
  void aTrialWithoutConstraintsInAConstrainedStudyCountsAsFeasible() {
    Study study = study();
    run(study, 1.0, 0.5, 1.0);
    run(study, 2.0, 0.5);
    run(study, 3.0, 0.6, -1.0);
    assertEquals(List.of(1, 2), front(study));
  }

  @Test
  void noFeasibleTrialMeansAnEmptyFront() {
    Study study = study();
    run(study, 1.0, 0.5, 1.0);
    run(study, 2.0, 0.5, 0.5);
    assertEquals(List.of(), front(study));
  }
}
