"""Verification of a written Pagefind index: whole, or not published.

Pagefind 1.5.2 in service mode can acknowledge `WriteFiles` before every write has reached the disk,
so an index can come out with files that are empty or cut at a 4 KiB boundary (an empty
WebAssembly file and Chinese search silently finds nothing). `problems(folder)` reads the index the
way the browser will and lists what is wrong; search.build_index writes into a fresh folder, checks
it, tries again a bounded number of times and only then moves it into the site.

File formats (Pagefind 1.5.2, read from its output): every `.pf_*` file and `wasm.*.pagefind` is
gzip holding the signature `pagefind_dcd` and then the payload: CBOR for the language metadata
(`pagefind.<hash>.pf_meta`: version, pages [[hash, words]], index chunks [[from, to, hash]], filters
[[name, hash]], …), the word index chunks and filters; JSON for the fragments (one per page); a
WebAssembly module for `wasm.<language>.pagefind`. `pagefind-entry.json` names each language's
metadata hash and WebAssembly file.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
WASM_MAGIC = b"\0asm\x01\0\0\0"
# Plain files Pagefind always writes next to the index (its scripts and styles), the same for every
# site: their SHA-256 per Pagefind version, recorded from a whole index (data, not code). A version
# not listed is checked for presence only (test_search_index fails until its line is added).
ASSETS = json.loads((Path(__file__).with_name("pagefind_assets.json")).read_text(encoding="utf-8"))
SCRIPTS = ("pagefind.js", "pagefind-worker.js", "pagefind-highlight.js", "pagefind-ui.js", "pagefind-ui.css")


def _payload(path: Path) -> bytes:
    """The decompressed payload of a Pagefind file, after its signature. Raises ValueError."""
    raw = path.read_bytes()
    if not raw:
        raise ValueError("empty file")
    try:
        data = gzip.decompress(raw)  # checks the CRC and the length: a cut file fails here
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"does not decompress ({exc})") from None
    if not data.startswith(SIGNATURE):
        raise ValueError("no pagefind_dcd signature after decompression")
    return data[len(SIGNATURE):]


def problems(folder: Path) -> list[str]:
    """What is wrong with the Pagefind index in `folder` (empty list: whole).

    Input: the folder Pagefind wrote (site/pagefind). Output: one line per fault, naming the file
    relative to `folder`: a missing, empty or truncated file, one that does not decompress, lacks the
    signature or does not parse (CBOR, JSON, WebAssembly header), and any file the index refers to
    that is not there. Never raises for a damaged index."""
    out: list[str] = []

    def check(rel: str, parse) -> object:
        path = folder / rel
        if not path.is_file():
            out.append(f"{rel}: missing")
            return None
        try:
            return parse(_payload(path))
        except ValueError as exc:
            out.append(f"{rel}: {exc}")
        except Exception as exc:  # noqa: BLE001 — a CBOR/JSON parser's own error on damaged data
            out.append(f"{rel}: does not parse ({type(exc).__name__}: {exc})")
        return None

    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry["languages"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        entry, languages = {}, None
        out.append(f"pagefind-entry.json: missing or not valid ({exc})")
    known = ASSETS.get(entry.get("version", ""), {})
    for name in sorted(set(SCRIPTS) | set(known)):
        path = folder / name
        if not path.is_file() or path.stat().st_size == 0:
            out.append(f"{name}: missing or empty")
        elif name in known and hashlib.sha256(path.read_bytes()).hexdigest() != known[name]:
            out.append(f"{name}: not the file Pagefind {entry['version']} writes (cut or damaged)")
    if languages is None:
        return out
    if not languages:
        out.append("pagefind-entry.json: no language indexed")
    wasm_seen: set[str] = set()
    for lang, info in sorted(languages.items()):
        wasm = f"wasm.{info.get('wasm') or 'unknown'}.pagefind"
        if wasm not in wasm_seen:  # languages without a stemmer share wasm.unknown
            wasm_seen.add(wasm)
            module = check(wasm, lambda b: b)
            if module is not None and not module.startswith(WASM_MAGIC):
                out.append(f"{wasm}: not a WebAssembly module")
        meta_rel = f"pagefind.{info['hash']}.pf_meta"
        meta = check(meta_rel, cbor2.loads)
        if meta is None:
            continue
        try:
            pages, chunks, filters = meta[1], meta[2], meta[3]
            fragments = [f"fragment/{p[0]}.pf_fragment" for p in pages]
            indexes = [f"index/{c[2]}.pf_index" for c in chunks]
            filter_files = [f"filter/{f[1]}.pf_filter" for f in filters]
        except (IndexError, KeyError, TypeError) as exc:
            out.append(f"{meta_rel}: unexpected structure ({exc})")
            continue
        if len(pages) != info.get("page_count"):
            out.append(f"{meta_rel}: {len(pages)} pages, pagefind-entry.json says {info.get('page_count')}")
        for rel in fragments:
            check(rel, json.loads)
        for rel in indexes + filter_files:
            check(rel, cbor2.loads)
    return out


def _pack(value) -> bytes:
    """A Pagefind file's bytes for a CBOR `value`: the signature and payload, gzip without a time stamp."""
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def normalise(folder: Path) -> None:
    """Make a whole index (see `problems`) the same bytes for the same site.

    Pagefind 1.5.2 writes in hash-map order, which differs from run to run: the languages of
    pagefind-entry.json, the filters listed in each language's metadata and the values inside each
    filter file (Pagefind names a file by the hash of its content, so the names differ too). This
    rewrites each filter file with its values (and their page numbers) sorted, names it as Pagefind
    does (`<lang>_<7 hex digits>` of its content), lists the filters in the metadata by name, renames
    the metadata (`<lang>_<10 hex digits>`) and writes pagefind-entry.json with sorted languages. The
    browser reads the same filters and pages as before. Raises ValueError (from `_payload`) or a
    CBOR error on a damaged index: call it only after `problems` found nothing."""
    path = folder / "pagefind-entry.json"
    entry = json.loads(path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = folder / f"pagefind.{info['hash']}.pf_meta"
        meta = cbor2.loads(_payload(meta_path))
        filters = []
        for name, old in meta[3]:
            old_path = folder / "filter" / f"{old}.pf_filter"
            fname, values = cbor2.loads(_payload(old_path))
            packed = _pack([fname, sorted([value, sorted(pages)] for value, pages in values)])
            new = f"{lang}_{hashlib.sha256(packed).hexdigest()[:7]}"
            old_path.unlink()
            (folder / "filter" / f"{new}.pf_filter").write_bytes(packed)
            filters.append([name, new])
        meta[3] = sorted(filters)
        packed = _pack(meta)
        info["hash"] = f"{lang}_{hashlib.sha256(packed).hexdigest()[:10]}"
        meta_path.unlink()
        (folder / f"pagefind.{info['hash']}.pf_meta").write_bytes(packed)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
