package dev.rung.job.config;

import java.util.List;

/** A sweep definition with one or more errors; the message lists them all, one per line. */
public class InvalidConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigError> errors;

  public InvalidConfigException(List<ConfigError> errors) {
    super(format(errors));
    this.errors = List.copyOf(errors);
  }

  public List<ConfigError> errors() {
    return errors;
  }

  private static String format(List<ConfigError> errors) {
    StringBuilder sb = new StringBuilder();
    sb.append("the sweep definition has ")
        .append(errors.size())
        .append(errors.size() == 1 ? " error:" : " errors:");
    for (ConfigError e : errors) {
      sb.append("\n  - ").append(e);
    }
    return sb.toString();
  }
}
