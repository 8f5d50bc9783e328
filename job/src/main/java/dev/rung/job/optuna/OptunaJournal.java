package dev.rung.job.optuna;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.study.Direction;
import dev.rung.study.TrialState;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A study written as the log of Optuna's journal storage ({@code JournalFileStorage}, Optuna 3.1
 * and later): one JSON object per line, the study created first, then each trial created whole, as
 * Optuna's own {@code create_new_trial} with a template trial (what {@code study.add_trial} does)
 * writes it.
 *
 * <p>The format, from Optuna's {@code optuna/storages/_journal/storage.py}: every operation has an
 * {@code op_code} and a {@code worker_id}; studies are numbered from 0 in creation order and a
 * trial's number is its position among its study's trials; states and directions are the integer
 * values of Optuna's enums; a distribution is the JSON text {@code distribution_to_json} gives
 * ({@code {"name": "FloatDistribution", "attributes": {...}}}); a parameter holds its internal
 * representation (the index of a categorical choice); times are ISO-8601 local date-times with
 * microseconds and no zone, as Python's {@code datetime.isoformat} writes them; NaN and infinities
 * are bare tokens, as Python's {@code json} writes and reads them.
 */
public final class OptunaJournal {
  private static final int CREATE_STUDY = 0;
  private static final int CREATE_TRIAL = 4;
  private static final String WORKER = "rung-export";
  private static final DateTimeFormatter ISO_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

  private OptunaJournal() {}

  /**
   * The journal of one study holding {@code trials}, one line per operation, each ending in a
   * newline.
   *
   * @param zone the time zone whose local times the journal holds (Optuna writes the local time of
   *     the machine that ran the trial)
   */
  public static String of(
      String study, List<Direction> directions, List<JournalTrial> trials, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    ObjectNode create = operation(CREATE_STUDY);
    create.put("study_name", study);
    ArrayNode d = create.putArray("directions");
    directions.forEach(x -> d.add(direction(x)));
    line(out, create);
    for (int i = 0; i < trials.size(); i++) {
      JournalTrial t = trials.get(i);
      if (t.number() != i) {
        throw new IllegalArgumentException(
            "trial " + t.number() + " is at position " + i + ": trials must be numbered 0, 1, ...");
      }
      line(out, trial(t, zone));
    }
    return out.toString();
  }

  private static ObjectNode operation(int code) {
    ObjectNode op = JSON.createObjectNode();
    op.put("op_code", code);
    op.put("worker_id", WORKER);
    return op;
  }

  private static void line(StringBuilder out, ObjectNode op) {
    try {
      out.append(JSON.writeValueAsString(op)).append('\n');
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode trial(JournalTrial t, ZoneId zone) {
    ObjectNode op = operation(CREATE_TRIAL);
    op.put("study_id", 0);
    op.put("state", state(t.state()));
    List<Double> values = t.values();
    if (values.size() > 1) {
      op.putNull("value");
      ArrayNode v = op.putArray("values");
      values.forEach(v::add);
    } else {
      if (values.isEmpty()) {
        op.putNull("value");
      } else {
        op.put("value", values.get(0));
      }
      op.putNull("values");
    }
    if (t.start() == null) {
      op.putNull("datetime_start");
    } else {
      op.put("datetime_start", dateTime(t.start(), zone));
    }
    if (t.complete() != null) {
      op.put("datetime_complete", dateTime(t.complete(), zone));
    }
    ObjectNode distributions = op.putObject("distributions");
    ObjectNode params = op.putObject("params");
    for (Map.Entry<String, Distribution> e : t.distributions().entrySet()) {
      Distribution d = e.getValue();
      distributions.put(e.getKey(), distribution(d));
      double internal = d.toInternal(t.params().get(e.getKey()));
      if (d instanceof FloatDistribution) {
        params.put(e.getKey(), internal);
      } else {
        params.put(e.getKey(), (long) internal);
      }
    }
    ObjectNode user = op.putObject("user_attrs");
    t.userAttrs().forEach(user::put);
    ObjectNode system = op.putObject("system_attrs");
    t.systemAttrs().forEach((k, v) -> system.set(k, JSON.valueToTree(v)));
    ObjectNode intermediate = op.putObject("intermediate_values");
    t.intermediateValues().forEach((step, v) -> intermediate.put(Integer.toString(step), v));
    return op;
  }

  /** {@code optuna.distributions.distribution_to_json}: a JSON text inside the JSON line. */
  static String distribution(Distribution d) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode a = JSON.createObjectNode();
    if (d instanceof FloatDistribution f) {
      root.put("name", "FloatDistribution");
      a.put("low", f.low());
      a.put("high", f.high());
      a.put("log", f.log());
      if (f.hasStep()) {
        a.put("step", f.step());
      } else {
        a.putNull("step");
      }
    } else if (d instanceof IntDistribution i) {
      root.put("name", "IntDistribution");
      a.put("low", i.low());
      a.put("high", i.high());
      a.put("log", i.log());
      a.put("step", i.step());
    } else {
      root.put("name", "CategoricalDistribution");
      ArrayNode choices = a.putArray("choices");
      ((CategoricalDistribution) d).choices().forEach(c -> choices.add(JSON.valueToTree(c)));
    }
    root.set("attributes", a);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code optuna.trial.TrialState}'s values. */
  private static int state(TrialState s) {
    switch (s) {
      case RUNNING:
        return 0;
      case COMPLETE:
        return 1;
      case PRUNED:
        return 2;
      case FAIL:
        return 3;
      case WAITING:
        return 4;
      default:
        throw new AssertionError(s);
    }
  }

  /** {@code optuna.study.StudyDirection}'s values. */
  private static int direction(Direction d) {
    return d == Direction.MINIMIZE ? 1 : 2;
  }

  private static String dateTime(Instant t, ZoneId zone) {
    return LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), zone).format(ISO_MICROS);
  }
}
