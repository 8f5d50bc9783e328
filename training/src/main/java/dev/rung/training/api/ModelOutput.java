package dev.rung.training.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The directory the best model is exported to, on any file system Hadoop reaches (a local path,
 * {@code hdfs://}, {@code s3a://}).
 */
public interface ModelOutput {

  /** The directory's location. */
  String location();

  /**
   * Creates (or replaces) the file {@code name} in the directory; the caller closes the stream.
   *
   * @param name a plain file name such as {@code model.onnx}, without '/'
   */
  OutputStream create(String name) throws IOException;
}
