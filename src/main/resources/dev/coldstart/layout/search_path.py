# Run by coldstart's static layout to learn how an interpreter finds modules. Python 3 only.
import importlib.machinery, json, site, sys
try:
    sites = list(site.getsitepackages())
except AttributeError:  # old virtualenv's site module
    sites = []
try:
    user = site.getusersitepackages()
    if user:
        sites.append(user)
except AttributeError:
    pass
sys.stdout.write(json.dumps({
    "path": [p for p in sys.path if p],
    "builtins": sorted(sys.builtin_module_names),
    "extension_suffixes": list(importlib.machinery.EXTENSION_SUFFIXES),
    "site_dirs": sites,
}))
