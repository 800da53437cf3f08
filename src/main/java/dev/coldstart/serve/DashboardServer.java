package dev.coldstart.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.report.HtmlReport;
import dev.coldstart.report.ProfileJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local dashboard: the JDK's HTTP server ({@code com.sun.net.httpserver}) with one handler that
 * routes by method and exact path (the table is in docs/serve.md). Each request, including each
 * open event stream, runs on its own virtual thread.
 *
 * <p>The page can run Python code, so the server guards the door: it binds the loopback address
 * unless told otherwise; it answers only requests whose {@code Host} names this server (a web page
 * elsewhere cannot reach it by DNS rebinding); every request must carry the start's secret token
 * ({@link AccessCheck}: other local users and processes, and other hosts); and a POST must be
 * {@code application/json} (which a cross-site form cannot send without a CORS preflight, never
 * granted here) and, when the browser says where it comes from, come from this origin.
 */
public final class DashboardServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int LIST_LIMIT = 50;
  private static final byte[] SIGN_IN_HINT =
      "unauthorized: open the address that 'coldstart serve' printed (it ends in ?token=...)\n"
          .getBytes(StandardCharsets.UTF_8);

  /**
   * How to serve.
   *
   * @param host address to bind (a loopback one unless the user said otherwise)
   * @param port port, 0 for any free one
   * @param python the interpreter profiles run with
   * @param directory where runs start and {@code .coldstart/} lives
   * @param log where to say what happens that no request asked about: jobs that end, listener
   *     failures (one line each; serve prints them to stderr). Never given the token.
   * @param token the secret every request must show; empty (only on a loopback address) lets in
   *     anyone who can reach the port
   */
  public record Options(
      String host, int port, Interpreter python, Path directory, Consumer<String> log, Optional<AccessToken> token) {
    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(python, "python");
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(token, "token");
    }
  }

  private final HttpServer http;
  private final ExecutorService threads;
  private final UiResources ui;
  private final Audience audience;
  private final ProfileStore store;
  private final ProfileRunner runner;
  private final Options options;
  private final Set<String> hosts;
  private final boolean anyHost;
  private final URI url;
  private final AccessCheck access;
  private final HistorySource history;
  private volatile Consumer<ProfileRunner.Outcome> outcomes = o -> {};
  private boolean closed;

  private DashboardServer(
      Options o, HttpServer http, ExecutorService threads, UiResources ui, Audience audience, HistorySource history) {
    this.options = o;
    this.history = Objects.requireNonNull(history, "history");
    this.http = http;
    this.threads = threads;
    this.ui = ui;
    this.audience = audience;
    this.store = new ProfileStore(o.directory());
    this.runner = new ProfileRunner(o.python(), o.directory(), store, audience, o.log());
    InetSocketAddress bound = http.getAddress();
    int port = bound.getPort();
    InetAddress address = bound.getAddress();
    this.anyHost = address.isAnyLocalAddress();
    this.hosts = new HashSet<>();
    for (String h : new String[] {"127.0.0.1", "localhost", "[::1]", hostPart(o.host())}) {
      hosts.add(h.toLowerCase(Locale.ROOT) + ":" + port);
    }
    String shown = anyHost ? "127.0.0.1" : hostPart(o.host());
    this.url = URI.create("http://" + shown + ":" + port + "/" + o.token().map(t -> "?token=" + t.value()).orElse(""));
    this.access = new AccessCheck(o.token(), port, FailedAttempts.standard(), o.log());
  }

  /**
   * Binds and starts serving.
   *
   * @throws UserError (usage) when the address cannot be bound, when there is no token and the
   *     address is not a loopback one, or when {@code .coldstart/} is not safely the user's
   */
  public static DashboardServer start(Options o) {
    return start(o, HistorySource.NONE);
  }

  /**
   * Binds and starts serving, with {@code history} answering {@code /api/history}.
   *
   * @throws UserError as {@link #start(Options)}
   */
  public static DashboardServer start(Options o, HistorySource history) {
    UiResources ui = UiResources.load();
    InetSocketAddress address;
    try {
      address = new InetSocketAddress(InetAddress.getByName(o.host()), o.port());
    } catch (UnknownHostException e) {
      throw UserError.usage("unknown host '" + o.host() + "'");
    }
    if (o.token().isEmpty() && !address.getAddress().isLoopbackAddress()) {
      throw UserError.usage("--no-token only with a loopback --host (127.0.0.1, ::1): " + o.host() + " is reachable from other hosts");
    }
    new ProfileStore(o.directory()).checkAtStart(o.log());
    HttpServer http;
    try {
      http = HttpServer.create(address, 64);
    } catch (BindException e) {
      throw UserError.usage("cannot listen on " + o.host() + ":" + o.port() + ": " + e.getMessage());
    } catch (IOException e) {
      throw UserError.usage("cannot start the server on " + o.host() + ":" + o.port() + ": " + e.getMessage());
    }
    ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("coldstart-http-", 0).factory());
    http.setExecutor(threads);
    DashboardServer server = new DashboardServer(o, http, threads, ui, new Audience(), history);
    http.createContext("/", server::handle);
    http.start();
    return server;
  }

  /**
   * The page's address with the token, e.g. {@code http://127.0.0.1:8765/?token=...}: print it
   * only where the user reads it (it lets in whoever has it).
   */
  public URI url() {
    return url;
  }

  /** Tests: receives each job's outcome. */
  void onOutcome(Consumer<ProfileRunner.Outcome> c) {
    outcomes = c;
  }

  Audience audience() {
    return audience;
  }

  ProfileRunner runner() {
    return runner;
  }

  /**
   * Stops in order: the running profile (its event log drained and its profile saved), then the
   * event streams, then the server (connections still open after a second are cut), then the
   * request threads. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    runner.close();
    audience.close();
    http.stop(1);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Headers h = ex.getResponseHeaders();
      h.set("X-Content-Type-Options", "nosniff");
      h.set("Cache-Control", "no-store");
      h.set("Referrer-Policy", "no-referrer");
      h.set("X-Frame-Options", "SAMEORIGIN");
      String host = Optional.ofNullable(ex.getRequestHeaders().getFirst("Host")).orElse("").toLowerCase(Locale.ROOT);
      if (!anyHost && !hosts.contains(host)) {
        error(ex, 403, "this server answers only to " + url.getAuthority() + " (Host was '" + host + "')");
        return;
      }
      if (admitted(ex)) {
        route(ex, ex.getRequestMethod(), ex.getRequestURI().getRawPath());
      }
    } catch (RuntimeException e) {
      // The path only: the query of the page's first load holds the token.
      options.log().accept("request " + ex.getRequestURI().getRawPath() + " failed: " + e);
      try {
        error(ex, 500, "internal error: " + e.getMessage());
      } catch (IOException | RuntimeException ignored) {
        // Headers already sent: the connection closes.
      }
    }
  }

  /**
   * The token check ({@link AccessCheck}); answers the request itself unless it may go on. A
   * refusal says nothing more than 401: not whether a token was missing or wrong, no data.
   */
  private boolean admitted(HttpExchange ex) throws IOException {
    switch (access.check(ex)) {
      case IN -> {
        return true;
      }
      case SIGN_IN -> {
        // The page itself, not a redirect: a SameSite=Strict cookie is not sent on a redirect whose
        // navigation began on another site or a file (the --open file, a link in a chat), so the
        // page drops the token from the address bar itself (history.replaceState in dashboard.js).
        ex.getResponseHeaders().add("Set-Cookie", access.cookie());
        return true;
      }
      case REFUSED -> {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"coldstart\"");
        if (ex.getRequestURI().getRawPath().startsWith("/api/")) {
          json(ex, 401, "{\"error\":\"unauthorized\"}");
        } else {
          send(ex, 401, "text/plain; charset=utf-8", SIGN_IN_HINT);
        }
      }
      case LIMITED -> {
        ex.getResponseHeaders().set("Retry-After", Long.toString(access.retryAfterSeconds(ex)));
        json(ex, 429, "{\"error\":\"too many wrong tokens; try again later\"}");
      }
    }
    return false;
  }

  private void route(HttpExchange ex, String method, String path) throws IOException {
    boolean get = method.equals("GET") || method.equals("HEAD");
    if (path.equals("/api/events")) {
      if (!method.equals("GET")) {
        methodNotAllowed(ex, "GET");
        return;
      }
      events(ex);
    } else if (path.equals("/api/state")) {
      if (get) {
        json(ex, 200, audience.state());
      } else {
        methodNotAllowed(ex, "GET");
      }
    } else if (path.equals("/api/info")) {
      ObjectNode info = JSON.createObjectNode();
      info.put("python", options.python().describe());
      info.put("directory", options.directory().toAbsolutePath().toString());
      info.put("store", store.folder().toAbsolutePath().toString());
      info.put("history", history.describe());
      json(ex, 200, info.toString());
    } else if (path.equals("/api/profiles")) {
      if (!get) {
        methodNotAllowed(ex, "GET");
        return;
      }
      ObjectNode out = JSON.createObjectNode();
      out.set("profiles", JSON.valueToTree(store.list(LIST_LIMIT)));
      json(ex, 200, out.toString());
    } else if (path.startsWith("/api/profiles/")) {
      if (!get) {
        methodNotAllowed(ex, "GET");
        return;
      }
      Optional<String> text = store.read(path.substring("/api/profiles/".length()));
      if (text.isPresent()) {
        json(ex, 200, text.get());
      } else {
        error(ex, 404, "no such profile");
      }
    } else if (path.equals("/api/history")) {
      if (!get) {
        methodNotAllowed(ex, "GET");
        return;
      }
      history(ex, ex.getRequestURI().getRawQuery());
    } else if (path.startsWith("/report/")) {
      if (!get) {
        methodNotAllowed(ex, "GET");
        return;
      }
      report(ex, path.substring("/report/".length()));
    } else if (path.equals("/api/profile")) {
      if (!method.equals("POST")) {
        methodNotAllowed(ex, "POST");
        return;
      }
      startProfile(ex);
    } else if (path.equals("/api/profile/stop")) {
      if (!method.equals("POST")) {
        methodNotAllowed(ex, "POST");
        return;
      }
      if (!postAllowed(ex)) {
        return;
      }
      ex.getRequestBody().readNBytes(StartRequest.MAX_BODY);
      boolean wasRunning = runner.busy();
      try {
        runner.stop(java.time.Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      json(ex, 200, "{\"stopped\":" + wasRunning + "}");
    } else {
      Optional<UiResources.Resource> r = ui.get(path);
      if (r.isEmpty()) {
        error(ex, 404, "not found");
        return;
      }
      if (!get) {
        methodNotAllowed(ex, "GET");
        return;
      }
      if (r.get().contentType().startsWith("text/html")) {
        ex.getResponseHeaders()
            .set(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:;"
                    + " frame-src 'self'; base-uri 'none'; form-action 'none'");
      }
      send(ex, 200, r.get().contentType(), r.get().bytes());
    }
  }

  /** A saved profile as the HTML report; the page carries its own Content-Security-Policy. */
  private void report(HttpExchange ex, String name) throws IOException {
    Optional<String> text = store.read(name);
    if (text.isEmpty()) {
      error(ex, 404, "no such profile");
      return;
    }
    String html;
    try {
      html = HtmlReport.render(ProfileJson.read(text.get(), name));
    } catch (UserError e) {
      error(ex, 422, e.getMessage());
      return;
    }
    send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code /api/history?entry=ENTRY}: the history JSON of one entry. Asked by the page once per
   * profile it shows, not per run, so it adds nothing to a profile's timed work.
   */
  private void history(HttpExchange ex, String rawQuery) throws IOException {
    String entry;
    try {
      entry = HistoryQueryString.entry(rawQuery);
    } catch (IllegalArgumentException e) {
      error(ex, 400, e.getMessage());
      return;
    }
    String text;
    try {
      text = history.history(entry);
    } catch (UserError | java.io.UncheckedIOException e) {
      error(ex, 503, "history unavailable: " + e.getMessage());
      return;
    }
    json(ex, 200, text);
  }

  private void startProfile(HttpExchange ex) throws IOException {
    if (!postAllowed(ex)) {
      return;
    }
    byte[] body = ex.getRequestBody().readNBytes(StartRequest.MAX_BODY + 1);
    if (body.length > StartRequest.MAX_BODY) {
      error(ex, 413, "the request is larger than " + StartRequest.MAX_BODY + " bytes");
      return;
    }
    StartRequest req;
    try {
      req = StartRequest.parse(new String(body, StandardCharsets.UTF_8), options.directory());
    } catch (UserError e) {
      error(ex, 400, e.getMessage());
      return;
    }
    try {
      ObjectNode job = runner.start(req, o -> outcomes.accept(o));
      json(ex, 202, job.toString());
    } catch (ProfileRunner.Busy e) {
      error(ex, 409, e.getMessage());
    }
  }

  /** Content type and origin checks of a POST; answers the request itself when they fail. */
  private boolean postAllowed(HttpExchange ex) throws IOException {
    Headers in = ex.getRequestHeaders();
    String type = Optional.ofNullable(in.getFirst("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      error(ex, 415, "send JSON with Content-Type: application/json");
      return false;
    }
    String origin = in.getFirst("Origin");
    String host = Optional.ofNullable(in.getFirst("Host")).orElse("");
    if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
      error(ex, 403, "cross-origin request refused (Origin " + origin + ")");
      return false;
    }
    String site = in.getFirst("Sec-Fetch-Site");
    if (site != null && site.equalsIgnoreCase("cross-site")) {
      error(ex, 403, "cross-site request refused");
      return false;
    }
    return true;
  }

  private void events(HttpExchange ex) throws IOException {
    Audience.Viewer viewer;
    try {
      viewer = audience.join();
    } catch (IllegalStateException closing) {
      error(ex, 503, closing.getMessage());
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    try {
      audience.stream(viewer, out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      audience.leave(viewer);
    }
  }

  private static void methodNotAllowed(HttpExchange ex, String allowed) throws IOException {
    ex.getResponseHeaders().set("Allow", allowed);
    error(ex, 405, "use " + allowed);
  }

  private static void error(HttpExchange ex, int status, String message) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("error", message);
    json(ex, status, o.toString());
  }

  private static void json(HttpExchange ex, int status, String text) throws IOException {
    send(ex, status, "application/json; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    drain(ex.getRequestBody());
  }

  private static void drain(InputStream in) {
    try (in) {
      in.skip(StartRequest.MAX_BODY);
    } catch (IOException ignored) {
      // Only tidiness: the exchange closes anyway.
    }
  }

  private static String hostPart(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
