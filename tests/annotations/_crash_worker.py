"""Child process for the crash test: save findings in a loop, print each acknowledged one.

Usage: python _crash_worker.py DB_PATH ARTICLE_ID
"""

from __future__ import annotations

import sys

from workbench.annotations import AddFinding, FindingsStore, StaleWriteError, span_target


def main(path: str, article_id: str) -> None:
    with FindingsStore(path, analyst="crash") as store:
        i = 0
        while True:
            st = store.load(article_id)
            assert st is not None
            try:
                store.apply(
                    article_id,
                    AddFinding(span_target(0, 3), f"note {i}", ("loop",)),
                    expected_revision=st.revision,
                )
            except StaleWriteError:
                continue
            print(f"ack {i}", flush=True)  # only after apply() returned
            i += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
