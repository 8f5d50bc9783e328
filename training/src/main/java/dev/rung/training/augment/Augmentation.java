package dev.rung.training.augment;

/**
 * Random image augmentation applied to every training batch, drawn anew each epoch.
 *
 * @param rotationDegrees rotate by an angle uniform in {@code [-d, d]} degrees (0: none)
 * @param flipProbability mirror left-right with this probability (0: never)
 * @param maxShift shift by up to this many pixels in each direction, zero-filled; a random crop of
 *     a padded image (0: none)
 */
public record Augmentation(double rotationDegrees, double flipProbability, int maxShift) {
  /** No augmentation. */
  public static final Augmentation NONE = new Augmentation(0, 0, 0);

  public Augmentation {
    if (!(rotationDegrees >= 0 && rotationDegrees <= 180)) {
      throw new IllegalArgumentException(
          "aug_rotation " + rotationDegrees + " is not allowed: must be in [0, 180] degrees");
    }
    if (!(flipProbability >= 0 && flipProbability <= 1)) {
      throw new IllegalArgumentException(
          "aug_flip " + flipProbability + " is not allowed: must be a probability in [0, 1]");
    }
    if (maxShift < 0) {
      throw new IllegalArgumentException("aug_shift " + maxShift + " is not allowed: must be >= 0");
    }
  }

  /** Whether this augmentation changes anything. */
  public boolean isActive() {
    return rotationDegrees > 0 || flipProbability > 0 || maxShift > 0;
  }
}
