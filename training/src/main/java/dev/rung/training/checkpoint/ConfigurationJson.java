package dev.rung.training.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * Reads a network's {@code configuration.json} from a checkpoint. DL4J binds it with Jackson's
 * polymorphic typing, where the JSON names the class to instantiate ({@code "@class": ...}, or the
 * first element of an array). So before DL4J sees the text, every string and field name in it that
 * has the form of a class name must name a class of DL4J or ND4J ({@code org.deeplearning4j.*},
 * {@code org.nd4j.*}), the only classes in a network Rung builds: no class of the application's own
 * jars, Spark's or the JDK's is ever instantiated from a checkpoint. Duplicate keys are refused, so
 * the text checked is the text bound.
 */
final class ConfigurationJson {
  private static final List<String> PACKAGES = List.of("org.deeplearning4j.", "org.nd4j.");
  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+");
  private static final ObjectMapper TREE =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ConfigurationJson() {}

  /**
   * The configuration {@code json} describes.
   *
   * @param entry the entry's name, for messages
   * @throws CheckpointException if it is not JSON, names a class outside DL4J and ND4J or is not a
   *     network configuration DL4J reads
   */
  static MultiLayerConfiguration parse(String json, String entry, String location) {
    JsonNode root;
    try {
      root = TREE.readTree(json);
    } catch (JacksonException e) {
      throw new CheckpointException(
          location, entry + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CheckpointException(location, entry + " is not a JSON object", null);
    }
    checkNames(root, entry, location);
    try {
      return MultiLayerConfiguration.fromJson(json);
    } catch (RuntimeException e) {
      throw new CheckpointException(
          location, entry + " is not a network configuration DL4J reads: " + e.getMessage(), e);
    }
  }

  private static void checkNames(JsonNode node, String entry, String location) {
    if (node.isTextual()) {
      checkName(node.textValue(), entry, location);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      checkName(f.getKey(), entry, location);
      checkNames(f.getValue(), entry, location);
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        checkNames(element, entry, location);
      }
    }
  }

  private static void checkName(String text, String entry, String location) {
    if (CLASS_NAME.matcher(text).matches() && PACKAGES.stream().noneMatch(text::startsWith)) {
      throw new CheckpointException(
          location,
          entry
              + " names the class "
              + text
              + ", but Rung's networks use only classes of "
              + String.join("* and ", PACKAGES)
              + "*"
              + CheckpointZip.NOT_WRITTEN_BY_RUNG,
          null);
    }
  }
}
