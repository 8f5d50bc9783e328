package dev.rung.job.tables;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** What {@code rung sql} prints of strings read from an output directory. */
class SqlQueryTextTest {

  @Test
  void controlCharactersInCellsAndColumnNamesPrintEscaped() {
    String reason = "diverged\u001b[31m at epoch 3\r[rung] all good\nnext";
    String grid =
        SqlQuery.format(
            new String[] {"number", "fail_reason", "col\u001b[1m"},
            List.of(
                RowFactory.create(7, reason, "x".getBytes(StandardCharsets.UTF_8)),
                RowFactory.create(8, null, "y\u0007".getBytes(StandardCharsets.UTF_8))));
    assertTrue(grid.contains("|diverged\\u001b[31m at epoch 3\\r[rung] all good\\nnext|"), grid);
    assertTrue(grid.contains("col\\u001b[1m"), grid);
    assertTrue(grid.contains("y\\u0007"), grid);
    assertFalse(grid.contains("\u001b") || grid.contains("\r") || grid.contains("\u0007"), grid);
    assertTrue(grid.lines().count() == 6, "a header, two rows and three rules:\n" + grid);
  }
}
