package dev.rung.job.config;

/**
 * One thing wrong with a sweep definition: the key (full path), where it was written, the bad value
 * and what is allowed.
 *
 * @param key the full key, e.g. {@code rung.sampler.type}
 * @param origin where the value comes from (file and line), or null
 * @param message what is wrong and what is allowed
 */
public record ConfigError(String key, String origin, String message) {

  @Override
  public String toString() {
    return key + (origin == null ? "" : " (" + origin + ")") + ": " + message;
  }
}
