"""Synthetic corpus: N realistic documents added to a copy of the project, deterministic by seed.

Each synthetic document is a national or provincial set of Work Points (notice, title, preamble,
parts, items, colophon) whose Chinese is recombined from the real sources: item headings and body
sentences drawn from the real items, so glossary terms occur as often as in real text. Each has
a raw source (with one OCR slip and one page number, corrected by recorded emendations), a
catalogue record (sources/<id>.yml) with its SHA-256, and an annotation file with an English translation of every unit
(taken from the real items the Chinese came from), translator's notes whose `about` occurs in the
new text, themes, and current fingerprints. Alignments link each provincial document to the
national points of its year, and each year's national points to the previous year's.

    python bench/synthetic.py DEST --count 45 [--seed 1] [--nav flat|years|none]

copies the project into DEST (without .venv, site, .git, docs/edition) and adds 45 documents.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from edition import edition as edition_loader  # noqa: E402

PROVINCES = [  # id, Chinese name, English name, document-number prefix
    ("beijing", "北京市", "Beijing", "京卫医"), ("tianjin", "天津市", "Tianjin", "津卫医"),
    ("hebei", "河北省", "Hebei", "冀卫医"), ("shanxi", "山西省", "Shanxi", "晋卫医"),
    ("neimenggu", "内蒙古自治区", "Inner Mongolia", "内卫医"), ("liaoning", "辽宁省", "Liaoning", "辽卫医"),
    ("jilin", "吉林省", "Jilin", "吉卫医"), ("heilongjiang", "黑龙江省", "Heilongjiang", "黑卫医"),
    ("shanghai", "上海市", "Shanghai", "沪卫医"), ("jiangsu", "江苏省", "Jiangsu", "苏卫医"),
    ("zhejiang", "浙江省", "Zhejiang", "浙卫医"), ("anhui", "安徽省", "Anhui", "皖卫医"),
    ("fujian", "福建省", "Fujian", "闽卫医"), ("jiangxi", "江西省", "Jiangxi", "赣卫医"),
    ("shandong", "山东省", "Shandong", "鲁卫医"), ("henan", "河南省", "Henan", "豫卫医"),
    ("hubei", "湖北省", "Hubei", "鄂卫医"), ("hunan", "湖南省", "Hunan", "湘卫医"),
    ("guangdong", "广东省", "Guangdong", "粤卫医"), ("guangxi", "广西壮族自治区", "Guangxi", "桂卫医"),
    ("hainan", "海南省", "Hainan", "琼卫医"), ("chongqing", "重庆市", "Chongqing", "渝卫医"),
    ("sichuan", "四川省", "Sichuan", "川卫医"), ("guizhou", "贵州省", "Guizhou", "黔卫医"),
    ("yunnan", "云南省", "Yunnan", "云卫医"), ("xizang", "西藏自治区", "Tibet", "藏卫医"),
    ("shaanxi", "陕西省", "Shaanxi", "陕卫医"), ("gansu", "甘肃省", "Gansu", "甘卫医"),
    ("qinghai", "青海省", "Qinghai", "青卫医"), ("ningxia", "宁夏回族自治区", "Ningxia", "宁卫医"),
    ("xinjiang", "新疆维吾尔自治区", "Xinjiang", "新卫医"),
]
NUMERALS = "一二三四五六七八九"
OCR_SLIPS = {"已": "己", "未": "末", "人": "入", "日": "曰", "千": "干", "士": "土", "大": "太", "理": "埋"}
CAMPAIGN = "纠正医药购销领域和医疗服务中不正之风"
CAMPAIGN_EN = "Correcting Unhealthy Practices in Pharmaceutical Purchasing and Sales and in Medical Services"


def numeral(n: int) -> str:
    if n < 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。]*。", text) if len(s) > 4]


class Pool:
    """Material from the real edition to recombine."""

    def __init__(self, root: Path):
        ed = edition_loader.load(root)
        self.items, self.parts, self.preambles, self.sentences = [], [], [], []
        for d in ed.documents:
            for u in d.doc.units:
                t = d.translation(u.id)
                if t is None:
                    continue
                if u.kind == "item":
                    self.items.append({"heading": u.heading, "heading_en": t.heading, "body": _sentences(u.body),
                                       "en": t.en, "notes": t.notes, "themes": t.themes})
                    self.sentences += _sentences(u.body)
                elif u.kind == "part":
                    self.parts.append((u.text[len(u.marker):], t.en))
                elif u.kind == "preamble" and "。" in u.text:
                    self.preambles.append((u.text, t.en, t.notes))
        self.themes = [t.id for t in ed.themes.themes]


def _document(pool: Pool, rng: random.Random, doc_id: str, year: int, province) -> tuple[str, dict, dict, list]:
    """(raw text, catalogue record, annotation data, item ids) of one synthetic document."""
    if province:
        pid, pzh, pen, prefix = province
        issuer = {"zh": f"{pzh}卫生健康委员会等{rng.randint(10, 16)}部门", "en": f"{pen} Health Commission and other departments"}
        scope_zh, scope_en = f"{year}年{pzh}", f"{pen} {year}"
    else:
        pzh, pen, prefix = "", "", "国卫医"
        issuer = {"zh": "国家卫生健康委等十四部门", "en": "National Health Commission and thirteen other departments"}
        scope_zh, scope_en = f"{year}年", f"{year}"
    number = f"{prefix}急函〔{year}〕{rng.randint(10, 1999)}号"
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    title_zh = f"{scope_zh}{CAMPAIGN}工作要点"
    title_en = f"{scope_en} Work Points for {CAMPAIGN_EN}"
    notice_zh = f"关于印发{title_zh}的通知"
    units: list[tuple[str, str, dict]] = []  # (unit id, Chinese paragraph, translation)
    units.append(("notice-number", number, {"en": f"{prefix[0]} Wei Yi Ji Han [{year}] No. {number.split('〕')[1][:-1]}"}))
    units.append(("notice-title", notice_zh, {"en": f"Notice on Issuing the {title_en}"}))
    units.append(("notice-addressees", f"{pzh or '各省、自治区、直辖市'}各级卫生健康委、教育局、公安局、财政局、审计局、市场监管局、医保局、药监局：",
                  {"en": "The health commissions, education, public security, finance, audit, market regulation, medical insurance and drug administration departments:"}))
    units.append(("notice-body-1", f"现将《{title_zh}》印发给你们，请结合实际认真贯彻落实。",
                  {"en": f"The *{title_en}* are hereby issued to you. Please implement them earnestly in light of actual conditions."}))
    units.append(("notice-date", f"{year}年{month}月{day}日", {"en": f"{day}.{month}.{year}"}))
    units.append(("notice-disclosure", "（信息公开形式：主动公开）", {"en": "(Form of information disclosure: proactive disclosure)"}))
    units.append(("title", title_zh, {"en": title_en}))
    pre_zh, pre_en, pre_notes = rng.choice(pool.preambles)
    pre_zh = re.sub(r"20\d\d年", f"{year}年", pre_zh)
    # Every English text carries the document's label, so no two documents share a translation or a
    # note: a cache keyed by text must not make the synthetic corpus cheaper than a real one.
    tag = f" ({pen or 'National'} {year})"
    units.append(("preamble", pre_zh, {"en": pre_en + tag, **_notes(pre_notes, pre_zh, tag)}))
    n_parts = rng.choice([4, 4, 5, 5, 6])
    n_items = rng.randint(max(n_parts * 2, 12), 18)
    cuts = sorted(rng.sample(range(1, n_items), n_parts - 1))
    per_part = [b - a for a, b in zip([0, *cuts], [*cuts, n_items])]
    item_no = 0
    for p in range(1, n_parts + 1):
        head_zh, head_en = rng.choice(pool.parts)
        units.append((f"part-{p}", f"{numeral(p)}、{head_zh}", {"en": head_en}))
        for _ in range(per_part[p - 1]):
            item_no += 1
            src = rng.choice(pool.items)
            body = list(src["body"])
            body += rng.sample(pool.sentences, rng.randint(0, 2))  # recombine with other items' sentences
            rng.shuffle(body)
            text = f"（{numeral(item_no)}）{src['heading']}{''.join(body)}"
            t = {"heading": src["heading_en"], "en": (src["en"] or "Translation.") + tag,
                 "themes": list(src["themes"]) or rng.sample(pool.themes, 2), **_notes(src["notes"], text, tag)}
            units.append((f"item-{item_no}", text, t))
    office = f"{pzh}卫生健康委员会办公室" if pzh else "国家卫生健康委办公厅"
    units.append(("colophon-1", f"{office}{year}年{month}月{day}日印发",
                  {"en": f"Issued by the {'General Office of the ' if not pzh else ''}{pen + ' ' if pen else ''}Health Commission office, {day}.{month}.{year}"}))

    # Raw text: one paragraph a line, with an OCR slip in one item and a page number after another.
    lines = [u[1] for u in units]
    emendations = []
    item_lines = [i for i, u in enumerate(units) if u[0].startswith("item-")]
    for k, i in enumerate(rng.sample(item_lines, 2)):
        line = lines[i]
        spots = [j for j in range(8, len(line) - 3) if line[j] in OCR_SLIPS]
        rng.shuffle(spots)
        for j in spots:
            wrong = line[:j] + OCR_SLIPS[line[j]] + line[j + 1:]
            raw = wrong[j - 2:j + 2]
            if wrong.count(raw) == 1:
                lines[i] = wrong
                emendations.append({"i": i, "raw": raw, "reading": line[j - 2:j + 2], "char": line[j]})
                break
    page_after = rng.choice(item_lines[:-1])
    raw_lines = []
    for i, line in enumerate(lines):
        raw_lines.append(line)
        if i == page_after:
            raw_lines.append(f"—{rng.randint(2, 9)}—")
    line_no = {i: i + 1 + (i > page_after) for i in range(len(lines))}
    ems = []
    for n, e in enumerate(emendations, start=1):
        ems.append({"id": f"e{n}", "kind": "ocr", "line": line_no[e["i"]], "raw": e["raw"], "reading": e["reading"],
                    "reason": {"en": f"OCR misread {e['char']} as {OCR_SLIPS[e['char']]}.",
                               "zh": f"OCR误将“{e['char']}”识为“{OCR_SLIPS[e['char']]}”。"}})
    ems.append({"id": f"e{len(ems) + 1}", "kind": "page-number", "line": line_no[page_after] + 1,
                "raw": raw_lines[line_no[page_after]], "reading": "",
                "reason": {"en": "Page number of the PDF, not part of the text.", "zh": "PDF页码，不属正文。"}})
    raw = "\n".join(raw_lines) + "\n"

    meta = {
        "id": doc_id, "file": f"{doc_id}.txt", "sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        "kind": "provincial-work-points" if province else "national-work-points", "year": year,
        "title": {"zh": notice_zh, "en": f"Notice on Issuing the {title_en}"},
        "issuers": [issuer], "number": number, "date": f"{year}-{month:02d}-{day:02d}",
        "provenance": {"zh": "合成的基准测试文本（由真实文本重组）。", "en": "Synthetic benchmark text recombined from the real sources."},
        "expected": {"parts": n_parts, "items": n_items},
    }
    if province:
        meta["province"] = {"zh": pzh, "en": pen}
    annotation = {
        "document": doc_id,
        "reading": {"layout": "lines", "reason": {"en": "Synthetic text: one paragraph a line.", "zh": "合成文本：每段一行。"}},
        "emendations": ems,
        "units": {uid: {"fingerprint": fingerprint(text), **t} for uid, text, t in units},
    }
    return raw, meta, annotation, [f"item-{k}" for k in range(1, n_items + 1)]


def _notes(notes, text: str, tag: str) -> dict:
    kept = [{k: v for k, v in (("about", n.about), ("text", n.text + tag), ("zh", n.zh and n.zh + tag)) if v}
            for n in notes if not n.about or n.about in text]
    return {"notes": kept} if kept else {}


def _alignment(source: tuple[str, list], target: tuple[str, list], rng: random.Random) -> dict:
    (a, a_items), (b, b_items) = source, target
    links = []
    for k in range(max(len(a_items), len(b_items))):
        if k < len(a_items) and k < len(b_items):
            links.append({"from": [a_items[k]], "to": [b_items[k]],
                          "relation": rng.choice(["unchanged", "reworded", "reworded", "expanded", "narrowed"]),
                          "note_en": "Synthetic alignment.", "note_zh": "合成的对应关系。"})
        elif k < len(a_items):
            links.append({"from": [a_items[k]], "to": [], "relation": "dropped"})
        else:
            links.append({"from": [], "to": [b_items[k]], "relation": "new"})
    return {"id": f"{a}--{b}", "from": a, "to": b, "summary_en": "Synthetic pair.", "summary_zh": "合成的对照。", "links": links}


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    skip = {".venv", "site", ".git", ".tmp", "__pycache__", ".pytest_cache", "test-results", "bench-results"}

    def ignore(folder: str, names: list[str]) -> list[str]:
        generated = Path(folder) == root / "docs"
        return [n for n in names if n in skip or (generated and n == "edition")]

    shutil.copytree(root, dest, ignore=ignore)
    return dest


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100000)


def plan(count: int, existing: set[str]):
    """(id, year, province or None) for `count` documents: each year the national points and the 31
    provinces' points, from 2000 on, skipping ids the project already has."""
    out = []
    for year in range(2000, 2101):
        for province in [None, *PROVINCES]:
            doc_id = f"{year}-{province[0] if province else 'national'}"
            if doc_id not in existing:
                out.append((doc_id, year, province))
            if len(out) == count:
                return out
    raise ValueError(f"at most {len(out)} synthetic documents")


def add_documents(project: Path, count: int, seed: int = 1, nav: str = "flat") -> list[str]:
    """Add `count` synthetic documents to the project copy at `project`; return their ids."""
    rng = random.Random(seed)
    pool = Pool(project)
    existing = {p.stem for p in (project / "sources").glob("*.yml")}
    records, pairs, ids, items = [], [], [], {}
    for doc_id, year, province in plan(count, existing):
        raw, meta, annotation, item_ids = _document(pool, rng, doc_id, year, province)
        (project / "sources" / meta["file"]).write_text(raw, encoding="utf-8")
        (project / "annotations" / f"{doc_id}.yml").write_text(_dump(annotation), encoding="utf-8")
        national = f"{year}-national"
        if province and national in items:
            meta["implements"] = national
            pairs.append(_alignment((national, items[national]), (doc_id, item_ids), rng))
        elif not province and f"{year - 1}-national" in items:
            pairs.append(_alignment((f"{year - 1}-national", items[f"{year - 1}-national"]), (doc_id, item_ids), rng))
        records.append(meta)
        items[doc_id] = item_ids
        ids.append(doc_id)
    # Each document and each pair is a file of its own, as a contributor adds them.
    for meta in records:
        (project / "sources" / f"{meta['id']}.yml").write_text(_dump(meta), encoding="utf-8")
    for pair in pairs:
        (project / "annotations" / "pairs" / f"{pair['id']}.yml").write_text(_dump(pair), encoding="utf-8")
    _add_nav(project / "mkdocs.yml", ids, nav)
    return ids


def _add_nav(config: Path, ids: list[str], nav: str) -> None:
    """List the new pages under 文件 (flat: one list, as the real documents are; years: a section per
    year; years-pruned: the same with Material's navigation.prune). Titles come from each page, so
    each language shows its own."""
    if nav == "none" or not ids:
        return
    text = config.read_text(encoding="utf-8")
    if nav == "years-pruned":  # Material renders only the current section's navigation into a page
        text = text.replace("  features:\n", "  features:\n    - navigation.prune\n", 1)
    anchor = re.search(r"^  - 文件:\n((?:      - .*\n)+)", text, re.M)
    if nav == "flat":
        entries = "".join(f"      - edition/{i}.md\n" for i in ids)
    else:
        by_year: dict[str, list[str]] = {}
        for i in ids:
            by_year.setdefault(i[:4], []).append(i)
        entries = "".join(f"      - '{y}':\n" + "".join(f"          - edition/{i}.md\n" for i in docs)
                          for y, docs in sorted(by_year.items(), reverse=True))
    text = text[:anchor.end()] + entries + text[anchor.end():]
    config.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--count", type=int, required=True, help="synthetic documents to add")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--nav", choices=("flat", "years", "years-pruned", "none"), default="flat")
    args = parser.parse_args(argv)
    if args.dest.exists():
        parser.error(f"{args.dest} exists")
    copy_project(args.dest)
    ids = add_documents(args.dest, args.count, args.seed, args.nav)
    print(f"{args.dest}: {len(ids)} synthetic documents added ({ids[0]} … {ids[-1]})" if ids else "no documents added")
    return 0


if __name__ == "__main__":
    sys.exit(main())
