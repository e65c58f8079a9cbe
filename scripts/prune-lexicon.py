#!/usr/bin/env python3
"""Drops from src/policy/lexicon.rs every single-word entry that the tokenizer's fallbacks
(src/policy/tokens.rs `resolve`: German compounds on lexicon.rs STEMS, Spanish/Italian clitics, word endings) already
read with exactly the same flags, so the shipped lexicon lists base forms only. Reads and
rewrites the file in place; run it after adding words (`python3 scripts/prune-lexicon.py`).
It emulates `resolve` for a word missing from the lexicon; if that gives the word's own flags,
the word is redundant. Shorter words are decided first, so a word is only dropped when the
form it falls back to stays."""
import re
import sys
import unicodedata

PATH = "src/policy/lexicon.rs"
src = open(PATH, encoding="utf-8").read()
start = src.index("pub const LISTS: &[(Flags, &str)] = &[")
end = src.index("\n];", start)
body = src[start:end]
entry_re = re.compile(r'\(([A-Z_ |]+), "((?:[^"\\]|\\.)*)"\)')
ENDINGS = re.findall(r'"([a-z]+)"', re.search(r"pub const ENDINGS: \[&str; \d+\] = \[([^\]]*)\]", open("src/policy/tokens.rs", encoding="utf-8").read()).group(1))
STEMS = re.findall(r'"([a-z]+)"', re.search(r"pub const STEMS: \[&str; \d+\] = \[([^\]]*)\]", src).group(1))
CLITICS = ["nos", "le", "les", "lo", "la", "los", "las", "me", "te", "se", "ci", "vi", "mi", "ti", "ne", "selo", "glielo"]
PARTICIPLES = [("ata", "are"), ("ato", "are"), ("ate", "are"), ("ada", "ar"), ("ado", "ar"), ("ita", "ire"), ("ito", "ire"), ("ida", "ir")]
CLITIC_FLAGS = {"LEAVE", "RATE", "CHANGE", "CONTACT", "REQ"}


def fold(w):
    w = w.lower().replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("þ", "th")
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


def single_word(w):
    return re.fullmatch(r"[a-z0-9]+", fold(w)) is not None


flags = {}
for f, words in entry_re.findall(body):
    names = set(x.strip() for x in f.split("|"))
    for w in words.split("|"):
        if single_word(w):
            flags.setdefault(fold(w), set()).update(names)


def resolve(w, lex):
    # Mirrors src/policy/tokens.rs `resolve` after the direct lookup, in its order.
    if len(w) >= 7 and len(w) <= 40:
        f = set()
        for stem in STEMS:
            n = len(stem)
            ends = any(n + 3 + e <= len(w) and w[len(w) - n - e:len(w) - e] == stem for e in range(3))
            if n + 3 <= len(w) and (w.startswith(stem) or ends):
                f |= lex.get(stem, set()) - {"STEM"}
        if f:
            return f
    for s in CLITICS:
        if len(w) > len(s) + 3 and w.endswith(s):
            f = lex.get(w[: -len(s)])
            if f and f & CLITIC_FLAGS:
                return f
    if re.fullmatch(r"[a-z]+", w):
        for e in ENDINGS:
            if len(w) >= len(e) + 4 and w.endswith(e):
                f = lex.get(w[: -len(e)])
                if f:
                    return f
    if re.fullmatch(r"[a-z]+", w) and len(w) >= 6:
        if w.endswith("iert") and lex.get(w[:-4] + "ieren"):
            return lex[w[:-4] + "ieren"]
        for end, base in PARTICIPLES:
            if w.endswith(end):
                f = lex.get(w[:-3] + base)
                if f and f & {"CHANGE", "LEAVE", "RATE"}:
                    return f
        def ends(x):
            return len(w) > len(x) + 2 and w.endswith(x)
        french = (ends("rait") or ends("raient")) and not ends("trait") and not ends("traient")
        if ends("aria") or ends("arian") or ends("rebbe") or ends("rebbero") or ends("remmo") or french:
            return {"REQ"}
    return set()


lex = dict(flags)
pruned = set()
for w in sorted(flags, key=lambda x: (len(x), x)):
    if re.search(r"(.)\1\1", w) or any(c.isdigit() for c in w):
        continue
    rest = {k: v for k, v in lex.items() if k != w}
    if resolve(w, rest) == flags[w]:
        pruned.add(w)
        del lex[w]


def keep(w):
    return not (single_word(w) and fold(w) in pruned)


def rewrite(m):
    words = [w for w in m.group(2).split("|") if keep(w)]
    return f'({m.group(1)}, "{"|".join(words)}")'


new_body = entry_re.sub(rewrite, body)
open(PATH, "w", encoding="utf-8").write(src[:start] + new_body + src[end:])
print(f"{len(pruned)} of {len(flags)} single-word entries dropped", file=sys.stderr)
