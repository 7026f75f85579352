"""Staff sign-in: a password hash from configuration, signed session cookies, CSRF tokens.

Operators make the hash with `python -m bot.web.auth hash` (the password is read from stdin)
and put it in the environment variable EXITBOT_STAFF_PASSWORD_HASH or in the file
var/staff_password.hash. Without either, the staff console refuses every sign-in.

The session cookie is `<payload>.<signature>`: the payload holds the staff user's name, an
expiry and a random nonce; the signature is an HMAC with the secret from
EXITBOT_SESSION_SECRET or var/session.secret (created with mode 0600 on first use). The CSRF
token for a session is an HMAC of its nonce, so it needs no server-side storage.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import json
import os
import secrets
import sys
import time
from pathlib import Path
from typing import Dict, Optional, Tuple

from bot import ROOT

COOKIE = "exitbot_staff"
SESSION_SECONDS = 8 * 3600
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
SCRYPT_MAXMEM = 64 * 1024 * 1024


def var_dir() -> Path:
    return Path(os.environ.get("EXITBOT_VAR", ROOT / "var"))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# --- password hashes ---

def hash_password(password: str, salt: Optional[bytes] = None) -> str:
    """`scrypt$N$r$p$salt$hash`, all base64url."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            maxmem=SCRYPT_MAXMEM, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.strip().split("$")
        if scheme != "scrypt":
            return False
        expected = _unb64(digest)
        actual = hashlib.scrypt(password.encode(), salt=_unb64(salt), n=int(n), r=int(r),
                                p=int(p), maxmem=SCRYPT_MAXMEM, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def configured_hash() -> Optional[str]:
    value = os.environ.get("EXITBOT_STAFF_PASSWORD_HASH", "").strip()
    if value:
        return value
    path = var_dir() / "staff_password.hash"
    if path.exists():
        return path.read_text(encoding="utf-8").strip() or None
    return None


# --- the session secret and signed cookies ---

def session_secret() -> bytes:
    value = os.environ.get("EXITBOT_SESSION_SECRET", "")
    if value:
        return value.encode()
    path = var_dir() / "session.secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it a moment ago
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()


class Sessions:
    """Issues and checks session cookies; remembers signed-out nonces until they expire."""

    def __init__(self, secret: bytes):
        self.secret = secret
        self.revoked: Dict[str, float] = {}

    def _sign(self, text: str) -> str:
        return _b64(hmac.new(self.secret, text.encode(), hashlib.sha256).digest())

    def issue(self, user: str) -> str:
        payload = _b64(json.dumps({"u": user, "e": int(time.time()) + SESSION_SECONDS,
                                   "n": secrets.token_urlsafe(16)}).encode())
        return f"{payload}.{self._sign(payload)}"

    def check(self, cookie: Optional[str]) -> Optional[Dict]:
        if not cookie or "." not in cookie:
            return None
        payload, signature = cookie.rsplit(".", 1)
        if not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            data = json.loads(_unb64(payload))
        except ValueError:
            return None
        if data.get("e", 0) < time.time() or data.get("n") in self.revoked:
            return None
        return data

    def csrf(self, session: Dict) -> str:
        return self._sign("csrf:" + session["n"])

    def csrf_ok(self, session: Dict, token: Optional[str]) -> bool:
        return bool(token) and hmac.compare_digest(token, self.csrf(session))

    def revoke(self, session: Dict) -> None:
        now = time.time()
        self.revoked = {n: e for n, e in self.revoked.items() if e > now}
        self.revoked[session["n"]] = session["e"]


class Throttle:
    """Per-address exponential delay after wrong passwords: 0.5 s, 1 s, 2 s … up to 30 s."""

    FORGET_AFTER = 15 * 60

    def __init__(self, base: float = 0.5, cap: float = 30.0):
        self.base, self.cap = base, cap
        self.failures: Dict[str, Tuple[int, float]] = {}

    def delay(self, address: str) -> float:
        count, last = self.failures.get(address, (0, 0.0))
        if not count or time.time() - last > self.FORGET_AFTER:
            return 0.0
        return min(self.cap, self.base * 2 ** (count - 1))

    def failed(self, address: str) -> None:
        count, last = self.failures.get(address, (0, 0.0))
        if time.time() - last > self.FORGET_AFTER:
            count = 0
        self.failures[address] = (count + 1, time.time())
        if len(self.failures) > 10000:  # bounded memory under a spray of addresses
            oldest = sorted(self.failures, key=lambda a: self.failures[a][1])[:5000]
            for key in oldest:
                del self.failures[key]

    def succeeded(self, address: str) -> None:
        self.failures.pop(address, None)


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args != ["hash"]:
        print("usage: python -m bot.web.auth hash   (reads the password from stdin)",
              file=sys.stderr)
        return 2
    if sys.stdin.isatty():
        password = getpass.getpass("Staff password: ")
        if getpass.getpass("Again: ") != password:
            print("The two passwords differ.", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 12:
        print("Use at least 12 characters.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(main())
