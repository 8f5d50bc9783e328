package dev.rung.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven through the DevTools protocol, for tests of what a person sees: load a
 * page, evaluate JavaScript in it, collect its errors, take a screenshot. Needs Debian's {@code
 * chromium} (or the browser named by {@code RUNG_CHROMIUM}).
 */
final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  /** The browser's executable. */
  static String executable() {
    String named = System.getenv("RUNG_CHROMIUM");
    return named != null && !named.isBlank() ? named : "chromium";
  }

  /** Whether the browser can be started here. */
  static boolean available() {
    try {
      Process p = new ProcessBuilder(executable(), "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts a headless browser with a page of {@code width} x {@code height} CSS pixels. */
  Chromium(int width, int height) throws Exception {
    profile = Files.createTempDirectory("rung-chromium-");
    process =
        new ProcessBuilder(
                executable(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "about:blank")
            .redirectErrorStream(true)
            .start();
    String browserUrl = waitForDevTools();
    URI base = URI.create(browserUrl.replaceFirst("^ws://([^/]+)/.*$", "http://$1"));
    String pageUrl = null;
    for (int i = 0; i < 100 && pageUrl == null; i++) {
      String list =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(base.resolve("/json/list")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (JsonNode t : JSON.readTree(list)) {
        if (t.path("type").asText().equals("page")) {
          pageUrl = t.get("webSocketDebuggerUrl").asText();
        }
      }
      if (pageUrl == null) {
        Thread.sleep(100);
      }
    }
    if (pageUrl == null) {
      throw new IllegalStateException("the browser opened no page");
    }
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(pageUrl), new Listener())
            .get(30, TimeUnit.SECONDS);
    send("Page.enable", null);
    send("Runtime.enable", null);
    send("Log.enable", null);
  }

  private String waitForDevTools() throws IOException {
    BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = err.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (err.readLine() != null) {
                      // the browser's own log: not needed
                    }
                  } catch (IOException ignored) {
                    // the browser ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new IllegalStateException("the browser did not start: " + seen);
  }

  /** Loads {@code url} and waits for its load event. */
  void open(String url) throws Exception {
    loaded = new CompletableFuture<>();
    ObjectNode p = JSON.createObjectNode().put("url", url);
    send("Page.navigate", p);
    loaded.get(60, TimeUnit.SECONDS);
  }

  /** Evaluates {@code expression} in the page (awaiting a promise) and returns its value. */
  JsonNode eval(String expression) throws Exception {
    ObjectNode p =
        JSON.createObjectNode()
            .put("expression", expression)
            .put("returnByValue", true)
            .put("awaitPromise", true);
    JsonNode r = send("Runtime.evaluate", p);
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException(
          "the page threw: " + r.get("exceptionDetails").toPrettyString());
    }
    return r.path("result").path("value");
  }

  /** Waits until {@code condition} is true in the page. */
  void await(String condition, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      if (eval("Boolean(" + condition + ")").asBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not true within " + millis + " ms: " + condition);
  }

  /** A PNG of the whole page, {@code width} CSS pixels wide. */
  byte[] screenshot(int width) throws Exception {
    int height = eval("document.documentElement.scrollHeight").asInt();
    ObjectNode clip =
        JSON.createObjectNode()
            .put("x", 0)
            .put("y", 0)
            .put("width", width)
            .put("height", height)
            .put("scale", 1);
    ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    p.set("clip", clip);
    return Base64.getDecoder().decode(send("Page.captureScreenshot", p).get("data").asText());
  }

  /** The JavaScript errors and error-level console messages the page produced so far. */
  List<String> errors() {
    return new ArrayList<>(errors);
  }

  private JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    if (params != null) {
      msg.set("params", params);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
    JsonNode r = reply.get(120, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + " failed: " + r.get("error"));
    }
    return r.path("result");
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        try {
          handle(JSON.readTree(message));
        } catch (IOException e) {
          errors.add("unreadable DevTools message: " + e);
        }
      }
      ws.request(1);
      return null;
    }

    private void handle(JsonNode m) {
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          f.complete(m);
        }
        return;
      }
      String method = m.path("method").asText();
      JsonNode p = m.path("params");
      switch (method) {
        case "Page.loadEventFired" -> loaded.complete(null);
        case "Runtime.exceptionThrown" ->
            errors.add(
                "exception: "
                    + p.path("exceptionDetails")
                        .path("exception")
                        .path("description")
                        .asText(p.path("exceptionDetails").path("text").asText()));
        case "Runtime.consoleAPICalled" -> {
          if (p.path("type").asText().equals("error")) {
            errors.add("console.error: " + p.path("args").toString());
          }
        }
        case "Log.entryAdded" -> {
          if (p.path("entry").path("level").asText().equals("error")) {
            errors.add("log: " + p.path("entry").path("text").asText());
          }
        }
        default -> {
          // other events are not needed
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the browser is stopped below either way
    }
    // The browser's helper processes (renderer, GPU, network) may outlive it for a moment and go on
    // writing into the profile: stop and wait for them all before deleting it.
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    deleteProfile();
  }

  /** Deletes the profile directory; files that vanish while it walks are already gone. */
  private void deleteProfile() throws IOException {
    for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (UncheckedIOException | NoSuchFileException e) {
        // a file went away between listing and visiting it: walk again
      }
    }
  }
}
