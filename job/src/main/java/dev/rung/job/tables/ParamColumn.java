package dev.rung.job.tables;

import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One field of the {@code params} struct column of the trials table.
 *
 * @param name the parameter's name, used as the field name
 * @param type the field's type
 * @param choices for a categorical whose choices have mixed types (stored as text), the choices, so
 *     that a stored text maps back to the original value; otherwise empty
 */
public record ParamColumn(String name, ParamType type, List<Object> choices) {

  /** Characters that Spark refuses in Parquet field names. */
  private static final String FORBIDDEN = " ,;{}()\n\t=";

  /** Validates the name and copies the choices. */
  public ParamColumn {
    Objects.requireNonNull(type, "type");
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("parameter name is empty: give each parameter a name");
    }
    for (char c : name.toCharArray()) {
      if (FORBIDDEN.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "parameter name '"
                + name
                + "' contains '"
                + c
                + "': parameter names in the trials table cannot contain spaces or any of ,;{}()=");
      }
    }
    choices = Collections.unmodifiableList(new ArrayList<>(choices));
    if (!choices.isEmpty() && type != ParamType.STRING) {
      throw new IllegalArgumentException(
          "parameter '" + name + "': choices are kept only for text-encoded (STRING) columns");
    }
  }

  /** A column of the given type with no choice mapping. */
  public static ParamColumn of(String name, ParamType type) {
    return new ParamColumn(name, type, List.of());
  }

  /** The column a parameter drawn from {@code distribution} is stored in. */
  public static ParamColumn forDistribution(String name, Distribution distribution) {
    if (distribution instanceof FloatDistribution) {
      return of(name, ParamType.DOUBLE);
    }
    if (distribution instanceof IntDistribution) {
      return of(name, ParamType.INT);
    }
    CategoricalDistribution categorical = (CategoricalDistribution) distribution;
    ParamType type = typeOfChoices(categorical.choices());
    return type == null
        ? new ParamColumn(name, ParamType.STRING, categorical.choices())
        : of(name, type);
  }

  /** The common natural type of the choices (nulls ignored), or null when they are mixed. */
  private static ParamType typeOfChoices(List<Object> choices) {
    boolean allString = true;
    boolean allBoolean = true;
    boolean allInt = true;
    boolean allIntegral = true;
    boolean allNumber = true;
    for (Object c : choices) {
      if (c == null) {
        continue;
      }
      boolean smallInt = c instanceof Integer || c instanceof Short || c instanceof Byte;
      allString &= c instanceof String;
      allBoolean &= c instanceof Boolean;
      allInt &= smallInt;
      allIntegral &= smallInt || c instanceof Long;
      allNumber &= c instanceof Number;
    }
    if (allString) {
      return ParamType.STRING;
    }
    if (allBoolean) {
      return ParamType.BOOLEAN;
    }
    if (allInt) {
      return ParamType.INT;
    }
    if (allIntegral) {
      return ParamType.LONG;
    }
    return allNumber ? ParamType.DOUBLE : null;
  }

  /**
   * The value as stored in this column: a Double, Integer, Long, String or Boolean.
   *
   * @throws IllegalArgumentException when the value does not fit the column's type
   */
  public Object encode(Object value) {
    Objects.requireNonNull(value, "value");
    switch (type) {
      case DOUBLE:
        if (value instanceof Number n) {
          return n.doubleValue();
        }
        break;
      case INT:
        if (value instanceof Number n && isIntegral(n) && n.longValue() == n.intValue()) {
          return n.intValue();
        }
        break;
      case LONG:
        if (value instanceof Number n && isIntegral(n)) {
          return n.longValue();
        }
        break;
      case BOOLEAN:
        if (value instanceof Boolean b) {
          return b;
        }
        break;
      case STRING:
        if (value instanceof String s) {
          return s;
        }
        if (!choices.isEmpty()) {
          return String.valueOf(value);
        }
        break;
      default:
        throw new AssertionError(type);
    }
    throw new IllegalArgumentException(
        "parameter '"
            + name
            + "' has value "
            + value
            + " of type "
            + value.getClass().getSimpleName()
            + ": its column is "
            + type
            + " and accepts only "
            + accepted());
  }

  /** The original value of a stored value: maps text back to a mixed categorical's choice. */
  public Object decode(Object stored) {
    if (stored instanceof String s && !choices.isEmpty()) {
      for (Object c : choices) {
        if (c != null && String.valueOf(c).equals(s)) {
          return c;
        }
      }
    }
    return stored;
  }

  private static boolean isIntegral(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return true;
    }
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 0x1p53;
  }

  private String accepted() {
    return switch (type) {
      case DOUBLE -> "numbers";
      case INT -> "integers in the int range";
      case LONG -> "integers";
      case BOOLEAN -> "booleans";
      case STRING -> choices.isEmpty() ? "strings" : "the choices " + choices;
    };
  }
}
