"""The build's shortcuts in writing and start-up give what the long ways gave (invented articles, no parsing)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from kgraph.build import pipeline
from kgraph.build.cache import needs_torch
from kgraph.core.model import Article, BuildRecord, Extraction, Mention, Relation
from kgraph.core.terms import EntityType, Predicate
from kgraph.extraction.nlp import SECTION
from kgraph.graph import rdf
from kgraph.linking.link import link_extractions
from kgraph.page import visualize

FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf", "csv")


def _mention(text: str, name: str, kind: str, start: int | None = None) -> Mention:
    start = TEXT.index(name) if start is None else start
    return Mention(name, kind, start, start + len(name), name)


TEXT = "Mayor Ilsa Varnholt of Korvania visited Brelmark on Monday. Varnholt works for the Korvanian Rail Board."


def _extractions() -> list[Extraction]:
    """Three invented articles; the same relation stated in two of them (one triple in two named graphs)."""
    exs = []
    for i, title in enumerate(("Varnholt in Brelmark", "Rail Board news", None)):
        art = Article(f"veltria-{i}", TEXT, title=title, url=f"https://example.org/veltria/{i}",
                      date=f"2031-04-0{i + 1}")
        person = _mention("Ilsa Varnholt", "Ilsa Varnholt", EntityType.Person)
        board = _mention("Korvanian Rail Board", "Korvanian Rail Board", EntityType.Organization)
        town = _mention("Brelmark", "Brelmark", EntityType.Place)
        sent_end = TEXT.index(".", TEXT.index("Varnholt works")) + 1
        sentence = TEXT[TEXT.index("Varnholt works"):sent_end]
        rel = Relation(person, Predicate.worksFor, board, 0.9, "rule:works-for", sentence, TEXT.index("Varnholt works"),
                       sent_end)
        exs.append(Extraction(art, (person, town, board), (rel,) if i < 2 else ()))
    return exs


def test_written_outputs_match_the_long_way(tmp_path):
    """graph.ttl, graph.html and every format equal what the quads made anew for each (and Turtle from a set) give."""
    exs = _extractions()
    record = BuildRecord("Veltria wires: 3 articles", ())
    kb, _files = pipeline._link_and_write(list(exs), tmp_path, formats=FORMATS, record=lambda kb: record)
    again = replace(rdf.well_typed(link_extractions(exs)), record=record)
    # The old Turtle path: the distinct triples first, then their text.
    triples = {(s, p, o) for s, p, o, _g in rdf.quads(again)}
    assert len(triples) < len(list(rdf.quads(again)))  # a triple in two graphs: the set matters here
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == \
        rdf._prefix_header() + "\n".join(rdf._turtle_block(triples))
    assert (tmp_path / "graph.html").read_text(encoding="utf-8") == visualize.render(rdf.quads(again))
    for path, text in rdf.format_texts(again, tmp_path, FORMATS).items():
        assert path.read_text(encoding="utf-8") == text, path.name
    assert kb.entities == again.entities


def test_articles_known_read_are_not_tested_again():
    """Only an article this code extracted whole, with mentions, is taken as read; the others are tested as before."""
    en = Article("en1", "The harbour of Brelmark reopened on Tuesday after the storm, officials said.")
    de = Article("de1", "Der Hafen von Brelmark wurde am Dienstag nach dem Sturm wieder geöffnet, sagten die Behörden.")
    caps = Article("caps1", "THE HARBOUR OF BRELMARK REOPENED ON TUESDAY AFTER THE STORM, OFFICIALS SAID. " * 6)
    long = Article("long1", ("THE HARBOUR OF BRELMARK REOPENED ON TUESDAY AFTER THE STORM. " * (SECTION // 50)).strip())
    assert len(long.text) > SECTION
    def brel(a: Article) -> tuple:
        at = a.text.lower().index("brelmark")
        return (Mention(a.text[at:at + 8], EntityType.Place, at, at + 8, "Brelmark"),)

    exs = [Extraction(en, brel(en)), Extraction(de), Extraction(caps, brel(caps)), Extraction(long, brel(long))]
    read = pipeline.read_whole(exs, current={"en1", "de1", "long1"})
    assert read == {"en1"}  # de1 found nothing; caps1 came from another extractor; long1 was cut into sections
    articles = [ex.article for ex in exs]
    assert pipeline.unread_articles(articles, read) == pipeline.unread_articles(articles) == \
        {"not English": ["de1"], "written in capitals": ["caps1", "long1"]}
    # What `read` holds is not tested at all (a German text said read is not listed).
    assert pipeline.unread_articles(articles, frozenset({"de1"})) == {"written in capitals": ["caps1", "long1"]}


def test_build_record_is_the_same_with_the_read_articles(tmp_path):
    """The build's record lists the same skipped articles whether the read ones are tested or not."""
    de = Article("de1", "Der Hafen von Brelmark wurde am Dienstag nach dem Sturm wieder geöffnet, sagten die Behörden.")
    exs = _extractions() + [Extraction(de)]
    kb = rdf.well_typed(link_extractions(exs))
    read = pipeline.read_whole(exs, current=[ex.article.id for ex in exs])
    assert read == {"veltria-0", "veltria-1", "veltria-2"}
    assert pipeline.build_record(kb, "veltria", None, (), read) == pipeline.build_record(kb, "veltria") == \
        BuildRecord("veltria: 4 articles", (("de1", "not English"),))


def test_needs_torch_reads_the_pipeline_config(tmp_path):
    """A pipeline whose config names a torch or transformer layer needs torch; a CNN one does not; unknown does."""
    cnn, trf, wrapped, bare = (tmp_path / n for n in ("cnn", "trf", "wrapped", "bare"))
    for folder, arch in ((cnn, "spacy.HashEmbedCNN.v2"), (trf, "spacy-transformers.TransformerModel.v3"),
                         (wrapped, "thinc.PyTorchWrapper.v2")):
        folder.mkdir()
        (folder / "meta.json").write_text('{"lang": "en", "name": "veltria"}', encoding="utf-8")
        (folder / "config.cfg").write_text(f"[components.tok2vec.model]\n@architectures = \"{arch}\"\n", encoding="utf-8")
    bare.mkdir()
    assert not needs_torch(str(cnn))
    assert needs_torch(str(trf)) and needs_torch(str(wrapped))
    assert needs_torch(str(bare))  # no config: loaded as always


_CHILD = """
import sys
from kgraph.build import cache, parallel
nlp = parallel._pipeline(None)
from thinc import compat
print(cache.needs_torch(None), "torch" in sys.modules, compat.has_torch, bool(nlp("Ilsa Varnholt spoke.")))
try:
    import torch
    print("torch imports")
except ImportError:
    print("no torch installed")
"""


def test_default_pipeline_loads_without_torch_and_torch_imports_after():
    """The default pipeline loads with torch hidden from thinc; torch imports as usual afterwards."""
    out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    first, second = out.stdout.strip().splitlines()[-2:]
    assert first == "False False False True"
    if second != "no torch installed":
        assert second == "torch imports"
    else:
        pytest.skip("torch is not installed: nothing was hidden")
