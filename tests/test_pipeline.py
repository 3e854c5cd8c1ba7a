"""Builds: incremental re-runs, --into, parallel parsing, progress, failures that keep the graph."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kgraph.build import cache

from kgraph.build import parallel
from kgraph.core.errors import GraphError, InputError, KGraphError
from kgraph.build.pipeline import Progress, build, count_articles

TEXTS = {
    "a": "Kremlin foreign policy adviser Yuri Ushakov said on Monday that talks would continue. "
         "Ushakov spoke to reporters in Moscow.",
    "b": "Russian President Vladimir Putin met German Chancellor Olaf Scholz in Berlin. "
         "Putin later returned to Moscow.",
    "c": "Maria Lopez, a spokesperson for the World Health Organization, said the outbreak was contained.",
    "d": "Jens Stoltenberg, the head of NATO, visited Kyiv, Ukraine, on Tuesday.",
}
OUTPUTS = ("graph.ttl", "graph.html")


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _files(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in OUTPUTS}


def _title(out: Path) -> str:
    """Return the title the graph in ``out`` keeps in its build record."""
    from rdflib import Graph
    from rdflib.namespace import DCTERMS

    from kgraph.core.iri import BUILD

    return str(Graph().parse(out / "graph.ttl").value(BUILD, DCTERMS.title))


def _same(a: Path, b: Path) -> None:
    """Assert byte-identical outputs, showing a Turtle diff when they differ."""
    fa, fb = _files(a), _files(b)
    if fa["graph.ttl"] != fb["graph.ttl"]:
        import difflib

        diff = difflib.unified_diff(fa["graph.ttl"].decode().splitlines(), fb["graph.ttl"].decode().splitlines(),
                                    lineterm="", n=1)
        print("\n".join(list(diff)[:80]))
    assert fa == fb


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The four articles, in a folder, built once (fills the module's shared cache folder)."""
    root = tmp_path_factory.mktemp("corpus")
    src = _write(root / "src", TEXTS)
    out = root / "all"
    result = build([src], output=out)
    return root, src, out, result


def test_first_build_parses_everything_and_writes_state(corpus):
    _root, _src, out, result = corpus
    assert (result.parsed, result.cached) == (4, 0)
    assert cache.read_manifest(out).keys() == set(TEXTS)
    assert sorted(a.id for a in result.kb.articles) == sorted(TEXTS)


def test_rerun_parses_nothing_and_writes_the_same_bytes(corpus, tmp_path):
    _root, src, out, _result = corpus
    before = _files(out)
    again = build([src], output=out)
    assert (again.parsed, again.cached) == (0, 4)
    assert _files(out) == before


def test_changed_article_is_the_only_one_parsed(corpus, tmp_path):
    _root, src, out, _result = corpus
    import shutil

    work = tmp_path / "work"
    shutil.copytree(out, work)
    changed = _write(tmp_path / "src2", {**TEXTS, "c": TEXTS["c"].replace("Maria Lopez", "Anna Berg"),
                                          "e": "Pope Francis spoke in Rome, Italy."})
    result = build([changed], output=work)
    assert (result.parsed, result.cached) == (2, 3)
    labels = {e.label for e in result.kb.entities}
    assert "Anna Berg" in labels and "Maria Lopez" not in labels
    fresh = build([changed], output=tmp_path / "fresh")  # no cache at all
    assert fresh.parsed == 5
    _same(work, tmp_path / "fresh")


def test_into_one_after_the_other_equals_together(tmp_path):
    src = _write(tmp_path / "src", {k: TEXTS[k] for k in "ab"})
    build([src], output=tmp_path / "together")
    build([src / "b.txt"], output=tmp_path / "stepwise")
    r = build([src / "a.txt"], output=tmp_path / "stepwise", into=True)
    assert (r.parsed, r.kept) == (1, 1)
    _same(tmp_path / "together", tmp_path / "stepwise")
    from rdflib import Graph
    from rdflib.compare import isomorphic

    g1, g2 = (Graph().parse(tmp_path / d / "graph.ttl") for d in ("together", "stepwise"))
    assert isomorphic(g1, g2)
    putins = [e for e in r.kb.entities if "Putin" in e.label]
    assert len(putins) == 1


def test_articles_of_one_text_are_parsed_once_and_graphed_as_if_each_was(tmp_path, monkeypatch):
    from kgraph.build import pipeline

    src = _write(tmp_path / "src", {"a": TEXTS["a"], "a-copy": TEXTS["a"], "a-again": TEXTS["a"], "b": TEXTS["b"]})
    sent = []
    real = pipeline._runner

    def counting(*args):
        run = real(*args)

        def wrapped(items):
            for key, art in items:
                sent.append(art.id)
                yield key, art
        return lambda items: run(wrapped(items))

    monkeypatch.setattr(pipeline, "_runner", counting)
    r = build([src], output=tmp_path / "together")
    assert (r.parsed, len(sent), sent[-1]) == (4, 2, "b")  # a 3.6 kB .jsonl.gz of one line repeated held 20,000
    monkeypatch.setattr(pipeline, "_runner", real)
    for name in ("a", "a-copy", "a-again", "b"):  # each parsed in a build of its own
        build([src / f"{name}.txt"], output=tmp_path / "stepwise", into=name != "a")
    _same(tmp_path / "together", tmp_path / "stepwise")


def test_into_replaces_a_changed_article_instead_of_duplicating(tmp_path):
    src = _write(tmp_path / "src", {k: TEXTS[k] for k in "ac"})
    out = tmp_path / "out"
    build([src], output=out)
    new = _write(tmp_path / "new", {"c": TEXTS["c"].replace("Maria Lopez", "Anna Berg")})
    result = build([new / "c.txt"], output=out, into=True)
    assert len(result.kb.articles) == 2
    labels = {e.label for e in result.kb.entities}
    assert "Anna Berg" in labels and "Maria Lopez" not in labels
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Maria Lopez" not in ttl
    expected = _write(tmp_path / "expected", {"a": TEXTS["a"], "c": TEXTS["c"].replace("Maria Lopez", "Anna Berg")})
    build([expected], output=tmp_path / "expected-out", title=_title(out))  # another folder: another default title
    _same(out, tmp_path / "expected-out")


def test_build_without_into_holds_exactly_its_inputs(tmp_path):
    src = _write(tmp_path / "src", {k: TEXTS[k] for k in "ab"})
    out = tmp_path / "out"
    build([src], output=out)
    result = build([src / "a.txt"], output=out)
    assert [a.id for a in result.kb.articles] == ["a"]
    assert (result.parsed, result.cached) == (0, 1)
    assert cache.read_manifest(out) == {"a": cache.read_manifest(out)["a"]}


def test_into_with_no_inputs_relinks_the_graph(tmp_path):
    src = _write(tmp_path / "src", {"a": TEXTS["a"]})
    out = tmp_path / "out"
    build([src], output=out)
    before = _files(out)
    result = build([], output=out, into=True)
    assert (result.parsed, result.kept) == (0, 1)
    assert _files(out) == before


def test_into_reads_the_manifest_file_once(tmp_path, monkeypatch):
    # Its articles and the keys the graph gave come from one parse: a manifest of millions of articles is big.
    src = _write(tmp_path / "src", {"a": TEXTS["a"]})
    out = tmp_path / "out"
    build([src], output=out)
    loads = []
    real = cache._load_manifest
    monkeypatch.setattr(cache, "_load_manifest", lambda path: loads.append(path) or real(path))
    before = _files(out)
    build([], output=out, into=True)
    assert len(loads) == 1 and _files(out) == before


def test_min_confidence_applies_to_cached_extractions(corpus):
    _root, src, out, result = corpus
    strict = build([src], output=out.parent / "strict", min_confidence=0.99)
    assert strict.parsed == 4  # another folder: its own cache
    evidence = [rel for f in strict.kb.facts for _a, rel in f.evidence]
    assert all(r.confidence >= 0.99 for r in evidence)
    again = build([src], output=out.parent / "strict", min_confidence=0.0)
    assert again.parsed == 0
    assert len(again.kb.facts) == len(result.kb.facts)


def test_failed_incremental_build_leaves_graph_and_manifest(tmp_path, monkeypatch):
    src = _write(tmp_path / "src", {"a": TEXTS["a"]})
    out = tmp_path / "out"
    build([src], output=out)
    before = {**_files(out), "manifest": (out / ".kgraph" / "manifest.json").read_bytes()}

    def state():
        return {**_files(out), "manifest": (out / ".kgraph" / "manifest.json").read_bytes()}

    with pytest.raises(InputError):
        build([src, tmp_path / "missing.txt"], output=out, into=True)
    assert state() == before

    def broken(articles, **kwargs):
        for i, item in enumerate(articles):
            if i == 1:
                raise RuntimeError("worker died")
            yield from parallel.run_local([item], model=kwargs.get("model"))

    monkeypatch.setattr(parallel, "run_local", broken)
    more = _write(tmp_path / "more", {k: TEXTS[k] for k in "bcd"})
    with pytest.raises(RuntimeError):
        build([more], output=out, into=True)
    assert state() == before
    monkeypatch.undo()
    result = build([more], output=out, into=True)
    assert result.parsed <= 3 and len(result.kb.articles) == 4


def test_into_a_folder_without_manifest_is_refused(tmp_path):
    (tmp_path / "graph.ttl").write_text("", encoding="utf-8")
    src = _write(tmp_path / "src", {"a": TEXTS["a"]})
    with pytest.raises(GraphError, match="without a kgraph manifest"):
        build([src], output=tmp_path, into=True)


def test_missing_cache_entry_is_a_clear_error(tmp_path):
    src = _write(tmp_path / "src", {"a": TEXTS["a"]})
    out = tmp_path / "out"
    build([src], output=out)
    (out / ".kgraph" / "cache.sqlite").unlink()
    with pytest.raises(GraphError, match="cached extraction .* missing"):
        build([], output=out, into=True)


@pytest.mark.slow  # real processes and signals, or a big corpus: run by .ci/run (--run-slow)
def test_jobs_2_gives_the_same_graph_as_jobs_1(corpus, tmp_path):
    _root, src, out, _result = corpus
    result = build([src], output=tmp_path / "j2", jobs=2)
    assert result.parsed == 4
    _same(out, tmp_path / "j2")
    a = cache.ExtractionCache(out / ".kgraph" / "cache.sqlite")
    b = cache.ExtractionCache(tmp_path / "j2" / ".kgraph" / "cache.sqlite")
    try:
        for key in cache.read_manifest(out).values():
            assert a.get(key) == b.get(key)
    finally:
        a.close()
        b.close()


class _Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_progress_plain_lines_when_not_a_terminal(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr("kgraph.build.pipeline.time.monotonic", clock)
    stream = io.StringIO()
    p = Progress(total=20, stream=stream, every=0)
    for _ in range(20):
        clock.t += 1.0
        p.update()
    p.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("kgraph: 1/20 articles (5%)") and "articles/s" in lines[0]
    # The first ETA waits for a rate measured over several articles, not the first one's start-up.
    first_eta = next(i for i, line in enumerate(lines) if "ETA" in line)
    assert first_eta == Progress.MIN_ARTICLES and "ETA 0:14" in lines[first_eta]
    assert lines[-2].startswith("kgraph: 20/20 articles (100%)")
    assert lines[-1] == "kgraph: 20 articles extracted in 0:20"  # the elapsed time stays printed


def test_progress_disabled_prints_nothing():
    stream = io.StringIO()
    p = Progress(total=4, stream=stream, enabled=False, every=0)
    p.update(4)
    p.note("linking")
    p.close()
    assert stream.getvalue() == ""


def test_progress_bar_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    p = Progress(total=2, stream=stream)
    p.update(2)
    p.close()
    assert "extracting: 0article" in stream.getvalue() and "ETA" not in stream.getvalue()
    assert stream.getvalue().splitlines()[-1].startswith("kgraph: 2 articles extracted in ")


def test_count_articles_counts_files_and_corpus_lines(tmp_path):
    src = _write(tmp_path / "src", {"a": "x", "b": "y"})
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "text": "t"}) for i in range(3)) + "\n\n", encoding="utf-8")
    assert count_articles([src, corpus]) == 5
    assert count_articles(["-"]) is None


def test_cli_into_and_quiet(tmp_path):
    from click.testing import CliRunner

    from kgraph.cli import main

    src = _write(tmp_path / "src", {k: TEXTS[k] for k in "ab"})
    out = tmp_path / "out"
    runner = CliRunner()
    r1 = runner.invoke(main, ["build", str(src / "a.txt"), "-o", str(out), "--quiet"])
    assert r1.exit_code == 0, r1.output
    r2 = runner.invoke(main, ["build", str(src / "b.txt"), "--into", str(out), "-q"])
    assert r2.exit_code == 0, r2.output
    assert "articles: 2 (1 parsed, 0 from cache, 1 already in the graph)" in r2.output
    r3 = runner.invoke(main, ["build", str(src), "--into", str(out), "--output", str(tmp_path / "other")])
    assert r3.exit_code == 2 and "--into" in r3.output


@pytest.mark.slow  # real processes and signals, or a big corpus: run by .ci/run (--run-slow)
def test_a_dead_worker_is_a_clear_error_and_keeps_the_graph(tmp_path, monkeypatch):
    src = _write(tmp_path / "src", {"a": TEXTS["a"]})
    out = tmp_path / "out"
    build([src], output=out)
    before = _files(out)
    more = _write(tmp_path / "more", {"b": TEXTS["b"], "kill": "Please die."})
    monkeypatch.setattr(parallel, "extract_chunk", _die_on_kill)
    with pytest.raises(KGraphError, match="worker process died"):
        build([more], output=out, into=True, jobs=2)
    assert _files(out) == before


def _die_on_kill(items, model=None, batch_size=64):
    import os

    if any(a.id == "kill" for _k, a in items):
        os._exit(9)
    return []


def test_an_interrupted_first_build_keeps_what_it_parsed(tmp_path, monkeypatch):
    src = _write(tmp_path / "src", {k: TEXTS[k] for k in "abc"})
    out = tmp_path / "out"
    real = parallel.run_local

    def interrupted(items, **kwargs):
        for i, pair in enumerate(real(items, **kwargs)):
            if i == 2:
                raise KeyboardInterrupt
            yield pair

    monkeypatch.setattr(parallel, "run_local", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build([src], output=out)
    assert not (out / "graph.ttl").exists() and cache.read_manifest(out) is None
    monkeypatch.undo()
    result = build([src], output=out)
    assert (result.parsed, result.cached) == (1, 2)


FLIP = {  # "Estavia" is a person's name in the first two stories alone; the third makes it a place
    "s1": "Velden beat Orvik FC 2-1 on Saturday in the Norvian Cup. Velden coach Marek Dunn said his players were "
          "tired after the match. Dunn, a citizen of Estavia, joined the club in 2019. The Velden striker Pavo Rinne "
          "scored twice.",
    "s2": "Estavia and Norvia sign trade deal\n\nEstavian President Ilse Moravec signed a trade agreement with Norvia "
          "in Rusk on Friday. Moravec, who was born in Rusk, said the deal would help exporters.",
    "s3": "Kalder Group, a holding company based in Sorva, bought a stake in a local bank on Wednesday. Its founder "
          "Jon Halme said the deal was good for Velden. Sorva is a city in Estavia.",
}


def test_iris_an_earlier_build_gave_stay_resolvable_after_into(tmp_path):
    """Every key of the first graph is a key or an owl:sameAs of the grown one; a fresh build lacks the old ones."""
    src = _write(tmp_path / "src", FLIP)
    out = tmp_path / "out"
    first = build([src / "s1.txt", src / "s2.txt"], output=out)
    given = {k for e in first.kb.entities for k in (e.key, *e.same_as)}
    assert {k for k, _a in first.kb.anchors} == given  # each key is kept with its anchor mentions
    assert set(cache.read_previous(out)[0]) == given
    grown = build([src / "s3.txt"], output=out, into=True)
    now = {e.key for e in grown.kb.entities}
    assert given - now, "the third story should change a key (else this test shows nothing)"
    resolvable = now | {k for e in grown.kb.entities for k in e.same_as}
    assert given <= resolvable
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert all(f"/id/{k}>" in ttl for k in given - now)
    fresh = build([src], output=tmp_path / "fresh")
    assert given - now - {k for e in fresh.kb.entities for k in (e.key, *e.same_as)}  # only memory keeps them


def test_a_damaged_key_list_is_a_warning_and_the_build_goes_on(tmp_path):
    src = _write(tmp_path / "src", {"a": TEXTS["a"]})
    out = tmp_path / "out"
    build([src], output=out)
    path = out / ".kgraph" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["published"] = [["person/X", [["a", -1, 3, "X"]]]]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.warns(UserWarning, match="keys the graph gave are unreadable"):
        r = build([src], output=out, into=True)
    assert r.kb.entities and cache.read_previous(out)[0]  # rewritten whole by the build


def test_a_later_build_rewrites_the_extra_formats_the_folder_holds(tmp_path):
    """graph.nt and the CSVs written with --format never describe an older graph than graph.ttl."""
    src = _write(tmp_path / "src", {k: TEXTS[k] for k in "ac"})
    out = tmp_path / "out"
    build([src / "a.txt"], output=out, formats=("nt", "csv"))
    build([src / "c.txt"], output=out, into=True)
    assert "Maria Lopez" in (out / "graph.nt").read_text(encoding="utf-8")
    assert "Maria Lopez" in (out / "nodes.csv").read_text(encoding="utf-8")
    (out / "graph.nt").unlink()  # a format whose file the analyst deleted is not written again
    r = build([src / "a.txt"], output=out, into=True)
    assert not (out / "graph.nt").exists() and "Maria Lopez" in (out / "edges.csv").read_text(encoding="utf-8") + \
        (out / "nodes.csv").read_text(encoding="utf-8")
    assert sorted(p.name for p in r.files) == ["edges.csv", "graph.html", "graph.ttl", "nodes.csv"]


@pytest.mark.slow  # real processes: run by .ci/run (--run-slow)
def test_a_worker_dead_under_the_builds_memory_ceiling_names_it(tmp_path, monkeypatch):
    from kgraph.core.limits import address_ceiling

    src = _write(tmp_path / "src", {"b": TEXTS["b"], "kill": "Please die."})
    monkeypatch.setattr(parallel, "extract_chunk", _die_on_kill)
    said = r"out of memory at the ceiling of [0-9.]+ GiB \(KGRAPH_MAX_MEMORY\)"
    with address_ceiling(16 << 30), pytest.raises(KGraphError, match=said):
        build([src], output=tmp_path / "out", jobs=2)


def test_a_national_team_grown_into_keeps_its_iri_and_shows_its_qualifier(tmp_path):
    # The team's label says what it is beside the country; its IRI, minted from the name, does not change
    # when a later build adds a story naming the country.
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import OWL, RDFS, SKOS

    src = _write(tmp_path / "src", {
        "a": "Portugal beat Chile 2-0 in Lisbon on Sunday. The striker scored twice, the goalkeeper saved a penalty "
             "and the coach praised the fans. Portugal lead the group.",
        "b": "Portugal signed a trade deal with Chile on Monday. The Portuguese government said the deal would help "
             "farmers."})
    out = tmp_path / "out"
    build([src / "a.txt"], output=out)
    team = URIRef("https://w3id.org/kgraph/id/organization/Portugal")
    build([src / "b.txt"], output=out, into=True)
    g = Graph().parse(out / "graph.ttl")
    assert set(g.objects(team, RDFS.label)) == {Literal("Portugal (national team)")}
    assert Literal("Portugal") in set(g.objects(team, SKOS.altLabel))
    assert not set(g.objects(team, OWL.sameAs))  # no other IRI: the one it had is its own
    country = URIRef("https://w3id.org/kgraph/id/country/Portugal")
    assert set(g.objects(country, RDFS.label)) == {Literal("Portugal")}


HARBOUR = {
    "quay": "Mara Quell, the mayor of Tarsk, met Ilse Brand of the Veltria Port Authority on Monday.",
    "ships": "Jonas Lindqvist works for the Korvania Shipping Company in Ostmark.",
    "hafen": "Der Hafen von Tarsk bleibt geschlossen, sagte die Bürgermeisterin am Montag. Die Gewerkschaft will "
             "weiter streiken und fordert höhere Löhne für alle Arbeiter im Hafen.",
    "blank": "   ",
}


def _record(out: Path) -> tuple[str, list[tuple[str, str]]]:
    from rdflib import Graph

    from kgraph.core.iri import BUILD
    from kgraph.core.vocab import KG

    g = Graph().parse(out / "graph.ttl")
    return _title(out), sorted((str(g.value(s, KG.inputName)), str(g.value(s, KG.skipReason)))
                               for s in g.objects(BUILD, KG.skipped))


def test_the_graph_records_its_title_and_the_inputs_it_took_nothing_from(tmp_path):
    import warnings

    from click.testing import CliRunner

    from kgraph.cli import main

    src = _write(tmp_path / "harbour", HARBOUR)
    (src / "scan.txt").write_bytes(b"%PDF-1.4 not text")
    out = tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        build([src], output=out)
    # named by its folder and article count; the files it could not read and the article not in English, by name
    assert _record(out) == ("harbour: 3 articles", [("blank.txt", "empty"), ("hafen", "not English"),
                                                    ("scan.txt", "not text")])
    assert "<title>harbour: 3 articles</title>" in (out / "graph.html").read_text(encoding="utf-8")
    # kgraph view draws the graph's own title: the page the build wrote, byte for byte, every time
    runner = CliRunner()
    for name in ("v1.html", "v2.html"):
        assert runner.invoke(main, ["view", str(out), "--output", str(tmp_path / name)]).exit_code == 0
    assert (tmp_path / "v1.html").read_bytes() == (tmp_path / "v2.html").read_bytes() == (out / "graph.html").read_bytes()
    # an incremental build adds its inputs' name, keeps the skipped files but one mended since, and adds its own
    (src / "blank.txt").write_text("Ilse Brand leads the Veltria Port Authority.", encoding="utf-8")
    more = _write(tmp_path / "more", {"empty": ""})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        build([src / "blank.txt", more / "empty.txt"], output=out, into=True)
    assert _record(out) == ("harbour and more: 4 articles", [("empty.txt", "empty"), ("hafen", "not English"),
                                                    ("scan.txt", "not text")])
    # a title given is kept as it is, by the next incremental build too
    build([src / "quay.txt"], output=out, into=True, title="Harbour strike")
    build([src / "ships.txt"], output=out, into=True)
    assert _record(out)[0] == "Harbour strike"
