package dev.coldstart.packaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The newest glibc symbol version an ELF file requires, read from its version-needs section
 * (SHT_GNU_verneed: what {@code objdump -T} prints as {@code GLIBC_2.17}), and from that the
 * manylinux tag (PEP 600) a wheel holding the files may claim: {@code manylinux_2_17_x86_64} runs
 * on glibc 2.17 and newer.
 *
 * <p>Only 64-bit little-endian ELF (x86-64, aarch64) is read; anything else is not ELF to this class.
 * Cost: one memory map and a walk of the section headers per file.
 */
final class ElfGlibc {
  private static final int SHT_GNU_VERNEED = 0x6ffffffe;
  private static final Pattern GLIBC = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)(?:\\.\\d+)?");

  /** A glibc version, ordered. */
  record Version(int major, int minor) implements Comparable<Version> {
    @Override
    public int compareTo(Version o) {
      return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
      return major + "." + minor;
    }
  }

  private ElfGlibc() {}

  /** The newest GLIBC_x.y any file under {@code dir} requires; empty when none does. */
  static Optional<Version> newestUnder(Path dir) throws IOException {
    Version newest = null;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        Optional<Version> v = newestIn(f);
        if (v.isPresent() && (newest == null || v.get().compareTo(newest) > 0)) {
          newest = v.get();
        }
      }
    }
    return Optional.ofNullable(newest);
  }

  /** The newest GLIBC_x.y {@code file} requires; empty if it is not a 64-bit ELF or needs none. */
  static Optional<Version> newestIn(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file)) {
      if (ch.size() < 64) {
        return Optional.empty();
      }
      ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
      // e_ident: 0x7f 'E' 'L' 'F', class 2 (64-bit), data 1 (little-endian)
      if (b.getInt(0) != 0x464c457f || b.get(4) != 2 || b.get(5) != 1) {
        return Optional.empty();
      }
      long shoff = b.getLong(0x28);
      int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
      int shnum = Short.toUnsignedInt(b.getShort(0x3c));
      Version newest = null;
      for (int i = 0; i < shnum; i++) {
        int sh = Math.toIntExact(shoff + (long) i * shentsize);
        if (b.getInt(sh + 4) != SHT_GNU_VERNEED) {
          continue;
        }
        int offset = Math.toIntExact(b.getLong(sh + 0x18));
        int link = b.getInt(sh + 0x28); // the string table the names are in
        int count = b.getInt(sh + 0x2c); // sh_info: number of Verneed entries
        int strtab = Math.toIntExact(b.getLong(Math.toIntExact(shoff + (long) link * shentsize) + 0x18));
        int need = offset;
        for (int n = 0; n < count; n++) {
          int auxCount = Short.toUnsignedInt(b.getShort(need + 2));
          int aux = need + b.getInt(need + 8);
          for (int a = 0; a < auxCount; a++) {
            Matcher m = GLIBC.matcher(cString(b, strtab + b.getInt(aux + 8)));
            if (m.matches()) {
              Version v = new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
              if (newest == null || v.compareTo(newest) > 0) {
                newest = v;
              }
            }
            aux += b.getInt(aux + 12);
          }
          need += b.getInt(need + 12);
        }
      }
      return Optional.ofNullable(newest);
    }
  }

  /** The wheel platform tags for {@code glibc} on {@code arch}, the PEP 600 one first. */
  static String platformTag(Version glibc, String arch) {
    String tag = "manylinux_" + glibc.major() + "_" + glibc.minor() + "_" + arch;
    // pip older than 20.3 knows only the PEP 599 alias of glibc 2.17 (manylinux2014), and newer
    // pips accept either; a compressed tag set (PEP 425) names both.
    if (glibc.compareTo(new Version(2, 17)) <= 0) {
      tag += ".manylinux2014_" + arch;
    }
    return tag;
  }

  private static String cString(ByteBuffer b, int at) {
    int end = at;
    while (b.get(end) != 0) {
      end++;
    }
    byte[] s = new byte[end - at];
    b.get(at, s);
    return new String(s, StandardCharsets.US_ASCII);
  }
}
