package dev.rung.training.model;

import dev.rung.training.data.InputShape;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * A family of built-in networks ({@code rung.model.family}, or a trial's {@code model} parameter):
 * which parameters describe its networks, what each accepts, and the DL4J layers that realize them.
 * Everything else about a built-in network (optimizer, learning rate and its schedule, batch size,
 * weight initialization, augmentation, the softmax output, training, checkpoints) is shared by all
 * families.
 *
 * <p>A new family is one class implementing this interface, named in {@code
 * META-INF/services/dev.rung.training.model.NetworkFamily}, plus its documentation: the sweep
 * definition accepts its name, the search space is checked against its parameters, and trials
 * train, checkpoint and resume like the other families' ({@link NetworkFamilies}).
 */
public interface NetworkFamily {

  /**
   * The family's name, lower case, as the configuration and the {@code model} parameter write it.
   */
  String name();

  /**
   * The parameters only this family reads, with the values each accepts, in the order the docs list
   * them; per-layer names contain {@code {i}} ({@link ParamNames#INDEX}).
   */
  Map<String, Accepts> params();

  /**
   * Which of the settings shared by several families the family reads: {@link
   * ParamNames#ACTIVATION}, {@link ParamNames#DROPOUT}, {@link ParamNames#BATCH_NORM}.
   */
  Set<String> sharedParams();

  /**
   * The network a trial's parameters describe; absent parameters take the family's defaults.
   *
   * @throws IllegalArgumentException for a value the network refuses, naming the parameter
   */
  NetworkSpec spec(TrainingSpecs.Reader params);

  /**
   * Adds the layers before the softmax output and sets the input type, for examples of {@code
   * input} (given to the network as flat rows of {@code input.features()} values).
   *
   * @throws IllegalArgumentException when the family cannot read such examples, saying what it
   *     needs
   */
  void addLayers(NeuralNetConfiguration.ListBuilder list, NetworkSpec spec, InputShape input);
}
