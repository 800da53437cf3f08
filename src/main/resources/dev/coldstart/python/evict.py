# Run by coldstart, untimed, before each --cold-cache run: evicts every file listed in LISTFILE (one
# path a line) from the page cache with posix_fadvise(POSIX_FADV_DONTNEED), and measures how many
# bytes of them were resident before and after with mincore(2). Files this process maps itself
# (the interpreter, libpython, libc) cannot be evicted while it runs: they are listed in
# "self_mapped" for the caller to evict after this process exits. Prints one JSON object.
#   python -I -S evict.py LISTFILE
import os
import sys
import json

try:
    import ctypes
    _libc = ctypes.CDLL(None, use_errno=True)
    _libc.mmap.restype = ctypes.c_void_p
    _libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
    _libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    _libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
    _PAGE = os.sysconf("SC_PAGE_SIZE")
    _FAILED = ctypes.c_void_p(-1).value
except Exception:
    _libc = None


def resident(fd, size):
    """Bytes of the file in the page cache; None when mincore is unavailable."""
    if _libc is None:
        return None
    if size == 0:
        return 0
    addr = _libc.mmap(None, size, 1, 1, fd, 0)  # PROT_READ, MAP_SHARED; no page is touched
    if addr is None or addr == _FAILED:
        return None
    try:
        pages = (size + _PAGE - 1) // _PAGE
        vec = (ctypes.c_ubyte * pages)()
        if _libc.mincore(ctypes.c_void_p(addr), size, vec) != 0:
            return None
        # Linux sets only bit 0 of each byte.
        return min(size, bytes(vec).count(1) * _PAGE)
    finally:
        _libc.munmap(ctypes.c_void_p(addr), size)


def own_maps():
    out = set()
    try:
        with open("/proc/self/maps") as fh:
            for line in fh:
                parts = line.split(None, 5)
                if len(parts) == 6 and parts[5].startswith("/"):
                    out.add(os.path.realpath(parts[5].strip()))
    except OSError:
        pass
    return out


def main():
    with open(sys.argv[1], encoding="utf-8") as fh:
        files = [l.rstrip("\n") for l in fh if l.strip()]
    mine = own_maps()
    before = after = 0
    measured = _libc is not None
    self_mapped = []
    missing = 0
    total = 0
    for f in files:
        try:
            fd = os.open(f, os.O_RDONLY)
        except OSError:
            missing += 1
            continue
        try:
            size = os.fstat(fd).st_size
            total += size
            b = resident(fd, size)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            a = resident(fd, size)
            if b is None or a is None:
                measured = False
            else:
                before += b
                after += a
            if os.path.realpath(f) in mine:
                self_mapped.append(f)
        finally:
            os.close(fd)
    json.dump({"files": len(files) - missing, "bytes": total, "before": before, "after": after,
               "measured": measured, "missing": missing, "self_mapped": self_mapped}, sys.stdout)


main()
