package dev.rung.job.exec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The main class of a {@link ChildJvm}: connects back to its parent on the loopback interface,
 * proves who it is with the token it was given, then runs each {@link ChildCall} it receives and
 * sends back the result or the failure, until the parent closes the connection. It ends as soon as
 * its standard input closes (the parent died), whatever threads the work left behind.
 */
public final class ChildMain {
  private ChildMain() {}

  /** What comes back for one call: its value, or the failure's text when it threw. */
  record Reply(Serializable value, String failure, String failureClass) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String token = args[1];
    Thread lifeline =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() >= 0) {
                  // the parent writes nothing: reading only waits for the end
                }
              } catch (IOException ignored) {
                // the parent is gone either way
              }
              Runtime.getRuntime().halt(0);
            },
            "rung-child-lifeline");
    lifeline.setDaemon(true);
    lifeline.start();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setTcpNoDelay(true); // as the parent's end: no wait for delayed acknowledgements
      socket.getOutputStream().write((token + "\n").getBytes(StandardCharsets.US_ASCII));
      ObjectOutputStream out =
          new ObjectOutputStream(
              new BufferedOutputStream(socket.getOutputStream(), ChildJvm.BUFFER));
      out.flush();
      ObjectInputStream in =
          new ObjectInputStream(new BufferedInputStream(socket.getInputStream(), ChildJvm.BUFFER));
      while (true) {
        Object request;
        try {
          request = in.readObject();
        } catch (EOFException closed) {
          break;
        }
        out.writeObject(run((ChildCall<?>) request));
        out.flush();
        out.reset();
      }
    }
    // Threads the work started must not keep this process alive.
    Runtime.getRuntime().halt(0);
  }

  private static Reply run(ChildCall<?> call) {
    try {
      return new Reply(call.call(), null, null);
    } catch (Exception | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      System.err.println(trace);
      return new Reply(null, String.valueOf(e.getMessage()), e.getClass().getName());
    }
  }
}
