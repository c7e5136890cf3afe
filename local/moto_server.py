"""moto's threaded server, plus the CORS headers real S3 puts on browser form POSTs.

moto applies a bucket's CORS rules to preflights and most verbs, but its answer to a
browser form POST (the presigned upload) carries no Access-Control-Allow-Origin, so a
browser rejects an upload that AWS would accept. This wrapper adds exactly the headers
the bucket's own CORS rules allow, nothing when no rule matches.

moto's dispatcher lists its own package folder (a listdir and ~150 isdir calls) on every request, under a lock
every request thread takes: a fifth of the server's CPU under load (py-spy, bench/README.md "Load"). The list
never changes while the process runs, so it is read once.
"""
from functools import cache
from urllib.parse import urlsplit

from moto import backends
from moto.core import DEFAULT_ACCOUNT_ID
from moto.moto_server.threaded_moto_server import MotoRequestHandler, ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from moto.s3.models import s3_backends
from moto.s3.utils import cors_matches_origin
from werkzeug.serving import make_server

from local import moto_transactions
from local.changes import ChangeLog, ObserveWrites

moto_transactions.install()
_list_moto_modules = backends.list_of_moto_modules
backends.list_of_moto_modules = cache(lambda: tuple(_list_moto_modules()))


def _bucket_cors_origin(path: str, origin: str) -> str | None:
    bucket_name = urlsplit(path).path.strip("/").split("/")[0]
    try:
        bucket = s3_backends[DEFAULT_ACCOUNT_ID]["aws"].get_bucket(bucket_name)
    except Exception:  # not a bucket of ours: leave the answer as moto made it
        return None
    for rule in bucket.cors:
        if "POST" in rule.allowed_methods and cors_matches_origin(origin, rule.allowed_origins):
            return origin
    return None


class _FormPostCors:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        origin = environ.get("HTTP_ORIGIN")
        if environ["REQUEST_METHOD"] != "POST" or not origin:
            return self.app(environ, start_response)

        def start(status, headers, exc_info=None):
            if not any(name.lower() == "access-control-allow-origin" for name, _ in headers):
                allowed = _bucket_cors_origin(environ.get("PATH_INFO", ""), origin)
                if allowed:
                    headers = [*headers, ("Access-Control-Allow-Origin", allowed), ("Vary", "Origin")]
            return start_response(status, headers, exc_info)

        return self.app(environ, start)


class CorsFixedMotoServer(ThreadedMotoServer):
    """Also records which tables and buckets were written to (changes), so a save writes only those."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.changes = ChangeLog()

    def wrap(self, app):
        """The WSGI app the server runs around moto's (a subclass adds its own routes)."""
        return app

    def _server_entry(self) -> None:  # moto's own entry, with the WSGI app wrapped
        app = self.wrap(ObserveWrites(_FormPostCors(DomainDispatcherApplication(create_backend_app)), self.changes))
        self._server = make_server(self._ip_address, self._port, app, True, request_handler=MotoRequestHandler)
        self._server_ready_event.set()
        self._server.serve_forever()
