"""Writing the files users ask for (reports, exports): whole or not at all, with a clear reason if not; and
reading a file the user named, with the same clear reasons."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from tracker.errors import BadInput

_REASONS = {
    errno.ENOENT: "is in a folder that does not exist",
    errno.EACCES: "cannot be written here (permission denied)",
    errno.EPERM: "cannot be written here (not permitted)",
    errno.EROFS: "is on a read-only disk",
    errno.ENOSPC: "cannot be written: the disk is full",
    errno.EDQUOT: "cannot be written: the disk quota is used up",
    errno.ENAMETOOLONG: "has a name that is too long",
    errno.EISDIR: "is a folder, not a file name",
    errno.ENOTDIR: "has a part that is a file where a folder is needed",
}


def check_output_path(target: Path, field: str = "-o", suffixes: tuple[str, ...] = ()) -> Path:
    """Refuse, before any work, an output path that cannot be the file asked for: a folder, a missing
    parent, a name the file system cannot hold, the wrong kind of file."""
    if len(target.name.encode("utf-8")) > 255:
        raise BadInput(field, str(target), "has a name that is too long")
    try:
        if target.is_dir():
            raise BadInput(field, str(target), "is a folder, not a file name")
        parent = target.parent if str(target.parent) else Path(".")
        if not parent.exists():
            raise BadInput(field, str(target), "is in a folder that does not exist")
        if not parent.is_dir():
            raise BadInput(field, str(target), "has a part that is a file where a folder is needed")
        if suffixes and target.suffix.lower() not in suffixes:
            raise BadInput(field, str(target), f"must end in {' or '.join(suffixes)}")
    except OSError as exc:
        reason = _REASONS.get(exc.errno or 0, f"cannot be used ({exc.strerror or exc})")
        raise BadInput(field, str(target), reason) from None
    return target


def write_atomically(target: Path, data: bytes, field: str = "-o") -> None:
    """Write beside the target and rename, so a failure never leaves half a file under the real name.
    An operating-system refusal becomes a BadInput that names the path and the reason."""
    target = check_output_path(Path(target), field)
    folder = target.parent if str(target.parent) else Path(".")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name[:100]}.", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # a temp file is private; the report should be an ordinary file
        os.replace(temporary, target)
    except OSError as exc:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        reason = _REASONS.get(exc.errno or 0, f"cannot be written ({exc.strerror or exc})")
        raise BadInput(field, str(target), reason) from None
    except BaseException:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise


def read_input_file(name: str | Path, field: str, limit: int = 20 * 1024 * 1024) -> bytes:
    """The bytes of a file the user named, or a BadInput in words: missing, a folder, unreadable or too big."""
    path = Path(name).expanduser()
    if not path.exists():
        raise BadInput(field, str(name), "does not exist")
    if path.is_dir():
        raise BadInput(field, str(name), "is a folder, not a file")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise BadInput(field, str(name), f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise BadInput(field, str(name), f"is larger than {limit // (1024 * 1024)} MB")
    return data
