package dev.rung.job.tables;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Properties;

/**
 * Who holds an output lock.
 *
 * @param owner the identifier the driver gave (for example the sweep name and application id)
 * @param host the driver's host name
 * @param pid the driver's process id
 * @param started when the driver took the lock
 */
public record LockOwner(String owner, String host, long pid, Instant started) {

  /** The current process as the owner {@code owner}, starting now. */
  static LockOwner current(String owner, Instant now) {
    return new LockOwner(owner, hostName(), ProcessHandle.current().pid(), now);
  }

  /** A short description for messages. */
  public String describe() {
    return "'" + owner + "' on host " + host + " (pid " + pid + "), started " + started;
  }

  String encode() {
    Properties p = new Properties();
    p.setProperty("owner", owner);
    p.setProperty("host", host);
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("started", started.toString());
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The owner written in a lock file, or null when the text is incomplete (being written). */
  static LockOwner decode(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
      return new LockOwner(
          p.getProperty("owner", "?"),
          p.getProperty("host", "?"),
          Long.parseLong(p.getProperty("pid", "-1")),
          Instant.parse(p.getProperty("started")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
