package dev.rung.training.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON files Rung writes ({@code model.json}, {@code summary.json}): maps, lists, strings,
 * numbers, booleans and nulls, indented, in UTF-8, written by Jackson, so any string (quotes,
 * backslashes, control characters, U+2028, any Unicode) comes out as valid JSON and parses back to
 * the same value.
 *
 * @apiNote A NaN or infinite number (a metric that could not be computed, a diverged loss) is
 *     written as {@code null}: JSON has no such numbers, and a file with {@code NaN} in it is
 *     rejected by most parsers.
 */
public final class Json {
  private static final ObjectWriter WRITER =
      new ObjectMapper()
          .registerModule(
              new SimpleModule("rung-non-finite-as-null")
                  .addSerializer(Double.class, new FiniteOrNull<>())
                  .addSerializer(double.class, new FiniteOrNull<>())
                  .addSerializer(Float.class, new FiniteOrNull<>())
                  .addSerializer(float.class, new FiniteOrNull<>()))
          .writer(new Layout());

  private Json() {}

  /** {@code value} as indented JSON text ending with a newline. */
  public static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** {@code value} as the UTF-8 bytes of {@link #write}. */
  public static byte[] bytes(Object value) {
    return write(value).getBytes(StandardCharsets.UTF_8);
  }

  /** Two-space indents, {@code "key": value}, and {@code \n} line ends on every platform. */
  private static final class Layout extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    Layout() {
      indentObjectsWith(new DefaultIndenter("  ", "\n"));
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new Layout();
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }
  }

  /** A double or float, or {@code null} when it is NaN or infinite. */
  private static final class FiniteOrNull<T extends Number> extends JsonSerializer<T> {
    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      double d = value.doubleValue();
      if (!Double.isFinite(d)) {
        gen.writeNull();
      } else if (value instanceof Float f) {
        gen.writeNumber(f);
      } else {
        gen.writeNumber(d);
      }
    }
  }
}
