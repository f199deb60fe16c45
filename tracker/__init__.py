"""The Police and Crime Plan tracker's core (no Qt).

`__version__` is the one place the version is written: pyproject.toml reads it (dynamic version), as do the
Windows installer script, `tracker --version`, Help › About and the tests; the AppStream metadata's latest
release must match it (a test checks)."""

__version__ = "0.2.0"
