package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check --against GIT_REF on a real repository: the base imports the base tree's code. */
class CheckAgainstTest {
  @TempDir Path repo;

  private String git(String... args) throws IOException, InterruptedException {
    return dev.coldstart.testing.Git.run(repo, args);
  }

  private void project() throws Exception {
    assumeTrue(new ProcessBuilder("git", "--version").start().waitFor() == 0, "git is needed");
    Files.createDirectories(repo.resolve("src/app"));
    Files.writeString(repo.resolve("src/app/__init__.py"), "");
    Files.writeString(repo.resolve("src/app/cli.py"), "import json\n");
    Files.writeString(repo.resolve("pyproject.toml"),
        "[[tool.coldstart.entry]]\nname = \"cli\"\ntarget = \"app.cli\"\n");
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "base");
  }

  @Test
  void aPlantedSlowdownIsARegressionAndTheWorktreeIsRemoved() throws Exception {
    project();
    Files.writeString(repo.resolve("src/app/cli.py"),
        "import json, time\n_end = time.perf_counter() + 0.08\nwhile time.perf_counter() < _end:\n    pass\n");
    CliRun r = CliRun.of("check", "--config", repo.resolve("pyproject.toml").toString(), "--against", "HEAD",
        "--runs", "6", "--python", Pythons.python3().toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL         cli: regression:").contains("against git HEAD (");
    assertThat(git("worktree", "list").strip().lines().count()).isEqualTo(1);
  }

  @Test
  void anUnchangedTreeIsNoRegression() throws Exception {
    project();
    CliRun r = CliRun.of("check", "--config", repo.resolve("pyproject.toml").toString(), "--against", "HEAD",
        "--runs", "6", "--python", Pythons.python3().toString(), "--format", "json");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("\"check\" : \"regression\"").doesNotContain("\"status\" : \"fail\"");
    assertThat(git("worktree", "list").strip().lines().count()).isEqualTo(1);
  }

  @Test
  void anUnknownReferenceIsExitTwoAndLeavesNothingBehind() throws Exception {
    project();
    CliRun r = CliRun.of("check", "--config", repo.resolve("pyproject.toml").toString(), "--against", "no-such-branch",
        "--python", Pythons.python3().toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--against no-such-branch: no such commit");
    assertThat(git("worktree", "list").strip().lines().count()).isEqualTo(1);
  }
}
