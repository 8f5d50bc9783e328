package dev.rung.training.hostile;

import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A class outside DL4J that a network configuration's JSON can name ({@code "@class"}) for DL4J to
 * instantiate: its constructor counts that it ran.
 */
public final class GadgetPreProcessor implements InputPreProcessor {
  private static final long serialVersionUID = 1L;

  /** How many instances were made in this JVM. */
  public static final AtomicInteger MADE = new AtomicInteger();

  public GadgetPreProcessor() {
    MADE.incrementAndGet();
  }

  @Override
  public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
    return input;
  }

  @Override
  public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
    return output;
  }

  @Override
  public InputPreProcessor clone() {
    return new GadgetPreProcessor();
  }

  @Override
  public InputType getOutputType(InputType inputType) {
    return inputType;
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArray(
      INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
    return new Pair<>(maskArray, currentMaskState);
  }
}
