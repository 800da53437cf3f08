package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.serve.DashboardServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
 */
@Command(
    name = "serve",
    sortOptions = false,
    description = {
      "Local dashboard: start profiles from a web page and watch their runs arrive live.",
      "Finished profiles are saved under DIR/.coldstart/ and listed on the page.",
      "Binds 127.0.0.1 unless --host is given. Stop with Ctrl-C (exit 130) or SIGTERM (exit 143)."
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

  @Mixin PythonOption python;

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
    Interpreter py = python.interpreter();
    String bindHost = host == null ? "127.0.0.1" : host;
    if (host != null && !loopback(host)) {
      io.err().println(
          "coldstart: warning: listening on " + host + ", not a loopback address: anyone who can reach this"
              + " port can run Python code as you");
    }
    AtomicInteger signal = new AtomicInteger();
    CountDownLatch stop = new CountDownLatch(1);
    Path directory = dir.toAbsolutePath().normalize();
    try (DashboardServer server =
        DashboardServer.start(
            new DashboardServer.Options(bindHost, port, py, directory, p -> io.err().println("coldstart: " + p)))) {
      installHandler("INT", ExitCode.INTERRUPTED, signal, stop);
      installHandler("TERM", TERMINATED, signal, stop);
      io.out().println("coldstart dashboard: " + server.url());
      io.out().flush();
      io.err().println("coldstart: profiles run with " + py.describe() + " in " + directory + "; Ctrl-C stops");
      if (open) {
        openBrowser(server.url().toString());
      }
      stop.await();
      io.err().println("coldstart: " + (signal.get() == TERMINATED ? "SIGTERM" : "SIGINT") + ": stopping");
    }
    io.err().println("coldstart: dashboard stopped");
    return signal.get();
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

  private void openBrowser(String url) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String[] cmd =
        os.contains("mac")
            ? new String[] {"open", url}
            : os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", url} : new String[] {"xdg-open", url};
    try {
      new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      io.err().println("coldstart: could not open a browser (" + cmd[0] + "): open " + url + " yourself");
    }
  }
}
