"""The document relation model: language guard, tree evaluation, calibration, and invented articles."""

from __future__ import annotations

import pytest

from kgraph.core import modelfile
from kgraph.extraction import docrel
from kgraph.extraction.extract import extract_doc
from kgraph.core.model import Article
from kgraph.core.terms import Predicate
from kgraph.train_doc import PRECISION_FLOORS, TARGET_PRECISION, TIERED, TIER_FLOOR, wilson_lower

GERMAN = ("Die Bundeskanzlerin Anna Kessler hat am Montag in Berlin mit dem Minister gesprochen. "
          "Sie sagte, dass die Regierung die neuen Pläne für die Wirtschaft nicht ändern wird. "
          "Auch der Präsident des Verbandes war bei dem Treffen und sprach von einer guten Lösung.")


def _extract(nlp, text, aid="a1"):
    art = Article(aid, text)
    return extract_doc(art, [(0, nlp(text))])


def _facts(ex):
    return {(r.subject.name, r.predicate, r.object.name): r for r in ex.relations}


def test_language_guess_tells_german_from_english():
    assert docrel.language_of(GERMAN) == "de"
    assert docrel.language_of("The minister said on Monday that the plan for the new bridge is ready "
                              "and that work will start in the spring.") == "en"
    # A German name or a short German quote inside an English article keeps it English.
    assert docrel.language_of("The mayor of the town, Karl Huber, said the new hall was \"sehr gut\" and "
                              "that the council would vote on it in the spring.") == "en"
    assert docrel.language_of("Hallo") == "en"  # too short to tell


@pytest.mark.parametrize("text,lang", [
    # two short sentences whose function words are mostly ones English writes too ("in", "am", "a", "die")
    ('Anna Vellmer hat am Montag in Tarsk gesprochen. Sie sei zufrieden, sagte sie nach dem Treffen '
     'über die Pläne.',
     "de"),
    ("Anna Vellmer a parlé lundi à Tarsk. Elle a été claire: il faut agir, a-t-elle dit aux journalistes.", "fr"),
    ("Anna Vellmer habló ayer en Tarsk. Fue muy clara sobre su plan, dijo también.", "es"),
    # a language kgraph has no word list for is still no English
    ("De minister heeft maandag in Tarsk gesproken met de president over de situatie in het land. Volgens een "
     "woordvoerder waren de gesprekken goed.", "unknown"),
    ("Minister spotkał się w poniedziałek w Tarsku z prezydentem, aby omówić sytuację w kraju. Według rzecznika "
     "rozmowy były dobre.", "unknown"),
    ("Министр в понедельник встретился в Тарске с президентом. Переговоры прошли хорошо.", "Cyrillic"),
    ("外交部长周一在塔尔斯克会见了总统，讨论该国局势。会谈进展顺利。", "Chinese or Japanese"),
    ('Il ministro degli Esteri ha incontrato lunedì a Tarsk il presidente per discutere della '
     'situazione nel paese. Secondo un portavoce i colloqui sono stati positivi e proseguiranno la prossima settimana.',
     'unknown'),  # it
    ('O ministro dos Negócios Estrangeiros encontrou-se na segunda-feira em Tarsk com o presidente '
     'para discutir a situação no país. Segundo um porta-voz, as conversas foram boas e continuarão na próxima semana.',
     'unknown'),  # pt
    ('Ministr zahraničí se v pondělí v Tarsku setkal s prezidentem, aby projednali situaci v zemi. '
     'Podle mluvčího byly rozhovory dobré a budou pokračovat příští týden.',
     'unknown'),  # cs
    ("Dışişleri bakanı pazartesi günü Tarsk'ta cumhurbaşkanı ile ülkedeki durumu görüştü. Bir "
     'sözcüye göre görüşmeler iyi geçti ve gelecek hafta devam edecek.',
     'unknown'),  # tr
    ('Utrikesministern träffade på måndagen presidenten i Tarsk för att diskutera situationen i '
     'landet. Enligt en talesperson var samtalen goda och de kommer att fortsätta nästa vecka.',
     'unknown'),  # sv
    ('Menteri luar negeri bertemu dengan presiden di Tarsk pada hari Senin untuk membahas situasi di '
     'negara itu. Menurut juru bicara, pembicaraan berjalan baik dan akan dilanjutkan minggu depan.',
     'unknown'),  # id
    ('Ministrul de externe s-a întâlnit luni la Tarsk cu președintele pentru a discuta situația din '
     'țară. Potrivit unui purtător de cuvânt, discuțiile au fost bune și vor continua săptămâna viitoare.',
     'unknown'),  # ro
    ('Waziri wa mambo ya nje alikutana na rais mjini Tarsk siku ya Jumatatu kujadili hali ya nchi. '
     'Kwa mujibu wa msemaji, mazungumzo yalikuwa mazuri na yataendelea wiki ijayo.',
     'unknown'),  # sw
    ('التقى وزير الخارجية يوم الاثنين في تارسك مع الرئيس لمناقشة الوضع في البلاد. وقال متحدث إن '
     'المحادثات كانت جيدة وستستمر الأسبوع المقبل.',
     'Arabic'),  # ar
    ('Ο υπουργός Εξωτερικών συναντήθηκε τη Δευτέρα στο Ταρσκ με τον πρόεδρο για να συζητήσουν την '
     'κατάσταση στη χώρα. Σύμφωνα με έναν εκπρόσωπο, οι συνομιλίες ήταν καλές.',
     'Greek'),  # el
    # a quote in another script inside an English story keeps it English
    ("Anna Vellmer met the president in Tarsk. \"Переговоры прошли хорошо\", she told reporters on Monday.", "en"),
])
def test_language_guess_reads_a_short_paragraph(text, lang):
    assert docrel.language_of(text) == lang


def test_german_article_is_skipped_with_one_warning_line(nlp, capsys):
    ex = _extract(nlp, GERMAN, "de1")
    assert ex.mentions == () and ex.relations == ()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "de1" in err[0] and "'de'" in err[0]


def _toy_model():
    # Two stumps on feature 0 and one on feature 1.
    trees = [[[0, 0.5, 1, 2, 0.0], [-1, 0.0, 0, 0, -1.0], [-1, 0.0, 0, 0, 1.0]],
             [[1, 2.0, 1, 2, 0.0], [-1, 0.0, 0, 0, 0.5], [-1, 0.0, 0, 0, -0.5]]]
    return {"baseline": -0.2, "trees": trees}


def test_vectorised_tree_scores_equal_the_reference_walk():
    spec = _toy_model()
    rows = [[0.0, 0.0], [1.0, 0.0], [1.0, 3.0], [0.5, 2.0]]
    fast = docrel.tree_scores(spec, rows)
    for row, p in zip(rows, fast):
        assert p == pytest.approx(docrel.tree_score(spec["trees"], spec["baseline"], row))
    # x <= threshold goes left: [0.5, 2.0] takes both left leaves.
    assert fast[3] == pytest.approx(1 / (1 + 2.718281828459045 ** (0.2 + 1.0 - 0.5)))


def test_calibration_curve_reads_the_highest_floor_reached():
    curve = [[0.4, 0.71], [0.6, 0.8], [0.85, 0.93]]
    assert docrel.calibrated(curve, 0.45) == 0.71
    assert docrel.calibrated(curve, 0.7) == 0.8
    assert docrel.calibrated(curve, 0.99) == 0.93


def test_shipped_model_matches_the_code_and_keeps_its_promises():
    model = modelfile.read_json(docrel.DOC_MODEL_PATH)
    assert model["features"] == list(docrel.FEATURES)
    for pred, spec in model["predicates"].items():
        assert pred in docrel.SIGNATURES
        values = [p for _low, p in spec["calibration"]]
        assert values == sorted(values)  # a higher score never promises less
        stats = spec["out_of_fold"]
        if stats["n"]:
            # The floor holds for the lower confidence bound, not just the point estimate.
            assert stats["precision_low"] >= PRECISION_FLOORS.get(pred, TARGET_PRECISION), (pred, stats)
            assert stats["precision"] >= stats["precision_low"]
    assert model["predicates"]["killed"]["out_of_fold"]["precision"] >= 0.9
    for pred in TIERED:
        spec = model["predicates"][pred]
        assert len(spec["tiers"]) == 2 and spec["threshold"] == min(t["threshold"] for t in spec["tiers"])
        for k, tier in enumerate(spec["tiers"]):
            values = [p for _low, p in tier["calibration"]]
            assert values == sorted(values)
            counts = spec["out_of_fold"]["tiers"][k]
            if counts["n"] >= 5:
                assert wilson_lower(counts["tp"], counts["n"]) >= TIER_FLOOR, (pred, k, counts)


def test_evidence_tier_reads_a_rule_hit_or_a_nationality_word():
    v = [0.0] * len(docrel.FEATURES)
    assert docrel.evidence_tier(v) == 0
    v[docrel.FEATURES.index("demonym_before")] = 1.0
    assert docrel.evidence_tier(v) == 1
    v = [0.0] * len(docrel.FEATURES)
    v[docrel.FEATURES.index("rule_p")] = 0.7
    assert docrel.evidence_tier(v) == 1


def test_tier_thresholds_drop_guesses_below_the_tier_floor():
    import numpy as np

    from kgraph.train_doc import _tier_threshold

    rng = np.random.default_rng(0)
    n = 2000
    tiers = np.arange(n) % 2
    scores = rng.uniform(0.2, 0.97, n)
    # Evidence rows are right 90 % of the time at any score, guesses 45 %: one shared threshold would keep
    # both (0.675 together), the tiers keep only the evidence.
    ys = np.where(tiers == 1, rng.uniform(size=n) < 0.9, rng.uniform(size=n) < 0.45).astype(int)
    groups = np.arange(n) // 4
    (t0, t1), stats = _tier_threshold(scores, ys, tiers, "citizenOf", groups)
    assert t1 == 0.2 and t0 >= 0.95  # at most a handful of guesses, too few to measure
    assert stats["tiers"][0]["n"] < 5 and stats["precision_low"] >= TARGET_PRECISION


def test_no_statement_is_made_in_a_band_right_less_often_than_wrong():
    import numpy as np

    from kgraph.train_doc import MIN_STATEMENT_PRECISION, choose

    rng = np.random.default_rng(0)
    n = 4000
    scores = rng.uniform(0.05, 0.97, n)
    # Right 95 % of the time from 0.55, 47 % from 0.35, 2 % below: the 0.70 floor for all statements together
    # lets the F1-best threshold take in the 0.35-0.55 band, which the high band pays for.
    ys = (rng.uniform(size=n) < np.where(scores >= 0.55, 0.95, np.where(scores >= 0.35, 0.47, 0.02))).astype(int)
    dwie, groups, tiers = np.ones(n, dtype=bool), np.arange(n) // 4, np.zeros(n, dtype=int)
    from kgraph.train_doc import _threshold

    floor_only, _stats = _threshold(scores, ys, dwie, "basedIn", groups=groups)
    assert floor_only <= 0.36
    spec = choose("basedIn", scores, ys, dwie, groups, tiers)
    assert spec["threshold"] >= 0.45
    assert all(p >= MIN_STATEMENT_PRECISION for _low, p in spec["calibration"])
    assert spec["calibration"][0][0] == spec["threshold"]
    stats = spec["out_of_fold"]
    kept = scores >= spec["threshold"]
    assert stats["n"] == int(kept.sum()) and stats["tp"] == int(ys[kept].sum())
    assert stats["precision_low"] >= TARGET_PRECISION


def test_basedin_statements_need_rows_surer_than_even_odds():
    import numpy as np

    from kgraph.train_doc import MIN_STATEMENT_PRECISION, STATEMENT_PRECISION, _statement_threshold, statement_precision

    assert statement_precision("basedIn") == STATEMENT_PRECISION["basedIn"] > MIN_STATEMENT_PRECISION
    assert statement_precision("leaderOf") == MIN_STATEMENT_PRECISION
    # citizenOf's guesses read high on unseen articles too.
    assert statement_precision("citizenOf") == STATEMENT_PRECISION["citizenOf"] > MIN_STATEMENT_PRECISION
    # Rows from 0.40 to 0.60 right 57 % of the time (4 of every 7), from 0.60 on 90 %: a little surer than even
    # odds is enough for leaderOf, not for basedIn, whose out-of-fold rows read high on unseen articles.
    scores = np.round(np.linspace(0.4, 0.98, 580, endpoint=False), 4)
    ys = np.where(scores < 0.6, np.arange(580) % 7 < 4, np.arange(580) % 10 < 9).astype(int)
    low, curve = _statement_threshold(scores, ys, 0.4, "leaderOf")
    assert low == 0.4 and curve[0][0] == 0.4
    high, curve = _statement_threshold(scores, ys, 0.4, "basedIn")
    # The weights reach about LOCAL_ROWS rows down from the surer rows: fewer than 100 of the 200 weak ones stay.
    assert 0.5 <= high <= 0.61 and curve[0][0] == high
    assert all(p >= STATEMENT_PRECISION["basedIn"] for _low, p in curve)
    assert _statement_threshold(scores, ys, 0.99, "basedIn") == (1.01, [[1.01, 0.0]])
    assert _statement_threshold(scores, np.zeros(580, dtype=int), 0.4, "leaderOf") == (1.01, [[1.01, 0.0]])


def _mixed_rows(n: int = 2000, seed: int = 3):
    """Scores whose rows are right with a probability rising from 0.2 to 0.9 over the scores 0.3-0.9."""
    import numpy as np

    rng = np.random.default_rng(seed)
    scores = np.round(rng.uniform(0.3, 0.9, n), 4)
    ys = (rng.uniform(size=n) < 0.2 + 0.7 * (scores - 0.3) / 0.6).astype(int)
    return scores, ys


def test_the_statement_threshold_moves_a_row_at_a_time():
    import numpy as np

    from kgraph.train_doc import _statement_threshold

    scores, ys = _mixed_rows()
    base, _curve = _statement_threshold(scores, ys, 0.3, "worksFor")
    kept = int((scores >= base).sum())
    moves = []
    # Each row in turn flips its label, for every 40th row: the threshold stays near, never a band away.
    for i in np.argsort(scores)[::40]:
        flipped = ys.copy()
        flipped[i] = 1 - flipped[i]
        t, _c = _statement_threshold(scores, flipped, 0.3, "worksFor")
        moves.append(abs(int((scores >= t).sum()) - kept))
    assert max(moves) <= 10 and kept > 300  # a fifth of the statements would be 60 or more
    # Dropping 5 % of the rows at random moves it by a few percent of the statements, not a fifth.
    rng = np.random.default_rng(0)
    for _ in range(5):
        keep = rng.uniform(size=len(scores)) >= 0.05
        t, _c = _statement_threshold(scores[keep], ys[keep], 0.3, "worksFor")
        assert abs(int((scores >= t).sum()) - kept) <= 0.08 * kept


def test_every_statement_sits_where_out_of_fold_rows_were_right_at_the_minimum():
    import numpy as np

    from kgraph.train_doc import LOCAL_ROWS, _statement_threshold, local_precision, statement_precision

    scores, ys = _mixed_rows()
    for pred in ("worksFor", "citizenOf", "basedIn"):
        floor = statement_precision(pred)
        t, curve = _statement_threshold(scores, ys, 0.3, pred)
        s, p = local_precision(scores, ys, LOCAL_ROWS)
        assert (p[s >= t] >= floor).all()
        assert (p[s < t] < floor).any()
        assert curve[0][0] == t and all(v >= floor for _low, v in curve)
        # The lowest 100 statements were right about that often (their local weights reach below them too).
        assert ys[scores >= t][np.argsort(scores[scores >= t])[:100]].mean() >= floor - 0.05
    # The local precision is the weighted share of right rows around each row, both sides.
    s, p = local_precision([0.1, 0.2, 0.3, 0.4, 0.5], [0, 0, 1, 1, 1], 1.0)
    assert list(s) == [0.1, 0.2, 0.3, 0.4, 0.5] and p[0] < p[2] < p[4] and 0.6 < p[2] < 0.8


def test_a_small_tier_keeps_its_lowest_band_at_the_minimum():
    import numpy as np

    from kgraph.train_doc import _statement_threshold

    # Forty rows: the lowest eight right 2 of 8, the rest 28 of 32. The local weights (at least 5 rows wide)
    # still lean on the surer rows above, the lowest shown band must not.
    scores = np.round(np.linspace(0.5, 0.9, 40, endpoint=False), 4)
    ys = np.array([1, 0, 0, 0, 1, 0, 0, 0] + [1, 1, 1, 1, 1, 1, 1, 0] * 4)
    t, curve = _statement_threshold(scores, ys, 0.5, "citizenOf")
    assert t > 0.5 and curve[0][0] == t and curve[0][1] >= 0.55


def test_evidence_tiers_keep_even_odds_per_tier():
    import numpy as np

    from kgraph.train_doc import MIN_STATEMENT_PRECISION, choose

    rng = np.random.default_rng(1)
    n = 4000
    tiers = np.arange(n) % 2
    scores = rng.uniform(0.05, 0.97, n)
    # Evidence rows are right 90 % of the time from 0.3; guesses 80 % from 0.7 and 35 % from 0.4.
    p = np.where(tiers == 1, np.where(scores >= 0.3, 0.9, 0.1),
                 np.where(scores >= 0.7, 0.8, np.where(scores >= 0.4, 0.35, 0.05)))
    ys = (rng.uniform(size=n) < p).astype(int)
    spec = choose("citizenOf", scores, ys, np.ones(n, dtype=bool), np.arange(n) // 4, tiers)
    assert spec["tiers"][0]["threshold"] >= 0.65
    for tier in spec["tiers"]:
        assert all(v >= MIN_STATEMENT_PRECISION for _low, v in tier["calibration"])
    assert spec["threshold"] == min(t["threshold"] for t in spec["tiers"])
    counts = spec["out_of_fold"]["tiers"]
    assert sum(c["n"] for c in counts) == spec["out_of_fold"]["n"]


def test_a_killing_keeps_the_stricter_confidence_bound(monkeypatch):
    import numpy as np

    from kgraph import train_doc
    from kgraph.train_doc import CONFIDENCE_Z, FLOOR_CONFIDENCE_Z, _threshold

    rng = np.random.default_rng(0)
    n = 160
    scores = rng.uniform(0.2, 0.97, n)
    # Right 99 % of the time above 0.75, 88 % from 0.45: the middle band passes 0.90 only by the looser bound.
    ys = (rng.uniform(size=n) < np.where(scores >= 0.75, 0.99, np.where(scores >= 0.45, 0.88, 0.3))).astype(int)
    rows, groups = np.zeros(n, dtype=bool), np.arange(n)
    strict, stats = _threshold(scores, ys, rows, "killed", groups=groups)
    assert wilson_lower(stats["tp"], stats["n"], FLOOR_CONFIDENCE_Z) >= PRECISION_FLOORS["killed"]
    monkeypatch.setattr(train_doc, "FLOOR_CONFIDENCE_Z", CONFIDENCE_Z)
    loose, _stats = _threshold(scores, ys, rows, "killed", groups=groups)
    assert loose < strict


@pytest.mark.parametrize("text", [
    pytest.param("Senator Ann Roe called for the release of Tomas Varga, who was detained by Karl Brenner's "
                 "guards last month.", id="called-for-release"),
    pytest.param("Ann Roe criticized the 2019 operation to kill Omar Dessel, saying Karl Brenner had ordered "
                 "it without a vote.", id="criticized-operation-to-kill"),
    pytest.param("Prosecutors accused Ivo Marek of plotting to kill Dan Petrov, a charge his lawyer denied.",
                 id="accused-of-plotting"),
    pytest.param("Ivo Marek denied killing Dan Petrov, and his lawyer said the police had no witness.", id="denied"),
    pytest.param("Ann Roe mourned Tomas Varga, who was shot dead by unknown gunmen outside his home last week.",
                 id="mourner-is-no-killer"),
    pytest.param("Karl Brenner condemned the killing of Omar Dessel and demanded that Lena Hart explain what the "
                 "army knew.", id="condemned-the-killing"),
    pytest.param("Ann Roe said she feared that Karl Brenner would kill Tomas Varga if he were released.", id="feared"),
])
def test_reports_about_a_killing_accuse_nobody(nlp, text):
    ex = _extract(nlp, text)
    assert not [r for r in ex.relations if r.predicate == "killed"], ex.relations


def test_a_stated_killing_in_a_lone_sentence_is_found(nlp):
    # One or two sentences: a killing from the rules or the model, either at a measured precision of 0.9.
    facts = _facts(_extract(nlp, "John Miller shot and killed Robert Hayes outside a bar in Leeds on Friday."))
    rel = facts.get(("John Miller", "killed", "Robert Hayes"))
    assert rel is not None and rel.confidence >= 0.9


def test_document_model_states_title_facts_with_evidence(nlp):
    text = ("German Chancellor Olaf Brandt met union leaders in Hamburg on Monday.\n\n"
            "Brandt said the government in Berlin would not raise taxes this year. "
            "Maria Lopez, spokesperson for the World Health Organization, declined to comment.")
    facts = _facts(_extract(nlp, text))
    for fact in [("Olaf Brandt", "leaderOf", "Germany"), ("Olaf Brandt", "citizenOf", "Germany"),
                 ("Maria Lopez", "worksFor", "World Health Organization")]:
        assert fact in facts, sorted(facts)
        assert facts[fact].method == "model:doc"
    for r in facts.values():
        assert 0.0 < r.confidence <= 1.0
        assert text[r.sentence_start:r.sentence_end] == r.sentence
        assert r.subject.text in r.sentence
    assert facts[("Olaf Brandt", "leaderOf", "Germany")].sentence.startswith("German Chancellor")


def test_a_nationality_guessed_from_the_topic_alone_is_stated_as_less_sure(nlp):
    # Tavares has a nationality word before his name; Lindqvist is only quoted in an article about Portugal.
    text = ("Portugal will raise its minimum wage next year, the government in Lisbon said on Tuesday.\n\n"
            "Portuguese Prime Minister Rui Tavares said the rise would help young families. "
            "Portugal's economy grew faster than expected this year, helped by tourism and exports.\n\n"
            "Hanna Lindqvist, an economist at the Nordic Credit Bank, said the move was bold. "
            "\"Portugal can afford it now,\" Lindqvist said. Unions in Portugal welcomed the plan but asked for more.")
    facts = _facts(_extract(nlp, text))
    # The stated one's band measured 0.88-0.92 over the last retrains: it is well over the guesses' bands.
    assert facts[("Rui Tavares", "citizenOf", "Portugal")].confidence >= 0.85
    guess = facts.get(("Hanna Lindqvist", "citizenOf", "Portugal"))
    # Its confidence is the precision measured on guesses alone, a band under the stated one's: 0.62 since the
    # article-context features (the topic country's share of the article's country mentions) raised such scores.
    assert guess is None or guess.confidence < 0.7


def test_rules_only_switches_the_document_model_off(nlp):
    text = "Maria Lopez, spokesperson for the World Health Organization, declined to comment."
    with docrel.rules_only():
        ex = _extract(nlp, text)
    assert ex.relations
    assert all(r.method.startswith(("rule:", "model:pair")) for r in ex.relations), ex.relations


def test_towns_inside_an_organization_name_give_its_country():
    from types import SimpleNamespace

    def ent(name, type_, *texts):
        return docrel._Ent(name, type_, [(SimpleNamespace(text=t), None) for t in texts or (name,)])

    view = SimpleNamespace(ents={"club": ent("Rot-Weiss Dortmund", "Organization", "the Dortmund side"),
                                 "town": ent("Lyon", "Place"), "firm": ent("Acme Widgets", "Organization")},
                           _name_codes={})
    codes = lambda k: docrel.ArticleView.name_codes(view, k)  # noqa: E731
    assert "DE" in codes("club")
    assert codes("town") == frozenset()  # a place is not "in" itself
    assert codes("firm") == frozenset()


def _org(name, *texts):
    from types import SimpleNamespace

    return docrel._Ent(name, "Organization", [(SimpleNamespace(text=t), None) for t in texts or (name,)])


@pytest.mark.parametrize("name, want", [("Federal Security Service", 1), ("Interior Ministry", 1),
                                        ("Free Farmers Party", 3), ("Young Greens", 3),
                                        ("Northern Office", 2), ("Acme Widgets", 0),
                                        ("EU", 4), ("United Nations", 4), ("Tarsk Union", 2)])
def test_an_organization_name_says_what_kind_of_body_it_is(name, want):
    from types import SimpleNamespace

    view = SimpleNamespace(ents={"k": _org(name)}, _head_class={})  # the answers it keeps per entity
    assert docrel.ArticleView.head_class(view, "k") == want


def test_an_organ_named_after_the_body_it_belongs_to_is_seen():
    from types import SimpleNamespace

    view = SimpleNamespace(ents={"eu": _org("EU"), "com": _org("European Commission"),
                                 "un": _org("UN"), "sc": _org("Security Council", "UN Security Council"),
                                 "firm": _org("Tarsk Mining"), "bank": _org("Tarsk Bank"),
                                 "vel": _org("Veltria Post")})
    opens = lambda a, b: docrel.ArticleView.opens_with(view, a, b)  # noqa: E731
    assert opens("com", "eu") == 1.0  # "EU" is the "European Union" in the lexicon
    assert opens("sc", "un") == 1.0  # written once as "UN Security Council"
    assert opens("bank", "firm") == 1.0 and opens("firm", "vel") == 0.0
    assert opens("eu", "com") == 0.0  # a one-word name opens with nothing


def test_rule_statements_outside_the_model_keep_the_precision_floor(nlp):
    text = ("Karl Brenner was born in Lyon in 1950. He later moved to Oslo.\n\n"
            "Brenner told reporters in Oslo that he would retire next year.")
    for r in _extract(nlp, text).relations:
        if r.method != "model:doc":
            assert r.confidence >= docrel.RULE_PRECISION_FLOOR, r


def test_thresholds_hold_the_floor_by_a_lower_confidence_bound():
    from kgraph import train_doc

    assert train_doc.wilson_lower(0, 0) == 0.0
    # The same 0.75 point estimate is surer of 0.70 over 400 statements than over 20.
    assert train_doc.wilson_lower(300, 400, z=1.28) > 0.72
    assert train_doc.wilson_lower(15, 20, z=1.28) < 0.65
    # 36 of 40 right at score 0.9, 20 of 40 at 0.5: both bands together make exactly 0.70 on the point
    # estimate, whose lower bound is under 0.70, so the threshold keeps the second band out.
    scores = [0.9] * 40 + [0.5] * 40 + [0.1] * 20
    ys = [1] * 36 + [0] * 4 + [1] * 20 + [0] * 20 + [0] * 20
    t, stats = train_doc._threshold(scores, ys, [True] * 100, "worksFor")
    assert stats["precision_low"] >= train_doc.TARGET_PRECISION
    assert t > 0.5 and stats["n"] == 40  # 56/80 = 0.70 would pass on the point estimate alone


@pytest.mark.parametrize("text, done", [
    ("A jury convicted Ivo Marek of killing Dan Petrov in 2011.", True),
    ("Ivo Marek acted alone in killing Dan Petrov.", True),
    ("Police accused Ivo Marek of killing Dan Petrov.", False),
    ("Police arrested Ivo Marek for killing Dan Petrov.", False),
    ("Ivo Marek faces accusations of killing Dan Petrov.", False),
    ("Ivo Marek went on trial for killing Dan Petrov.", False),
    ("Ivo Marek plotted to kill Dan Petrov.", False),
    # A hedge over the person a killing describes does not reach the killing.
    ("Ivo Marek, who killed Dan Petrov in 2001, wants to apologize.", True),
    ("Police arrested the man who killed Dan Petrov.", True),
    ("Police arrested the man who plotted to kill Dan Petrov.", False),
    ("Ivo Marek was arrested in the killing of Dan Petrov.", False),
    # A participle after its clause says what the act did; "fatally" says the victim died.
    ("Gunmen opened fire on the car, killing Dan Petrov.", True),
    ("Ivo Marek was accused of opening fire, killing Dan Petrov.", False),
    ("Ivo Marek denied fatally shooting Dan Petrov.", False),
    # A confession owns up to the deed; a refused or reported one does not state it.
    ("Ivo Marek has admitted murdering Dan Petrov.", True),
    ("Ivo Marek confessed to killing Dan Petrov.", True),
    ("Ivo Marek refused to admit killing Dan Petrov.", False),
    ("Ivo Marek did not admit killing Dan Petrov.", False),
    # A killer noun is a deed unless an allegation.
    ("Dan Petrov's assassin, Ivo Marek, was arrested the same day.", True),
    ("Police arrested the alleged killer of Dan Petrov.", False),
    ("Ivo Marek, the accused assassin of Dan Petrov, died.", False),
    ("Dan Petrov's murder was planned by Ivo Marek.", False),
    # An acquittal or a verdict of not guilty denies the deed.
    ("Ivo Marek was acquitted of killing Dan Petrov.", False),
    ("A court cleared Ivo Marek of murdering Dan Petrov.", False),
    ("Ivo Marek was found not guilty of killing Dan Petrov.", False),
    # A possibility, or a prosecutor's charge, is no deed; a witness's account states it.
    ("Ivo Marek could have killed Dan Petrov, police said.", False),
    ("Prosecutors say Ivo Marek shot Dan Petrov.", False),
    ("Witnesses say Ivo Marek shot Dan Petrov.", True),
    # A plot retold, or a part played, is no deed; a film maker killed is one.
    ("In the novel, Ivo Marek murders Dan Petrov.", False),
    ("The film follows Ivo Marek, who kills the banker Dan Petrov.", False),
    ("Ivo Marek plays a soldier who shoots Dan Petrov in the last scene.", False),
    ("Film director Dan Petrov was shot dead by Ivo Marek on Tuesday.", True),
    ("Police ruled out foul play after Ivo Marek shot Dan Petrov.", True),
    # A shooting or a stabbing the victim lived through is a wounding.
    ("Ivo Marek shot Dan Petrov in the leg, but he survived.", False),
    ("Dan Petrov was wounded when Ivo Marek stabbed him.", False),
    ("Ivo Marek shot Dan Petrov dead; two guards were wounded.", True),
    ("Ivo Marek stabbed Dan Petrov to death; a guard was taken to hospital.", True),
    ("Ivo Marek shot and mortally wounded Dan Petrov in 1921.", True),
    ("The film shows footage of Ivo Marek fatally shooting Dan Petrov in 1921.", True),
])
def test_a_killing_word_is_a_deed_unless_hedged(nlp, text, done):
    doc = nlp(text)
    kills = [t for t in doc if docrel._kill_word(t)]
    assert kills and any(docrel._asserted(t) for t in kills) is done


@pytest.mark.parametrize("text, killing", [
    ("Ivo Marek shot a film about Dan Petrov.", False),
    ("The film about Dan Petrov was shot in Ogden.", False),
    ("Ivo Marek executed the plan Dan Petrov drew up.", False),
    ("Senator Ivo Marek killed the bill Dan Petrov wrote.", False),
    ("Ivo Marek shot the mayor, Dan Petrov.", True),
    ("Ivo Marek shot Dan Petrov.", True),
    # With no one shot, "shoot" is an aim or a sport.
    ("Ivo Marek shot wide after a pass from Dan Petrov.", False),
    ("Ivo Marek shot at the car of Dan Petrov.", False),
    ("Dan Petrov was shot dead.", True),
])
def test_a_killing_verbs_object_can_say_it_is_no_killing(nlp, text, killing):
    doc = nlp(text)
    assert any(docrel._kill_word(t) for t in doc if t.pos_ == "VERB") is killing


@pytest.mark.parametrize("text, killer, victim, stated", [
    ("Ivo Marek was shot dead by Dan Petrov in Tarsk.", "Dan Petrov", "Ivo Marek", True),
    ("Ivo Marek was shot dead by Dan Petrov in Tarsk.", "Ivo Marek", "Dan Petrov", False),
    # A passive with no agent names the one killed and no killer.
    ("Ivo Marek was killed in a car crash with Dan Petrov.", "Ivo Marek", "Dan Petrov", False),
    ("Ivo Marek was killed in a car crash with Dan Petrov.", "Dan Petrov", "Ivo Marek", False),
    ("Dan Petrov killed Ivo Marek in Tarsk.", "Dan Petrov", "Ivo Marek", True),
    ("Dan Petrov killed Ivo Marek in Tarsk.", "Ivo Marek", "Dan Petrov", False),
    ("In 1921 Ivo Marek was shot and mortally wounded by Dan Petrov.", "Dan Petrov", "Ivo Marek", True),
    # A killer noun the parser read as a verb keeps no sides.
    ("The lawyer who defended Dan Petrov's assassin Ivo Marek has died.", "Ivo Marek", "Dan Petrov", True),
    # Who ordered it is named: the killing is his.
    ("In 1702 Ivo Marek was murdered on the orders of the warlord Dan Petrov.", "Dan Petrov", "Ivo Marek", True),
])
def test_a_killing_is_stated_only_from_the_killer_to_the_one_killed(nlp, text, killer, victim, stated):
    view, keys, _texts = _view_of(nlp, text)
    if killer not in keys or victim not in keys:
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    assert docrel.may_kill(view, keys[killer], keys[victim]) is stated


def _view_of(nlp, text):
    """Return an invented article's view, its entity keys by name, and its mentions' texts."""
    from kgraph.extraction.extract import _candidates, _resolve

    doc = nlp(text)
    pairs = _resolve(_candidates(doc, 0), [(0, doc)])
    view = docrel.ArticleView(pairs, [], {})
    return view, {e.name: k for k, e in view.ents.items()}, {m.text for m, _s in pairs}


def test_a_country_tied_closer_to_the_subject_is_seen(nlp):
    view, keys, _texts = _view_of(nlp, "Talks in Norway ended on Monday. German lawmaker Lena Sommer flew to Oslo "
                                       "from Germany. Norway hosted the talks, and Norway paid for them.")
    if "Lena Sommer" not in keys or "Germany" not in keys or "Norway" not in keys:
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    a = keys["Lena Sommer"]
    v = docrel.pair_vector(view, a, keys["Norway"], "citizenOf")
    assert v[docrel._F["demonym_before_other"]] >= 1  # "German lawmaker": a demonym of another country
    assert v[docrel._F["s_other_country_cosents"]] >= 1
    w = docrel.pair_vector(view, a, keys["Germany"], "citizenOf")
    assert w[docrel._F["o_country_rank_for_s"]] == 0


def test_a_title_the_mention_keeps_before_the_name_counts_as_a_role_word(nlp):
    view, keys, texts = _view_of(nlp, "Talks ended on Monday. President Lena Sommer flew home to Norway.")
    if "Lena Sommer" not in keys or "President Lena Sommer" not in texts:
        pytest.skip(f"spaCy found other mentions: {sorted(texts)}")
    lead, _work, _member, _nat = view.roles_near(keys["Lena Sommer"])
    assert lead >= 1  # "President" inside the mention "President Lena Sommer"


def test_another_persons_title_is_no_role_word_near_a_person(nlp):
    view, keys, _texts = _view_of(nlp, "Talks ended on Monday. Union spokesman Ivo Marek said Chairman Lena Sommer "
                                       "would decide.")
    if "Ivo Marek" not in keys or "Lena Sommer" not in keys:
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    lead, work, _member, _nat = view.roles_near(keys["Ivo Marek"])
    assert lead == 0 and work >= 1  # "Chairman" is Lena Sommer's title; "spokesman" is his
    assert view.roles_near(keys["Lena Sommer"])[0] >= 1


def _head_country(view, a):
    """Return the country a head-of-state title written bare before a's name points to ("President X"), or None."""
    office, pick = view.bare_office(a)
    return pick if office is not None and office != docrel.CABINET_OFFICE else None


def _cabinet_country(view, a):
    """Return the country a cabinet office written bare before a's name points to ("Finance Minister X"), or None."""
    office, pick = view.bare_office(a)
    return pick if office == docrel.CABINET_OFFICE else None


def test_a_head_of_states_office_written_bare_points_to_the_articles_country(nlp):
    view, keys, _texts = _view_of(nlp, "Norway passed its budget on Monday. The vote in Oslo was close. "
                                       "President Lena Sommer signed the law, and Norway's banks welcomed it. "
                                       "Sweden said it would study the plan.")
    if "Lena Sommer" not in keys or "Norway" not in keys or "Sweden" not in keys:
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    a = keys["Lena Sommer"]
    assert _head_country(view, a) == keys["Norway"]
    assert docrel.pair_vector(view, a, keys["Norway"], "leaderOf")[docrel._F["bare_head_title"]] == 1.0
    assert docrel.pair_vector(view, a, keys["Sweden"], "leaderOf")[docrel._F["bare_head_title"]] == 0.0
    assert docrel.evidence_tier(docrel.pair_vector(view, a, keys["Norway"], "citizenOf")) == 1


@pytest.mark.parametrize("text", [
    "Norway passed its budget on Monday. The vote in Oslo was close. Outgoing President Lena Sommer signed it.",
    "Norway passed its budget on Monday. The vote in Oslo was close. The acting President Lena Sommer signed it.",
])
def test_a_term_of_office_before_a_bare_title_leaves_it_bare(nlp, text):
    view, keys, _texts = _view_of(nlp, text)
    if "Lena Sommer" not in keys or "Norway" not in keys:
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    assert _head_country(view, keys["Lena Sommer"]) == keys["Norway"]


@pytest.mark.parametrize("text", [
    # A demonym, an owner or a deputy's word before the office qualifies it: no bare office.
    "Norway passed its budget on Monday. Swedish President Lena Sommer praised it. Norway's banks agreed.",
    "Norway passed its budget on Monday. Sweden's President Lena Sommer praised it. Norway's banks agreed.",
    "Norway passed its budget on Monday. Vice President Lena Sommer praised it. Norway's banks agreed.",
    "Norway passed its budget on Monday. Swedish Finance Minister Lena Sommer praised it. Norway's banks agreed.",
])
def test_a_qualified_office_is_not_read_as_bare(nlp, text):
    view, keys, _texts = _view_of(nlp, text)
    if "Lena Sommer" not in keys:
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    assert view.bare_office(keys["Lena Sommer"]) == (None, None)


def test_a_cabinet_office_written_bare_points_to_the_articles_country_apart_from_a_heads(nlp):
    view, keys, _texts = _view_of(nlp, "Norway passed its budget on Monday. The vote in Oslo was close. "
                                       "Finance Minister Lena Sommer defended the law, and Norway's banks welcomed "
                                       "it. Sweden said it would study the plan.")
    if "Lena Sommer" not in keys or "Norway" not in keys:
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    a = keys["Lena Sommer"]
    assert _cabinet_country(view, a) == keys["Norway"] and _head_country(view, a) is None
    v = docrel.pair_vector(view, a, keys["Norway"], "worksFor")
    assert v[docrel._F["bare_cabinet_title"]] == 1.0 and v[docrel._F["bare_head_title"]] == 0.0
    assert docrel.evidence_tier(v) == 1


def test_a_chancellor_written_bare_heads_the_state_that_has_one(nlp):
    view, keys, _texts = _view_of(nlp, "Norway hosted the summit on Monday. Norway's fishermen protested in Oslo. "
                                       "Chancellor Lena Sommer said Germany would send more aid.")
    if "Lena Sommer" not in keys or "Germany" not in keys or "Norway" not in keys:
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    assert _head_country(view, keys["Lena Sommer"]) == keys["Germany"]


def test_a_bare_office_of_a_person_a_rule_ties_to_another_country_points_nowhere(nlp):
    from kgraph.extraction.extract import _candidates, _resolve

    doc = nlp("Norway passed its budget on Monday. Swedish President Lena Sommer arrived in Oslo. "
              "Norway's banks welcomed the law, and President Lena Sommer praised it.")
    pairs = _resolve(_candidates(doc, 0), [(0, doc)])
    rules, probs = docrel.article_inputs([(0, doc)], pairs)
    view = docrel.ArticleView(pairs, rules, probs)
    keys = {e.name: k for k, e in view.ents.items()}
    if "Lena Sommer" not in keys or not any(a == keys["Lena Sommer"] for a, _b in view.rules):
        pytest.skip(f"spaCy or the rules read otherwise: {sorted(keys)}")
    assert _head_country(view, keys["Lena Sommer"]) is None


def test_a_kind_of_body_opening_a_sentence_before_an_office_is_the_body_the_sentence_before_is_about(nlp):
    text = ("The Tarsk Freedom Party won the state election on Sunday. Party leader Hans Lotter called the "
            "result historic.")
    with docrel.rules_only():
        ex = extract_doc(Article("t", text), [(0, nlp(text))])
    facts = {(r.subject.name, r.predicate, r.object.name) for r in ex.relations}
    assert ("Hans Lotter", "leaderOf", "Tarsk Freedom Party") in facts


def test_pairs_of_one_article_count_as_one_draw_in_the_bound():
    from kgraph import train_doc

    # 80 % right either way; spread over 50 articles the estimate is surer than when the same
    # pairs come from 5 articles that are each all right or all wrong.
    ys = [1, 1, 1, 1, 0] * 50
    spread = train_doc.clustered_lower(ys, list(range(50)) * 5)
    lumped = train_doc.clustered_lower(sorted(ys, reverse=True), [i // 50 for i in range(250)])
    assert 0.0 < lumped < spread < 0.8
    assert train_doc.clustered_lower([1, 0], [0, 0]) == 0.0  # one article: nothing to go on


@pytest.mark.parametrize("measured, stated", [(0.85, False), (0.95, True)])
def test_a_killing_is_stated_only_where_its_own_measured_precision_reaches_the_floor(nlp, monkeypatch, measured, stated):
    from kgraph.core.model import Article
    from kgraph.extraction import docrel
    from kgraph.extraction.extract import extract_doc

    shipped = docrel.load_doc_model()
    if "killed" not in shipped.get("predicates", {}):
        pytest.skip("no shipped document model")
    spec = dict(shipped["predicates"]["killed"], threshold=0.0, threshold_sentence=0.0,
                calibration=[[0.0, measured]], calibration_sentence=[[0.0, measured]])
    model = dict(shipped, predicates={"killed": spec})
    monkeypatch.setattr(docrel, "_DOC_MODEL", model)
    text = ("Tomas Rilke shot and killed Anton Weber near the harbour of Brelmouth on Friday night. "
            "The police arrested Rilke an hour later. A court will hear the case in the spring.")
    ex = extract_doc(Article("k1", text), [(0, nlp(text))])
    kills = [r for r in ex.relations if r.predicate == "killed" and r.method == "model:doc"]
    assert bool(kills) == stated
    assert all(r.confidence >= docrel.KILL_PRECISION for r in kills)


def test_build_summary_names_the_articles_skipped_for_their_language(tmp_path, capsys):
    from kgraph.build import pipeline

    src = tmp_path / "src"
    src.mkdir()
    (src / "de1.txt").write_text(GERMAN, encoding="utf-8")
    (src / "en1.txt").write_text("Mira Tallen, a spokeswoman for the Veltrian Ministry of Health, said on Monday "
                                 "that the new clinic in Orsk would open in the spring.", encoding="utf-8")
    result = pipeline.build([src], output=tmp_path / "out")
    first = result.summary().splitlines()[0]
    assert first == "articles: 2 (2 parsed, 0 from cache; 1 skipped, not English: de1)"
    assert any("de1" in line and "skipped" in line for line in capsys.readouterr().err.splitlines())
    # An English-only build says nothing of the kind.
    (src / "de1.txt").unlink()
    assert "skipped" not in pipeline.build([src], output=tmp_path / "out2").summary()


_STORY = ("Veltria's parliament approved the budget on Thursday after a long session in Tarsk. Prime Minister "
          "Jonas Pekkala said the vote showed the coalition could still govern. Opposition leader Mira Tessaro of "
          "the Green Party called the budget a gift to the rich and said her party would take it to court.")


def test_an_article_written_in_capitals_is_skipped_with_a_warning_not_read_as_names(tmp_path, capsys):
    from kgraph.build import pipeline

    src = tmp_path / "src"
    src.mkdir()
    (src / "caps1.txt").write_text(_STORY.upper(), encoding="utf-8")
    (src / "en1.txt").write_text("TARSK VOTES\n\n" + _STORY, encoding="utf-8")  # a headline in capitals is read
    result = pipeline.build([src], output=tmp_path / "out")
    first = result.summary().splitlines()[0]
    assert first == "articles: 2 (2 parsed, 0 from cache; 1 skipped, written in capitals: caps1)"
    assert any("caps1" in line and "capitals" in line for line in capsys.readouterr().err.splitlines())
    labels = {e.label for e in result.kb.entities}
    assert "Jonas Pekkala" in labels and not any(label.isupper() and len(label) > 4 for label in labels), labels


@pytest.mark.parametrize("text, caps", [
    (_STORY.upper(), True),
    (_STORY, False),
    ("BREAKING NEWS", False),  # too short to tell
    ("NATO AND THE EU MET IN BRUSSELS. " * 3 + _STORY, False),
])
def test_capitals_are_told_by_their_share_of_a_long_enough_text(text, caps):
    assert docrel.in_capitals(text) is caps


def test_an_article_of_very_many_names_pairs_each_name_with_its_neighbours_and_the_main_ones(nlp, monkeypatch):
    from kgraph.extraction.extract import _candidates, _resolve

    firms = " ".join(f"Anna Vell{k} joined the Tarsk Bank{k} in Ostrava on Monday." for k in range(8))
    text = f"Lena Moreau leads the Orvik Council. {firms} Lena Moreau spoke for the Orvik Council again."
    doc = nlp(text)
    view = docrel.ArticleView(_resolve(_candidates(doc, 0), [(0, doc)]), [], {})
    every = set(docrel.candidates(view))
    monkeypatch.setattr(docrel, "MAX_ALL_PAIRS", 5)
    monkeypatch.setattr(docrel, "NEAR_TOKENS", 12)
    monkeypatch.setattr(docrel, "TOP_PER_TYPE", 1)
    near = list(docrel.candidates(view))
    assert len(set(near)) == len(near) and set(near) < every
    keys = {e.name: k for k, e in view.ents.items()}
    person, bank = keys.get("Anna Vell3"), keys.get("Tarsk Bank3")
    far = keys.get("Tarsk Bank6")
    if not (person and bank and far):
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    pairs = {(a, b) for a, b, _p in near}
    assert (person, bank) in pairs and (person, far) not in pairs
    main = [k for k in view.ents if view.rank[k] == 0]
    assert all((person, k) in pairs for k in main if k != person and (person, k) in {(a, b) for a, b, _p in every})


def test_article_context_ties_an_organization_to_the_country_of_its_town(nlp):
    from kgraph.extraction.extract import _candidates, _resolve

    text = ("The Hartwell Institute opened a new laboratory in Heidelberg on Monday. "
            "Germany has paid for such research for years, said Mara Quint. "
            "Officials in France and in Germany welcomed the plan.")
    doc = nlp(text)
    pairs = _resolve(_candidates(doc, 0), [(0, doc)])
    view = docrel.ArticleView(pairs, [], {})
    keys = {e.name: k for k, e in view.ents.items()}
    if not {"Hartwell Institute", "Heidelberg", "Germany", "France", "Mara Quint"} <= set(keys):
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    org = keys["Hartwell Institute"]
    de = docrel.pair_vector(view, org, keys["Germany"], "basedIn")
    fr = docrel.pair_vector(view, org, keys["France"], "basedIn")
    f = docrel._F
    assert de[f["o_country_of_s_sent_places"]] == 1  # named with Heidelberg, a German town
    assert fr[f["o_country_of_s_sent_places"]] == 0
    assert de[f["o_country_share"]] == pytest.approx(2 / 3) and fr[f["o_country_share"]] == pytest.approx(1 / 3)
    person = docrel.pair_vector(view, keys["Mara Quint"], org, "worksFor")
    assert person[f["o_country_of_s_sent_places"]] == -1 and person[f["o_country_share"]] == -1  # no country object
    assert person[f["s_conamed_of_o_type"]] == 0  # named with no organization at all


def test_a_killing_is_never_scored_from_the_article_around_it(nlp):
    from kgraph.extraction.extract import _candidates, _resolve

    text = "Rolf Amsel shot Ida Brenner in Lyon on Monday. Police in France said Ida Brenner died."
    doc = nlp(text)
    view = docrel.ArticleView(_resolve(_candidates(doc, 0), [(0, doc)]), [], {})
    keys = {e.name: k for k, e in view.ents.items()}
    if "Rolf Amsel" not in keys or "Ida Brenner" not in keys:
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    v = docrel.pair_vector(view, keys["Rolf Amsel"], keys["Ida Brenner"], "killed")
    assert all(v[docrel._F[name]] == -1 for name in docrel._CONTEXT)


def test_a_floored_predicate_is_calibrated_as_one_band_that_keeps_its_floor():
    # 90 killings above the threshold, 84 right, the six false ones among the lowest scores: five bands of
    # 18 would read the lowest under the 0.9 each stated killing needs; one band reads what the set measured.
    import numpy as np

    from kgraph.extraction.docrel import KILL_PRECISION, calibrated
    from kgraph.train_doc import _curve, _statement_threshold

    scores = np.round(np.linspace(0.84, 0.999, 90), 4)
    ys = np.ones(90, dtype=int)
    ys[[0, 3, 7, 11, 15, 20]] = 0
    assert _curve(scores, ys, 0.84, "leaderOf")[0][1] < KILL_PRECISION  # bands, as for other predicates
    curve = _curve(scores, ys, 0.84, "killed")
    assert curve == [[0.84, round(84.5 / 91, 3)]]
    t, curve = _statement_threshold(scores, ys, 0.84, "killed")
    assert t == 0.84 and all(calibrated(curve, s) >= KILL_PRECISION for s in scores)


def test_each_repeat_of_the_cross_validation_deals_whole_articles_into_every_fold():
    import numpy as np

    from kgraph.train_doc import FOLDS, fold_of

    g = np.repeat(np.arange(40), 3)  # three rows per article
    assert (fold_of(g, 0) == g % FOLDS).all()  # the first repeat cuts the folds as before
    dealt = [fold_of(g, r) for r in range(1, 4)]
    for folds in dealt:
        assert set(folds.tolist()) == set(range(FOLDS))
        assert all(len(set(folds[g == a].tolist())) == 1 for a in range(40))  # an article's rows stay together
        assert (folds == fold_of(g, 1)).all() or (folds != g % FOLDS).any()
    assert (dealt[0] != dealt[1]).any() and (fold_of(g, 1) == dealt[0]).all()  # other, and the same each time


def test_stacked_repeats_count_each_row_as_a_share_so_identical_repeats_choose_as_one():
    import numpy as np

    from kgraph.train_doc import _curve, _threshold, _tier_threshold, choose

    rng = np.random.default_rng(5)
    n = 3000
    scores = np.round(rng.uniform(0.05, 0.97, n), 4)
    ys = (rng.uniform(size=n) < np.clip(scores * 1.1, 0, 1)).astype(int)
    dwie, groups, tiers = np.ones(n, dtype=bool), np.arange(n) // 5, np.arange(n) % 2
    k = 4
    stacked = [np.tile(a, k) for a in (scores, ys, dwie, groups, tiers)]
    assert _threshold(scores, ys, dwie, "basedIn", groups) == _threshold(*stacked[:3], "basedIn", stacked[3], k)
    assert _tier_threshold(scores, ys, tiers, "worksFor", groups) == \
        _tier_threshold(stacked[0], stacked[1], stacked[4], "worksFor", stacked[3], k)
    # The bands' quantile edges interpolate over k times the rows: a row at an edge may fall the other way.
    assert np.array(_curve(scores, ys, 0.5, "leaderOf")) == pytest.approx(
        np.array(_curve(stacked[0], stacked[1], 0.5, "leaderOf", k)), abs=0.005)
    one, four = choose("citizenOf", scores, ys, dwie, groups, tiers), choose("citizenOf", *stacked, k)
    # The statement threshold's local window and bands see k times the rows: a row or two at an edge may move.
    assert four["out_of_fold"]["n"] == pytest.approx(one["out_of_fold"]["n"], rel=0.01)
    assert four["out_of_fold"]["precision"] == pytest.approx(one["out_of_fold"]["precision"], abs=0.005)
    assert [t["threshold"] for t in one["tiers"]] == pytest.approx([t["threshold"] for t in four["tiers"]], abs=0.01)
    # Counted whole, four copies would read as four times the evidence and lower the bar.
    assert _threshold(*stacked[:3], "basedIn", stacked[3])[1]["n"] == 4 * _threshold(scores, ys, dwie, "basedIn", groups)[1]["n"]


@pytest.mark.parametrize("subject, obj, spans", [
    ("Europe", "Italy", True), ("Eastern Europe", "Tarsk", True), ("West Africa", "Ghana", True),
    ("Eastern Europe", "Europe", False), ("South Africa", "Africa", False), ("Tarsk", "Italy", False),
])
def test_a_continent_is_placed_within_no_smaller_place(subject, obj, spans):
    assert docrel._spans_countries(subject, obj) is spans


def test_a_statement_placing_a_continent_in_a_country_is_dropped_whatever_made_it():
    from kgraph.core.model import Mention, Relation

    def rel(subject, stype, obj, otype, pred="locatedIn"):
        return Relation(Mention(subject, stype, 0, len(subject), subject), pred, Mention(obj, otype, 40, 40 + len(obj), obj),
                        0.8, "model:doc", "", 0, 60)

    kept = docrel._possible([rel("Europe", "Place", "Italy", "Country"), rel("Turin", "Place", "Italy", "Country"),
                             rel("West Africa", "Place", "Tarsk", "Place", "partOf"),
                             rel("Velmora", "Organization", "Europe", "Place", "basedIn")])
    assert [(r.subject.name, r.object.name) for r in kept] == [("Turin", "Italy"), ("Velmora", "Europe")]


@pytest.mark.parametrize("text, country", [
    ("Norway passed its budget on Monday. The vote in Oslo was close. Civil protection minister Lena Sommer "
     "praised the law, and Norway's banks welcomed it.", "Norway"),
    ("Norway passed its budget on Monday. The vote in Oslo was close. The law, said health minister Lena Sommer, "
     "would help Norway's hospitals.", "Norway"),
    # An owner before the office says whose it is: no bare office.
    ("Norway passed its budget on Monday. Sweden's health minister Lena Sommer praised it. Norway's "
     'banks agreed.',
     None)])
def test_a_cabinet_office_written_in_lower_case_is_read_as_bare(nlp, text, country):
    view, keys, _texts = _view_of(nlp, text)
    if "Lena Sommer" not in keys:
        pytest.skip(f"spaCy found other entities: {sorted(keys)}")
    assert _cabinet_country(view, keys["Lena Sommer"]) == (keys[country] if country else None)


def test_the_organization_named_last_before_a_person_is_the_passages(nlp):
    # No sentence names the coach with a club: the club named last before each mention is the passage's.
    view, keys, _texts = _view_of(nlp, "Holmvik United lost 2-1 at home to Orlin Rovers on Saturday. "
                                       "Coach Anna Kell said her players were tired. Orlin Rovers climbed to third. "
                                       "Their striker Tom Brask scored twice. Kell said the league was still open.")
    kell, brask = keys["Anna Kell"], keys["Tom Brask"]
    holmvik, orlin = keys["Holmvik United"], keys["Orlin Rovers"]
    shares, first = view.last_organization(kell)
    assert first == orlin  # "to Orlin Rovers" closes the first sentence
    assert shares == {orlin: 1.0}
    assert view.last_organization(brask) == ({orlin: 1.0}, orlin)
    v = docrel.pair_vector(view, kell, orlin, "worksFor")
    assert v[docrel.FEATURES.index("o_last_org_share")] == 1.0 and v[docrel.FEATURES.index("o_last_org_first")] == 1.0
    v = docrel.pair_vector(view, kell, holmvik, "worksFor")
    assert v[docrel.FEATURES.index("o_last_org_share")] == 0.0
    assert view.sports and v[docrel.FEATURES.index("sports_story")] == 1.0


def test_a_person_named_before_any_organization_has_none_before_them(nlp):
    view, keys, _texts = _view_of(nlp, "Anna Kell opened the plant on Monday. Vellox makes parts for cars.")
    assert view.last_organization(keys["Anna Kell"]) == ({}, None)
    assert not view.sports


TITLED = ("Norway's economy is shrinking, and Norwegian banks are short of cash. Oslo has few friends. "
          "Sweden has bought more Norwegian oil, but it pays less. President Anton Velluzzi has been careful "
          "not to break the sanctions openly. Norway's exports fell again in May.")


def test_a_bare_title_after_another_country_is_not_read_as_the_storys_country(nlp, monkeypatch):
    homes = {(s, o) for (s, p, o) in _facts(_extract(nlp, TITLED))
             if p in (Predicate.leaderOf, Predicate.citizenOf, Predicate.worksFor)}
    assert ("Anton Velluzzi", "Norway") not in homes
    # without the guard the story's most-named country is stated: the case it is for
    monkeypatch.setattr(docrel, "_titled_elsewhere", lambda *a: False)
    homes = {(s, o) for (s, p, o) in _facts(_extract(nlp, TITLED))}
    assert ("Anton Velluzzi", "Norway") in homes


def test_a_bare_title_after_a_town_of_the_storys_own_country_keeps_it(nlp):
    # Sweden named in the sentence before, but the title's own sentence opens in Norway's capital
    text = TITLED.replace("President Anton Velluzzi has been", "In Oslo, President Anton Velluzzi has been")
    homes = {(s, o) for (s, p, o) in _facts(_extract(nlp, text)) if p == Predicate.leaderOf}
    assert ("Anton Velluzzi", "Norway") in homes


def test_a_bare_title_after_the_storys_own_country_keeps_it(nlp):
    text = TITLED.replace("Sweden has bought", "Norway has sold")
    homes = {(s, o) for (s, p, o) in _facts(_extract(nlp, text)) if p == Predicate.leaderOf}
    assert ("Anton Velluzzi", "Norway") in homes
