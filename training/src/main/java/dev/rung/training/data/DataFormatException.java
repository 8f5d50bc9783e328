package dev.rung.training.data;

/** A data file that cannot be read as what it claims to be; the message names the file. */
public class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataFormatException(String file, String problem) {
    super(file + ": " + problem);
  }

  public DataFormatException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
