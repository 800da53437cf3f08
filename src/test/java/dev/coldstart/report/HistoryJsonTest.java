package dev.coldstart.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.store.Series;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class HistoryJsonTest {
  /** The contract's definition: the records bound by Jackson, indented (how HistoryJson wrote it before). */
  private static final ObjectMapper BOUND = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private static String bound(List<Series> series) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", HistoryJson.SCHEMA);
    doc.put("series", series);
    return BOUND.writeValueAsString(doc) + "\n";
  }

  @Test
  void streamedDocumentIsByteForByteTheBoundOne() {
    List<Series> series = List.of(
        series("import fleet.version", 40, true, new SplittableRandom(3)),
        // Nulls (no git checkout), text that needs escaping, non-ASCII, an empty series' lists.
        new Series("-c import json", "CPython", "3.13.1", "0123456789ab", "Ünïcode CPU \"quoted\", 2 cores", "cpu=10%, memory=128M",
            List.of(new Series.Point(null, null, null, true, "2026-12-05T00:00:00.123Z", 0.1 + 0.2, 1e-7, 12345678.9, 3),
                new Series.Point("ab", "tab\there\nnewline \\ back\u0001slash \u00e9\u4e2d\ud83d\ude00 </script>", "feature/x", false,
                    "2026-12-05T00:00:01Z", Double.MIN_VALUE, -0.0, 1e21, 0)),
            List.of(new Series.ChangePoint(1, "ab", 1.5, 2.25, 0.75, 0.5, 1.0, 0.005))),
        new Series("empty", "PyPy", "3.10", "m", "", "", List.of(), List.of()));
    assertThat(HistoryJson.render(series)).isEqualTo(bound(series));
    assertThat(HistoryJson.bytes(series)).isEqualTo(bound(series).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void noSeriesIsTheBoundEmptyDocument() {
    assertThat(HistoryJson.render(List.of())).isEqualTo(bound(List.of()));
  }

  private static Series series(String entry, int n, boolean change, SplittableRandom random) {
    List<Series.Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double m = 40 + random.nextDouble() * 3 + (change && i >= n / 2 ? 15 : 0);
      points.add(new Series.Point(String.format("%040x", i), "commit " + i, "main", i % 7 == 0, "2026-12-05T00:00:00Z",
          m, m - random.nextDouble(), m + random.nextDouble(), 10));
    }
    return new Series(entry, "CPython", "3.11.7", "3146f64eb8fd", "AMD EPYC 7763, 4 cores, Linux 6.8.0 amd64", "", points,
        change ? List.of(new Series.ChangePoint(n / 2, points.get(n / 2).commit(), 41.5, 56.4, 14.9, 14.2, 15.6, 0.005)) : List.of());
  }
}
