"""Test-wide environment: fake AWS credentials before moto or any boto3 client is imported."""
import os

os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true", "MOTO_DISABLE_GLOBAL_CORS": "true",
    # The chalice test client runs calls as the dev stage, which has no key without one configured.
    "JWT_SECRET": "tests-only-jwt-secret-0123456789abcdef0123456789abcdef",
    # ... and whose SMS provider would be Aliyun: tests read sent SMS from moto's SNS.
    "SMS_PROVIDER": "sns",
    # python-docx (dev only: it builds the plan library's documents) brings lxml, which openpyxl would then
    # use to write workbooks; the Lambda package has no lxml, so tests write them as production does.
    "OPENPYXL_LXML": "False",
})
os.environ.pop("AWS_ENDPOINT_URL", None)

# Argon2 at its production cost takes 0.2 s per hash or check, and the tests register and log in thousands of
# times (minutes of the suite). They take the same code path with argon2's smallest parameters; production keeps
# the library's defaults.
from argon2 import PasswordHasher  # noqa: E402

from chalicelib.services import passwords  # noqa: E402

passwords._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
passwords._DUMMY_HASH = passwords._hasher.hash("not-a-real-password-0")
