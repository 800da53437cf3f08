package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.serve.AccessToken;
import dev.coldstart.serve.DashboardServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code coldstart serve}: the local dashboard. Serves until SIGINT (Ctrl-C, exit 130) or SIGTERM
 * (exit 143); either stops a running profile, drains its event log, saves what it measured and
 * closes the server before exiting. A second signal exits at once.
 *
 * <p>The token is printed once, in the URL on stdout; nothing else (stderr, the log) shows it.
 */
@Command(
    name = "serve",
    sortOptions = false,
    description = {
      "Local dashboard: start profiles from a web page and watch their runs arrive live.",
      "Finished profiles are saved under DIR/.coldstart/ and listed on the page.",
      "Binds 127.0.0.1 unless --host is given. Every request needs the secret token in the printed URL",
      "(new each start unless --token or COLDSTART_TOKEN sets it). Stop with Ctrl-C (exit 130) or SIGTERM (exit 143)."
    })
public final class ServeCommand implements Callable<Integer> {
  /** Exit status after SIGTERM (128 + 15), as a shell reports a process ended by it. */
  static final int TERMINATED = 143;

  private final Io io;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8765", description = "Port to listen on; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "H",
      description = "Address to bind (default 127.0.0.1). Anything but a loopback address lets other machines run Python here.")
  String host;

  @Option(names = "--open", description = "Open the page in the default browser.")
  boolean open;

  @Option(
      names = "--token",
      paramLabel = "VALUE",
      description = {
        "The secret the page and every API request must show (16 to 256 of A-Z a-z 0-9 . _ ~ -), for scripts.",
        "Default: COLDSTART_TOKEN, else a new random one each start. Other users can read it in ps; the variable they cannot."
      })
  String token;

  @Option(
      names = "--no-token",
      description = "No token: anyone and anything on this machine can use the dashboard. Only with a loopback --host.")
  boolean noToken;

  @Mixin PythonOption python;

  @Mixin StoreOption store;

  @Option(names = "--dir", paramLabel = "D", defaultValue = ".", description = "Where profiles run and .coldstart/ is kept (default: the current directory).")
  Path dir;

  public ServeCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw UserError.usage("--port must be between 0 and 65535");
    }
    if (!Files.isDirectory(dir)) {
      throw UserError.usage("--dir " + dir + " is not a directory");
    }
    Optional<AccessToken> secret = token();
    String bindHost = host == null ? "127.0.0.1" : host;
    if (secret.isEmpty() && !loopback(bindHost)) {
      throw UserError.usage("--no-token only with a loopback --host (127.0.0.1, ::1), not " + bindHost);
    }
    Interpreter py = python.interpreter();
    if (host != null && !loopback(host)) {
      io.err().println(
          "coldstart: warning: listening on " + host + ", not a loopback address: anyone who can reach this"
              + " port and has the token can run Python code as you, and the token travels unencrypted");
    }
    if (secret.isEmpty()) {
      io.err().println(
          "coldstart: warning: --no-token: any user or process on this machine can run Python code as you through"
              + " this dashboard");
    }
    AtomicInteger signal = new AtomicInteger();
    CountDownLatch stop = new CountDownLatch(1);
    Path directory = dir.toAbsolutePath().normalize();
    StoreHistory history = new StoreHistory(store.store, directory);
    try (DashboardServer server =
        DashboardServer.start(
            new DashboardServer.Options(
                bindHost, port, py, directory, p -> io.err().println("coldstart: " + p), secret),
            history)) {
      installHandler("INT", ExitCode.INTERRUPTED, signal, stop);
      installHandler("TERM", TERMINATED, signal, stop);
      io.out().println("coldstart dashboard: " + server.url());
      io.out().flush();
      io.err().println("coldstart: profiles run with " + py.describe() + " in " + directory + "; Ctrl-C stops");
      Path opener = open ? openBrowser(server.url().toString()) : null;
      try {
        stop.await();
      } finally {
        deleteQuietly(opener);
      }
      io.err().println("coldstart: " + (signal.get() == TERMINATED ? "SIGTERM" : "SIGINT") + ": stopping");
    }
    io.err().println("coldstart: dashboard stopped");
    return signal.get();
  }

  /** --no-token, --token, COLDSTART_TOKEN, or a new random token, in that order. */
  private Optional<AccessToken> token() {
    if (noToken && token != null) {
      throw UserError.usage("give --token or --no-token, not both");
    }
    if (noToken) {
      return Optional.empty();
    }
    if (token != null) {
      return Optional.of(AccessToken.of(token, "--token"));
    }
    String env = System.getenv("COLDSTART_TOKEN");
    if (env != null && !env.isEmpty()) {
      return Optional.of(AccessToken.of(env, "COLDSTART_TOKEN"));
    }
    return Optional.of(AccessToken.random());
  }

  private void installHandler(String name, int code, AtomicInteger signal, CountDownLatch stop) {
    try {
      Signal.handle(
          new Signal(name),
          sig -> {
            if (!signal.compareAndSet(0, code)) {
              Runtime.getRuntime().halt(signal.get()); // Second signal: no more waiting.
            }
            stop.countDown();
          });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      io.err().println("coldstart: cannot catch SIG" + name + " here; stopping by it will not drain");
    }
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // Binding fails with a clear message next.
    }
  }

  /**
   * Opens the page. The browser gets a file readable by this user only that forwards to the URL,
   * not the URL itself: a command line is visible to every user in the process list, and the
   * browser's may keep the URL as long as it runs (Jupyter does the same). Returns the file, to be
   * deleted when serving ends, or null.
   */
  private Path openBrowser(String url) {
    Path file;
    try {
      file = Files.createTempFile("coldstart-open-", ".html", ownerOnly());
      String html =
          "<!DOCTYPE html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=" + url + "\">"
              + "<title>coldstart dashboard</title><p><a href=\"" + url + "\">Open the coldstart dashboard</a></p>\n";
      Files.writeString(file, html);
    } catch (IOException | UnsupportedOperationException e) { // no POSIX permissions: no private file
      io.err().println("coldstart: could not write the file that opens the page (" + e.getMessage() + "): open the URL above yourself");
      return null;
    }
    String target = file.toUri().toString();
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String[] cmd =
        os.contains("mac")
            ? new String[] {"open", target}
            : os.contains("win")
                ? new String[] {"rundll32", "url.dll,FileProtocolHandler", target}
                : new String[] {"xdg-open", target};
    try {
      new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      io.err().println("coldstart: could not open a browser (" + cmd[0] + "): open the URL above yourself");
    }
    return file;
  }

  private static FileAttribute<?>[] ownerOnly() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A temporary file: the system's cleaning takes it.
      }
    }
  }
}
