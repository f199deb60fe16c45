"""Persistence: the tables (`tables`), the mapped classes (`models`), the engine and unit of work.

`from tracker.persistence import models as m` gives a stand-in that imports the mapped classes (and the
ORM) on the first use of one of its names. The services all name `m` at the top of their modules, but a
read-only start (the dashboard, `tracker deadlines`) selects from `tables` and never uses it, so it pays
for neither.
"""

from __future__ import annotations

import importlib
import sys


class _ModelsOnFirstUse:
    """Stands for `tracker.persistence.models` until the first attribute is asked for."""

    def __getattr__(self, name: str):
        # import_module holds the import lock, so two worker threads asking at once load the module once
        module = importlib.import_module("tracker.persistence.models")
        value = getattr(module, name)
        setattr(self, name, value)  # later look-ups are plain attribute reads
        return value

    def __repr__(self) -> str:
        return "<tracker.persistence.models, imported on first use>"


_models = _ModelsOnFirstUse()


def __getattr__(name: str):
    if name == "models":
        loaded = sys.modules.get("tracker.persistence.models")
        return loaded if loaded is not None else _models
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
