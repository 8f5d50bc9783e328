package dev.rung.training.model;

import static dev.rung.training.model.ParamNames.*;

import dev.rung.training.augment.Augmentation;
import dev.rung.training.params.ParamSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A define-by-run search space for networks, in the style of Optuna's {@code build_model(trial)}:
 * {@link #sample} calls {@code suggest*} for exactly the parameters that matter for the choices
 * made so far (per-layer widths only for existing layers, momentum only for SGD, the decay factor
 * only with a schedule). The setters narrow or widen each range; a range of a single value is not
 * searched.
 *
 * <p>Run against a {@link dev.rung.training.params.TrialParams} it samples; run against {@link
 * dev.rung.training.params.FixedParams} holding a trial's parameters it rebuilds the same spec,
 * which is what a Spark executor does.
 *
 * @apiNote Instances are mutable configuration objects; configure once, then share read-only.
 */
public final class ModelSearch {
  private List<String> models = List.of("mlp");
  private int mlpMinLayers = 1;
  private int mlpMaxLayers = 3;
  private int minWidth = 16;
  private int maxWidth = 512;
  private boolean perLayerWidth = true;
  private List<String> activations = List.of("relu", "tanh", "gelu", "leakyrelu");
  private double maxDropout = 0.5;
  private List<Boolean> batchNorm = List.of(false, true);
  private int cnnMinLayers = 1;
  private int cnnMaxLayers = 3;
  private int minChannels = 8;
  private int maxChannels = 64;
  private List<Integer> kernels = List.of(3, 5, 7);
  private List<Boolean> pool = List.of(true, false);
  private List<Boolean> globalPool = List.of(false, true);
  private int minFcWidth = 32;
  private int maxFcWidth = 256;
  private List<String> optimizers = List.of("adam", "adamw", "sgd", "rmsprop");
  private double minLr = 1e-4;
  private double maxLr = 1e-1;
  private double minWeightDecay = 1e-6;
  private double maxWeightDecay = 1e-2;
  private double maxMomentum = 0.99;
  private List<Integer> batchSizes = List.of(32, 64, 128);
  private List<String> schedules = List.of("none", "exponential", "step");
  private List<String> weightInits = List.of("xavier", "he");
  private double maxRotation;
  private double maxFlip;
  private int maxShift;

  /** The default search over MLPs only. */
  public ModelSearch() {}

  /** Which architectures to search: {@code mlp}, {@code cnn} or both. */
  public ModelSearch models(String... names) {
    for (String n : names) {
      if (!n.equals("mlp") && !n.equals("cnn")) {
        throw new IllegalArgumentException("model '" + n + "' is not known; allowed: [mlp, cnn]");
      }
    }
    this.models = List.of(names);
    return this;
  }

  public ModelSearch mlpLayers(int min, int max) {
    this.mlpMinLayers = min;
    this.mlpMaxLayers = max;
    return this;
  }

  /** MLP widths, searched on a log scale. */
  public ModelSearch widths(int min, int max) {
    this.minWidth = min;
    this.maxWidth = max;
    return this;
  }

  /** One width per layer ({@code mlp_i_width}) or one shared width ({@code mlp_width}). */
  public ModelSearch perLayerWidth(boolean perLayer) {
    this.perLayerWidth = perLayer;
    return this;
  }

  public ModelSearch activations(String... names) {
    for (String n : names) {
      ActivationKind.parse(n);
    }
    this.activations = List.of(names);
    return this;
  }

  /** Dropout rate in {@code [0, max]}; 0 disables it. */
  public ModelSearch dropout(double max) {
    NetworkSpec.checkDropout(max);
    this.maxDropout = max;
    return this;
  }

  public ModelSearch batchNorm(Boolean... choices) {
    this.batchNorm = List.of(choices);
    return this;
  }

  public ModelSearch cnnLayers(int min, int max) {
    this.cnnMinLayers = min;
    this.cnnMaxLayers = max;
    return this;
  }

  /** Conv channels, searched on a log scale. */
  public ModelSearch channels(int min, int max) {
    this.minChannels = min;
    this.maxChannels = max;
    return this;
  }

  public ModelSearch kernels(Integer... sizes) {
    for (int k : sizes) {
      new ConvLayerSpec(1, k, false);
    }
    this.kernels = List.of(sizes);
    return this;
  }

  public ModelSearch pooling(Boolean... choices) {
    this.pool = List.of(choices);
    return this;
  }

  public ModelSearch globalPool(Boolean... choices) {
    this.globalPool = List.of(choices);
    return this;
  }

  /** CNN dense-layer width, searched on a log scale. */
  public ModelSearch fcWidth(int min, int max) {
    this.minFcWidth = min;
    this.maxFcWidth = max;
    return this;
  }

  public ModelSearch optimizers(String... names) {
    for (String n : names) {
      OptimizerKind.parse(n);
    }
    this.optimizers = List.of(names);
    return this;
  }

  /** Learning rate, searched on a log scale. */
  public ModelSearch learningRate(double min, double max) {
    this.minLr = min;
    this.maxLr = max;
    return this;
  }

  /** Weight decay, searched on a log scale; {@code (0, 0)} disables it. */
  public ModelSearch weightDecay(double min, double max) {
    this.minWeightDecay = min;
    this.maxWeightDecay = max;
    return this;
  }

  /** SGD momentum in {@code [0, max]}; only suggested when the optimizer is SGD. */
  public ModelSearch momentum(double max) {
    this.maxMomentum = max;
    return this;
  }

  public ModelSearch batchSizes(Integer... sizes) {
    this.batchSizes = List.of(sizes);
    return this;
  }

  public ModelSearch schedules(String... names) {
    for (String n : names) {
      LrSchedule.Kind.parse(n);
    }
    this.schedules = List.of(names);
    return this;
  }

  public ModelSearch weightInits(String... names) {
    for (String n : names) {
      WeightInitKind.parse(n);
    }
    this.weightInits = List.of(names);
    return this;
  }

  /** Augmentation ranges: rotation up to {@code degrees}, flip probability, shift in pixels. */
  public ModelSearch augmentation(double degrees, double flipProbability, int shift) {
    new Augmentation(degrees, flipProbability, shift);
    this.maxRotation = degrees;
    this.maxFlip = flipProbability;
    this.maxShift = shift;
    return this;
  }

  /** Suggests a whole training spec. */
  public TrainingSpec sample(ParamSource p) {
    NetworkSpec network = sampleNetwork(p);
    OptimizerSpec optimizer = sampleOptimizer(p);
    int batch = p.suggestCategorical(BATCH_SIZE, batchSizes);
    WeightInitKind init = WeightInitKind.parse(p.suggestCategorical(WEIGHT_INIT, weightInits));
    return new TrainingSpec(network, optimizer, batch, init, sampleAugmentation(p));
  }

  /** Suggests the architecture. */
  public NetworkSpec sampleNetwork(ParamSource p) {
    String model = p.suggestCategorical(MODEL, models);
    ActivationKind act = ActivationKind.parse(p.suggestCategorical(ACTIVATION, activations));
    double dropout = maxDropout > 0 ? p.suggestFloat(DROPOUT, 0, maxDropout) : 0;
    boolean bn = p.suggestCategorical(BATCH_NORM, batchNorm);
    if (model.equals("mlp")) {
      int layers = p.suggestInt(MLP_LAYERS, mlpMinLayers, mlpMaxLayers);
      List<Integer> widths = new ArrayList<>();
      int shared =
          perLayerWidth || layers == 0 ? 0 : p.suggestInt(MLP_WIDTH, minWidth, maxWidth, true);
      for (int i = 0; i < layers; i++) {
        widths.add(perLayerWidth ? p.suggestInt(mlpWidth(i), minWidth, maxWidth, true) : shared);
      }
      return new MlpSpec(widths, act, dropout, bn);
    }
    int layers = p.suggestInt(CNN_LAYERS, cnnMinLayers, cnnMaxLayers);
    List<ConvLayerSpec> convs = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      convs.add(
          new ConvLayerSpec(
              p.suggestInt(convChannels(i), minChannels, maxChannels, true),
              p.suggestCategorical(convKernel(i), kernels),
              p.suggestCategorical(convPool(i), pool)));
    }
    boolean gap = p.suggestCategorical(GLOBAL_POOL, globalPool);
    int fc = p.suggestInt(FC_WIDTH, minFcWidth, maxFcWidth, true);
    return new CnnSpec(convs, act, bn, gap, fc, dropout);
  }

  /** Suggests the optimizer, its learning rate, weight decay, momentum and schedule. */
  public OptimizerSpec sampleOptimizer(ParamSource p) {
    OptimizerKind kind = OptimizerKind.parse(p.suggestCategorical(OPTIMIZER, optimizers));
    double lr = p.suggestFloat(LR, minLr, maxLr, true);
    double wd =
        maxWeightDecay > 0 ? p.suggestFloat(WEIGHT_DECAY, minWeightDecay, maxWeightDecay, true) : 0;
    double momentum =
        kind == OptimizerKind.SGD && maxMomentum > 0 ? p.suggestFloat(MOMENTUM, 0, maxMomentum) : 0;
    LrSchedule.Kind sk = LrSchedule.Kind.parse(p.suggestCategorical(LR_SCHEDULE, schedules));
    LrSchedule schedule =
        sk == LrSchedule.Kind.NONE
            ? LrSchedule.NONE
            : new LrSchedule(sk, p.suggestFloat(LR_GAMMA, 0.5, 0.99), 1);
    return new OptimizerSpec(kind, lr, wd, momentum, schedule);
  }

  /** Suggests augmentation strengths within the configured maxima (none by default). */
  public Augmentation sampleAugmentation(ParamSource p) {
    double rot = maxRotation > 0 ? p.suggestFloat(AUG_ROTATION, 0, maxRotation) : 0;
    double flip = maxFlip > 0 ? p.suggestFloat(AUG_FLIP, 0, maxFlip) : 0;
    int shift = maxShift > 0 ? p.suggestInt(AUG_SHIFT, 0, maxShift) : 0;
    return new Augmentation(rot, flip, shift);
  }
}
