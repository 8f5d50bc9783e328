package dev.rung.job.tables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What makes a study the study it is: its name, directions, metrics, search space, model and the
 * epochs of a fully trained trial. Written once, when the study's first run starts, to {@code
 * <output>/study.json}; a later run on the same output must describe the same study.
 *
 * <p>Settings outside the identity (the budget, the sampler's options, parallelism, time limits)
 * may change from one run to the next.
 *
 * @param study the study's name
 * @param directions one per metric, e.g. {@code maximize}
 * @param metrics the metrics optimized
 * @param space each parameter's distribution as {@link
 *     dev.rung.distributions.Distribution#describe} gives it
 * @param model what trains the trials: {@code family mlp} or {@code trainer com.acme.MyTrainer}
 * @param epochs epochs of a fully trained trial
 */
public record StudyIdentity(
    String study,
    List<String> directions,
    List<String> metrics,
    Map<String, String> space,
    String model,
    int epochs) {

  /** The file's name under the output. */
  public static final String FILE = "study.json";

  private static final int FORMAT = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Validates and copies. */
  public StudyIdentity {
    Objects.requireNonNull(study, "study");
    directions = List.copyOf(directions);
    metrics = List.copyOf(metrics);
    space = Collections.unmodifiableMap(new TreeMap<>(space));
    Objects.requireNonNull(model, "model");
  }

  /**
   * How {@code now} differs from this identity, one entry per difference, e.g. {@code "directions:
   * [maximize] in the output, [minimize] now"}; empty when the two describe the same study (the
   * name is compared by the caller).
   */
  public List<String> changesTo(StudyIdentity now) {
    List<String> changes = new ArrayList<>();
    compare(changes, "directions", directions, now.directions);
    compare(changes, "metrics", metrics, now.metrics);
    compare(changes, "model", model, now.model);
    compare(changes, "training epochs", epochs, now.epochs);
    TreeSet<String> names = new TreeSet<>(space.keySet());
    names.addAll(now.space.keySet());
    for (String name : names) {
      String before = space.get(name);
      String after = now.space.get(name);
      if (before == null) {
        changes.add("search space: parameter '" + name + "' is new (" + after + ")");
      } else if (after == null) {
        changes.add("search space: parameter '" + name + "' (" + before + ") was removed");
      } else if (!before.equals(after)) {
        changes.add(
            "search space: parameter '"
                + name
                + "' is "
                + before
                + " in the output, "
                + after
                + " now");
      }
    }
    return changes;
  }

  private static void compare(List<String> changes, String what, Object before, Object after) {
    if (!before.equals(after)) {
      changes.add(what + ": " + before + " in the output, " + after + " now");
    }
  }

  /**
   * The identity recorded under {@code output}, or empty when there is none.
   *
   * @throws DamagedFileException when the file is not one Rung wrote
   */
  public static Optional<StudyIdentity> read(FileSystem fs, Path output) throws IOException {
    Path file = new Path(output, FILE);
    byte[] bytes;
    try (InputStream in = fs.open(file)) {
      bytes = in.readAllBytes();
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(JSON.readTree(bytes)));
    } catch (IOException | RuntimeException e) {
      throw new DamagedFileException(
          file,
          "is not a study file this version of Rung reads: " + DamagedFileException.firstLine(e),
          e);
    }
  }

  private static StudyIdentity parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("it does not hold a JSON object");
    }
    int format = field(root, "format").asInt(-1);
    if (format != FORMAT) {
      throw new IllegalArgumentException(
          "its format is " + root.get("format") + "; this version reads format " + FORMAT);
    }
    Map<String, String> space = new TreeMap<>();
    JsonNode s = field(root, "space");
    if (!s.isObject()) {
      throw new IllegalArgumentException("'space' is not an object");
    }
    s.fields().forEachRemaining(e -> space.put(e.getKey(), text(e.getValue(), "space")));
    JsonNode epochs = field(root, "epochs");
    if (!epochs.canConvertToInt() || !epochs.isIntegralNumber() || epochs.asInt() < 1) {
      throw new IllegalArgumentException("'epochs' is " + epochs + ", not a positive integer");
    }
    return new StudyIdentity(
        text(field(root, "study"), "study"),
        texts(field(root, "directions"), "directions"),
        texts(field(root, "metrics"), "metrics"),
        space,
        text(field(root, "model"), "model"),
        epochs.asInt());
  }

  private static JsonNode field(JsonNode root, String name) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("it has no '" + name + "'");
    }
    return n;
  }

  private static String text(JsonNode n, String what) {
    if (!n.isTextual()) {
      throw new IllegalArgumentException("'" + what + "' holds " + n + ", not text");
    }
    return n.asText();
  }

  private static List<String> texts(JsonNode n, String what) {
    if (!n.isArray() || n.isEmpty()) {
      throw new IllegalArgumentException("'" + what + "' is not a list of text");
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(text(e, what)));
    return out;
  }

  /**
   * Writes the identity to {@code output}, unless a file is there already (a study's identity is
   * written once): under a temporary name first, then renamed.
   *
   * @return whether this call wrote it
   */
  public boolean writeOnce(FileSystem fs, Path output, WriteGuard guard) throws IOException {
    FileSystem raw = TableFiles.raw(fs);
    Path target = new Path(output, FILE);
    if (raw.exists(target)) {
      return false;
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("study", study);
    ArrayNode d = root.putArray("directions");
    directions.forEach(d::add);
    ArrayNode m = root.putArray("metrics");
    metrics.forEach(m::add);
    root.put("model", model);
    root.put("epochs", epochs);
    ObjectNode s = root.putObject("space");
    space.forEach(s::put);
    Path temp = new Path(output, "." + FILE + ".tmp");
    try (FSDataOutputStream out = raw.create(temp, true)) {
      out.write(JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    guard.check();
    if (!raw.rename(temp, target)) {
      raw.delete(temp, false);
      throw new IOException("could not rename " + temp + " to " + target);
    }
    return true;
  }
}
