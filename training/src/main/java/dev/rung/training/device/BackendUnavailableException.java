package dev.rung.training.device;

/** ND4J's backend cannot load on this machine; the message says why and what is needed. */
public final class BackendUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BackendUnavailableException(String message) {
    super(message);
  }

  BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
