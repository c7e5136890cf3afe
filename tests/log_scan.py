"""Catches every log line the code writes and finds the unmasked mainland mobiles in them."""
import logging

from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

from chalicelib.observability import MOBILE  # the pattern the production mask uses
from chalicelib.observability import logger as app_logger


class LogCapture(logging.Handler):
    """A handler on the root logger and on powertools' logger (which does not propagate): each record is
    formatted as production would write it (JSON, with the appended keys and any traceback), but before the
    production formatter's last-resort mask, so a mobile the code logs is found, not hidden."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self._loggers = [logging.getLogger(), app_logger._logger]

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(LambdaPowertoolsFormatter.format(app_logger.registered_formatter, record))
        except Exception:  # a record the JSON formatter cannot render: scan its plain text
            self.lines.append(logging.Formatter().format(record))

    def __enter__(self) -> "LogCapture":
        for each in self._loggers:
            each.addHandler(self)
        return self

    def __exit__(self, *_) -> None:
        for each in self._loggers:
            each.removeHandler(self)

    def with_mobiles(self) -> list[str]:
        """The captured lines that hold an unmasked mobile."""
        return [line for line in self.lines if MOBILE.search(line)]
