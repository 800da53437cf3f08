package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StdoutWriterTest {
  @Test
  void textAndUtf8BytesComeOutInTheOrderWrittenAsUtf8() {
    ByteArrayOutputStream fd = new ByteArrayOutputStream();
    StdoutWriter out = new StdoutWriter(fd);
    out.print("before é ");
    out.writeUtf8("{\"subject\" : \"naïve 中 😀\"}\n".getBytes(StandardCharsets.UTF_8));
    out.print("after");
    assertThat(fd.size()).as("nothing reaches the descriptor before a flush").isZero();
    out.flush();
    assertThat(fd.toString(StandardCharsets.UTF_8)).isEqualTo("before é {\"subject\" : \"naïve 中 😀\"}\nafter");
  }

  @Test
  void outputWritesUtf8BytesToStdoutAndToAFileUnchanged(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    byte[] doc = "{\n  \"schema\" : \"coldstart.history/1\",\n  \"series\" : [ ]\n}\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream fd = new ByteArrayOutputStream();
    StdoutWriter stdout = new StdoutWriter(fd);
    Output.write(new Io(stdout, new java.io.PrintWriter(new java.io.StringWriter()), java.io.InputStream.nullInputStream()), null, doc);
    java.nio.file.Path file = tmp.resolve("h.json");
    Output.write(null, file.toString(), doc);
    assertThat(fd.toByteArray()).isEqualTo(doc);
    assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(doc);
  }
}
