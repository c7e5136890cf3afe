"""Outside the local stage a missing JWT signing key fails closed: no key, no tokens, no start."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chalicelib import config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_key(monkeypatch):
    monkeypatch.delenv("JWT_SECRET", raising=False)
    monkeypatch.delenv("JWT_SECRET_PARAM", raising=False)
    return monkeypatch


@pytest.mark.parametrize("stage", ["dev", "prod", ""])
def test_without_a_key_no_stage_but_local_gets_one(no_key, stage):
    no_key.setenv("STAGE", stage)
    with pytest.raises(config.MissingSetting, match="JWT"):
        config.jwt_secret()


def test_the_local_stage_uses_the_local_key(no_key):
    no_key.setenv("STAGE", "local")
    assert config.jwt_secret() == config.LOCAL_JWT_SECRET
    config.require_signing_key()


def test_a_configured_key_is_used_in_any_stage(no_key):
    no_key.setenv("STAGE", "dev")
    no_key.setenv("JWT_SECRET", "a-configured-secret")
    assert config.jwt_secret() == "a-configured-secret"
    config.require_signing_key()


def test_a_deployed_lambda_without_a_key_refuses_to_start(no_key):
    no_key.setenv("STAGE", "dev")
    no_key.setenv("AWS_LAMBDA_FUNCTION_NAME", "jzyx-dev")
    with pytest.raises(config.MissingSetting):
        config.require_signing_key()
    refused = import_app(STAGE="dev", AWS_LAMBDA_FUNCTION_NAME="jzyx-dev")
    assert refused.returncode != 0 and "MissingSetting" in refused.stderr
    assert import_app(STAGE="dev", AWS_LAMBDA_FUNCTION_NAME="jzyx-dev",
                      JWT_SECRET_PARAM="/jzyx/dev/jwt-secret").returncode == 0


def test_packaging_imports_the_app_outside_lambda_without_a_key(no_key):
    # chalice package imports app.py under STAGE=dev; the key's name comes from the template
    assert import_app(STAGE="dev").returncode == 0


def import_app(**settings) -> subprocess.CompletedProcess:
    """Import app.py in a fresh interpreter, as a Lambda cold start does."""
    env = {name: value for name, value in os.environ.items() if name not in ("JWT_SECRET", "JWT_SECRET_PARAM")}
    return subprocess.run([sys.executable, "-c", "import app"], cwd=ROOT, env={**env, **settings},
                          capture_output=True, text=True, timeout=120)
