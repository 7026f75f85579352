"""Sanic app: the anonymous chat page, its relay to Rasa, and the staff console.

The chat page talks only to this server (same origin), so Rasa itself need not be exposed
to browsers and no CORS is needed. Rasa's HTTP API (trackers, for the flow tester) is reached
on 127.0.0.1 with the token from EXITBOT_RASA_TOKEN.
"""

from __future__ import annotations

import asyncio
import html
import os
import secrets
import time
from functools import wraps
from pathlib import Path
from typing import Any, Dict, List, Optional
from urllib.parse import quote, urlparse

import aiohttp
from sanic import Sanic, response
from sanic.request import Request

from bot.web import auth, flow

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
UNREACHABLE = (
    "Jeg kan ikke få forbindelse lige nu. Prøv igen om lidt. Er du i fare, så ring 112."
)
DEFAULT_QUICK_EXIT = "https://www.dr.dk/"
MIN_PASSWORD_DELAY = 0.3  # every sign-in answer takes at least this long


def rasa_url() -> str:
    return os.environ.get("EXITBOT_RASA_URL", "http://127.0.0.1:5005").rstrip("/")


def rasa_token() -> str:
    return os.environ.get("EXITBOT_RASA_TOKEN", "")


def quick_exit_url() -> str:
    """A neutral page; only http(s) URLs or same-site paths are accepted."""
    value = os.environ.get("EXITBOT_QUICK_EXIT_URL", "").strip() or DEFAULT_QUICK_EXIT
    parsed = urlparse(value)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return value
    if value.startswith("/") and not value.startswith("//"):
        return value
    return DEFAULT_QUICK_EXIT


def render(name: str, **values: str) -> str:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", html.escape(value, quote=True))
    return text


def security_headers() -> dict:
    # Everything is served from here: no third-party scripts, fonts or analytics.
    return {
        "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                                   "img-src 'self' data:; connect-src 'self'; "
                                   "object-src 'none'; frame-ancestors 'none'; "
                                   "base-uri 'none'; form-action 'self'",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cache-Control": "no-store",
    }


def page(body: str, status: int = 200) -> response.HTTPResponse:
    return response.html(body, status=status, headers=security_headers())


def _secure_cookies(request: Request) -> bool:
    if os.environ.get("EXITBOT_SECURE_COOKIES", "").lower() in ("1", "true", "yes"):
        return True
    return request.scheme == "https"


def _client(request: Request) -> str:
    return request.remote_addr or request.ip or "unknown"


async def _post_json(url: str, payload: Dict[str, Any]) -> Any:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
        async with http.post(url, json=payload) as answer:
            return answer.status, await answer.json(content_type=None)


async def _tracker_events(sender: str) -> List[Dict[str, Any]]:
    url = (f"{rasa_url()}/conversations/{quote(sender, safe='')}/tracker"
           f"?include_events=ALL&token={quote(rasa_token(), safe='')}")
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
        async with http.get(url) as answer:
            if answer.status != 200:
                raise aiohttp.ClientResponseError(answer.request_info, (), status=answer.status)
            data = await answer.json(content_type=None)
    return data.get("events") or []


def create_app(name: str = "exitbot_web") -> Sanic:
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = 64 * 1024
    app.static("/static", str(STATIC), name="static")
    app.ctx.sessions = None
    app.ctx.throttle = auth.Throttle()

    def sessions() -> auth.Sessions:
        if app.ctx.sessions is None:
            app.ctx.sessions = auth.Sessions(auth.session_secret())
        return app.ctx.sessions

    @app.on_response
    async def static_headers(request: Request, resp):
        if request.path.startswith("/static/"):
            for key, value in security_headers().items():
                if key != "Cache-Control":
                    resp.headers.setdefault(key, value)

    # --- the anonymous chat ---

    @app.get("/")
    async def chat_page(request: Request):
        return page(render("chat.html", quick_exit_url=quick_exit_url()))

    @app.get("/health")
    async def health(request: Request):
        return response.json({"status": "ok"})

    @app.post("/api/message")
    async def relay(request: Request):
        body = request.json if isinstance(request.json, dict) else {}
        sender = body.get("sender")
        if isinstance(sender, str) and sender.startswith(flow.TEST_SENDER_PREFIX):
            return response.json({"error": "Ugyldigt samtale-id."}, status=400)
        payload = {"sender": sender, "message": body.get("message")}
        try:
            status, data = await _post_json(f"{rasa_url()}/webhooks/rest/webhook", payload)
            return response.json(data, status=status)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            return response.json({"error": UNREACHABLE}, status=502)

    # --- the staff console ---

    def signed_in(handler):
        @wraps(handler)
        async def wrapper(request: Request, *args, **kwargs):
            session = sessions().check(request.cookies.get(auth.COOKIE))
            if session is None:
                if request.path.startswith("/staff/api/"):
                    return response.json({"error": "Log ind igen."}, status=401)
                return response.redirect("/staff/login", status=303)
            if request.method == "POST":
                token = request.headers.get("x-csrf-token") or (request.form or {}).get("csrf")
                if not sessions().csrf_ok(session, token):
                    return response.json({"error": "Ugyldig CSRF-token."}, status=403)
            request.ctx.staff = session
            return await handler(request, *args, **kwargs)
        return wrapper

    def staff_page(template: str, request: Request) -> response.HTTPResponse:
        session = request.ctx.staff
        return page(render(template, user=session["u"], csrf=sessions().csrf(session)))

    @app.get("/staff")
    @signed_in
    async def staff_home(request: Request):
        return staff_page("callbacks.html", request)

    @app.get("/staff/flow")
    @signed_in
    async def staff_flow(request: Request):
        return staff_page("flow.html", request)

    @app.get("/staff/login")
    async def login_form(request: Request):
        if sessions().check(request.cookies.get(auth.COOKIE)):
            return response.redirect("/staff", status=303)
        return page(render("login.html", error="", user=""))

    @app.post("/staff/login")
    async def login(request: Request):
        started = time.monotonic()
        address = _client(request)
        await asyncio.sleep(app.ctx.throttle.delay(address))
        user = ((request.form or {}).get("user") or "").strip()[:60]
        password = (request.form or {}).get("password") or ""
        stored = auth.configured_hash()
        ok = bool(stored and user and password) and await asyncio.to_thread(
            auth.verify_password, password, stored)
        await asyncio.sleep(max(0.0, MIN_PASSWORD_DELAY - (time.monotonic() - started)))
        if not ok:
            app.ctx.throttle.failed(address)
            if not stored:
                message = ("Der er ikke sat en adgangskode for personalekonsollen. "
                           "Se README: python -m bot.web.auth hash.")
            elif not user:
                message = "Skriv dit navn eller initialer (bruges i loggen over visninger)."
            else:
                message = "Forkert navn eller adgangskode."
            return page(render("login.html", error=message, user=user), status=401)
        app.ctx.throttle.succeeded(address)
        resp = response.redirect("/staff", status=303)
        resp.cookies[auth.COOKIE] = sessions().issue(user)
        cookie = resp.cookies[auth.COOKIE]
        cookie["httponly"] = True
        cookie["samesite"] = "Strict"
        cookie["path"] = "/staff"
        cookie["max-age"] = auth.SESSION_SECONDS
        if _secure_cookies(request):
            cookie["secure"] = True
        return resp

    @app.post("/staff/logout")
    @signed_in
    async def logout(request: Request):
        sessions().revoke(request.ctx.staff)
        resp = response.redirect("/staff/login", status=303)
        resp.cookies[auth.COOKIE] = ""
        resp.cookies[auth.COOKIE]["path"] = "/staff"
        resp.cookies[auth.COOKIE]["max-age"] = 0
        return resp

    # callbacks

    @app.get("/staff/api/bookings")
    @signed_in
    async def bookings(request: Request):
        from bot.bookings import contact_points, service

        status = request.args.get("status") or None
        point = request.args.get("contact_point") or None
        if status and status not in service.STATUSES:
            return response.json({"error": "Ukendt status."}, status=400)
        rows = await asyncio.to_thread(service.list_bookings, status, point)
        points = await asyncio.to_thread(contact_points.load)
        names = {key: value.name for key, value in points[0].items()}
        return response.json({
            "bookings": [dict(row.as_json(None), contact_point_name=names.get(
                row.contact_point, row.contact_point)) for row in rows],
            "contact_points": [{"id": key, "name": value} for key, value in names.items()],
        }, headers={"Cache-Control": "no-store"})

    @app.post("/staff/api/bookings/<reference>/status")
    @signed_in
    async def booking_status(request: Request, reference: str):
        from bot.bookings import service

        wanted = (request.json or {}).get("status") if isinstance(request.json, dict) else None
        if wanted not in ("done", "cancelled", "pending"):
            return response.json({"error": "Ukendt status."}, status=400)
        try:
            row = await asyncio.to_thread(service.set_status, reference, wanted)
        except service.UnknownBooking:
            return response.json({"error": "Ukendt reference."}, status=404)
        return response.json(row.as_json(None))

    @app.post("/staff/api/bookings/<reference>/phone")
    @signed_in
    async def booking_phone(request: Request, reference: str):
        from bot.bookings import service

        try:
            phone = await asyncio.to_thread(service.phone_of, reference,
                                            request.ctx.staff["u"])
        except service.UnknownBooking:
            return response.json({"error": "Ukendt reference."}, status=404)
        return response.json({"reference": reference.upper(), "phone": phone},
                             headers={"Cache-Control": "no-store"})

    # flow tester

    def test_sender(value: Optional[str]) -> Optional[str]:
        if isinstance(value, str) and value.startswith(flow.TEST_SENDER_PREFIX) \
                and 16 < len(value) <= 80 and value.replace("-", "").isalnum():
            return value
        return None

    @app.post("/staff/api/test/new")
    @signed_in
    async def test_new(request: Request):
        return response.json({"sender": flow.TEST_SENDER_PREFIX + secrets.token_hex(8)})

    @app.post("/staff/api/test/message")
    @signed_in
    async def test_message(request: Request):
        body = request.json if isinstance(request.json, dict) else {}
        sender = test_sender(body.get("sender"))
        message = body.get("message")
        if not sender or not isinstance(message, str) or not message.strip():
            return response.json({"error": "Mangler test-id eller besked."}, status=400)
        try:
            before = len(await _tracker_events(sender))
            status, replies = await _post_json(f"{rasa_url()}/webhooks/rest/webhook",
                                               {"sender": sender, "message": message})
            events = await _tracker_events(sender)
        except aiohttp.ClientResponseError as error:
            detail = ("Rasa afviste adgangen til sporingen (token)."
                      if error.status in (401, 403) else f"Rasa svarede {error.status}.")
            return response.json({"error": detail}, status=502)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            return response.json({"error": UNREACHABLE}, status=502)
        if status != 200:
            return response.json({"error": (replies or {}).get("error", "Fejl fra Rasa.")},
                                 status=status)
        since = before if before <= len(events) else 0
        return response.json({"replies": replies, "turn": flow.turn_summary(events[since:])})

    @app.get("/staff/api/test/story")
    @signed_in
    async def test_story(request: Request):
        sender = test_sender(request.args.get("sender"))
        if not sender:
            return response.json({"error": "Ukendt test-id."}, status=400)
        try:
            events = await _tracker_events(sender)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            return response.json({"error": UNREACHABLE}, status=502)
        name = request.args.get("name") or f"flow tester {sender}"
        text = flow.test_story_yaml(events, name=name[:120])
        return response.text(text, content_type="application/x-yaml; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="test_{sender}.yml"',
            "Cache-Control": "no-store"})

    return app


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    create_app().run(host=host, port=port, access_log=False, motd=False)
