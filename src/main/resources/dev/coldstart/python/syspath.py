# Run by `coldstart syspath` as `python -S syspath.py`: performs the site initialisation that a
# normal start does (site.main()), timing each .pth file (site.addpackage) and sitecustomize /
# usercustomize, and prints one JSON object: sys.path before and after site, each .pth with its
# lines, time and the modules its import lines loaded, and the total time of site.main().
import sys
import time

_clock = time.perf_counter
before = list(sys.path)
import site  # noqa: E402  (not imported yet: -S)

pths = []
_orig_addpackage = site.addpackage


def _addpackage(sitedir, name, known_paths):
    import os
    full = os.path.join(sitedir, name)
    mods = set(sys.modules)
    path_before = list(sys.path)
    t = _clock()
    try:
        return _orig_addpackage(sitedir, name, known_paths)
    finally:
        dt = _clock() - t
        lines = []
        try:
            with open(full, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    s = line.rstrip("\n")
                    if not s.strip() or s.startswith("#"):
                        continue
                    lines.append({"text": s, "import": s.startswith(("import ", "import\t"))})
        except OSError:
            pass
        pths.append({"file": full, "seconds": dt, "lines": lines,
                     "modules": sorted(set(sys.modules) - mods),
                     "added": [p for p in sys.path if p not in path_before]})


site.addpackage = _addpackage
custom = {}
for _hook in ("execsitecustomize", "execusercustomize"):
    _f = getattr(site, _hook, None)
    if _f is not None:
        def _timed(_f=_f, _hook=_hook):
            t = _clock()
            try:
                return _f()
            finally:
                custom[_hook] = _clock() - t
        setattr(site, _hook, _timed)

t0 = _clock()
site.main()
total = _clock() - t0

import json  # noqa: E402

json.dump({"before": before, "path": list(sys.path), "pth": pths, "site_seconds": total,
           "sitecustomize_seconds": custom.get("execsitecustomize"),
           "usercustomize_seconds": custom.get("execusercustomize"),
           "sitepackages": site.getsitepackages() if hasattr(site, "getsitepackages") else []},
          sys.stdout)
