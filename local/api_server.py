"""The API as `chalice local` serves it (chalice.local's dev server), in a daemon thread."""
import threading

from chalice.deploy.validate import validate_routes
from chalice.local import LocalChalice, LocalDevServer, create_local_server


class ApiServer:
    """chalice.local's dev server for app.app, run in a daemon thread."""

    def __init__(self, config, host: str, port: int):
        app = config.chalice_app  # imports app.py from the project directory
        validate_routes(app.routes)
        if isinstance(app, LocalChalice):  # converted by an earlier start in this process
            self.dev_server = LocalDevServer(app, config, host, port)
        else:
            self.dev_server = create_local_server(app, config, host, port)
        self.thread = threading.Thread(target=self.dev_server.server.serve_forever, name="api", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.dev_server.server.shutdown()
        self.dev_server.server.server_close()
        self.thread.join()
