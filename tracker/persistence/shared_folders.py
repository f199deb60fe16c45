"""SQLite's write-ahead log needs shared memory that network file systems do not give: on a shared folder
the store falls back to the rollback journal, which works there (slower, but safe)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FILE_SYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "9p",
    "fuse.sshfs",
    "afs",
    "ncpfs",
    "glusterfs",
}


def mount_type(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """The file-system type of the mount holding `path` (Linux), or None when it cannot be told."""
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = str(path.resolve() if path.exists() else path.parent.resolve())
    best, kind = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, kind = mount_point, parts[2]
    return kind


def is_network_path(path: Path) -> bool:
    if sys.platform == "win32":
        text = str(path)
        if text.startswith(("\\\\", "//")):  # \\server\share
            return True
        try:
            import ctypes

            drive = os.path.splitdrive(str(path.resolve()))[0] + "\\"
            return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE: a mapped network drive
        except (AttributeError, OSError):
            return False
    return mount_type(path) in NETWORK_FILE_SYSTEMS


def journal_mode(path: Path | None) -> str:
    """WAL on a local disk; DELETE (the rollback journal) on a network share. TRACKER_SQLITE_JOURNAL
    (wal or delete) overrides the guess, for a share the detection cannot see."""
    chosen = os.environ.get("TRACKER_SQLITE_JOURNAL", "").strip().lower()
    if chosen in ("wal", "delete"):
        return chosen.upper()
    if path is not None and is_network_path(path):
        return "DELETE"
    return "WAL"
