package dev.rung.job.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One sweep setting, declared once in {@link Settings}: its path under {@code rung}, its type, its
 * default, what it allows (a range or a list of choices) and its documentation. The reference file
 * is written from the declarations, the readers read every value through one ({@link
 * ConfigReader#get}), and the check for unknown keys knows them all.
 *
 * @param <T> the type of the value read
 */
public final class Setting<T> implements Declaration {

  /** What a setting holds, as far as its reading and the reference file go. */
  enum Kind {
    STRING,
    CHOICE,
    INTEGER,
    LONG,
    NUMBER,
    NUMBER_OR_NONE,
    NUMBER_OR_AUTO,
    INTEGER_OR_AUTO,
    BOOLEAN,
    DURATION,
    STRINGS,
    NUMBERS,
    INTEGERS
  }

  /** Reads the value at a key; anything not allowed is reported to the reader. */
  @FunctionalInterface
  private interface Reading<T> {
    T read(ConfigReader r, String key);
  }

  /**
   * What a value may be beyond its type: at least {@code min}, at most {@code max} (null: no
   * bound), one of {@code choices} (none: any).
   */
  private record Allowed(Number min, Number max, Supplier<List<String>> choices) {
    static final Allowed ANY = new Allowed(null, null, List::of);

    static Allowed range(Number min, Number max) {
      return new Allowed(min, max, List::of);
    }

    static Allowed oneOf(Supplier<List<String>> choices) {
      return new Allowed(null, null, choices);
    }
  }

  private final String path;
  private final Kind kind;
  private final T byDefault;
  private final Allowed allowed;
  private final Reading<T> reading;
  private final List<String> doc;

  private Setting(
      String path, Kind kind, T byDefault, Allowed allowed, Reading<T> reading, List<String> doc) {
    this.path = path;
    this.kind = kind;
    this.byDefault = byDefault;
    this.allowed = allowed;
    this.reading = reading;
    this.doc = List.copyOf(doc);
  }

  private Setting(String path, Kind kind, T byDefault, Allowed allowed, Reading<T> reading) {
    this(path, kind, byDefault, allowed, reading, List.of());
  }

  /** Any string. */
  static Setting<String> string(String path, String byDefault) {
    return new Setting<>(path, Kind.STRING, byDefault, Allowed.ANY, ConfigReader::string);
  }

  /** One of {@code choices}, in any case; read in lower case. */
  static Setting<String> oneOf(String path, String byDefault, List<String> choices) {
    return oneOf(path, byDefault, () -> choices);
  }

  /** One of the {@code choices} known when the value is read, in any case; read in lower case. */
  static Setting<String> oneOf(String path, String byDefault, Supplier<List<String>> choices) {
    return new Setting<>(
        path,
        Kind.CHOICE,
        byDefault,
        Allowed.oneOf(choices),
        (r, key) -> r.oneOf(key, choices.get().toArray(String[]::new)));
  }

  /** A constant of {@code E} by its name in lower case with '-' for '_', e.g. trusted-rung. */
  static <E extends Enum<E>> Setting<E> oneOf(String path, E byDefault) {
    E[] values = byDefault.getDeclaringClass().getEnumConstants();
    List<String> names = Arrays.stream(values).map(Setting::nameOf).toList();
    return new Setting<>(
        path,
        Kind.CHOICE,
        byDefault,
        Allowed.oneOf(() -> names),
        (r, key) -> {
          int i = names.indexOf(r.oneOf(key, names.toArray(String[]::new)));
          return i < 0 ? byDefault : values[i];
        });
  }

  /** One of {@code names} as written, or "" for what {@code empty} says, e.g. a dataset's name. */
  static Setting<String> nameOrEmpty(
      String path, String byDefault, List<String> names, String empty) {
    return new Setting<>(
        path,
        Kind.CHOICE,
        byDefault,
        Allowed.oneOf(() -> names),
        (r, key) -> r.nameOrEmpty(key, names, empty));
  }

  /** A whole number in {@code [min, max]}. */
  static Setting<Integer> integer(String path, int byDefault, int min, int max) {
    return new Setting<>(
        path,
        Kind.INTEGER,
        byDefault,
        Allowed.range(min, max),
        (r, key) -> r.integer(key, min, max));
  }

  /** A whole number of any size. */
  static Setting<Long> longValue(String path, long byDefault) {
    return new Setting<>(path, Kind.LONG, byDefault, Allowed.ANY, ConfigReader::longValue);
  }

  /** A whole number of at least {@code min}; {@code note} says what {@code min} means. */
  static Setting<Long> longValue(String path, long byDefault, long min, String note) {
    return new Setting<>(
        path,
        Kind.LONG,
        byDefault,
        Allowed.range(min, null),
        (r, key) -> r.longValue(key, min, note));
  }

  /** A finite number in {@code [min, max]}. */
  static Setting<Double> number(String path, double byDefault, double min, double max) {
    return new Setting<>(
        path, Kind.NUMBER, byDefault, Allowed.range(min, max), (r, key) -> r.number(key, min, max));
  }

  /** A finite number, or {@code none} (the default), read as {@code none}. */
  static Setting<Double> numberOrNone(String path, double none) {
    return new Setting<>(
        path, Kind.NUMBER_OR_NONE, none, Allowed.ANY, (r, key) -> r.numberOrNone(key, none));
  }

  /**
   * {@code auto} (the default), read as NaN for the reader of the sweep to resolve, or a finite
   * number in {@code [min, max]}.
   */
  static Setting<Double> numberOrAuto(String path, double min, double max) {
    return new Setting<>(
        path,
        Kind.NUMBER_OR_AUTO,
        Double.NaN,
        Allowed.range(min, max),
        (r, key) -> r.numberOrAuto(key, min, max));
  }

  /**
   * {@code auto} (the default), read as 0 for the reader of the sweep to resolve, or a whole number
   * in {@code [min, max]} ({@code min} at least 1).
   */
  static Setting<Integer> integerOrAuto(String path, int min, int max) {
    return new Setting<>(
        path,
        Kind.INTEGER_OR_AUTO,
        0,
        Allowed.range(min, max),
        (r, key) -> r.integerOrAuto(key, min, max));
  }

  static Setting<Boolean> bool(String path, boolean byDefault) {
    return new Setting<>(path, Kind.BOOLEAN, byDefault, Allowed.ANY, ConfigReader::bool);
  }

  /** A duration such as {@code 30m}; 0 means none and is read as null (a null default: 0). */
  static Setting<Duration> duration(String path, Duration byDefault) {
    return new Setting<>(path, Kind.DURATION, byDefault, Allowed.ANY, ConfigReader::duration);
  }

  /**
   * A duration of at least {@code min}; 0 is refused for the reason {@code zeroRefused} gives.
   * After an error it is read as its default.
   */
  static Setting<Duration> duration(
      String path, Duration byDefault, Duration min, String zeroRefused) {
    return new Setting<>(
        path,
        Kind.DURATION,
        byDefault,
        Allowed.ANY,
        (r, key) -> {
          Duration d = r.duration(key);
          if (d == null) {
            if (r.config().hasPath(key)) {
              r.error(
                  key,
                  "is 0: "
                      + zeroRefused
                      + ", e.g. "
                      + written(byDefault)
                      + " (at least "
                      + written(min)
                      + ")");
            }
            return byDefault;
          }
          if (d.compareTo(min) < 0) {
            r.error(
                key,
                "is "
                    + d.toMillis()
                    + " ms, expected at least "
                    + written(min)
                    + " (e.g. "
                    + written(byDefault)
                    + ")");
          }
          return d;
        });
  }

  /** A list of strings (a single string is read as a list of it). */
  static Setting<List<String>> strings(String path, List<String> byDefault) {
    return new Setting<>(path, Kind.STRINGS, byDefault, Allowed.ANY, ConfigReader::strings);
  }

  /** A list of finite numbers. */
  static Setting<List<Double>> doubles(String path, List<Double> byDefault) {
    return new Setting<>(path, Kind.NUMBERS, byDefault, Allowed.ANY, ConfigReader::doubles);
  }

  /** A list of whole numbers. */
  static Setting<List<Integer>> integers(String path, List<Integer> byDefault) {
    return new Setting<>(path, Kind.INTEGERS, byDefault, Allowed.ANY, ConfigReader::integers);
  }

  /** The same setting with {@code text}'s lines as its documentation. */
  Setting<T> withDoc(String text) {
    return new Setting<>(path, kind, byDefault, allowed, reading, Declaration.lines(text));
  }

  /** Reads the value through {@code r}, which collects any error. */
  T read(ConfigReader r) {
    return reading.read(r, key());
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public List<String> doc() {
    return doc;
  }

  Kind kind() {
    return kind;
  }

  /** The default (for a duration, null: none). */
  T byDefault() {
    return byDefault;
  }

  /** The least value allowed, or null for none. */
  Number min() {
    return allowed.min();
  }

  /** The largest value allowed, or null for none. */
  Number max() {
    return allowed.max();
  }

  /** The values allowed, for a choice; else empty. */
  List<String> choices() {
    return allowed.choices().get();
  }

  /** The default as the reference file writes it. */
  String writtenDefault() {
    return switch (kind) {
      case STRING -> quoted((String) byDefault);
      case CHOICE ->
          byDefault instanceof Enum<?> e
              ? nameOf(e)
              : byDefault.equals("") ? quoted("") : (String) byDefault;
      case NUMBER_OR_NONE -> "none";
      case NUMBER_OR_AUTO, INTEGER_OR_AUTO -> "auto";
      case DURATION -> written((Duration) byDefault);
      case STRINGS, NUMBERS, INTEGERS -> list((List<?>) byDefault);
      default -> String.valueOf(byDefault);
    };
  }

  @Override
  public String toString() {
    return key();
  }

  private static String nameOf(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A list as HOCON writes it, words unquoted: [maximize], ["a <= 5"], [1, 2]. */
  private static String list(List<?> values) {
    return values.stream()
        .map(v -> v instanceof String s && !s.matches("[\\w-]+") ? quoted(s) : String.valueOf(v))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String quoted(String s) {
    return ConfigValueFactory.fromAnyRef(s).render(ConfigRenderOptions.concise());
  }

  /** A duration as HOCON writes it, in its largest whole unit: 0, 90s, 2m, 6h. */
  private static String written(Duration d) {
    if (d == null || d.isZero()) {
      return "0";
    }
    long s = d.getSeconds();
    if (d.getNano() != 0) {
      return d.toMillis() + "ms";
    }
    return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
