package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coldstart serve} in a real JVM, reached the way another local process would: the request
 * from the report (a target that writes a file) without the token gets 401 and writes nothing; with
 * the token chosen by {@code COLDSTART_TOKEN} it runs. The token shows only in the printed URL.
 */
class ServeTokenProcessTest {
  @TempDir Path dir;

  @Test
  void theTokenFromTheEnvironmentIsNeededAndShownOnlyInThePrintedUrl() throws Exception {
    String token = "scripted-token-0123456789";
    try (Serve s = Serve.start(dir, Map.of("COLDSTART_TOKEN", token))) {
      assertThat(s.url.toString()).endsWith("/?token=" + token);
      URI door = URI.create("http://" + s.url.getAuthority() + "/");
      Path pwned = dir.resolve("pwned");
      String body = ServerFixture.startBody("-c \"open(\\\"" + pwned + "\\\",\\\"w\\\").write(\\\"x\\\")\"", 1);

      RawHttp refused = RawHttp.postJson(door, "/api/profile", body);
      assertThat(refused.status()).isEqualTo(401);
      Thread.sleep(1_000);
      assertThat(pwned).doesNotExist();

      RawHttp started = RawHttp.post(door, "/api/profile", Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token), body);
      assertThat(started.status()).as(started.body()).isEqualTo(202);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(pwned) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(pwned).exists();
      String err = s.stop(143);
      assertThat(err).doesNotContain(token).doesNotContain("--no-token");
    }
  }

  @Test
  void noTokenOnLoopbackWarnsAndLetsAnyLocalProcessIn() throws Exception {
    try (Serve s = Serve.start(dir, Map.of("COLDSTART_TOKEN", "ignored-by-no-token-0123"), "--no-token")) {
      assertThat(s.url.getRawQuery()).isNull();
      assertThat(RawHttp.get(s.url, "/api/state").status()).isEqualTo(200);
      assertThat(s.stop(143)).contains("warning: --no-token: any user or process on this machine can run Python code as you");
    }
  }

  @Test
  void openHandsTheBrowserAnOwnerOnlyFileNotTheUrl() throws Exception {
    // A stand-in xdg-open on PATH that records what it was given.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path given = dir.resolve("xdg-open-args");
    Path xdgOpen = bin.resolve("xdg-open");
    Files.writeString(xdgOpen, "#!/bin/sh\nprintf '%s' \"$*\" > '" + given + "'\n");
    Files.setPosixFilePermissions(xdgOpen, PosixFilePermissions.fromString("rwx------"));
    try (Serve s = Serve.start(dir, Map.of("PATH", bin + ":" + System.getenv("PATH")), "--open")) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!(Files.exists(given) && Files.size(given) > 0) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      String arg = Files.readString(given);
      String token = s.url.getRawQuery().substring("token=".length());
      assertThat(arg).startsWith("file:/").doesNotContain(token);
      Path file = Path.of(URI.create(arg));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(Files.readString(file)).contains("http-equiv=\"refresh\" content=\"0;url=" + s.url + "\"");
      s.stop(143);
      assertThat(file).doesNotExist(); // deleted when serving ends
    }
  }

  /** A serve JVM on a free loopback port; its first stdout line is the printed URL. */
  private record Serve(Process process, URI url, ByteArrayOutputStream err, Thread errCopy) implements AutoCloseable {
    static Serve start(Path dir, Map<String, String> env, String... extra) throws IOException {
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  javaBin, "-cp", System.getProperty("java.class.path"), "dev.coldstart.cli.Main", "serve", "--port", "0",
                  "--dir", dir.toString(), "--python", Pythons.python3().toString()));
      cmd.addAll(List.of(extra));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().remove("COLDSTART_TOKEN");
      pb.environment().putAll(env);
      Process p = pb.start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread copy =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (var in = p.getErrorStream()) {
                      in.transferTo(err);
                    } catch (IOException ignored) {
                      // The process ended.
                    }
                  });
      String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      if (first == null || !first.startsWith("coldstart dashboard: http://127.0.0.1:")) {
        p.destroyForcibly();
        throw new AssertionError("serve printed " + first + "; stderr: " + err.toString(StandardCharsets.UTF_8));
      }
      return new Serve(p, URI.create(first.substring(first.indexOf("http"))), err, copy);
    }

    /** SIGTERM, the exit status checked; returns stderr. */
    String stop(int expectedExit) throws Exception {
      new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      errCopy.join(10_000);
      String text = err.toString(StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(text).isEqualTo(expectedExit);
      return text;
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
