# Run by coldstart to learn about an interpreter. Must work on Python 2.7 and 3.x: no f-strings.
import json, os, platform, sys
try:
    import sysconfig
    ext_suffix = sysconfig.get_config_var("EXT_SUFFIX") or ""
    soabi = sysconfig.get_config_var("SOABI") or ""
except Exception:
    ext_suffix = ""
    soabi = ""
info = {
    "executable": sys.executable,
    "version": "%d.%d.%d" % tuple(sys.version_info[:3]),
    "version_full": sys.version.replace("\n", " "),
    "implementation": platform.python_implementation(),
    "prefix": sys.prefix,
    "base_prefix": getattr(sys, "base_prefix", sys.prefix),
    "path": [p for p in sys.path],
    "dont_write_bytecode": bool(sys.dont_write_bytecode),
    "pycache_prefix": getattr(sys, "pycache_prefix", None),
    "machine": platform.machine(),
    "platform": sys.platform,
    "ext_suffix": ext_suffix,
    "soabi": soabi,
    "env_dont_write_bytecode": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
}
sys.stdout.write(json.dumps(info))
