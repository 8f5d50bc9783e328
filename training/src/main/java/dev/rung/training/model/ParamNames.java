package dev.rung.training.model;

/**
 * The parameter names that {@link ModelSearch} suggests and {@link TrainingSpecs#fromParams} reads.
 * Per-layer names contain the layer index: {@code mlp_0_width}, {@code conv_2_kernel}.
 */
public final class ParamNames {
  private ParamNames() {}

  /** {@code mlp} or {@code cnn}. */
  public static final String MODEL = "model";

  public static final String MLP_LAYERS = "mlp_layers";

  /** The width shared by all MLP layers. */
  public static final String MLP_WIDTH = "mlp_width";

  public static final String ACTIVATION = "activation";
  public static final String DROPOUT = "dropout";
  public static final String BATCH_NORM = "batch_norm";
  public static final String CNN_LAYERS = "cnn_layers";
  public static final String GLOBAL_POOL = "global_pool";
  public static final String FC_WIDTH = "fc_width";
  public static final String OPTIMIZER = "optimizer";
  public static final String LR = "lr";
  public static final String WEIGHT_DECAY = "weight_decay";

  /** Only suggested when {@code optimizer = sgd}. */
  public static final String MOMENTUM = "momentum";

  public static final String BATCH_SIZE = "batch_size";
  public static final String LR_SCHEDULE = "lr_schedule";

  /** Only suggested when {@code lr_schedule} is not {@code none}. */
  public static final String LR_GAMMA = "lr_gamma";

  /** Only read when {@code lr_schedule = step}. */
  public static final String LR_STEP_EPOCHS = "lr_step_epochs";

  public static final String WEIGHT_INIT = "weight_init";
  public static final String AUG_ROTATION = "aug_rotation";
  public static final String AUG_FLIP = "aug_flip";
  public static final String AUG_SHIFT = "aug_shift";

  /** The width of MLP layer {@code i}, when widths are searched per layer. */
  public static String mlpWidth(int i) {
    return "mlp_" + i + "_width";
  }

  public static String convChannels(int i) {
    return "conv_" + i + "_channels";
  }

  public static String convKernel(int i) {
    return "conv_" + i + "_kernel";
  }

  public static String convPool(int i) {
    return "conv_" + i + "_pool";
  }
}
