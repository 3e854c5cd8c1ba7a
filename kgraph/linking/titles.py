"""Find names that a corpus writes only inside the quoted title of a work ("The Moon over Tarsk")."""
from __future__ import annotations

import re
from collections import defaultdict

from kgraph.sources import gazetteer

#: Quote marks that open and close a title.
_OPEN = "\"\u201c\u201e"
_CLOSE = "\"\u201d\u201c"

#: How far (characters) a title's quotes may lie from the name inside it.
REACH = 80

#: A title has at most this many words.
MAX_WORDS = 10

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def quoted_title(text: str, start: int, end: int) -> bool:
    """True when text[start:end] sits inside a quoted, title-cased span of more words than its own."""
    left = text[max(0, start - REACH):start]
    i = max(left.rfind(q) for q in _OPEN)
    if i < 0 or "\n" in left[i:] or any(q in left[i + 1:] for q in _CLOSE):
        return False
    right = text[end:end + REACH]
    j = min((p for p in (right.find(q) for q in _CLOSE) if p >= 0), default=-1)
    if j < 0 or "\n" in right[:j]:
        return False
    span = left[i + 1:] + text[start:end] + right[:j]
    words = _WORD.findall(span)
    own = set(_WORD.findall(text[start:end]))
    # A chant repeats the name ("Tarsk, Tarsk!"): no other word, no title.
    if not span[:1].isupper() or not set(words) - own or len(words) > MAX_WORDS or re.search(r"[.?!;]\s", span):
        return False
    long_words = [w for w in words if len(w) > 3]
    return 2 * sum(w[0].isupper() for w in long_words) >= len(long_words)


def title_only_names(mentions: dict, texts: dict) -> list:
    """Return the mention keys (article, start, end) whose name the corpus writes only inside quoted titles.

    A film, book or show title ("Winter in Veltria", "The Tarsk Letters") is
    capitalized like a name and reads as one, but the people and places in it
    are fiction or words: a name every mention of which, in every article,
    sits inside such a title is no entity. A name the gazetteer knows stays.

    Args:
        mentions: {(article id, start, end): normalized name}.
        texts: {article id: article text}.
    """
    keys_of: dict[str, list] = defaultdict(list)
    for k, n in mentions.items():
        keys_of[n].append(k)
    out = []
    for n, keys in sorted(keys_of.items()):
        if gazetteer.place(n) is not None or gazetteer.country(n) is not None:
            continue
        if all(quoted_title(texts[a], s, e) for a, s, e in keys):
            out.extend(sorted(keys))
    return out
