package dev.rung.training.hostile;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class whose Java deserialization runs code: the stand-in for a gadget of some library on the
 * classpath. Its {@code readObject} only counts that it ran.
 */
public final class Gadget implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How many times {@code readObject} ran in this JVM. */
  public static final AtomicInteger RAN = new AtomicInteger();

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    RAN.incrementAndGet();
  }
}
