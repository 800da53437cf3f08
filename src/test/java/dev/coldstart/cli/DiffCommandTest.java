package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.report.ProfileJson;
import dev.coldstart.report.Profiles;
import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
  @TempDir Path tmp;

  @Test
  void comparesTwoSavedProfilesInEveryFormat() throws Exception {
    Path a = tmp.resolve("a.json");
    Path b = tmp.resolve("b.json");
    Files.writeString(a, ProfileJson.write(Profiles.synthetic(100, 1)));
    Files.writeString(b, ProfileJson.write(Profiles.synthetic(120, 2)));
    CliRun text = CliRun.of("diff", a.toString(), b.toString());
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).startsWith("coldstart diff").contains("Added in B", "Removed in B", "modules      100 -> 120 (+20)");
    CliRun md = CliRun.of("diff", a.toString(), b.toString(), "--format", "markdown", "--top", "3");
    assertThat(md.out()).startsWith("### coldstart diff").contains("| modules | 100 | 120 | +20 | |", "... and ");
    Path html = tmp.resolve("d.html");
    CliRun h = CliRun.of("diff", a.toString(), b.toString(), "--format", "html", "-o", html.toString());
    assertThat(h.exit()).isZero();
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("Added in B");
  }

  @Test
  void realProfilesOfDifferentTargetsDiffer() throws Exception {
    String py = Pythons.python3().toString();
    Path a = tmp.resolve("a.json");
    Path b = tmp.resolve("b.json");
    assertThat(CliRun.of("profile", "-c", "import json", "--runs", "5", "--warmup", "0", "--format", "json", "-o", a.toString(), "--python", py).exit()).isZero();
    assertThat(CliRun.of("profile", "-c", "import json, email.message", "--runs", "5", "--warmup", "0", "--format", "json", "-o", b.toString(), "--python", py).exit()).isZero();
    CliRun d = CliRun.of("diff", a.toString(), b.toString());
    assertThat(d.exit()).as(d.err()).isZero();
    assertThat(d.out()).contains("Added in B", "email.message", "(shift of per-run samples)");
  }

  @Test
  void missingProfileIsAUsageError() {
    CliRun r = CliRun.of("diff", tmp.resolve("a.json").toString(), tmp.resolve("b.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no such profile");
    assertThat(CliRun.of("diff", "-", "-").exit()).isEqualTo(2);
  }
}
