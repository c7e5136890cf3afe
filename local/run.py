"""`python -m local.run` (what `make run` starts): the local stack until Ctrl-C or SIGTERM.

Settings (environment): LOCAL_HOST (127.0.0.1), API_PORT (8000), FRONTEND_PORT (8080),
MOTO_PORT (4566), ADMIN_PASSWORD (local-only default Admin12345), LOCAL_STATE_DIR (.local-state).
"""
import logging
import os
import signal
import sys
import threading

from local.stack import DEFAULT_ADMIN_PASSWORD, PROJECT_DIR, LocalStack, PortInUse

AUTOSAVE_SECONDS = 60


def stack_from_environment() -> LocalStack:
    return LocalStack(
        host=os.environ.get("LOCAL_HOST") or "127.0.0.1",
        api_port=int(os.environ.get("API_PORT") or 8000),
        frontend_port=int(os.environ.get("FRONTEND_PORT") or 8080),
        moto_port=int(os.environ.get("MOTO_PORT") or 4566),
        state_dir=os.environ.get("LOCAL_STATE_DIR") or PROJECT_DIR / ".local-state",
        admin_password=os.environ.get("ADMIN_PASSWORD") or DEFAULT_ADMIN_PASSWORD,
        persist=True,
        autosave_seconds=AUTOSAVE_SECONDS,
    )


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # SMS lines must show at once, even through a pipe
    # As `chalice local` does: the app's log lines go to the console like Lambda's would.
    logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(message)s")
    for library in ("botocore", "boto3", "pynamodb", "urllib3"):  # "Found credentials ..." on every client
        logging.getLogger(library).setLevel(logging.WARNING)
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    if not os.environ.get("ADMIN_PASSWORD"):
        print(f"ADMIN_PASSWORD is not set: the local admin gets the local-only default {DEFAULT_ADMIN_PASSWORD}.")
    stack = stack_from_environment()
    try:
        stack.start()
    except PortInUse as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    print("Press Ctrl-C to stop; the state is saved on exit and every minute.", flush=True)
    while not stopping.wait(0.5):
        pass
    print("\nStopping: saving local state ...", flush=True)
    stack.stop()
    print(f"Stopped. State saved in {stack.state_dir}.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
