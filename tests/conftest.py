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
