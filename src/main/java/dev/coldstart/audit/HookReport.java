package dev.coldstart.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the deferral hook saw in one run (the file named by {@link Deferral#REPORT_VARIABLE}): the
 * statements it deferred, the deferred modules loaded anyway and by which frames, and the deferred
 * names used (emulated mode), each with file:line.
 *
 * @param deferred statements deferred
 * @param loaded deferred modules that were loaded anyway, in load order
 * @param used deferred names used, in use order
 * @param errors what the hook could not do
 */
public record HookReport(List<Deferred> deferred, List<Loaded> loaded, List<Used> used, List<String> errors) {
  /** A place in the program: file, 1-based line, the line's text (empty when unknown) and module. */
  public record Site(String file, int line, String text, String module) {
    /** {@code file:line}. */
    public String location() {
      return (file == null ? "?" : file) + ":" + line;
    }
  }

  /** A statement of {@code importer} that would load {@code module}, deferred at {@code site}. */
  public record Deferred(String importer, String module, Site site) {}

  /** {@code module} was loaded anyway; {@code chain} is the frames that did it, outermost first. */
  public record Loaded(String module, List<Site> chain) {}

  /**
   * A deferred name was used.
   *
   * @param during while the importer's own body still ran: the deferral cannot hold as written
   */
  public record Used(String importer, String module, String name, boolean during, Site site, Site statement) {}

  static final HookReport EMPTY = new HookReport(List.of(), List.of(), List.of(), List.of());

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Reads the hook's file; a missing file is an empty report (the hook had nothing to say). */
  public static HookReport read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return EMPTY;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<Deferred> deferred = new ArrayList<>();
    List<Loaded> loaded = new ArrayList<>();
    List<Used> used = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (JacksonException e) {
        errors.add("unreadable hook record: " + line);
        continue;
      }
      switch (n.path("event").asString("")) {
        case "deferred" -> deferred.add(new Deferred(text(n, "importer"), text(n, "module"), site(n.path("site"))));
        case "loaded" -> {
          List<Site> chain = new ArrayList<>();
          n.path("chain").forEach(s -> chain.add(site(s)));
          loaded.add(new Loaded(text(n, "module"), List.copyOf(chain)));
        }
        case "used" ->
            used.add(new Used(text(n, "importer"), text(n, "module"), text(n, "name"),
                n.path("during").asBoolean(false), site(n.path("site")), site(n.path("statement"))));
        case "error" -> errors.add(text(n, "message"));
        default -> errors.add("unknown hook record: " + line);
      }
    }
    return new HookReport(List.copyOf(deferred), List.copyOf(loaded), List.copyOf(used), List.copyOf(errors));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asString();
  }

  private static Site site(JsonNode n) {
    return new Site(text(n, "file"), n.path("line").asInt(0), n.path("text").asString(""), text(n, "module"));
  }
}
