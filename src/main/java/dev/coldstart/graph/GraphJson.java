package dev.coldstart.graph;

import dev.coldstart.layout.PthFile;
import dev.coldstart.layout.PythonModule;
import dev.coldstart.source.ImportStatement;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON renderings (schema {@code coldstart.graph/1}, documented in docs/graph.md), streamed with
 * a generator because an environment's graph has a few hundred thousand edges.
 */
public final class GraphJson {
  public static final String SCHEMA = "coldstart.graph/1";
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private GraphJson() {}

  public static String graph(ImportGraph g, EdgeFilter filter, List<Cycles.Cycle> cycles) {
    StringWriter w = new StringWriter(1 << 16);
    try (JsonGenerator j = MAPPER.createGenerator(w)) {
      j.writeStartObject();
      header(j, g, filter);
      j.writeName("modules");
      j.writeStartArray();
      for (PythonModule m : g.modules().values()) {
        module(j, m, g.scanned().contains(m.name()));
      }
      j.writeEndArray();
      j.writeName("edges");
      j.writeStartArray();
      for (String name : g.scanned()) {
        for (Edge e : g.edgesFrom(name)) {
          if (filter.admits(e)) {
            edge(j, e);
          }
        }
      }
      j.writeEndArray();
      unresolved(j, g, g.unresolved().stream().filter(u -> filter.exclusion(u) == null).toList());
      j.writeName("cycles");
      j.writeStartArray();
      for (Cycles.Cycle c : cycles) {
        j.writeStartObject();
        strings(j, "members", c.members());
        j.writeName("path");
        j.writeStartArray();
        for (Edge e : c.path()) {
          edge(j, e);
        }
        j.writeEndArray();
        j.writeEndObject();
      }
      j.writeEndArray();
      pth(j, g.pth());
      strings(j, "problems", g.problems());
      j.writeEndObject();
    }
    return w + "\n";
  }

  public static String closure(ImportGraph g, Closure c, EdgeFilter filter) {
    StringWriter w = new StringWriter(1 << 14);
    try (JsonGenerator j = MAPPER.createGenerator(w)) {
      j.writeStartObject();
      header(j, g, filter);
      j.writeName("closure");
      j.writeStartObject();
      j.writeStringProperty("start", c.start());
      j.writeName("modules");
      j.writeStartArray();
      for (Map.Entry<String, Edge> en : c.reachedBy().entrySet()) {
        PythonModule m = g.modules().get(en.getKey());
        j.writeStartObject();
        j.writeStringProperty("name", m.name());
        j.writeStringProperty("kind", m.kind().word());
        j.writeStringProperty("file", m.file() == null ? null : m.file().toString());
        j.writeBooleanProperty("conditional", c.conditional().contains(m.name()));
        j.writeName("via");
        if (en.getValue() == null) {
          j.writeNull();
        } else {
          edge(j, en.getValue());
        }
        j.writeEndObject();
      }
      j.writeEndArray();
      j.writeName("excluded");
      j.writeStartObject();
      for (Map.Entry<String, Integer> e : new TreeMap<>(c.excluded()).entrySet()) {
        j.writeNumberProperty(e.getKey(), e.getValue());
      }
      j.writeEndObject();
      j.writeEndObject();
      unresolved(j, g, c.unresolved());
      pth(j, g.pth());
      j.writeEndObject();
    }
    return w + "\n";
  }

  public static String chains(StaticChains.Result r) {
    StringWriter w = new StringWriter();
    try (JsonGenerator j = MAPPER.createGenerator(w)) {
      j.writeStartObject();
      j.writeStringProperty("schema", SCHEMA);
      j.writeStringProperty("from", r.from());
      j.writeStringProperty("to", r.to());
      j.writeBooleanProperty("from_found", r.fromFound());
      j.writeBooleanProperty("to_found", r.toFound());
      j.writeNumberProperty("total", r.total());
      j.writeName("chains");
      j.writeStartArray();
      for (StaticChains.Chain ch : r.chains()) {
        j.writeStartArray();
        for (StaticChains.Hop h : ch.hops()) {
          j.writeStartObject();
          j.writeStringProperty("from", h.from());
          j.writeStringProperty("to", h.to());
          j.writeStringProperty("kind", h.parentPackage() ? "parent" : "import");
          j.writeStringProperty("file", h.file());
          j.writeNumberProperty("line", h.line());
          j.writeStringProperty("statement", h.statement());
          j.writeBooleanProperty("conditional", h.conditional());
          j.writeEndObject();
        }
        j.writeEndArray();
      }
      j.writeEndArray();
      unresolved(j, r.graph(), r.unresolved());
      j.writeEndObject();
    }
    return w + "\n";
  }

  private static void header(JsonGenerator j, ImportGraph g, EdgeFilter f) {
    j.writeStringProperty("schema", SCHEMA);
    j.writeName("roots");
    j.writeStartArray();
    for (Path p : g.roots()) {
      j.writeString(p.toString());
    }
    j.writeEndArray();
    j.writeName("include");
    j.writeStartObject();
    j.writeBooleanProperty("function", f.function());
    j.writeBooleanProperty("type_checking", f.typeChecking());
    j.writeBooleanProperty("guarded", f.guarded());
    j.writeBooleanProperty("lazy", f.lazy());
    j.writeEndObject();
  }

  private static void module(JsonGenerator j, PythonModule m, boolean scanned) {
    j.writeStartObject();
    j.writeStringProperty("name", m.name());
    j.writeStringProperty("kind", m.kind().word());
    j.writeStringProperty("file", m.file() == null ? null : m.file().toString());
    j.writeBooleanProperty("package", m.isPackage());
    if (m.isPackage()) {
      j.writeName("path");
      j.writeStartArray();
      for (Path p : m.searchLocations()) {
        j.writeString(p.toString());
      }
      j.writeEndArray();
    }
    if (m.stub() != null) {
      j.writeStringProperty("stub", m.stub().toString());
    }
    j.writeBooleanProperty("scanned", scanned);
    j.writeEndObject();
  }

  private static void edge(JsonGenerator j, Edge e) {
    j.writeStartObject();
    j.writeStringProperty("from", e.from());
    j.writeStringProperty("to", e.to());
    j.writeStringProperty("kind", e.kind() == Edge.Kind.PARENT ? "parent" : "import");
    ImportStatement s = e.statement();
    if (s != null) {
      statement(j, s);
      j.writeBooleanProperty("lazy_modules", e.lazyListed());
    }
    j.writeEndObject();
  }

  private static void statement(JsonGenerator j, ImportStatement s) {
    j.writeNumberProperty("line", s.line());
    j.writeStringProperty("statement", s.text());
    j.writeStringProperty("scope", s.scope().jsonName());
    j.writeBooleanProperty("conditional", s.conditional());
    j.writeBooleanProperty("type_checking", s.typeChecking());
    j.writeBooleanProperty("guarded", s.guarded());
    j.writeBooleanProperty("lazy", s.lazy());
  }

  private static void unresolved(JsonGenerator j, ImportGraph g, List<Unresolved> list) {
    j.writeName("unresolved");
    j.writeStartArray();
    for (Unresolved u : list) {
      j.writeStartObject();
      j.writeStringProperty("importer", u.importer());
      j.writeStringProperty("file", g.fileOf(u.importer()));
      j.writeStringProperty("module", u.module());
      j.writeStringProperty("reason", u.reason());
      statement(j, u.statement());
      j.writeEndObject();
    }
    j.writeEndArray();
  }

  private static void pth(JsonGenerator j, List<PthFile> pth) {
    j.writeName("pth");
    j.writeStartArray();
    for (PthFile f : pth) {
      j.writeStartObject();
      j.writeStringProperty("file", f.file().toString());
      strings(j, "adds", f.addedPaths().stream().map(Path::toString).toList());
      strings(j, "missing", f.missingPaths());
      j.writeName("imports");
      j.writeStartArray();
      for (PthFile.Code c : f.imports()) {
        j.writeStartObject();
        j.writeNumberProperty("line", c.line());
        j.writeStringProperty("code", c.text());
        strings(j, "modules", c.modules());
        j.writeEndObject();
      }
      j.writeEndArray();
      j.writeEndObject();
    }
    j.writeEndArray();
  }

  private static void strings(JsonGenerator j, String name, List<String> values) {
    j.writeName(name);
    j.writeStartArray();
    for (String v : values) {
      j.writeString(v);
    }
    j.writeEndArray();
  }
}
