package dev.coldstart.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's own files, served from the jar by an allow-list: a request path is looked up as a
 * whole string in a fixed map, never joined to a folder, so {@code ..}, {@code %2e%2e}, absolute
 * paths or links cannot reach anything else. Loaded once, at start.
 */
final class UiResources {
  /** One file: its bytes and media type. */
  record Resource(byte[] bytes, String contentType) {}

  private static final String FOLDER = "/dev/coldstart/serve/";
  // The charts are the HTML report's own (one drawing code for both), served from its folder.
  private static final String REPORT = "/dev/coldstart/report/";
  private static final Map<String, String[]> ALLOWED =
      Map.of(
          "/", new String[] {FOLDER + "index.html", "text/html; charset=utf-8"},
          "/dashboard.js", new String[] {FOLDER + "dashboard.js", "text/javascript; charset=utf-8"},
          "/dashboard.css", new String[] {FOLDER + "dashboard.css", "text/css; charset=utf-8"},
          "/chart.js", new String[] {REPORT + "chart.js", "text/javascript; charset=utf-8"},
          "/chart.css", new String[] {REPORT + "chart.css", "text/css; charset=utf-8"});

  private final Map<String, Resource> files;

  private UiResources(Map<String, Resource> files) {
    this.files = files;
  }

  static UiResources load() {
    Map<String, Resource> out = new java.util.HashMap<>();
    ALLOWED.forEach((path, file) -> out.put(path, new Resource(read(file[0]), file[1])));
    return new UiResources(Map.copyOf(out));
  }

  /** The file served at exactly {@code rawPath} (the path as sent, not decoded), if any. */
  Optional<Resource> get(String rawPath) {
    return Optional.ofNullable(files.get(rawPath));
  }

  private static byte[] read(String path) {
    try (InputStream in = UiResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
