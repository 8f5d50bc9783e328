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

  /** Where a per-layer name has its layer index, as a search space's templates write it. */
  public static final String INDEX = "{i}";

  /** The width of each MLP layer, when widths are searched per layer: {@code mlp_0_width}, ... */
  public static final String MLP_LAYER_WIDTH = "mlp_{i}_width";

  public static final String CONV_CHANNELS = "conv_{i}_channels";
  public static final String CONV_KERNEL = "conv_{i}_kernel";
  public static final String CONV_POOL = "conv_{i}_pool";

  /** The width of MLP layer {@code i}, when widths are searched per layer. */
  public static String mlpWidth(int i) {
    return layer(MLP_LAYER_WIDTH, i);
  }

  public static String convChannels(int i) {
    return layer(CONV_CHANNELS, i);
  }

  public static String convKernel(int i) {
    return layer(CONV_KERNEL, i);
  }

  public static String convPool(int i) {
    return layer(CONV_POOL, i);
  }

  private static String layer(String template, int i) {
    return template.replace(INDEX, Integer.toString(i));
  }

  /**
   * Whether {@code name}, a parameter's name or a template of per-layer names, is among the names
   * {@code declared} stands for: the same text, where {@code {i}} in {@code declared} matches
   * {@code {i}} or a layer index in {@code name}. ({@code mlp_{i}_width} covers {@code
   * mlp_{i}_width} and {@code mlp_3_width}; {@code mlp_0_width} covers only itself.)
   */
  public static boolean covers(String declared, String name) {
    int d = 0;
    int n = 0;
    while (d < declared.length() && n < name.length()) {
      if (declared.startsWith(INDEX, d)) {
        d += INDEX.length();
        if (name.startsWith(INDEX, n)) {
          n += INDEX.length();
        } else {
          int digits = n;
          while (n < name.length() && Character.isDigit(name.charAt(n))) {
            n++;
          }
          if (n == digits) {
            return false;
          }
        }
      } else if (declared.charAt(d++) != name.charAt(n++)) {
        return false;
      }
    }
    return d == declared.length() && n == name.length();
  }
}
