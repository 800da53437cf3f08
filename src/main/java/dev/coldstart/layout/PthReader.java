package dev.coldstart.layout;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.SourceScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code .pth} files of a site directory in the order {@code site.addsitedir} does:
 * sorted by file name, hidden files skipped (as Python 3.13 does). Each line is handled like
 * {@code site.addpackage}: see {@link PthFile}. The modules an import line loads are found by
 * scanning the line with the source scanner, so {@code import a, b; c()} names a and b.
 */
final class PthReader {
  private PthReader() {}

  static List<PthFile> read(Path siteDir) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(siteDir, "*.pth")) {
      for (Path p : ds) {
        if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
          files.add(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // an unreadable site directory adds nothing, as in site.py
    }
    files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    List<PthFile> out = new ArrayList<>();
    for (Path f : files) {
      out.add(readOne(siteDir, f));
    }
    return out;
  }

  static PthFile readOne(Path siteDir, Path file) {
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new PthFile(file, List.of(), List.of(), List.of());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // site.py reads with utf-8-sig
    }
    List<Path> added = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<PthFile.Code> code = new ArrayList<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (line.startsWith("import ") || line.startsWith("import\t")) {
        code.add(new PthFile.Code(i + 1, line, modulesOf(line)));
        continue;
      }
      String entry = line.stripTrailing();
      Path dir;
      try {
        dir = siteDir.resolve(entry).normalize();
      } catch (RuntimeException e) {
        missing.add(entry);
        continue;
      }
      if (Files.exists(dir)) {
        added.add(dir);
      } else {
        missing.add(entry);
      }
    }
    return new PthFile(file, added, missing, code);
  }

  private static List<String> modulesOf(String line) {
    List<String> out = new ArrayList<>();
    for (ImportStatement s : SourceScanner.scan(line).imports()) {
      if (s.level() == 0) {
        out.addAll(s.modules());
      }
    }
    return out;
  }
}
