package dev.rung.training.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFilesTest {

  @TempDir Path tmp;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLocalFileIsCreatedWithItsParentsAndNoChecksumFile() throws IOException {
    Path file = tmp.resolve("a/b/c/state.zip");
    try (OutputStream out = HadoopFiles.create(file.toUri().toString())) {
      out.write(bytes("one"));
    }
    assertArrayEquals(bytes("one"), Files.readAllBytes(file));
    assertFalse(Files.exists(file.resolveSibling(".state.zip.crc")));
  }

  @Test
  void creatingAnExistingFileWithoutOverwriteFailsAsHadoopDoes() throws IOException {
    FileSystem raw = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    Path file = tmp.resolve("taken");
    Files.write(file, bytes("first"));
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
    FileAlreadyExistsException e =
        assertThrows(FileAlreadyExistsException.class, () -> HadoopFiles.create(raw, path, false));
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    assertArrayEquals(bytes("first"), Files.readAllBytes(file), "left as it was");

    try (OutputStream out = HadoopFiles.create(raw, path, true)) {
      out.write(bytes("second"));
    }
    assertArrayEquals(bytes("second"), Files.readAllBytes(file));
  }

  @Test
  void aRewriteRemovesTheChecksumAnEarlierVersionLeft() throws IOException {
    // An earlier version wrote through the checksummed local file system: a .crc beside the file.
    LocalFileSystem checksummed = FileSystem.getLocal(new Configuration());
    Path file = tmp.resolve("checkpoint.zip");
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
    try (OutputStream out = checksummed.create(path, true)) {
      out.write(bytes("old contents"));
    }
    assertTrue(Files.exists(tmp.resolve(".checkpoint.zip.crc")));

    HadoopFiles.writeAtomically(file.toUri().toString(), out -> out.write(bytes("new")));

    assertFalse(Files.exists(tmp.resolve(".checkpoint.zip.crc")));
    try (InputStream in = checksummed.open(path)) {
      assertArrayEquals(bytes("new"), in.readAllBytes(), "readable through Hadoop's view too");
    }
    try (InputStream in = HadoopFiles.open(file.toUri().toString())) {
      assertEquals("new", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
