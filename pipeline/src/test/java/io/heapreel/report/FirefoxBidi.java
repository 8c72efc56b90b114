package io.heapreel.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * Headless Firefox driven over WebDriver BiDi, the protocol Firefox itself serves on a WebSocket
 * ({@code --remote-debugging-port}): no geckodriver, which Debian does not package. Just what the
 * report's test needs: load a page, evaluate script in it, collect console errors.
 */
final class FirefoxBidi implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
  private static final long TIMEOUT_SECONDS = 60;

  private final ObjectMapper json = new ObjectMapper();
  private final Process firefox;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final WebSocket socket;
  private final String context;

  private FirefoxBidi(String binary, Path profile) throws Exception {
    firefox = new ProcessBuilder(binary, "--headless", "--remote-debugging-port=0", "--no-remote", "--profile", profile.toString(), "about:blank")
        .redirectErrorStream(true)
        .start();
    CompletableFuture<String> address = new CompletableFuture<>();
    Thread output = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(firefox.getInputStream(), StandardCharsets.UTF_8))) {
        StringBuilder seen = new StringBuilder();
        for (String line; (line = r.readLine()) != null; ) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            address.complete(m.group(1));
          } else if (!address.isDone()) {
            seen.append(line).append('\n');
          }
        }
        address.completeExceptionally(new IOException("firefox ended before serving WebDriver BiDi:\n" + seen));
      } catch (IOException e) {
        address.completeExceptionally(e);
      }
    }, "firefox-output");
    output.setDaemon(true);
    output.start();
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create(address.get(TIMEOUT_SECONDS, TimeUnit.SECONDS) + "/session"), new Listener())
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      send("session.new", json.createObjectNode().set("capabilities", json.createObjectNode()));
      send("session.subscribe", json.createObjectNode().set("events", json.createArrayNode().add("log.entryAdded")));
      context = send("browsingContext.getTree", json.createObjectNode()).at("/contexts/0/context").asText();
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  static FirefoxBidi start(String binary, Path profile) throws Exception {
    return new FirefoxBidi(binary, profile);
  }

  /** Loads {@code url} and waits for its load event. */
  void navigate(String url) throws Exception {
    ObjectNode p = json.createObjectNode().put("context", context).put("url", url).put("wait", "complete");
    send("browsingContext.navigate", p);
  }

  /** The value of a script expression that yields a string (use JSON.stringify for more). */
  String evaluate(String expression) throws Exception {
    ObjectNode p = json.createObjectNode().put("expression", expression).put("awaitPromise", true);
    p.set("target", json.createObjectNode().put("context", context));
    JsonNode r = send("script.evaluate", p);
    if (!"success".equals(r.path("type").asText())) {
      throw new IllegalStateException("script failed: " + r.path("exceptionDetails").path("text").asText(r.toString()));
    }
    return r.at("/result/value").asText();
  }

  /** The console's error messages so far. */
  List<String> consoleErrors() {
    return List.copyOf(consoleErrors);
  }

  private JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode command = json.createObjectNode().put("id", id).put("method", method);
    command.set("params", params);
    socket.sendText(json.writeValueAsString(command), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder message = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        receive(message.toString());
        message.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    private void receive(String text) {
      JsonNode m;
      try {
        m = json.readTree(text);
      } catch (IOException e) {
        return;
      }
      if (m.has("id")) {
        CompletableFuture<JsonNode> answer = pending.remove(m.get("id").asInt());
        if (answer != null) {
          if ("error".equals(m.path("type").asText())) {
            answer.completeExceptionally(new IllegalStateException(m.path("error").asText() + ": " + m.path("message").asText()));
          } else {
            answer.complete(m.path("result"));
          }
        }
      } else if ("log.entryAdded".equals(m.path("method").asText()) && "error".equals(m.at("/params/level").asText())) {
        consoleErrors.add(m.at("/params/text").asText());
      }
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    List<ProcessHandle> all = new java.util.ArrayList<>(firefox.descendants().toList());
    all.add(firefox.toHandle());
    all.forEach(ProcessHandle::destroy);
    try {
      if (!firefox.waitFor(10, TimeUnit.SECONDS)) {
        all.forEach(ProcessHandle::destroyForcibly);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      all.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
