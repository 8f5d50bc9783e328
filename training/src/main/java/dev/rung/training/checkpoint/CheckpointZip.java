package dev.rung.training.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the zips Rung writes under an output's {@code checkpoints/} as what they are: files anyone
 * who can write to the output directory may have replaced. A checkpoint must hold exactly the
 * entries Rung writes, in the order it writes them, each within a size bound; anything else is
 * refused with a {@link CheckpointException} naming the checkpoint and the entry, before a byte of
 * it is interpreted.
 */
public final class CheckpointZip {
  /** The largest {@code state.properties} read: a few hundred bytes per epoch trained. */
  public static final int MAX_PROPERTIES_BYTES = 4 << 20;

  /** The end of a message refusing a file that Rung did not write: why, and what to do. */
  public static final String NOT_WRITTEN_BY_RUNG =
      "; a checkpoint Rung did not write is never read (it could run code when loaded). Delete the"
          + " file and check who else can write to the output directory";

  private CheckpointZip() {}

  /**
   * Moves to the next entry of {@code zip}, which must be {@code name}.
   *
   * @param container where the entry is, for messages (the checkpoint, or an entry holding a zip)
   * @param expected every entry {@code container} may hold, in order, for messages
   */
  public static void next(
      ZipInputStream zip, String name, String location, String container, List<String> expected)
      throws IOException {
    ZipEntry e = zip.getNextEntry();
    if (e == null) {
      throw new CheckpointException(
          location, "is truncated: " + container + " ends before " + name, null);
    }
    if (!e.getName().equals(name)) {
      throw unexpected(location, container, e.getName(), expected);
    }
  }

  /** Checks that {@code zip} holds nothing after the entries already read. */
  public static void end(
      ZipInputStream zip, String location, String container, List<String> expected)
      throws IOException {
    ZipEntry e = zip.getNextEntry();
    if (e != null) {
      throw unexpected(location, container, e.getName(), expected);
    }
  }

  /** The rest of {@code in}, which must be at most {@code limit} bytes. */
  public static byte[] read(InputStream in, int limit, String entry, String location)
      throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw new CheckpointException(
          location,
          "has an entry "
              + entry
              + " larger than the "
              + limit
              + " bytes Rung ever writes there; the file is not a Rung checkpoint and is not"
              + " read",
          null);
    }
    return bytes;
  }

  /** The properties of entry {@code entry}, the current one of {@code zip}. */
  public static Properties properties(ZipInputStream zip, String entry, String location)
      throws IOException {
    byte[] bytes = read(zip, MAX_PROPERTIES_BYTES, entry, location);
    Properties p = new Properties();
    try {
      p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(location, "has an unreadable " + entry, e);
    }
    return p;
  }

  private static CheckpointException unexpected(
      String location, String container, String found, List<String> expected) {
    String where = container.equals(location) ? "" : container + "/";
    return new CheckpointException(
        location,
        "holds "
            + where
            + found
            + ", where Rung writes only "
            + String.join(", ", expected)
            + (expected.size() > 1 ? " (in that order)" : "")
            + NOT_WRITTEN_BY_RUNG,
        null);
  }
}
