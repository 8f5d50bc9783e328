package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The trials schemas of a root's runs merged as one: {@code params} differs by search space. */
class TrialsSchemaMergeTest {
  private static StructType trials(StructType params) {
    return new StructType()
        .add("number", DataTypes.IntegerType, false)
        .add("params", params, true)
        .add("value", DataTypes.DoubleType, true);
  }

  @Test
  void parametersOfEitherRunAreKeptInOrder() {
    StructType a =
        trials(
            new StructType().add("lr", DataTypes.DoubleType).add("width", DataTypes.IntegerType));
    StructType b =
        trials(
            new StructType().add("lr", DataTypes.DoubleType).add("dropout", DataTypes.DoubleType));
    StructType merged = TableCatalog.merge(a, b, "f2");
    assertEquals(3, merged.fields().length);
    StructType params = (StructType) merged.apply("params").dataType();
    assertEquals(
        java.util.List.of("lr", "width", "dropout"), java.util.List.of(params.fieldNames()));
    assertTrue(params.apply("dropout").nullable(), "a parameter one run lacks is null there");
  }

  @Test
  void aParameterWhoseTypeChangedIsNamedWithTheFile() {
    StructType a = trials(new StructType().add("width", DataTypes.IntegerType));
    StructType b = trials(new StructType().add("width", DataTypes.DoubleType));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TableCatalog.merge(a, b, "night-3"));
    assertTrue(
        e.getMessage().contains("column width is int in one run and double in night-3"),
        e.getMessage());
  }
}
