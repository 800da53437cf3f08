package dev.coldstart.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether our output goes to a person at a terminal; decides progress lines and colour. */
final class Terminal {
  private Terminal() {}

  /**
   * True when there is an interactive console. On JDK 22+ {@code System.console()} exists even when
   * redirected and {@code Console.isTerminal()} tells; on JDK 21 a console exists only for a
   * terminal. Called reflectively because we compile for release 21. Stderr itself cannot be asked
   * from Java, so a redirected stderr with a terminal stdin/stdout still counts; COLDSTART_PROGRESS=0
   * turns it off.
   */
  static boolean stderrIsTerminal() {
    if ("0".equals(System.getenv("COLDSTART_PROGRESS")) || System.getenv("CI") != null) {
      return false;
    }
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
