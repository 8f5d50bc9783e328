package dev.rung.job.tables;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import dev.rung.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * The trials table: its columns, and its rows as Parquet records. The columns are declared once
 * below; the {@code params} struct, whose fields are the sweep's parameters, is built per search
 * space ({@link ParamSchema}).
 */
final class TrialCodec implements RowCodec<TrialRow> {
  private static final Column<TrialRow, String> STUDY =
      Column.string("study", true, TrialRow::study);
  private static final Column<TrialRow, Integer> NUMBER =
      Column.int32("number", true, TrialRow::number);
  private static final Column<TrialRow, String> STATE =
      Column.string("state", true, (TrialRow r) -> r.state().name());

  /** The objective value when there is exactly one; what files of the first version hold. */
  private static final Column<TrialRow, Double> VALUE =
      Column.float64("value", false, TrialRow::value);

  private static final Column<TrialRow, List<Double>> VALUES =
      Column.doubleList("values", TrialRow::values);
  private static final Column<TrialRow, Integer> BRACKET =
      Column.int32("bracket", false, TrialRow::bracket);
  private static final Column<TrialRow, Integer> RUNG =
      Column.int32("rung", true, TrialRow::rung).orElse(0);
  private static final Column<TrialRow, String> RANKED_RUNGS =
      Column.string("ranked_rungs", false, TrialRow::rankedRungs);
  private static final Column<TrialRow, String> RUNG_OBJECTIVES =
      Column.string("rung_objectives", false, TrialRow::rungObjectives);
  private static final Column<TrialRow, List<Double>> CONSTRAINTS =
      Column.doubleList("constraints", TrialRow::constraints);
  private static final Column<TrialRow, Integer> EPOCHS_TRAINED =
      Column.int32("epochs_trained", true, TrialRow::epochsTrained).orElse(0);
  private static final Column<TrialRow, Instant> START_TIME =
      Column.timestamp("start_time", false, TrialRow::start);
  private static final Column<TrialRow, Instant> END_TIME =
      Column.timestamp("end_time", false, TrialRow::end);
  private static final Column<TrialRow, Long> DURATION_MS =
      Column.int64("duration_ms", false, TrialRow::durationMs);
  private static final Column<TrialRow, Long> SEED =
      Column.int64("seed", true, TrialRow::seed).orElse(0L);
  private static final Column<TrialRow, Map<String, String>> USER_ATTRS =
      Column.stringMap("user_attrs", TrialRow::userAttrs);
  private static final Column<TrialRow, String> FAIL_REASON =
      Column.string("fail_reason", false, TrialRow::failReason);

  private static final Column<Provenance, String> CONFIG_HASH =
      Column.string("config_hash", false, Provenance::configHash);
  private static final Column<Provenance, String> CODE_VERSION =
      Column.string("code_version", false, Provenance::codeVersion);
  private static final Column<Provenance, String> ND4J_BACKEND =
      Column.string("nd4j_backend", false, Provenance::nd4jBackend);
  private static final Column<Provenance, String> JAVA_VERSION =
      Column.string("java_version", false, Provenance::javaVersion);
  private static final Column<Provenance, String> SPARK_VERSION =
      Column.string("spark_version", false, Provenance::sparkVersion);
  private static final Column<TrialRow, Provenance> PROVENANCE =
      Column.struct(
          "provenance",
          TrialRow::provenance,
          List.of(CONFIG_HASH, CODE_VERSION, ND4J_BACKEND, JAVA_VERSION, SPARK_VERSION),
          v ->
              new Provenance(
                  v.get(CONFIG_HASH),
                  v.get(CODE_VERSION),
                  v.get(ND4J_BACKEND),
                  v.get(JAVA_VERSION),
                  v.get(SPARK_VERSION)),
          Provenance.UNKNOWN);

  private final ParamSchema params;

  /** The parameters as stored: one field per parameter of the schema, null where unset. */
  private final Column<TrialRow, Map<String, Object>> paramsColumn;

  private final ColumnCodec<TrialRow> codec;

  TrialCodec(ParamSchema params) {
    this.params = params;
    this.paramsColumn =
        Column.of(
            paramsStruct(params),
            this::encodeParams,
            (g, name) -> storedParams(GroupFields.group(g, name)),
            (out, name, stored) -> {
              out.startGroup(name);
              stored.forEach(out::value);
              out.endGroup(name);
            },
            Map.of());
    List<Column<TrialRow, ?>> columns =
        new ArrayList<>(List.of(STUDY, NUMBER, STATE, VALUE, VALUES));
    if (!params.isEmpty()) {
      columns.add(paramsColumn);
    }
    columns.addAll(
        List.of(
            BRACKET,
            RUNG,
            RANKED_RUNGS,
            RUNG_OBJECTIVES,
            CONSTRAINTS,
            EPOCHS_TRAINED,
            START_TIME,
            END_TIME,
            DURATION_MS,
            SEED,
            USER_ATTRS,
            FAIL_REASON,
            PROVENANCE));
    this.codec = new ColumnCodec<>(TableSchemas.TRIALS, columns, this::read);
  }

  @Override
  public String table() {
    return TableSchemas.TRIALS;
  }

  @Override
  public MessageType schema() {
    return codec.schema();
  }

  @Override
  public void write(TrialRow row, RowWriter out) {
    codec.write(row, out);
  }

  @Override
  public TrialRow read(Group g) {
    return codec.read(g);
  }

  private TrialRow read(ColumnCodec.Values v) {
    List<Double> values = v.get(VALUES);
    Double value = v.get(VALUE);
    if (values.isEmpty() && value != null) {
      // A file of the first version: the single value, no list.
      values = List.of(value);
    }
    return new TrialRow(
        v.get(STUDY),
        v.get(NUMBER),
        TrialState.valueOf(v.get(STATE).toUpperCase(Locale.ROOT)),
        values,
        decodeParams(v.get(paramsColumn)),
        v.get(BRACKET),
        v.get(RUNG),
        v.get(EPOCHS_TRAINED),
        v.get(START_TIME),
        v.get(END_TIME),
        v.get(DURATION_MS),
        v.get(SEED),
        v.get(USER_ATTRS),
        v.get(FAIL_REASON),
        v.get(PROVENANCE),
        v.get(RANKED_RUNGS),
        v.get(RUNG_OBJECTIVES),
        v.get(CONSTRAINTS));
  }

  /**
   * The row's parameters as stored, by field in schema order (null where unset); a parameter the
   * schema lacks or a value its field cannot hold is refused before anything is written.
   */
  Map<String, Object> encodeParams(TrialRow row) {
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
    Map<String, Object> encoded = new LinkedHashMap<>();
    for (ParamColumn c : params.columns()) {
      Object v = row.params().get(c.name());
      try {
        encoded.put(c.name(), v == null ? null : c.encode(v));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("trial " + row.number() + ": " + e.getMessage(), e);
      }
    }
    return encoded;
  }

  /** The stored values of a record's params struct (any fields, set ones only). */
  private static Map<String, Object> storedParams(Group p) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (p == null) {
      return out;
    }
    GroupType t = p.getType();
    for (int i = 0; i < t.getFieldCount(); i++) {
      Object stored = GroupFields.value(p, t.getFieldName(i));
      if (stored != null) {
        out.put(t.getFieldName(i), stored);
      }
    }
    return out;
  }

  /** Stored values back to the parameters' own types (a field the schema lacks stays as stored). */
  private Map<String, Object> decodeParams(Map<String, Object> stored) {
    Map<String, Object> out = new LinkedHashMap<>();
    stored.forEach((name, v) -> out.put(name, params.column(name).map(c -> c.decode(v)).orElse(v)));
    return out;
  }

  /** One optional field per parameter, in its stored type. */
  private static GroupType paramsStruct(ParamSchema params) {
    Types.GroupBuilder<GroupType> g = Types.optionalGroup();
    for (ParamColumn c : params.columns()) {
      switch (c.type()) {
        case DOUBLE -> g.optional(DOUBLE).named(c.name());
        case INT -> g.optional(INT32).named(c.name());
        case LONG -> g.optional(INT64).named(c.name());
        case BOOLEAN -> g.optional(BOOLEAN).named(c.name());
        case STRING -> g.optional(BINARY).as(stringType()).named(c.name());
      }
    }
    return g.named("params");
  }
}
