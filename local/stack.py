"""LocalStack: the whole product on one host, with moto as the embedded AWS in a process of its own.

start(): environment -> moto's process (local/moto_process.py) -> tables and buckets from
infra/resources.json -> saved state restored (in moto's process) -> seed data -> API (chalice.local)
-> frontend server. stop(): servers down -> state saved -> moto's process stopped -> environment put
back, so tests can start and stop a stack inside one pytest process.

Event pumps: infra/ routes S3 "Object Created" events through EventBridge to SQS (moto does the
same); pump threads started after the API (and stopped first) receive from the import queue and
the analysis queue and call the same handlers the Lambda SQS triggers call, several messages at
once as Lambda does (one tenant's long import does not hold back another's). Beside them, a
scheduler fires the monthly analysis at 02:00 China time on the 1st, as the EventBridge schedule
does; `make monthly` (local/monthly.py) fires it on demand against a running stack.

Campaigns (issue 12): a pump on the campaign queue runs the campaign worker; the campaign clock fires every
15 s (a minute in AWS), 生日关怀 daily at 09:00 China time, the template review poll every 3 s (the local
provider approves after a few seconds), and the SMS simulator posts delivery receipts and replies.
"""
import os
import socket
import sys
import threading
from pathlib import Path

import boto3
from chalice.cli.factory import CLIFactory

from local.api_server import ApiServer
from local.bootstrap import LOCAL_NAMES, bootstrap, load_template
from local.event_pump import EventPump
from local.moto_process import MotoProcess
from local.scheduler import MonthlyScheduler, Repeating
from local.static import FrontendServer

PROJECT_DIR = Path(__file__).resolve().parent.parent
PRODUCT = "精准营销云"
DEFAULT_ADMIN_PASSWORD = "Admin12345"  # local only: the seeded admin of a stack nobody else reaches
QUEUE_VARIABLES = {"IMPORT_QUEUE_URL": "ImportQueue", "ANALYSIS_QUEUE_URL": "AnalysisQueue",
                   "CAMPAIGN_QUEUE_URL": "CampaignQueue", "DATA_JOB_QUEUE_URL": "DataJobQueue"}


class PortInUse(RuntimeError):
    pass


class LocalStack:
    """Context manager running moto, the API and the frontend on one host."""

    # Many arguments, by design: settings, each with a default.
    def __init__(self, host="127.0.0.1", api_port=8000, frontend_port=8080, moto_port=4566,  # noqa: PLR0913
                 state_dir=None, admin_password=DEFAULT_ADMIN_PASSWORD, persist=True,
                 autosave_seconds=None, project_dir=PROJECT_DIR):
        self.host = host
        self.api_port, self.frontend_port, self.moto_port = api_port, frontend_port, moto_port
        self.project_dir = Path(project_dir)
        self.state_dir = Path(state_dir) if state_dir else self.project_dir / ".local-state"
        self.admin_password = admin_password
        self.persist = persist
        self.autosave_seconds = autosave_seconds
        self.resources = None
        self.logins = []  # (label, username, password) from the seed
        self._saved_environ = {}  # name -> value before start (None: was unset)
        self._moto = self._api = self._frontend = self._autosaver = None
        self._pumps = []
        self._stopping = threading.Event()
        self._save_lock = threading.Lock()
        self._may_save = False

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.api_port}"

    @property
    def frontend_url(self) -> str:
        return f"http://{self.host}:{self.frontend_port}"

    @property
    def moto_url(self) -> str:
        return f"http://{self.host}:{self.moto_port}"

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *_):
        self.stop()

    def start(self) -> None:
        for port, variable in ((self.moto_port, "MOTO_PORT"), (self.api_port, "API_PORT"),
                               (self.frontend_port, "FRONTEND_PORT")):
            _check_free(self.host, port, variable)
        try:
            self._start_services()
        except BaseException:
            self.stop()
            raise
        self._print_banner()

    def _start_services(self) -> None:
        self._set_environment()  # before moto's process (it reads MOTO_* at import) or any boto3 client
        self._moto = MotoProcess(self.host, self.moto_port, self.state_dir)
        self._moto.start()
        _forget_aws_connections()
        self.resources = bootstrap(self._client("dynamodb"), self._client("s3"), load_template(),
                                   self.frontend_url, sqs=self._client("sqs"), events=self._client("events"))
        self._setenv({variable: self.resources.queues[queue] for variable, queue in QUEUE_VARIABLES.items()})
        if self.persist:
            self._moto.restore()
            self._may_save = True  # never overwrite a snapshot we have not loaded
        from chalicelib.services.plans.library_seed import seed_library
        from local.demo.seed import seed_local
        from local.plan_library_cache import document_of

        self.logins = list(seed_local(self.admin_password))
        seed_library(document_of)
        self._api = self._start_api()
        self._pumps = self._start_pumps()
        self._frontend = FrontendServer(self.host, self.frontend_port,
                                        self.project_dir / "frontend" / "dist", self.api_url)
        self._frontend.start()
        if self.persist and self.autosave_seconds:
            self._autosaver = threading.Thread(target=self._autosave, name="autosave", daemon=True)
            self._autosaver.start()

    def stop(self) -> None:
        """Stop the servers, save state, empty and stop moto; safe after a failed start."""
        self._stopping.set()
        if self._autosaver:
            self._autosaver.join()
        for server in (*self._pumps, self._api, self._frontend):
            if server:
                server.stop()
        try:
            if self._moto and self._may_save:
                self.save()
        finally:
            if self._moto:
                self._moto.stop()
            _forget_aws_connections()
            self._restore_environment()
            self._api = self._frontend = self._moto = self._autosaver = None
            self._pumps = []
            self._may_save = False
            self._stopping.clear()

    def save(self) -> dict:
        """Write the tables and objects changed since the last save to the state directory; return what was."""
        with self._save_lock:
            return self._moto.save()

    def _autosave(self) -> None:
        while not self._stopping.wait(self.autosave_seconds):
            try:
                self.save()
            except Exception as error:  # keep serving; the save on exit tries again
                print(f"[local] saving state failed: {error!r}", file=sys.stderr, flush=True)

    def _set_environment(self) -> None:
        # OPENPYXL_LXML: workbooks written as in Lambda, which has no lxml (python-docx brings it here)
        self._setenv({**_aws_environment(self.moto_url), "MOTO_DISABLE_GLOBAL_CORS": "true", "SMS_ECHO": "true",
                      "FRONTEND_ORIGIN": self.frontend_url, "OPENPYXL_LXML": "False"})

    def _setenv(self, values: dict) -> None:
        for name, value in values.items():
            self._saved_environ.setdefault(name, os.environ.get(name))
            _putenv(name, value)

    def _restore_environment(self) -> None:
        saved, self._saved_environ = self._saved_environ, {}
        for name, value in saved.items():
            _putenv(name, value)

    def _start_api(self) -> ApiServer:
        config = CLIFactory(str(self.project_dir)).create_config_obj(chalice_stage_name="local")
        self._setenv(dict(config.environment_variables))  # what `chalice local` would set
        api = ApiServer(config, self.host, self.api_port)
        api.start()
        return api

    def _start_pumps(self) -> list:
        from chalicelib.events import analyses, imports
        from chalicelib.services.analyses import monthly

        pumps = [EventPump(self._client("sqs"), self.resources.queues["ImportQueue"], imports.handle_message,
                           "import-pump"),
                 EventPump(self._client("sqs"), self.resources.queues["AnalysisQueue"], analyses.handle_message,
                           "analysis-pump"),
                 MonthlyScheduler(monthly.fan_out), *self._campaign_pumps(), *self._platform_pumps()]
        for pump in pumps:
            pump.start()
        return pumps

    def _platform_pumps(self) -> list:
        from chalicelib.events import daily, data_jobs, housekeeping

        return [EventPump(self._client("sqs"), self.resources.queues["DataJobQueue"], data_jobs.handle_message,
                          "data-job-pump"),
                Repeating(daily.run_daily, 0, "platform-daily", daily_hour=8),
                Repeating(housekeeping.run_housekeeping, 3600, "housekeeping"),  # hourly, as the Lambda schedule
                Repeating(data_jobs.run_due_deletions, 0, "due-deletions", daily_hour=3)]

    def _campaign_pumps(self) -> list:
        from chalicelib.events import campaigns
        from chalicelib.services.campaigns import birthday, clock
        from chalicelib.services.sms import template_review
        from local.sms_simulator import SmsSimulator

        return [EventPump(self._client("sqs"), self.resources.queues["CampaignQueue"], campaigns.handle_message,
                          "campaign-pump"),
                Repeating(clock.tick, 15, "campaign-clock"),
                Repeating(birthday.run, 0, "birthday-campaigns", daily_hour=9),
                Repeating(lambda _due: template_review.poll(), 3, "template-reviews"),
                SmsSimulator(self.api_url)]

    def _client(self, service: str):
        return boto3.client(service, endpoint_url=self.moto_url, region_name=os.environ["AWS_REGION"])

    def _print_banner(self) -> None:
        lines = [
            f"{PRODUCT} — local stack is running",
            f"  User portal    {self.frontend_url}/",
            f"  Admin portal   {self.frontend_url}/admin/",
            f"  API            {self.api_url}",
            f"  Embedded AWS   {self.moto_url}  (moto: DynamoDB, S3, SQS, SNS, EventBridge)",
            f"  Saved state    {self.state_dir if self.persist else '(not kept)'}",
            "Logins (local only — never use these passwords anywhere else):",
            *(f"  {label}: {username} / {password}" for label, username, password in self.logins),
            "SMS (login codes included) are printed below as lines starting with [短信].",
        ]
        print("\n".join(lines), flush=True)


def point_at_running_stack(host: str, moto_port: int) -> None:
    """Environment for a command run beside `make run` (e.g. `make monthly`): its moto and its queues."""
    endpoint = f"http://{host}:{moto_port}"
    for name, value in _aws_environment(endpoint).items():
        _putenv(name, value)
    sqs = boto3.client("sqs", endpoint_url=endpoint, region_name=os.environ["AWS_REGION"])
    for variable, queue in QUEUE_VARIABLES.items():
        try:
            os.environ[variable] = sqs.get_queue_url(QueueName=LOCAL_NAMES[queue]())["QueueUrl"]
        except Exception:
            raise SystemExit(f"本地服务未运行（{endpoint} 无法访问或没有 {queue}）：请先在另一个终端运行 make run") from None


def _aws_environment(endpoint: str) -> dict:
    """boto3 and PynamoDB pointed at the embedded AWS (None: unset)."""
    region = os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    return {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": region,
            "AWS_REGION": os.environ.get("AWS_REGION") or region, "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ENDPOINT_URL": endpoint,
            # A developer's real AWS settings must not leak into the local stack.
            "AWS_PROFILE": None, "AWS_SESSION_TOKEN": None, "JWT_SECRET_PARAM": None}


def _putenv(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _check_free(host: str, port: int, variable: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortInUse(f"{host}:{port} is not available ({error.strerror}); "
                            f"stop what uses it or set {variable} to another port") from None


def _forget_aws_connections() -> None:
    """Drop cached boto3 clients and PynamoDB connections: the endpoint has changed."""
    from chalicelib.adapters.aws import reset_clients
    from chalicelib.adapters.models import ALL_MODELS

    reset_clients()
    for model in ALL_MODELS:
        model._connection = None  # PynamoDB caches one per model class
