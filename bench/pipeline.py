"""CPU time of the edition pipeline alone (no MkDocs) on one project: import, load, generate.

Used to compare versions of the pipeline on the same corpus, e.g. before and after a change:

    python bench/synthetic.py /tmp/p200 --count 195
    git archive OLD hooks annotations/schema | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old/hooks python bench/pipeline.py /tmp/p200
    PYTHONPATH=hooks          python bench/pipeline.py /tmp/p200

(PYTHONPATH chooses which pipeline runs; the schemas are read next to it.)
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]) if argv else Path(__file__).resolve().parents[1]
    t0 = time.process_time()
    from edition import edition, generate
    t1 = time.process_time()
    ed = edition.load(root)
    t2 = time.process_time()
    with tempfile.TemporaryDirectory() as out:
        generate.write(ed, Path(out))
    t3 = time.process_time()
    print(f"{len(ed.documents)} documents: import {t1 - t0:.2f} s, load {t2 - t1:.2f} s, "
          f"generate + write {t3 - t2:.2f} s, total {t3 - t0:.2f} s (CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
