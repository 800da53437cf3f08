package dev.coldstart.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The two archive formats of the distribution, written byte for byte the same from the same entries:
 * a zip (the wheel) and a gzipped POSIX ustar tarball. Both keep each entry's Unix mode and a
 * modification time given by the caller, never the clock, the user or the time zone: java.util.zip
 * can do neither (no Unix mode; DOS times in the local zone), hence these ~150 lines.
 *
 * <p>Entries are written in the order given. The zip has no Zip64 (entries and archive under 4 GB,
 * under 65,535 entries; checked) and deflates each entry in memory (the largest, lib/modules, ~40 MB)
 * at level 6: level 9 made the wheel 0.3 MB smaller and took four times as long (~60 s more).
 */
final class Archive {
  /** One file: its path in the archive, contents, Unix permission bits and modification time. */
  record Entry(String path, byte[] data, int mode, Instant mtime) {}

  private Archive() {}

  static void writeZip(Path out, List<Entry> entries) throws IOException {
    if (entries.size() >= 0xffff) {
      throw new IOException("too many entries for a zip without Zip64: " + entries.size());
    }
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    try (OutputStream o = Files.newOutputStream(out)) {
      long offset = 0;
      for (Entry e : entries) {
        byte[] name = e.path().getBytes(StandardCharsets.UTF_8);
        byte[] deflated = deflate(e.data());
        CRC32 crc = new CRC32();
        crc.update(e.data());
        int[] dos = dosTime(e.mtime());
        ByteBuffer local = le(30 + name.length);
        local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) 8)
            .putShort((short) dos[0]).putShort((short) dos[1]).putInt((int) crc.getValue())
            .putInt(deflated.length).putInt(e.data().length).putShort((short) name.length).putShort((short) 0)
            .put(name);
        ByteBuffer cen = le(46 + name.length);
        // version made by: 3 (Unix) << 8 | 2.0, so readers take the mode from the external attributes
        cen.putInt(0x02014b50).putShort((short) 0x0314).putShort((short) 20).putShort((short) 0x0800)
            .putShort((short) 8).putShort((short) dos[0]).putShort((short) dos[1]).putInt((int) crc.getValue())
            .putInt(deflated.length).putInt(e.data().length).putShort((short) name.length)
            .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
            .putInt((0100000 | e.mode()) << 16).putInt(Math.toIntExact(offset)).put(name);
        o.write(local.array());
        o.write(deflated);
        central.write(cen.array());
        offset += local.capacity() + deflated.length;
        if (offset > 0xffffffffL) {
          throw new IOException("archive over 4 GB: a zip without Zip64 cannot hold it");
        }
      }
      ByteBuffer end = le(22);
      end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
          .putShort((short) entries.size()).putInt(central.size()).putInt(Math.toIntExact(offset))
          .putShort((short) 0);
      central.writeTo(o);
      o.write(end.array());
    }
  }

  /** A gzipped ustar archive; parent directories are not entries (tar creates them). */
  static void writeTarGz(Path out, List<Entry> entries) throws IOException {
    // GZIPOutputStream writes a fixed header: modification time 0, no file name.
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out), 1 << 16)) {
      for (Entry e : entries) {
        o.write(ustarHeader(e));
        o.write(e.data());
        o.write(new byte[(512 - e.data().length % 512) % 512]);
      }
      o.write(new byte[1024]);
    }
  }

  private static byte[] ustarHeader(Entry e) throws IOException {
    String path = e.path();
    String prefix = "";
    if (path.getBytes(StandardCharsets.UTF_8).length > 100) {
      int cut = path.lastIndexOf('/', 155);
      if (cut < 0 || path.length() - cut - 1 > 100) {
        throw new IOException("path too long for ustar: " + path);
      }
      prefix = path.substring(0, cut);
      path = path.substring(cut + 1);
    }
    byte[] h = new byte[512];
    put(h, 0, path);
    put(h, 100, octal(e.mode(), 7));
    put(h, 108, octal(0, 7)); // uid and gid 0, names "root": what a root-owned install would show
    put(h, 116, octal(0, 7));
    put(h, 124, octal(e.data().length, 11));
    put(h, 136, octal(e.mtime().getEpochSecond(), 11));
    h[156] = '0';
    put(h, 257, "ustar\0" + "00");
    put(h, 265, "root");
    put(h, 297, "root");
    put(h, 345, prefix);
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, octal(sum, 6) + "\0 ");
    return h;
  }

  private static String octal(long v, int digits) {
    String s = Long.toOctalString(v);
    if (s.length() > digits) {
      throw new IllegalArgumentException("too large for a ustar field: " + v);
    }
    return "0".repeat(digits - s.length()) + s;
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, at, b.length);
  }

  private static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(6, true);
    try {
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
      byte[] buf = new byte[1 << 16];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /** MS-DOS time and date of {@code t} read in UTC (zip has no zone; 1980 is its first year). */
  private static int[] dosTime(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    if (z.getYear() < 1980) {
      throw new IllegalArgumentException("zip times start in 1980: " + t);
    }
    int time = z.getHour() << 11 | z.getMinute() << 5 | z.getSecond() / 2;
    int date = (z.getYear() - 1980) << 9 | z.getMonthValue() << 5 | z.getDayOfMonth();
    return new int[] {time, date};
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Entries for every regular file under {@code dir}, sorted by path, under {@code prefix}. */
  static List<Entry> tree(Path dir, String prefix, Instant mtime) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        out.add(new Entry(prefix + rel, Files.readAllBytes(f), Files.getPosixFilePermissions(f).contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644, mtime));
      }
    }
    return out;
  }
}
