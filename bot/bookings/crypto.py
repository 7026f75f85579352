"""Encryption at rest for contact details, with a key kept outside the database."""

from __future__ import annotations

import os
import threading
from functools import lru_cache

from cryptography.fernet import Fernet

from bot import config


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    key = os.environ.get("EXITBOT_KEY")
    if not key:
        path = config.KEY_FILE
        if not path.exists():
            _create_key_file(path)
        key = path.read_bytes().strip()
    return Fernet(key)


def _create_key_file(path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    # Readable by the owner only from the start; the rename makes the key appear whole.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    try:
        os.link(tmp, path)  # fails if another process created the key first
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
