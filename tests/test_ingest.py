"""Reading inputs: formats, encodings and page debris."""

from __future__ import annotations

import json

import pytest

from kgraph.errors import InputError
from kgraph.ingest import clean_text, decode, read_inputs


def test_debris_removed():
    raw = ("Home » World\n\nBig headline here\n\nBig headline here\n\nimg_2125.jpg\n\n"
           "The story itself.\n\nAbout The Author\n\nCopyright © 2025 All rights reserved.")
    assert clean_text(raw) == "Big headline here\n\nThe story itself."


@pytest.mark.parametrize("data,expected", [
    pytest.param("Québec".encode("utf-8"), "Québec", id="utf8"),
    pytest.param("Québec".encode("utf-16"), "Québec", id="utf16-bom"),
    pytest.param("Québec".encode("latin-1"), "Québec", id="latin1"),
    pytest.param(b"\xef\xbb\xbfQu\xc3\xa9bec", "Québec", id="utf8-bom"),
])
@pytest.mark.filterwarnings("ignore::kgraph.ingest.IngestWarning")
def test_decode(data, expected):
    assert decode(data) == expected


def test_binary_rejected():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\x00\x00\x00\rIHDR")


def test_jsonl_and_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Putin spoke in Moscow.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "x1", "text": "Merkel spoke.", "url": "http://e.x/1"}) + "\n",
                                      encoding="utf-8")
    arts = list(read_inputs([tmp_path]))
    assert [(a.id, a.url) for a in arts] == [("x1", "http://e.x/1"), ("sub/a", None)]


def test_malformed_jsonl_names_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "1", "text": "ok"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2"):
        list(read_inputs([p]))


def test_missing_path():
    with pytest.raises(InputError, match="no such file"):
        list(read_inputs(["/nonexistent/file.txt"]))
