package dev.rung.training.model;

import static dev.rung.training.model.ParamNames.DROPOUT;

import dev.rung.training.data.InputShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.preprocessors.ReshapePreprocessor;

/**
 * Recurrent networks for sequences: {@code lstm_layers} stacked LSTM layers (default 1), each
 * {@code lstm_width} units (default 64) or {@code lstm_{i}_width} per layer, whose last time step
 * feeds the softmax output. Examples are sequences given as one-channel images, {@code 1 x steps x
 * features}: each row is a time step (the rows of an MNIST digit are 28 steps of 28 pixels; a table
 * of sequences sets {@code image-shape = [1, steps, features]}). {@code dropout} acts between the
 * LSTM layers and before the output; the gates use DL4J's LSTM activations (sigmoid gates, tanh
 * cell), so {@code activation} and {@code batch_norm} are not read.
 */
public final class LstmFamily implements NetworkFamily {
  /** The number of LSTM layers. */
  public static final String LAYERS = "lstm_layers";

  /** The width shared by all LSTM layers. */
  public static final String WIDTH = "lstm_width";

  /** The width of each LSTM layer, when widths are searched per layer: {@code lstm_0_width}, ... */
  public static final String LAYER_WIDTH = "lstm_{i}_width";

  @Override
  public String name() {
    return "lstm";
  }

  @Override
  public Map<String, Accepts> params() {
    Map<String, Accepts> out = new LinkedHashMap<>();
    out.put(LAYERS, Accepts.atLeast(1));
    out.put(WIDTH, Accepts.atLeast(1));
    out.put(LAYER_WIDTH, Accepts.atLeast(1));
    return out;
  }

  @Override
  public Set<String> sharedParams() {
    return Set.of(DROPOUT);
  }

  /**
   * An LSTM network's layers.
   *
   * @param widths the LSTM layers' widths, input side first (at least one)
   * @param dropout dropout rate between LSTM layers and before the output, in [0, 1)
   */
  public record Spec(List<Integer> widths, double dropout) implements NetworkSpec {
    public Spec {
      widths = List.copyOf(widths);
      if (widths.isEmpty()) {
        throw new IllegalArgumentException(
            "lstm_layers 0 is not allowed: an LSTM network needs >= 1 layer");
      }
      for (int i = 0; i < widths.size(); i++) {
        if (widths.get(i) < 1) {
          throw new IllegalArgumentException(
              "lstm_" + i + "_width " + widths.get(i) + " is not allowed: must be >= 1");
        }
      }
      NetworkSpec.checkDropout(dropout);
    }

    @Override
    public String family() {
      return "lstm";
    }

    @Override
    public double outputDropout() {
      return dropout;
    }
  }

  @Override
  public NetworkSpec spec(TrainingSpecs.Reader r) {
    int layers = r.integer(LAYERS, r.countIndexed("lstm_%d_width", 1));
    int shared = r.integer(WIDTH, 64);
    List<Integer> widths = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      widths.add(r.integer(LAYER_WIDTH.replace(ParamNames.INDEX, Integer.toString(i)), shared));
    }
    return new Spec(widths, r.real(DROPOUT, 0));
  }

  @Override
  public void addLayers(
      NeuralNetConfiguration.ListBuilder list, NetworkSpec spec, InputShape input) {
    Spec lstm = (Spec) spec;
    if (!input.isImage() || input.channels() != 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "model lstm reads each example as a sequence of steps x features, given as a"
                  + " one-channel image (1 x steps x features), but the data has %s: set the"
                  + " data's image shape to [1, steps, features] or use model mlp",
              input.isImage()
                  ? input.channels() + "-channel images of " + input.height() + "x" + input.width()
                  : "plain vectors of " + input.features() + " features"));
    }
    int steps = input.height();
    int features = input.width();
    // Flat rows of steps x features, row-major, are already [steps][features]: reshaped, they are
    // sequences in DL4J's NWC layout (example, time step, feature), with no copy.
    list.inputPreProcessor(
        0,
        new ReshapePreprocessor(
            new long[] {(long) steps * features},
            new long[] {steps, features},
            false,
            RNNFormat.NWC));
    for (int i = 0; i < lstm.widths().size(); i++) {
      LSTM layer =
          new LSTM.Builder()
              .nOut(lstm.widths().get(i))
              .dataFormat(RNNFormat.NWC)
              .dropOut(NetworkFactory.dropout(i == 0 ? 0 : lstm.dropout()))
              .build();
      list.layer(i == lstm.widths().size() - 1 ? new LastTimeStep(layer) : layer);
    }
    list.setInputType(InputType.feedForward((long) steps * features));
  }
}
