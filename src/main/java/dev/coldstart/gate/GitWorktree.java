package dev.coldstart.gate;

import dev.coldstart.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A temporary, detached git worktree of a reference ({@code git worktree add --detach}), removed by
 * {@link #close()} with {@code git worktree remove --force} and a prune. A shutdown hook removes it
 * too when the JVM is ended by a signal (SIGTERM, or Ctrl-C when no handler is installed), so a
 * cancelled CI job does not leave worktrees registered in the user's repository.
 */
final class GitWorktree implements AutoCloseable {
  private final Path repo;
  private final Path dir;
  private final String commit;
  private final Thread hook;
  private boolean closed;

  private GitWorktree(Path repo, Path dir, String commit) {
    this.repo = repo;
    this.dir = dir;
    this.commit = commit;
    this.hook = new Thread(this::remove, "coldstart-worktree-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Checks out {@code ref} of the repository holding {@code inside}.
   *
   * @throws UserError exit 2 when there is no repository or no such reference
   */
  static GitWorktree add(Path inside, String ref) {
    String top;
    try {
      top = git(inside, "rev-parse", "--show-toplevel").strip();
    } catch (UserError e) {
      top = "";
    }
    if (top.isEmpty()) {
      throw UserError.usage("--against needs a git repository; " + inside + " is not in one");
    }
    Path repo = Path.of(top);
    String commit;
    try {
      commit = git(repo, "rev-parse", "--verify", "--quiet", ref + "^{commit}").strip();
    } catch (UserError e) {
      throw UserError.usage("--against " + ref + ": no such commit, branch or tag in " + repo);
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("coldstart-base-");
      Files.delete(dir); // git wants to create it
    } catch (IOException e) {
      throw UserError.target("cannot create a temporary directory: " + e.getMessage());
    }
    git(repo, "worktree", "add", "--detach", "--quiet", dir.toString(), commit);
    return new GitWorktree(repo, dir, commit);
  }

  /** The repository's top-level directory (of the working tree). */
  Path repo() {
    return repo;
  }

  /** The worktree's top-level directory. */
  Path dir() {
    return dir;
  }

  String commit() {
    return commit;
  }

  @Override
  public void close() {
    remove();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running or ran.
    }
  }

  private synchronized void remove() {
    if (closed) {
      return;
    }
    closed = true;
    // After Ctrl-C the thread's interrupt flag is set, and git's waitFor would throw at once and
    // leave the worktree registered: clear it while git runs, and set it again after.
    boolean interrupted = Thread.interrupted();
    try {
      removeNow();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void removeNow() {
    try {
      git(repo, "worktree", "remove", "--force", dir.toString());
    } catch (RuntimeException e) {
      deleteTree(dir); // git refused (e.g. a lock): delete it and let prune forget it
    }
    try {
      git(repo, "worktree", "prune");
    } catch (RuntimeException ignored) {
      // Nothing more to do; `git worktree prune` later forgets it.
    }
  }

  private static void deleteTree(Path root) {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // Best effort.
    }
  }

  /** Runs git; a failure is a UserError (exit 3) with git's message. */
  static String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      // Both outputs are small; read stderr on a thread so neither pipe can fill up.
      StringBuilder err = new StringBuilder();
      Thread t = Thread.ofPlatform().start(() -> {
        try {
          err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException ignored) {
          // The exit status tells.
        }
      });
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = p.waitFor(120, TimeUnit.SECONDS);
      t.join(1000);
      if (!done) {
        p.destroyForcibly();
        throw UserError.target("git " + String.join(" ", args) + " did not finish in 120 s");
      }
      if (p.exitValue() != 0) {
        throw UserError.target("git " + String.join(" ", args) + " failed: " + err.toString().strip());
      }
      return out;
    } catch (IOException e) {
      throw UserError.target("cannot run git: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError(dev.coldstart.ExitCode.INTERRUPTED, "interrupted while running git");
    }
  }
}
