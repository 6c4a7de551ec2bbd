"""Repeated clean builds under CPU load: every one must publish a whole search index and the same
site, byte for byte (issue: Pagefind's service-mode race tore 3 indexes in 31 builds).

    .venv/bin/python bench/build_loop.py [--builds 30] [--burners 2]

Each build is `mkdocs build --strict` into a fresh folder, with SOURCE_DATE_EPOCH fixed, while
`--burners` processes keep the CPUs busy. Prints one line per build and the counts at the end;
exits 1 if any build failed, published a damaged index or differed from the first.
"""
from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from edition import search_index  # noqa: E402


def _burn() -> None:
    while True:
        pass


def tree(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under `folder`."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=30)
    parser.add_argument("--burners", type=int, default=2)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks"),
           "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1735689600")}
    burners = [multiprocessing.Process(target=_burn, daemon=True) for _ in range(args.burners)]
    for b in burners:
        b.start()
    first: dict[str, str] | None = None
    counts = {"built": 0, "failed": 0, "whole": 0, "torn": 0, "identical": 0, "different": 0}
    try:
        with tempfile.TemporaryDirectory(prefix="build-loop-") as tmp:
            for n in range(1, args.builds + 1):
                site = Path(tmp) / f"site-{n}"
                start = time.perf_counter()
                result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                                        cwd=ROOT, env=env, capture_output=True, text=True)
                seconds = time.perf_counter() - start
                if result.returncode != 0:
                    counts["failed"] += 1
                    print(f"build {n}: FAILED in {seconds:.1f} s\n{result.stderr[-1500:]}", flush=True)
                    continue
                counts["built"] += 1
                problems = search_index.problems(site / "pagefind")
                counts["torn" if problems else "whole"] += 1
                files = tree(site)
                if first is None:
                    first = files
                same = files == first
                counts["identical" if same else "different"] += 1
                diff = sorted(k for k in set(files) | set(first) if files.get(k) != first.get(k))
                print(f"build {n}: {seconds:.1f} s, index {'whole' if not problems else problems[:3]}, "
                      f"{'identical' if same else f'{len(diff)} files differ: {diff[:5]}'}", flush=True)
                if n > 1:
                    subprocess.run(["rm", "-rf", str(site)])
    finally:
        for b in burners:
            b.terminate()
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0 if counts["built"] == counts["whole"] == counts["identical"] == args.builds else 1


if __name__ == "__main__":
    sys.exit(main())
