package dev.coldstart.rules;

import org.junit.jupiter.api.Test;

class FunctionOnlyImportRuleTest {
  private final FunctionOnlyImportRule rule = new FunctionOnlyImportRule();

  @Test
  void importsUsedOnlyInsideFunctionBodies() {
    RuleTesting.assertMarked(
        rule, "app/server.py", "app.server",
        """
        import os
        import sqlite3  # <- CS104
        import json as j  # <- CS104
        import logging
        import email.message  # <- CS104
        from decimal import Decimal
        try:
            import ujson
        except ImportError:
            ujson = None

        log = logging.getLogger(__name__)

        def connect(path):
            return sqlite3.connect(os.fspath(path))

        class App:
            limit = Decimal("1.5")

            def handle(self, body):
                msg = email.message.EmailMessage()
                msg.set_content(j.dumps(body, default=f"{ujson}"))
                return msg
        """);
  }

  @Test
  void aFunctionDefinedAndCalledInAPlatformBlockRunsAtImportTime() {
    // The import is used by a function that the same module-level block calls: it runs at import.
    RuleTesting.assertMarked(
        rule, "app/console.py", "app.console",
        """
        import sys
        import shutil  # <- CS104

        if sys.platform == "win32":
            import ctypes

            def _enable_vt_mode():
                kernel32 = ctypes.windll.kernel32
                kernel32.SetConsoleMode(kernel32.GetStdHandle(-11), 7)

            _enable_vt_mode()
        else:
            import termios  # <- CS104

            def _raw(fd):
                return termios.tcgetattr(fd)

        def width():
            return shutil.get_terminal_size().columns
        """);
  }

  @Test
  void functionsCalledAtImportTimeAndDecoratorsCountAsImportTime() {
    RuleTesting.assertMarked(
        rule, "app/table.py", "app.table",
        """
        import hashlib
        import math
        import functools
        import statistics  # <- CS104

        def _row(i):
            return math.sin(i)

        def _table(n):
            return [(_row(i), hashlib.sha256(b"x").hexdigest()) for i in range(n)]

        TABLE = _table(10)

        @functools.lru_cache
        def mean(xs):
            return statistics.fmean(xs)
        """);
  }

  @Test
  void annotationsOfModuleLevelDefsRunAtImportUnlessPostponed() {
    RuleTesting.assertMarked(
        rule, "app/a.py", "app.a",
        """
        import decimal
        def f(x: decimal.Decimal):
            return decimal.Decimal(x)
        """);
    RuleTesting.assertMarked(
        rule, "app/b.py", "app.b",
        """
        from __future__ import annotations
        import decimal  # <- CS104
        def f(x: decimal.Decimal):
            return decimal.Decimal(x)
        """);
  }

  @Test
  void oneLineDefsAndMultiLineHeaders() {
    RuleTesting.assertMarked(
        rule, "app/c.py", "app.c",
        """
        import csv  # <- CS104
        import zlib  # <- CS104
        def f(): return csv.reader([])
        def g(
            a,
            b=1,
        ):
            return zlib.compress(a)
        x = \"\"\"
        csv zlib in a string
        \"\"\"
        """);
  }
}
