package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The generated models ({@link CommandModels}) against picocli's reflective reading of the same
 * annotations: the file is current, and each verb has the same help, the same options with the
 * same attributes, and sets the same fields from the same command line.
 */
class CommandModelsTest {
  private static final Io IO = new Io(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), System.in);

  @Test
  void generatedModelsMatchTheAnnotations() throws IOException {
    String expected = CommandModelSource.render();
    Path file = CommandModelSource.FILE;
    if (Boolean.getBoolean("coldstart.regenerate")) {
      AtomicFiles.write(file, expected.getBytes(StandardCharsets.UTF_8));
      return;
    }
    assertThat(Files.exists(file) ? Files.readString(file) : "<missing>")
        .as(file + " is out of date with the verbs' annotations; regenerate it with"
            + " ./mvnw -q test -Dtest=CommandModelsTest -Dcoldstart.regenerate=true")
        .isEqualTo(expected);
  }

  @Test
  void helpIsWhatTheAnnotationsGive() {
    CommandLine generated = Commands.build(IO);
    CommandLine reflective = reflectiveTree();
    assertThat(generated.getUsageMessage()).isEqualTo(reflective.getUsageMessage());
    assertThat(generated.getSubcommands().keySet()).containsExactlyElementsOf(reflective.getSubcommands().keySet());
    reflective.getSubcommands().forEach(
        (name, sub) ->
            assertThat(generated.getSubcommands().get(name).getUsageMessage()).as(name).isEqualTo(sub.getUsageMessage()));
  }

  @Test
  void everyOptionHasTheAttributesTheAnnotationsGive() {
    CommandLine generated = Commands.build(IO);
    reflectiveTree().getSubcommands().forEach(
        (name, sub) -> {
          CommandSpec want = sub.getCommandSpec();
          CommandSpec got = generated.getSubcommands().get(name).getCommandSpec();
          assertThat(describe(got.options())).as(name).containsExactlyElementsOf(describe(want.options()));
          assertThat(describe(got.positionalParameters())).as(name).containsExactlyElementsOf(describe(want.positionalParameters()));
          assertThat(got.mixinStandardHelpOptions()).as(name).isTrue();
        });
  }

  @Test
  void theSameArgumentsSetTheSameFields() {
    for (Map.Entry<String, Class<?>> verb : Verbs.ALL.entrySet()) {
      CommandLine reflective = reflectiveVerb(verb.getValue());
      CommandLine generated = new CommandLine(CommandModels.verb(verb.getValue(), IO));
      for (CommandLine cl : List.of(reflective, generated)) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
      }
      List<String[]> lines = List.of(new String[0], everyOption(reflective.getCommandSpec()));
      for (String[] argv : lines) {
        String refused = refusal(reflective, argv);
        assertThat(refusal(generated, argv)).as(verb.getKey() + " " + String.join(" ", argv)).isEqualTo(refused);
        if (refused != null) {
          continue;
        }
        assertThat(fields(generated.getCommandSpec().userObject()))
            .as(verb.getKey() + " " + String.join(" ", argv))
            .isEqualTo(fields(reflective.getCommandSpec().userObject()));
      }
    }
  }

  @Test
  void aSecondParseStartsFromTheInitialValues() {
    CommandLine cl = new CommandLine(CommandModels.verb(ProfileCommand.class, IO));
    cl.parseArgs("--runs", "5", "--no-bare", "-c", "pass", "extra");
    ProfileCommand first = (ProfileCommand) cl.getCommandSpec().userObject();
    assertThat(first.runs).isEqualTo(5);
    assertThat(first.noBare).isTrue();
    assertThat(first.target.words).containsExactly("extra");
    cl.parseArgs("json");
    assertThat(first.runs).isEqualTo(10);
    assertThat(first.noBare).isFalse();
    assertThat(first.target.code).isNull();
    assertThat(first.target.words).containsExactly("json");
  }

  /** Parses {@code argv} into {@code cl}'s verb; picocli's message when it refuses them, else null. */
  private static String refusal(CommandLine cl, String[] argv) {
    try {
      cl.parseArgs(argv);
      return null;
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }

  /** The command tree as Commands built it before the generated models: by reflection. */
  private static CommandLine reflectiveTree() {
    CommandLine cl = new CommandLine(new Commands.Root());
    for (Class<?> verb : Verbs.ALL.values()) {
      cl.addSubcommand(reflectiveVerb(verb));
    }
    return cl;
  }

  private static CommandLine reflectiveVerb(Class<?> verb) {
    return CommandModelSource.reflective(verb).commandLine();
  }

  private static List<String> describe(List<? extends ArgSpec> args) {
    List<String> out = new ArrayList<>();
    for (ArgSpec a : args) {
      Map<String, Object> d = new LinkedHashMap<>();
      if (a instanceof OptionSpec o) {
        d.put("names", List.of(o.names()));
        d.put("usageHelp", o.usageHelp());
        d.put("versionHelp", o.versionHelp());
        d.put("negatable", o.negatable());
        d.put("fallbackValue", o.fallbackValue());
        d.put("order", o.order());
      }
      if (a instanceof PositionalParamSpec p) {
        d.put("index", p.index());
      }
      d.put("paramLabel", a.paramLabel());
      d.put("arity", a.arity());
      d.put("type", a.type());
      d.put("auxiliaryTypes", List.of(a.auxiliaryTypes()));
      d.put("defaultValue", a.defaultValue());
      d.put("hasInitialValue", a.hasInitialValue());
      d.put("initialValue", a.initialValue());
      d.put("required", a.required());
      d.put("hidden", a.hidden());
      d.put("splitRegex", a.splitRegex());
      d.put("description", List.of(a.description()));
      d.put("descriptionKey", a.descriptionKey());
      d.put("showDefaultValue", a.showDefaultValue());
      d.put("interactive", a.interactive());
      d.put("multiValue", a.isMultiValue());
      out.add(d.toString());
    }
    return out;
  }

  /** A command line that gives every option and positional parameter of {@code spec} a value. */
  private static String[] everyOption(CommandSpec spec) {
    List<String> argv = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      argv.add(o.longestName());
      if (o.arity().max() > 0) {
        argv.add(sample(o));
      }
    }
    argv.add("--");
    for (PositionalParamSpec p : spec.positionalParameters()) {
      argv.add(sample(p));
    }
    return argv.toArray(String[]::new);
  }

  private static String sample(ArgSpec a) {
    Class<?> t = a.isMultiValue() ? a.auxiliaryTypes()[0] : a.type();
    String one;
    if (t == int.class || t == Integer.class || t == long.class) {
      one = "7";
    } else if (t == double.class || t == Double.class) {
      one = "2.5";
    } else if (t.isEnum()) {
      Object[] constants = t.getEnumConstants();
      one = constants[constants.length - 1].toString();
    } else {
      one = "v" + Math.abs(a.paramLabel().hashCode() % 100);
    }
    return a.isMultiValue() && a.splitRegex() != null && !a.splitRegex().isEmpty() ? one + "," + one : one;
  }

  /** Every annotated field of a verb and its mixins, by path. */
  private static Map<String, Object> fields(Object verb) {
    Map<String, Object> out = new LinkedHashMap<>();
    collect(verb, verb.getClass().getSimpleName(), out);
    return out;
  }

  private static void collect(Object o, String path, Map<String, Object> out) {
    for (Field f : o.getClass().getDeclaredFields()) {
      boolean mixin = f.isAnnotationPresent(CommandLine.Mixin.class);
      if (!mixin && !f.isAnnotationPresent(CommandLine.Option.class) && !f.isAnnotationPresent(CommandLine.Parameters.class)) {
        continue;
      }
      f.setAccessible(true);
      try {
        Object value = f.get(o);
        if (mixin) {
          collect(value, path + "." + f.getName(), out);
        } else {
          out.put(path + "." + f.getName(), value instanceof Object[] arr ? Arrays.asList(arr) : value);
        }
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
  }
}
