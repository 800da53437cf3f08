package dev.coldstart.serve;

import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.testing.Pythons;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A dashboard on a free loopback port over a temporary folder, with python3 from PATH and a random
 * token. {@link #url} is the address serve prints (with {@code ?token=}), which {@link RawHttp} and
 * {@link EventStream} turn into a bearer header; {@link #door} is the same server without it.
 */
final class ServerFixture implements AutoCloseable {
  final DashboardServer server;
  final URI url;
  final URI door;
  final AccessToken token = AccessToken.random();
  final Path dir;
  final List<String> log = new CopyOnWriteArrayList<>();
  final LinkedBlockingQueue<ProfileRunner.Outcome> outcomes = new LinkedBlockingQueue<>();

  ServerFixture(Path dir) {
    this(dir, HistorySource.NONE);
  }

  /** A dashboard whose {@code /api/history} asks {@code history}. */
  ServerFixture(Path dir, HistorySource history) {
    this.dir = dir;
    Interpreter py = Interpreters.probe(Pythons.python3());
    this.server =
        DashboardServer.start(new DashboardServer.Options("127.0.0.1", 0, py, dir, log::add, Optional.of(token)), history);
    server.onOutcome(outcomes::add);
    this.url = server.url();
    this.door = URI.create("http://" + url.getAuthority() + "/");
  }

  @Override
  public void close() {
    server.close();
  }

  static String startBody(String target, int runs) {
    return "{\"target\":" + quote(target) + ",\"runs\":" + runs + ",\"warmup\":1}";
  }

  static String quote(String s) {
    return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(s);
  }
}
