"""The resume state of a batch run: which articles are done, and in which part file.

An append-only JSON Lines file next to the output (``<stem>.manifest.jsonl``). Its
first line names the format; every other line records one part written to disk::

    {"format": "workbench-batch-manifest", "version": 1}
    {"part": "part-000001", "ids": ["sha256:…", "a-42", …], "time": "2025-…"}

A part line is appended (and flushed to disk) only after the part's files are in place,
so a run killed at any moment loses at most the articles of the part being written; a
torn last line is ignored. Part files that no line mentions are leftovers of such a
crash and are not read.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from workbench.errors import WorkbenchError

__all__ = ["FORMAT", "Manifest"]

FORMAT = "workbench-batch-manifest"
VERSION = 1


class Manifest:
    """Read and append the manifest at ``path`` (nothing happens in the constructor).

    Parameters
    ----------
    path
        The ``.manifest.jsonl`` file; created by the first :meth:`record`.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def _lines(self) -> list[dict[str, object]]:
        if not self.path.exists():
            return []
        out: list[dict[str, object]] = []
        with self.path.open("r", encoding="utf-8") as f:
            for i, line in enumerate(f):
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a torn line from a crash: its part is not counted as done
                if i == 0:
                    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
                        raise WorkbenchError(
                            f"{self.path} is not a batch manifest; move it away or choose another --out",
                            code="W123",
                        )
                    continue
                if isinstance(obj, dict) and isinstance(obj.get("part"), str):
                    out.append(obj)
        return out

    def parts(self) -> list[str]:
        """Names of the recorded parts, in the order they were written."""
        return [str(d["part"]) for d in self._lines()]

    def done_ids(self) -> set[str]:
        """Ids of every article recorded as processed."""
        done: set[str] = set()
        for d in self._lines():
            ids = d.get("ids")
            if isinstance(ids, list):
                done.update(str(i) for i in ids)
        return done

    def record(self, part: str, ids: list[str]) -> None:
        """Append one part line and flush it to disk."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists() or self.path.stat().st_size == 0
        line = json.dumps(
            {"part": part, "ids": ids, "time": datetime.now(UTC).isoformat(timespec="seconds")},
            ensure_ascii=False,
        )
        with self.path.open("a", encoding="utf-8") as f:
            if new:
                f.write(json.dumps({"format": FORMAT, "version": VERSION}) + "\n")
            f.write(line + "\n")
            f.flush()
            os.fsync(f.fileno())
