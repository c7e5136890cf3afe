"""The API as `chalice local` serves it (chalice.local's dev server), in a daemon thread."""
import threading

from chalice.deploy.validate import validate_routes
from chalice.local import CustomLocalChalice, LocalChalice, LocalDevServer, ThreadedHTTPServer

from chalicelib import config as app_config
from local.bootstrap import load_template
from local.gateway import GatewayResponses, handler_class


class _ManyConnectionsServer(ThreadedHTTPServer):
    # socketserver listens with a backlog of 5: 50 users connecting at once (bench/load.py) overflowed it and
    # the kernel dropped their connections, which the clients retried after 1, 2, 4 … s (logins took 47 s).
    request_queue_size = 128


class ApiServer:
    """chalice.local's dev server for app.app, run in a daemon thread, refusing as API Gateway does."""

    def __init__(self, config, host: str, port: int):
        app = config.chalice_app  # imports app.py from the project directory
        validate_routes(app.routes)
        if not isinstance(app, LocalChalice):  # as chalice.local.create_local_server converts it
            CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
            app.__class__ = CustomLocalChalice
        responses = GatewayResponses(load_template(), app_config.frontend_origin())
        self.dev_server = LocalDevServer(app, config, host, port, handler_cls=handler_class(responses),
                                         server_cls=_ManyConnectionsServer)
        self.thread = threading.Thread(target=self.dev_server.server.serve_forever, name="api", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.dev_server.server.shutdown()
        self.dev_server.server.server_close()
        self.thread.join()
