package dev.rung.training.hostile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Takes zips apart and puts them together again, to craft checkpoints. */
public final class Zips {
  private Zips() {}

  /** One entry of a zip. */
  public record Entry(String name, byte[] bytes) {}

  /** The entries of {@code zip}, in order. */
  public static List<Entry> entries(byte[] zip) {
    List<Entry> out = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.add(new Entry(e.getName(), in.readAllBytes()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * A zip of {@code entries}, in order. Names may repeat: Java's writer refuses that, so a repeated
   * name is written as a placeholder of the same length and patched in the bytes afterwards.
   */
  public static byte[] zip(List<Entry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Set<String> seen = new HashSet<>();
    List<String> repeated = new ArrayList<>();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Entry e : entries) {
        String name = e.name();
        if (!seen.add(name)) {
          repeated.add(name);
          name = placeholder(name, repeated.size());
        }
        out.putNextEntry(new ZipEntry(name));
        out.write(e.bytes());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] zip = bytes.toByteArray();
    for (int i = 0; i < repeated.size(); i++) {
      replaceAll(zip, placeholder(repeated.get(i), i + 1), repeated.get(i));
    }
    return zip;
  }

  private static String placeholder(String name, int n) {
    String tag = "~" + n;
    return name.substring(0, name.length() - tag.length()) + tag;
  }

  private static void replaceAll(byte[] zip, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.UTF_8);
    byte[] t = to.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + f.length <= zip.length; i++) {
      if (Arrays.equals(zip, i, i + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, zip, i, t.length);
      }
    }
  }

  /** The bytes of entry {@code name} (the first of that name). */
  public static byte[] get(List<Entry> entries, String name) {
    return entries.stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no entry " + name))
        .bytes();
  }

  /** {@code entries} with the bytes of entry {@code name} replaced. */
  public static List<Entry> with(List<Entry> entries, String name, byte[] bytes) {
    return entries.stream().map(e -> e.name().equals(name) ? new Entry(name, bytes) : e).toList();
  }

  /** {@code entries} with {@code extra} inserted at {@code index}. */
  public static List<Entry> inserted(List<Entry> entries, int index, Entry extra) {
    List<Entry> out = new ArrayList<>(entries);
    out.add(index, extra);
    return out;
  }

  /** {@code object} Java-serialized. */
  public static byte[] serialized(Serializable object) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
