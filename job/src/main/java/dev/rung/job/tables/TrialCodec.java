package dev.rung.job.tables;

import static dev.rung.job.tables.GroupFields.require;

import dev.rung.study.TrialState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/** The trials table's rows as Parquet records. */
final class TrialCodec implements RowCodec<TrialRow> {

  private final ParamSchema params;
  private final MessageType schema;

  TrialCodec(ParamSchema params) {
    this.params = params;
    this.schema = TableSchemas.trials(params);
  }

  @Override
  public String table() {
    return TableSchemas.TRIALS;
  }

  @Override
  public MessageType schema() {
    return schema;
  }

  @Override
  public void write(TrialRow row, RowWriter out) {
    Object[] encoded = encodeParams(row);
    out.startRecord();
    out.string("study", row.study());
    out.int32("number", row.number());
    out.string("state", row.state().name());
    out.float64("value", row.value());
    out.doubleList("values", row.values());
    if (!params.isEmpty()) {
      out.startGroup("params");
      for (int i = 0; i < encoded.length; i++) {
        out.value(params.columns().get(i).name(), encoded[i]);
      }
      out.endGroup("params");
    }
    out.int32("bracket", row.bracket());
    out.int32("rung", row.rung());
    out.string("ranked_rungs", row.rankedRungs());
    out.string("rung_objectives", row.rungObjectives());
    out.doubleList("constraints", row.constraints());
    out.int32("epochs_trained", row.epochsTrained());
    out.timestamp("start_time", row.start());
    out.timestamp("end_time", row.end());
    out.int64("duration_ms", row.durationMs());
    out.int64("seed", row.seed());
    out.stringMap("user_attrs", row.userAttrs());
    out.string("fail_reason", row.failReason());
    Provenance p = row.provenance();
    out.startGroup("provenance");
    out.string("config_hash", p.configHash());
    out.string("code_version", p.codeVersion());
    out.string("nd4j_backend", p.nd4jBackend());
    out.string("java_version", p.javaVersion());
    out.string("spark_version", p.sparkVersion());
    out.endGroup("provenance");
    out.endRecord();
  }

  /**
   * The row's parameters in field order as stored (null where unset); checked before anything is
   * written, so that a bad row leaves no half-written record.
   */
  Object[] encodeParams(TrialRow row) {
    for (String name : row.params().keySet()) {
      if (params.column(name).isEmpty()) {
        throw new IllegalArgumentException(
            "trial "
                + row.number()
                + " has parameter '"
                + name
                + "', which is not in the trials table's params "
                + params.names()
                + ": open the table with the sweep's whole search space");
      }
    }
    Object[] encoded = new Object[params.columns().size()];
    for (int i = 0; i < encoded.length; i++) {
      ParamColumn c = params.columns().get(i);
      Object v = row.params().get(c.name());
      if (v != null) {
        try {
          encoded[i] = c.encode(v);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("trial " + row.number() + ": " + e.getMessage(), e);
        }
      }
    }
    return encoded;
  }

  @Override
  public TrialRow read(Group g) {
    String state = require(GroupFields.string(g, "state"), "state");
    Integer rung = GroupFields.int32(g, "rung");
    Integer epochs = GroupFields.int32(g, "epochs_trained");
    Long seed = GroupFields.int64(g, "seed");
    return new TrialRow(
        require(GroupFields.string(g, "study"), "study"),
        require(GroupFields.int32(g, "number"), "number"),
        TrialState.valueOf(state.toUpperCase(Locale.ROOT)),
        readValues(g),
        readParams(GroupFields.group(g, "params")),
        GroupFields.int32(g, "bracket"),
        rung == null ? 0 : rung,
        epochs == null ? 0 : epochs,
        GroupFields.timestamp(g, "start_time"),
        GroupFields.timestamp(g, "end_time"),
        GroupFields.int64(g, "duration_ms"),
        seed == null ? 0L : seed,
        GroupFields.stringMap(g, "user_attrs"),
        GroupFields.string(g, "fail_reason"),
        readProvenance(GroupFields.group(g, "provenance")),
        GroupFields.string(g, "ranked_rungs"),
        GroupFields.string(g, "rung_objectives"),
        GroupFields.doubleList(g, "constraints"));
  }

  /** The values list, or the single value for a file that has only the value column. */
  private static List<Double> readValues(Group g) {
    if (g.getType().containsField("values")) {
      return GroupFields.doubleList(g, "values");
    }
    Double value = GroupFields.float64(g, "value");
    return value == null ? List.of() : List.of(value);
  }

  private Map<String, Object> readParams(Group p) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (p == null) {
      return out;
    }
    GroupType t = p.getType();
    for (int i = 0; i < t.getFieldCount(); i++) {
      String name = t.getFieldName(i);
      Object stored = GroupFields.value(p, name);
      if (stored != null) {
        Object v = params.column(name).map(c -> c.decode(stored)).orElse(stored);
        out.put(name, v);
      }
    }
    return out;
  }

  private static Provenance readProvenance(Group p) {
    if (p == null) {
      return Provenance.UNKNOWN;
    }
    return new Provenance(
        GroupFields.string(p, "config_hash"),
        GroupFields.string(p, "code_version"),
        GroupFields.string(p, "nd4j_backend"),
        GroupFields.string(p, "java_version"),
        GroupFields.string(p, "spark_version"));
  }
}
