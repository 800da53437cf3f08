package dev.coldstart.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A separate process that records {@code count} recordings into one store (StoreTest's concurrent
 * writers): {@code java -cp ... dev.coldstart.store.StoreWriter STORE COUNT WRITER}.
 */
public final class StoreWriter {
  private StoreWriter() {}

  public static void main(String[] args) {
    String spec = args[0];
    int count = Integer.parseInt(args[1]);
    int writer = Integer.parseInt(args[2]);
    try (Store s = Store.open(spec, Path.of(""), "test", Map.of())) {
      for (int i = 0; i < count; i++) {
        String sha = String.format("%08d%032d", writer, i);
        s.record(TestStores.recording(
            "import w" + writer, TestStores.commit(sha, "main", "commit " + i, 1 + i % 28), TestStores.HERE,
            TestStores.profile("import w" + writer, "3.11.7", List.of(), 10 + i, 11 + i, 12 + i)));
      }
    }
    System.exit(0);
  }
}
