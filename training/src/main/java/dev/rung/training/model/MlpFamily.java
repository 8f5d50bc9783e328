package dev.rung.training.model;

import static dev.rung.training.model.ParamNames.ACTIVATION;
import static dev.rung.training.model.ParamNames.BATCH_NORM;
import static dev.rung.training.model.ParamNames.DROPOUT;
import static dev.rung.training.model.ParamNames.MLP_LAYERS;
import static dev.rung.training.model.ParamNames.MLP_LAYER_WIDTH;
import static dev.rung.training.model.ParamNames.MLP_WIDTH;
import static dev.rung.training.model.ParamNames.mlpWidth;

import dev.rung.training.data.InputShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * Multi-layer perceptrons ({@link MlpSpec}): {@code mlp_layers} dense layers (default 2), each
 * {@code mlp_width} wide (default 128) or {@code mlp_{i}_width} per layer, on any examples, images
 * flattened.
 */
public final class MlpFamily implements NetworkFamily {
  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public Map<String, Accepts> params() {
    Map<String, Accepts> out = new LinkedHashMap<>();
    out.put(MLP_LAYERS, Accepts.atLeast(0));
    out.put(MLP_WIDTH, Accepts.atLeast(1));
    out.put(MLP_LAYER_WIDTH, Accepts.atLeast(1));
    return out;
  }

  @Override
  public Set<String> sharedParams() {
    return Set.of(ACTIVATION, DROPOUT, BATCH_NORM);
  }

  @Override
  public NetworkSpec spec(TrainingSpecs.Reader r) {
    int layers = r.integer(MLP_LAYERS, r.countIndexed("mlp_%d_width", 2));
    int shared = r.integer(MLP_WIDTH, 128);
    List<Integer> widths = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      widths.add(r.integer(mlpWidth(i), shared));
    }
    return new MlpSpec(
        widths,
        ActivationKind.parse(r.string(ACTIVATION, "relu")),
        r.real(DROPOUT, 0),
        r.bool(BATCH_NORM, false));
  }

  @Override
  public void addLayers(
      NeuralNetConfiguration.ListBuilder list, NetworkSpec spec, InputShape input) {
    MlpSpec mlp = (MlpSpec) spec;
    for (int i = 0; i < mlp.widths().size(); i++) {
      // Dropout acts on the outputs of hidden layers, so never on the raw input.
      double inputDropout = i == 0 ? 0 : mlp.dropout();
      NetworkFactory.addDense(
          list, mlp.widths().get(i), mlp.activation(), inputDropout, mlp.batchNorm());
    }
    list.setInputType(InputType.feedForward(input.features()));
  }
}
