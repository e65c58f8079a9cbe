#!/usr/bin/env python3
"""Validate the second labelled corpus (corpus2).

Checks, for tuning.jsonl and heldout.jsonl next to this file:
  * every line is a JSON object with exactly the fields
    id, lang, kind, label, category, tags, text, span, why (right types);
  * ids look like c2-<lang>-NNNN, their <lang> matches `lang`, and are unique across both halves;
  * label/category pairs are the allowed ones; kind is a Messaging API message kind (facts.md);
  * text is 1..2000 characters (and within the kind's own limit from facts.md:
    confirmCustomizationDetails 800, digitalAccessKey 400); no duplicate texts;
  * block/confirm entries have a non-empty span that is an exact substring of text; pass entries have span "";
  * every pass entry tagged "trap" also carries a canonical "sense:<name>" tag;
  * the split rule holds: first byte of SHA-256(id as UTF-8) even -> tuning.jsonl, odd -> heldout.jsonl.
Exit status 0 when everything holds, 1 otherwise. Usage: python3 check.py [--quiet]
"""
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = {"id": str, "lang": str, "kind": str, "label": str, "category": str, "tags": list, "text": str, "span": str, "why": str}
LANGS = {"en", "de", "fr", "es", "it", "ja"}
ID_RE = re.compile(r"^c2-(en|de|fr|es|it|ja)-\d{4}$")
BASE = ["positiveReview", "gating", "incentive", "changeReview", "contact"]
CATEGORIES = {
    "block": set(BASE) | {"html"} | {"obfuscated-" + c for c in BASE},
    "confirm": {"phone", "link"},
    "pass": {"service"},
}
# Message kinds (path names of the Messaging API operations in facts.md). Text kinds carry the message text;
# attachment-only kinds (invoice, warranty, legalDisclosure, amazonMotors) carry an attachment file name, which the
# buyer also sees (issue #13: file names are checked with the same rules).
KIND_MAX = {
    "confirmCustomizationDetails": 800,
    "confirmDeliveryDetails": 2000,
    "confirmOrderDetails": 2000,
    "confirmServiceDetails": 2000,
    "digitalAccessKey": 400,
    "unexpectedProblem": 2000,
    "invoice": 2000,
    "warranty": 2000,
    "legalDisclosure": 2000,
    "amazonMotors": 2000,
}


def half_of(mid):
    return "tuning" if hashlib.sha256(mid.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def main():
    quiet = "--quiet" in sys.argv
    errors = []
    seen_ids, seen_texts = {}, {}
    counts = Counter()

    def err(where, msg):
        errors.append(f"{where}: {msg}")

    for half in ("tuning", "heldout"):
        path = HERE / f"{half}.jsonl"
        if not path.exists():
            err(path.name, "missing")
            continue
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                where = f"{path.name}:{n}"
                if not line.strip():
                    err(where, "empty line")
                    continue
                try:
                    m = json.loads(line)
                except json.JSONDecodeError as e:
                    err(where, f"invalid JSON: {e}")
                    continue
                if not isinstance(m, dict):
                    err(where, "not an object")
                    continue
                if set(m) != set(FIELDS):
                    err(where, f"fields {sorted(m)} != {sorted(FIELDS)}")
                    continue
                bad = [k for k, t in FIELDS.items() if not isinstance(m[k], t)]
                if bad:
                    err(where, f"wrong types for {bad}")
                    continue
                mid = m["id"]
                where = f"{where} {mid}"
                if not ID_RE.match(mid):
                    err(where, "bad id")
                elif mid.split("-")[1] != m["lang"]:
                    err(where, "id language differs from lang")
                if m["lang"] not in LANGS:
                    err(where, f"unknown lang {m['lang']}")
                if mid in seen_ids:
                    err(where, f"duplicate id (also {seen_ids[mid]})")
                seen_ids[mid] = where
                if half_of(mid) != half:
                    err(where, f"split rule says {half_of(mid)}")
                if m["label"] not in CATEGORIES:
                    err(where, f"unknown label {m['label']}")
                elif m["category"] not in CATEGORIES[m["label"]]:
                    err(where, f"category {m['category']} not allowed for {m['label']}")
                if m["kind"] not in KIND_MAX:
                    err(where, f"unknown kind {m['kind']}")
                text = m["text"]
                if not 1 <= len(text) <= 2000:
                    err(where, f"text length {len(text)} outside 1..2000")
                elif m["kind"] in KIND_MAX and len(text) > KIND_MAX[m["kind"]]:
                    err(where, f"text length {len(text)} over the {m['kind']} limit {KIND_MAX[m['kind']]}")
                if not text.strip():
                    err(where, "blank text")
                if text in seen_texts:
                    err(where, f"duplicate text (also {seen_texts[text]})")
                seen_texts[text] = mid
                if not all(isinstance(t, str) and t for t in m["tags"]):
                    err(where, "tags must be non-empty strings")
                if m["label"] in ("block", "confirm"):
                    if not m["span"]:
                        err(where, "block/confirm entry without span")
                    elif m["span"] not in text:
                        err(where, "span is not a substring of text")
                elif m["span"] != "":
                    err(where, "pass entry with a span")
                if m["label"] == "pass" and "trap" in m["tags"] and not any(t.startswith("sense:") for t in m["tags"]):
                    err(where, "trap without a sense: tag")
                if not m["why"].strip():
                    err(where, "empty why")
                counts[(half, m["lang"], m["label"])] += 1

    if errors:
        for e in errors[:200]:
            print("ERROR", e)
        print(f"{len(errors)} error(s)")
        return 1
    if not quiet:
        total = sum(counts.values())
        print(f"OK: {total} messages, {len(seen_ids)} unique ids")
        for half in ("tuning", "heldout"):
            row = {lang: sum(v for (h, l, _), v in counts.items() if h == half and l == lang) for lang in sorted(LANGS)}
            print(f"  {half}: {sum(row.values())}  {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
