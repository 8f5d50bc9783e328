package dev.rung.training.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.hostile.Gadget;
import dev.rung.training.hostile.GadgetPreProcessor;
import dev.rung.training.hostile.Zips;
import dev.rung.training.hostile.Zips.Entry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints crafted by someone who can write to the output directory: a valid checkpoint plus
 * entries holding a Java-serialized object whose {@code readObject} runs code, or a configuration
 * naming a class outside DL4J, or vectors that lie about their size. Each is refused with a {@link
 * CheckpointException} naming the file and the entry, and no code of the crafted content runs.
 */
class HostileCheckpointTest {
  private static final String NETWORK = "network.zip";
  private static final String PREPROCESSOR = "org.deeplearning4j.nn.conf.preprocessor.";

  @TempDir Path dir;

  @BeforeEach
  void resetGadgets() {
    Gadget.RAN.set(0);
    GadgetPreProcessor.MADE.set(0);
  }

  /** The golden CNN checkpoint (with Adam state and input preprocessors), taken apart. */
  private static List<Entry> valid() throws IOException {
    return Zips.entries(Files.readAllBytes(GoldenCheckpointTest.golden("cnn.ckpt")));
  }

  private static List<Entry> editNetwork(List<Entry> checkpoint, UnaryOperator<List<Entry>> edit) {
    List<Entry> network = edit.apply(Zips.entries(Zips.get(checkpoint, NETWORK)));
    return Zips.with(checkpoint, NETWORK, Zips.zip(network));
  }

  private static Entry gadget(String name) {
    return new Entry(name, Zips.serialized(new Gadget()));
  }

  private String write(String name, List<Entry> checkpoint) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, Zips.zip(checkpoint));
    return p.toString();
  }

  private static CheckpointException refused(String location) {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Checkpoint.network(location));
    assertTrue(e.getMessage().startsWith("checkpoint " + location + ": "), e.getMessage());
    return e;
  }

  @Test
  void dl4jsOwnReaderWouldRunTheGadget() throws Exception {
    // The control: the crafted network.zip is live. Restoring it the way Rung used to runs the
    // gadget's readObject.
    List<Entry> network = Zips.entries(Zips.get(valid(), NETWORK));
    byte[] crafted = Zips.zip(Zips.inserted(network, network.size(), gadget("preprocessor.bin")));
    try {
      ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(crafted), true);
    } catch (RuntimeException expected) {
      // the gadget is no DataSetPreProcessor: the cast fails after its readObject ran
    }
    assertEquals(1, Gadget.RAN.get());
  }

  static Stream<Arguments> serializedObjects() {
    return Stream.of(
        Arguments.of("preprocessor.bin after the vectors", -1, "preprocessor.bin", false),
        Arguments.of("preprocessor.bin first", 0, "preprocessor.bin", false),
        Arguments.of("preprocessor.bin between the vectors", 2, "preprocessor.bin", false),
        Arguments.of("normalizer.bin", -1, "normalizer.bin", false),
        Arguments.of("an object entry", -1, "objects/gadget", false),
        Arguments.of("a second configuration", 1, "configuration.json", false),
        Arguments.of("an entry after network.zip", -1, "preprocessor.bin", true),
        Arguments.of("an entry before state.properties", 0, "preprocessor.bin", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serializedObjects")
  void anEntryRungDoesNotWriteIsRefusedUnread(
      String variant, int index, String entry, boolean outer) throws IOException {
    UnaryOperator<List<Entry>> add =
        entries -> Zips.inserted(entries, index < 0 ? entries.size() : index, gadget(entry));
    List<Entry> crafted = outer ? add.apply(valid()) : editNetwork(valid(), add);
    CheckpointException e = refused(write("crafted.ckpt", crafted));
    assertTrue(e.getMessage().contains((outer ? "" : NETWORK + "/") + entry), e.getMessage());
    assertTrue(e.getMessage().contains("Delete the file"), e.getMessage());
    assertEquals(0, Gadget.RAN.get(), variant + ": the gadget's readObject ran");
  }

  @Test
  void aSerializedObjectInPlaceOfAnEntryIsRefusedUnread() throws IOException {
    for (String entry : List.of("coefficients.bin", "updaterState.bin", "configuration.json")) {
      List<Entry> crafted =
          editNetwork(valid(), n -> Zips.with(n, entry, Zips.serialized(new Gadget())));
      CheckpointException e = refused(write(entry + ".ckpt", crafted));
      assertTrue(e.getMessage().contains(NETWORK + "/" + entry), e.getMessage());
    }
    refused(write("network.ckpt", Zips.with(valid(), NETWORK, Zips.serialized(new Gadget()))));
    assertEquals(0, Gadget.RAN.get());
  }

  @Test
  void aConfigurationNamingAClassOutsideDl4jIsRefusedBeforeDl4jSeesIt() throws IOException {
    String gadget = GadgetPreProcessor.class.getName();
    String json =
        new String(
            Zips.get(Zips.entries(Zips.get(valid(), NETWORK)), "configuration.json"),
            StandardCharsets.UTF_8);
    String named = json.replace(PREPROCESSOR + "CnnToFeedForwardPreProcessor", gadget);
    // The control: DL4J instantiates the class the JSON names.
    List<Entry> network = Zips.entries(Zips.get(valid(), NETWORK));
    byte[] craftedNetwork = Zips.zip(Zips.with(network, "configuration.json", bytes(named)));
    try {
      ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(craftedNetwork), true);
    } catch (RuntimeException ignored) {
      // whether or not the network then works, the constructor ran
    }
    assertTrue(GadgetPreProcessor.MADE.get() > 0, "the control did not instantiate the class");
    GadgetPreProcessor.MADE.set(0);

    String escaped =
        json.replace(
            PREPROCESSOR + "CnnToFeedForwardPreProcessor", "\\u0064" + gadget.substring(1));
    String duplicated =
        json.replace(
            "\"@class\" : \"" + PREPROCESSOR + "CnnToFeedForwardPreProcessor\"",
            "\"@class\" : \""
                + gadget
                + "\", \"@class\" : \""
                + PREPROCESSOR
                + "CnnToFeedForwardPreProcessor\"");
    String wrapped =
        json.replace("\"7\" : {", "\"7\" : [\"" + gadget + "\", {")
            .replace("\"numChannels\" : 6\n    }", "\"numChannels\" : 6\n    }]");
    for (String crafted : List.of(named, escaped, duplicated, wrapped)) {
      List<Entry> checkpoint =
          editNetwork(valid(), n -> Zips.with(n, "configuration.json", bytes(crafted)));
      CheckpointException e = refused(write("json.ckpt", checkpoint));
      assertTrue(e.getMessage().contains(NETWORK + "/configuration.json"), e.getMessage());
    }
    assertEquals(0, GadgetPreProcessor.MADE.get(), "a class the JSON named was instantiated");
  }

  @Test
  void vectorsThatLieAboutTheirSizeAreRefusedBeforeAnythingIsAllocated() throws IOException {
    // The controls: taken apart and put together again, the checkpoint loads, and so it does with
    // the parameters replaced by a vector this test writes in ND4J's format.
    long params =
        Checkpoint.network(write("rezipped.ckpt", editNetwork(valid(), n -> n))).numParams();
    byte[] halves = vector("valid", params);
    MultiLayerNetwork replaced =
        Checkpoint.network(
            write(
                "halves.ckpt",
                editNetwork(valid(), n -> Zips.with(n, "coefficients.bin", halves))));
    assertEquals(0.5, replaced.params().minNumber().doubleValue());
    assertEquals(0.5, replaced.params().maxNumber().doubleValue());
    String[][] cases = {
      {"huge", "holds 1099511627776 values, but the network has " + params},
      {"fewer", "holds " + (params - 1) + " values"},
      {"ints", "has values of type 'INT', not FLOAT"},
      {"shape", "has a shape of 1000000000 numbers"},
      {"truncated", "is truncated"},
      {"trailing", "has bytes after its " + params + " values"},
    };
    for (String[] c : cases) {
      byte[] vector = vector(c[0], params);
      List<Entry> crafted = editNetwork(valid(), n -> Zips.with(n, "coefficients.bin", vector));
      CheckpointException e = refused(write(c[0] + ".ckpt", crafted));
      assertTrue(e.getMessage().contains(NETWORK + "/coefficients.bin " + c[1]), e.getMessage());
    }
  }

  /** A coefficients.bin in ND4J's format for {@code n} parameters, spoilt as {@code how} says. */
  private static byte[] vector(String how, long n) throws IOException {
    long count =
        switch (how) {
          case "huge" -> 1L << 40;
          case "fewer" -> n - 1;
          default -> n;
        };
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeUTF("MIXED_DATA_TYPES");
    out.writeLong(how.equals("shape") ? 1_000_000_000L : 6);
    out.writeUTF("LONG");
    for (long v : new long[] {1, n, 1, 8192, 1, 'c'}) {
      out.writeLong(v);
    }
    out.writeUTF("MIXED_DATA_TYPES");
    out.writeLong(count);
    out.writeUTF(how.equals("ints") ? "INT" : "FLOAT");
    long written = how.equals("truncated") ? n / 2 : how.equals("trailing") ? n + 1 : n;
    for (long i = 0; i < Math.min(written, n + 1); i++) {
      out.writeFloat(0.5f);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
