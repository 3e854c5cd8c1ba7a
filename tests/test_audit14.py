"""The fourteenth adversarial pass (round hostile76): each test failed on the code before its fix.

Invented inputs only.
"""

from __future__ import annotations

import pytest

from kgraph.core.errors import InputError
from kgraph.sources.ingest import read_inputs


# ---------------------------------------------------------------- a tiny article ceiling says what it is


@pytest.mark.parametrize("value, said", [("0.000004", "over the 4 bytes an article"),
                                         ("0.00000095367431640625", "over the 1 byte an article")])
def test_a_tiny_article_ceiling_is_named_in_bytes_not_as_0_mb(tmp_path, monkeypatch, value, said):
    # "the file is over the 0 MB an article may have" (and "3.81e-06 MB") named no ceiling a reader could use.
    monkeypatch.setenv("KGRAPH_MAX_ARTICLE_MB", value)
    (tmp_path / "a.txt").write_text("Ilse Varga spoke in Tarvo. " * 500, encoding="utf-8")
    with pytest.raises(InputError, match=said):
        list(read_inputs([tmp_path / "a.txt"]))


@pytest.mark.parametrize("value", ["1e-9", "0.0000001"])
def test_an_article_ceiling_below_one_byte_is_refused_as_such(tmp_path, monkeypatch, value):
    # It was a ceiling of 0 bytes: every article "over the 0 MB", even a one-letter file.
    monkeypatch.setenv("KGRAPH_MAX_ARTICLE_MB", value)
    (tmp_path / "a.txt").write_text("I", encoding="utf-8")
    with pytest.raises(InputError, match="less than one byte"):
        list(read_inputs([tmp_path / "a.txt"]))
