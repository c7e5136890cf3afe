"""The frontend server: the built user and admin portals plus a generated /config.js.

`chalice local` serves no static files, so the built frontend (frontend/dist) gets its own
server on another origin, which is how production serves it too (CORS applies as there).
"""
import mimetypes
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
          ".svg": "image/svg+xml", ".json": "application/json", ".woff2": "font/woff2",
          ".html": "text/html", ".map": "application/json", ".ico": "image/x-icon"}

_NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>前端尚未构建</title>
<h1>前端尚未构建 (frontend not built)</h1>
<p>没有找到 frontend/dist/index.html。请运行 <code>make frontend</code>（或 <code>make run</code>），然后刷新本页。</p>
"""


class FrontendHandler(BaseHTTPRequestHandler):
    """`/` -> dist/index.html, `/admin/` -> dist/admin/index.html, files as they are."""

    def __init__(self, *args, dist: Path, config_js: bytes, **kwargs):
        self.dist, self.config_js = dist, config_js
        super().__init__(*args, **kwargs)

    def do_HEAD(self):
        self.do_GET(head_only=True)

    def do_GET(self, head_only=False):
        path = unquote(urlsplit(self.path).path)
        if path == "/config.js":
            return self._send(200, self.config_js, "text/javascript", head_only, cache="no-store")
        if path == "/admin":
            self.send_response(301)
            self.send_header("Location", "/admin/")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if not (self.dist / "index.html").is_file():
            return self._send(503, _NOT_BUILT.encode("utf-8"), "text/html", head_only, cache="no-store")
        file = self._file_for(path)
        if file is None:
            return self._send(404, b"Not found", "text/plain", head_only)
        cache = "no-cache" if file.suffix == ".html" else "public, max-age=300"
        self._send(200, file.read_bytes(), _content_type(file), head_only, cache=cache)

    def _file_for(self, path: str) -> Path | None:
        candidate = (self.dist / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.dist.resolve()):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if candidate.is_file():
            return candidate
        if Path(path).suffix:  # a missing asset is a 404, not the app page
            return None
        # History-mode routes of either single-page app fall back to its page.
        portal = "admin/index.html" if path.startswith("/admin/") else "index.html"
        fallback = self.dist / portal
        return fallback if fallback.is_file() else None

    def _send(self, status: int, body: bytes, content_type: str, head_only: bool, cache: str = "no-cache"):
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8" if _is_text(content_type) else content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # asset requests would drown the SMS lines the console is read for


def _content_type(file: Path) -> str:
    return _TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"


def _is_text(content_type: str) -> bool:
    return content_type.startswith("text/") or content_type in ("application/json", "image/svg+xml")


class FrontendServer:
    """A ThreadingHTTPServer for the frontend, run in a daemon thread."""

    def __init__(self, host: str, port: int, dist: Path, api_base: str):
        config_js = f"window.APP_CONFIG = {{apiBase: \"{api_base}\"}};\n".encode("utf-8")
        handler = partial(FrontendHandler, dist=Path(dist), config_js=config_js)
        self.server = ThreadingHTTPServer((host, port), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="frontend", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
