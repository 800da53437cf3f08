package dev.coldstart.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CS106 and CS107 over real directory trees. */
class TreeRulesTest {
  @TempDir Path temp;

  @Test
  void pthLinesThatImportAreReported() throws Exception {
    Path sp = Files.createDirectories(temp.resolve("lib/python3.11/site-packages"));
    Files.writeString(sp.resolve("paths.pth"), "/opt/src\n# import not code\n");
    Files.writeString(sp.resolve("hook.pth"), "/opt/other\nimport _virtualenv\nimport\tfoo; foo.install()\nimportx\n");
    var found = new PthCodeRule().check(new Tree("env", temp), RuleTesting.NO_CONTEXT);
    assertThat(found).extracting(f -> f.file() + ":" + f.line())
        .containsExactly("env/lib/python3.11/site-packages/hook.pth:2", "env/lib/python3.11/site-packages/hook.pth:3");
    assertThat(found.get(0).message()).contains("import _virtualenv").contains("every interpreter start-up");
  }

  @Test
  void sitePackagesWithoutBytecodeAndDockerfilesThatDisableIt() throws Exception {
    Path bare = Files.createDirectories(temp.resolve("deploy/python/lib/site-packages/pkg"));
    Files.writeString(bare.resolve("__init__.py"), "");
    Path cached = Files.createDirectories(temp.resolve("venv/lib/site-packages/pkg/__pycache__"));
    Files.writeString(cached.resolve("../__init__.py"), "");
    Files.writeString(cached.resolve("__init__.cpython-311.pyc"), "x");
    Files.writeString(temp.resolve("Dockerfile"), "FROM python:3.12\nENV PYTHONDONTWRITEBYTECODE=1\nCOPY . /app\n");
    Path other = Files.createDirectories(temp.resolve("ok"));
    Files.writeString(other.resolve("Dockerfile"),
        "FROM python:3.12\nENV PYTHONDONTWRITEBYTECODE 1\nRUN python -m compileall -q /app\n");
    var found = new MissingBytecodeRule().check(new Tree("root", temp), RuleTesting.NO_CONTEXT);
    assertThat(found).extracting(f -> f.file() + ":" + f.line())
        .containsExactly("root/Dockerfile:2", "root/deploy/python/lib/site-packages:1");
    assertThat(found.get(1).message()).contains("1 .py files and no .pyc");
  }
}
