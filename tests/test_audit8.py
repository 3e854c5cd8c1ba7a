"""Hostile input found by the eighth adversarial audit (stop 67): each test failed on the code before its fix."""

from __future__ import annotations

import unicodedata

# ---------------------------------------------------------------- a storm of combining marks

#: "a", then marks of combining class 230 and 220 in the order normalising must reverse: CPython sorts such a run
#: by insertion, its time growing with the run squared (80,000 marks, 160 kB, took 16 s).
STORM = "a" + "\u0301" * 2000 + "\u0316" * 2000


def test_a_storm_of_combining_marks_is_cut_before_text_is_normalised():
    from kgraph.sources.ingest import sanitize

    text = sanitize(f"Mara Quell visited Tolvenna{STORM} on Monday.")
    assert len(text) < 100, len(text)  # 30 marks kept (and the first composed with its letter)
    assert text.startswith("Mara Quell visited Tolvenna\u00e1") and text.endswith(" on Monday.")
    # Real text of many marks keeps every one: Vietnamese, Devanagari, Tibetan (a vowel made of two marks).
    real = "Nguyễn Thị Minh Khai met ज्ञानेश्वर in བོད་ཡིག ཀཱི and a\u0301\u0316."
    assert sanitize(real) == unicodedata.normalize("NFC", real)


def test_a_label_of_a_graph_file_is_cut_the_same_before_its_lookup_key_is_made():
    from kgraph.evaluate import normalize_name
    from kgraph.sources import gazetteer

    # `review` reads labels from any graph file (not sanitized): two 160 kB labels took it 54 s.
    assert len(gazetteer.norm(f"Zed {STORM}")) < 100
    assert len(normalize_name(f"Zed {STORM}")) < 100  # a gold file's names, in `evaluate`
    assert gazetteer.norm("Nguyễn Thị Minh Khai") == unicodedata.normalize("NFKC", "Nguyễn Thị Minh Khai").casefold()
