"""Sanic app serving the chat page and relaying messages to Rasa's REST channel.

The page talks only to this server (same origin), so Rasa itself need not be exposed
to browsers and no CORS is needed.
"""

from __future__ import annotations

import os
from pathlib import Path

import aiohttp
from sanic import Sanic, response
from sanic.request import Request

STATIC = Path(__file__).parent / "static"
UNREACHABLE = (
    "Jeg kan ikke få forbindelse lige nu. Prøv igen om lidt. Er du i fare, så ring 112."
)


def rasa_url() -> str:
    return os.environ.get("EXITBOT_RASA_URL", "http://127.0.0.1:5005").rstrip("/")


def create_app(name: str = "exitbot_web") -> Sanic:
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = 64 * 1024
    app.static("/static", str(STATIC), name="static")

    @app.get("/")
    async def chat_page(request: Request):
        return await response.file(STATIC / "index.html", headers=security_headers())

    @app.get("/health")
    async def health(request: Request):
        return response.json({"status": "ok"})

    @app.post("/api/message")
    async def relay(request: Request):
        body = request.json if isinstance(request.json, dict) else {}
        payload = {"sender": body.get("sender"), "message": body.get("message")}
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
                async with http.post(f"{rasa_url()}/webhooks/rest/webhook",
                                     json=payload) as answer:
                    data = await answer.json(content_type=None)
                    return response.json(data, status=answer.status)
        except (aiohttp.ClientError, TimeoutError, ValueError):
            return response.json({"error": UNREACHABLE}, status=502)

    return app


def security_headers() -> dict:
    # Everything is served from here: no third-party scripts, fonts or analytics.
    return {
        "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                                   "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    }


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    create_app().run(host=host, port=port, access_log=False, motd=False)
