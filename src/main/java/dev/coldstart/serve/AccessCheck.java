package dev.coldstart.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who may use the dashboard: a request must carry the start's {@link AccessToken}, as the cookie
 * the page gets on its first load or as {@code Authorization: Bearer TOKEN}. The one other way in
 * is {@code GET /?token=TOKEN}, the URL {@code serve} prints: it is answered with the page and the
 * cookie ({@code HttpOnly; SameSite=Strict}), and the page takes the token out of the address bar.
 * Wrong tokens count against the remote address ({@link FailedAttempts}).
 *
 * <p>Cookies are not kept apart by port, so the cookie's name holds the port: two dashboards on one
 * machine do not overwrite each other's.
 */
final class AccessCheck {
  /** What to do with a request. */
  enum Verdict {
    /** The token is right: serve the request. */
    IN,
    /** {@code GET /?token=} with the right token: serve the page and set the cookie. */
    SIGN_IN,
    /** No token or a wrong one: 401, nothing more. */
    REFUSED,
    /** Too many wrong tokens from this address lately: 429. */
    LIMITED
  }

  private static final int MAX_CANDIDATES = 4;

  private final Optional<AccessToken> token;
  private final String cookieName;
  private final FailedAttempts failures;
  private final Consumer<String> log;
  private volatile long lastLogged;

  AccessCheck(Optional<AccessToken> token, int port, FailedAttempts failures, Consumer<String> log) {
    this.token = token;
    this.cookieName = "coldstart-" + port;
    this.failures = failures;
    this.log = log;
  }

  Verdict check(HttpExchange ex) {
    if (token.isEmpty()) {
      return Verdict.IN;
    }
    String method = ex.getRequestMethod();
    boolean page = ex.getRequestURI().getRawPath().equals("/") && (method.equals("GET") || method.equals("HEAD"));
    List<String> presented = new ArrayList<>();
    String fromUrl = page ? queryToken(ex.getRequestURI().getRawQuery()) : null;
    if (fromUrl != null) {
      presented.add(fromUrl);
    }
    presented.addAll(fromHeaders(ex.getRequestHeaders()));
    if (presented.isEmpty()) {
      return Verdict.REFUSED; // Not a guess: nothing to count.
    }
    InetAddress from = ex.getRemoteAddress().getAddress();
    if (failures.blocked(from)) {
      return Verdict.LIMITED;
    }
    boolean right = false;
    // A browser sends at most the URL's token and a cookie or two; more are guesses in bulk.
    for (String t : presented.size() <= MAX_CANDIDATES ? presented : List.<String>of()) {
      right |= token.get().matches(t); // |=, not a loop that stops at the first: all are compared.
    }
    if (right) {
      return fromUrl != null && token.get().matches(fromUrl) ? Verdict.SIGN_IN : Verdict.IN;
    }
    boolean nowBlocked = false;
    for (int i = 0; i < presented.size(); i++) {
      nowBlocked |= failures.failed(from); // Each wrong candidate is one guess.
    }
    long now = System.nanoTime();
    if (nowBlocked && (lastLogged == 0 || now - lastLogged > 60_000_000_000L)) {
      lastLogged = now; // One line a minute at most, however long someone keeps guessing.
      log.accept("too many wrong tokens from " + from.getHostAddress() + "; refusing it for a while");
    }
    return Verdict.REFUSED;
  }

  /** The {@code Set-Cookie} value that signs a browser in. */
  String cookie() {
    return cookieName + "=" + token.orElseThrow().value() + "; Path=/; HttpOnly; SameSite=Strict";
  }

  long retryAfterSeconds(HttpExchange ex) {
    return failures.retryAfterSeconds(ex.getRemoteAddress().getAddress());
  }

  /** The bearer token and every cookie of this dashboard's name; an Authorization of another scheme counts as wrong. */
  private List<String> fromHeaders(Headers h) {
    List<String> out = new ArrayList<>();
    for (String auth : h.getOrDefault("Authorization", List.of())) {
      String a = auth.strip();
      out.add(a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).strip() : a);
    }
    for (String line : h.getOrDefault("Cookie", List.of())) {
      for (String pair : line.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(cookieName)) {
          out.add(pair.substring(eq + 1).strip());
        }
      }
    }
    return out;
  }

  /** The raw value of {@code token=} in a query (the token's characters need no decoding). */
  private static String queryToken(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("token=")) {
        return pair.substring("token=".length());
      }
    }
    return null;
  }
}
