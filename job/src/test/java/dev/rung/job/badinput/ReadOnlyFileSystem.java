package dev.rung.job.badinput;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code readonly://}, refusing every write the way a
 * read-only mount or an HDFS folder without write permission does. (Permissions cannot make a local
 * folder read-only for tests that run as root.) Registered for Hadoop in the test resources' {@code
 * META-INF/services}.
 */
public class ReadOnlyFileSystem extends RawLocalFileSystem {
  private static final URI ROOT = URI.create("readonly:///");

  @Override
  public String getScheme() {
    return ROOT.getScheme();
  }

  @Override
  public URI getUri() {
    return ROOT;
  }

  @Override
  public boolean mkdirs(Path f) throws IOException {
    return mkdirs(f, FsPermission.getDirDefault());
  }

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    if (exists(f) && getFileStatus(f).isDirectory()) {
      return true;
    }
    throw denied(f);
  }

  @Override
  public FSDataOutputStream create(
      Path f,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    throw denied(f);
  }

  private static AccessControlException denied(Path f) {
    return new AccessControlException("Permission denied: " + f + " is on a read-only file system");
  }
}
