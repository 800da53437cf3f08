package dev.coldstart.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: the request line and Host header are
 * sent exactly as given (an HTTP client library would normalise {@code ..} or refuse a forged
 * Host), which is what the path-traversal and Host tests need. A server address that carries
 * {@code ?token=T} (the URL serve prints) adds {@code Authorization: Bearer T} to each request,
 * unless the request sets Authorization or Cookie itself.
 */
record RawHttp(int status, Map<String, String> headers, String body) {

  static RawHttp get(URI server, String rawPath) throws IOException {
    return send(server, "GET " + rawPath + " HTTP/1.1\r\nHost: " + server.getAuthority() + "\r\n" + bearer(server) + "Connection: close\r\n\r\n");
  }

  static RawHttp get(URI server, String rawPath, Map<String, String> headers) throws IOException {
    StringBuilder req = new StringBuilder("GET " + rawPath + " HTTP/1.1\r\nHost: " + server.getAuthority() + "\r\nConnection: close\r\n");
    headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    return send(server, req.append("\r\n").toString());
  }

  /** The bearer header line for a server address with {@code ?token=}, else nothing. */
  static String bearer(URI server) {
    String q = server.getRawQuery();
    return q != null && q.startsWith("token=") ? "Authorization: Bearer " + q.substring(6) + "\r\n" : "";
  }

  static RawHttp post(URI server, String path, Map<String, String> headers, String body) throws IOException {
    StringBuilder req = new StringBuilder("POST " + path + " HTTP/1.1\r\nConnection: close\r\n");
    if (!headers.containsKey("Host")) {
      req.append("Host: ").append(server.getAuthority()).append("\r\n");
    }
    if (!headers.containsKey("Authorization") && !headers.containsKey("Cookie")) {
      req.append(bearer(server));
    }
    headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    req.append("Content-Length: ").append(b.length).append("\r\n\r\n").append(body);
    return send(server, req.toString());
  }

  static RawHttp postJson(URI server, String path, String json) throws IOException {
    return post(server, path, Map.of("Content-Type", "application/json"), json);
  }

  /** Sends {@code request} as is and reads the whole response (the server closes after it). */
  static RawHttp send(URI server, String request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5000);
      s.setSoTimeout(30_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      return parse(s.getInputStream().readAllBytes());
    }
  }

  private static RawHttp parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return new RawHttp(0, Map.of(), text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new RawHttp(status, headers, body);
  }

  private static String unchunk(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      int nl = s.indexOf("\r\n", i);
      int size = Integer.parseInt(s.substring(i, nl).trim(), 16);
      if (size == 0) {
        break;
      }
      out.writeBytes(s.substring(nl + 2, nl + 2 + size).getBytes(StandardCharsets.UTF_8));
      i = nl + 2 + size + 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
