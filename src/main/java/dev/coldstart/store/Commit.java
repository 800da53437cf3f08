package dev.coldstart.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The commit a recording measured.
 *
 * @param sha the full commit id, or null outside a git checkout
 * @param branch the branch, or null (detached HEAD outside CI, or no git)
 * @param dirty tracked files had uncommitted changes (the numbers then belong to no commit exactly)
 * @param subject the commit message's first line, or null
 * @param time the committer date, or null
 */
public record Commit(String sha, String branch, boolean dirty, String subject, OffsetDateTime time) {
  public static final Commit NONE = new Commit(null, null, false, null, null);

  /**
   * The commit checked out in {@code dir}, read with git (about 4 short git processes, ~10 ms).
   * On a detached HEAD the branch comes from CI's environment: GITHUB_HEAD_REF (pull requests),
   * GITHUB_REF_NAME, CI_COMMIT_REF_NAME (GitLab), else null.
   */
  public static Commit of(Path dir, Map<String, String> env) {
    String sha = git(dir, "rev-parse", "--verify", "--quiet", "HEAD");
    if (sha == null || sha.isEmpty()) {
      return NONE;
    }
    String branch = git(dir, "symbolic-ref", "--quiet", "--short", "HEAD");
    if (branch == null || branch.isEmpty()) {
      branch = null;
      for (String k : List.of("GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME")) {
        String v = env.get(k);
        if (v != null && !v.isBlank()) {
          branch = v;
          break;
        }
      }
    }
    String status = git(dir, "status", "--porcelain", "--untracked-files=no");
    String log = git(dir, "log", "-1", "--format=%cI%n%s", "HEAD");
    OffsetDateTime time = null;
    String subject = null;
    if (log != null) {
      int nl = log.indexOf('\n');
      String t = nl < 0 ? log : log.substring(0, nl);
      subject = nl < 0 ? null : log.substring(nl + 1);
      try {
        time = OffsetDateTime.parse(t.strip());
      } catch (RuntimeException e) {
        time = null;
      }
    }
    return new Commit(sha, branch, status != null && !status.isBlank(), subject, time);
  }

  /** git's standard output, stripped, or null when git is missing or fails. */
  private static String git(Path dir, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out.strip() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
