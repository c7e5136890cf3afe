"""How a provider call went wrong, in the three ways a sender must treat differently."""


class ProviderError(Exception):
    pass


class ProviderThrottled(ProviderError):
    """Nothing was sent: try the same batch again after `retry_after` seconds."""

    def __init__(self, retry_after: float, message: str = "短信服务商限流，稍后重试"):
        super().__init__(message)
        self.retry_after = retry_after


class ProviderRejected(ProviderError):
    """Nothing was sent: every message of the call failed for this reason."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class ProviderUncertain(ProviderError):
    """The provider may have accepted the call: never resend; record the messages as unknown."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
