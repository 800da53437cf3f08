package dev.coldstart.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What one run of the project's tests said, per test where the runner tells.
 *
 * <p>pytest tells through a JUnit XML report (coldstart asks for one through {@code PYTEST_ADDOPTS},
 * the user's command unchanged): every test with its outcome. unittest tells only its failures, in
 * the summary it prints on standard error ({@code FAIL: test (module.Class.test)} and the
 * exception line that ends each traceback): a test it does not name passed, as long as the run got
 * to its {@code Ran N tests} line. Any other command tells only its exit status.
 *
 * @param runner which runner told
 * @param exitCode the command's exit status (negative when it was killed)
 * @param timedOut whether coldstart killed it for running too long
 * @param tests per test ({@code file::test}), its outcome; for unittest only the failures
 * @param tail the last line of the command's error output (or of its output), for a failing
 *     command that named no test
 */
public record TestRun(
    Runner runner, int exitCode, boolean timedOut, Map<String, Outcome> tests, String tail) {

  public TestRun {
    tests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tests));
  }

  /** Who reported the results. */
  public enum Runner {
    PYTEST,
    UNITTEST,
    /** Only the exit status. */
    EXIT_CODE
  }

  /**
   * One test's result.
   *
   * @param passed whether it passed (skipped tests are not listed)
   * @param message the first line of its failure message, or empty
   */
  public record Outcome(boolean passed, String message) {}

  /** Whether the command ran to the end with status 0. */
  public boolean passed() {
    return exitCode == 0 && !timedOut;
  }

  /** Whether {@code test} failed in this run (for unittest: whether the summary names it). */
  public boolean failed(String test) {
    Outcome o = tests.get(test);
    return o != null && !o.passed();
  }

  /** Whether {@code test} passed in this run, as far as the runner tells. */
  public boolean passedTest(String test) {
    Outcome o = tests.get(test);
    if (runner == Runner.UNITTEST) {
      return o == null && !timedOut;
    }
    return o != null && o.passed();
  }

  // -- pytest: JUnit XML --------------------------------------------------------------------------

  /**
   * The tests of a pytest JUnit XML report written with {@code junit_family=xunit1} (which keeps
   * each test's file): {@code file::Class::name} as pytest names them.
   */
  static Map<String, Outcome> readJunit(Path xml) throws IOException {
    Map<String, Outcome> out = new LinkedHashMap<>();
    org.w3c.dom.Document doc;
    try (InputStream in = Files.newInputStream(xml)) {
      doc = secureBuilder().parse(in);
    } catch (SAXException e) {
      throw new IOException("unreadable JUnit report " + xml + ": " + e.getMessage(), e);
    }
    NodeList cases = doc.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      String name = testName(c.getAttribute("file"), c.getAttribute("classname"), c.getAttribute("name"));
      Element problem = child(c, "failure");
      if (problem == null) {
        problem = child(c, "error");
      }
      if (problem != null) {
        String message = problem.getAttribute("message");
        if (message.isBlank()) {
          message = problem.getTextContent();
        }
        out.put(name, new Outcome(false, firstLine(message)));
      } else if (child(c, "skipped") == null) {
        out.put(name, new Outcome(true, ""));
      }
    }
    return out;
  }

  static String testName(String file, String classname, String name) {
    if (file.isEmpty()) {
      return classname.isEmpty() ? name : classname + "::" + name;
    }
    String module = file.replace('\\', '/').replaceAll("\\.py$", "").replace('/', '.');
    String rest = classname.startsWith(module + ".") ? classname.substring(module.length() + 1) : "";
    return rest.isEmpty() ? file + "::" + name : file + "::" + rest.replace(".", "::") + "::" + name;
  }

  private static Element child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  /** No DTDs, no external entities: the report is written by code under test. */
  private static DocumentBuilder secureBuilder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      f.setXIncludeAware(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  // -- unittest: the failure summary on standard error ----------------------------------------------

  private static final Pattern HEADER = Pattern.compile("^(FAIL|ERROR|UNEXPECTED SUCCESS): (\\S+) \\((.*)\\)\\s*$");
  private static final Pattern RAN = Pattern.compile("^Ran \\d+ tests? in ");
  private static final Pattern SEPARATOR = Pattern.compile("^(={20,}|-{20,})$");
  private static final Pattern EXCEPTION = Pattern.compile("^[A-Za-z_][\\w.]*(: .*|Error|Exception)$");

  /** The standard-error lines {@link #readUnittest} needs, kept whole however many there are. */
  static final Predicate<String> UNITTEST_LINES =
      line -> HEADER.matcher(line).matches() || RAN.matcher(line).find()
          || SEPARATOR.matcher(line).matches() || EXCEPTION.matcher(line).matches();

  /** Whether the lines show a unittest run that got to its summary. */
  static boolean isUnittest(List<String> stderr) {
    return stderr.stream().anyMatch(l -> RAN.matcher(l).find());
  }

  /**
   * The failures unittest's summary names, with the last exception line of each block. Tests are
   * named {@code path/to/module.py::Class::test} when that file exists under {@code directory},
   * else {@code module.Class::test}.
   */
  static Map<String, Outcome> readUnittest(List<String> stderr, Path directory) {
    Map<String, Outcome> out = new LinkedHashMap<>();
    String current = null;
    String message = "";
    for (String line : stderr) {
      Matcher h = HEADER.matcher(line);
      if (h.matches()) {
        if (current != null) {
          out.putIfAbsent(current, new Outcome(false, message));
        }
        current = unittestName(h.group(2), h.group(3), directory);
        message = h.group(1).equals("UNEXPECTED SUCCESS") ? "unexpected success" : "";
      } else if (current != null && line.startsWith("=====")) {
        out.putIfAbsent(current, new Outcome(false, message));
        current = null;
      } else if (current != null && RAN.matcher(line).find()) {
        out.putIfAbsent(current, new Outcome(false, message));
        current = null;
      } else if (current != null && EXCEPTION.matcher(line).matches()) {
        message = line.strip();
      }
    }
    if (current != null) {
      out.putIfAbsent(current, new Outcome(false, message));
    }
    return out;
  }

  /** {@code test_x} and {@code pkg.test_mod.Case.test_x} (3.11+) or {@code pkg.test_mod.Case}. */
  static String unittestName(String method, String where, Path directory) {
    String qualified = where.endsWith("." + method) ? where.substring(0, where.length() - method.length() - 1) : where;
    int dot = qualified.lastIndexOf('.');
    if (dot < 0) {
      return qualified + "::" + method;
    }
    String module = qualified.substring(0, dot);
    String cls = qualified.substring(dot + 1);
    String file = module.replace('.', '/') + ".py";
    if (directory != null && Files.isRegularFile(directory.resolve(file))) {
      return file + "::" + cls + "::" + method;
    }
    return module + "." + cls + "::" + method;
  }

  static String firstLine(String text) {
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return "";
  }
}
