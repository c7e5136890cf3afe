"""100,000 customers: the first import writes in batches, the same file again writes nothing.

Runs the real import service against moto's in-process DynamoDB and S3 and counts every
DynamoDB write request the customer table receives (a botocore hook, independent of our code).
"""
import argparse
import os
import time
from collections import Counter

WRITES = ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems")


def _customers_csv(count: int) -> bytes:
    lines = ["客户编码,客户名称,手机号,性别,生日,地区,身份证号,标签,短信同意"]
    lines += [f"C{n:07d},客户{n},138{n % 100000000:08d},{'男女'[n % 2]},1980-01-{1 + n % 28:02d},"
              f"广东省/深圳市,,会员,{'是否'[n % 2]}" for n in range(count)]
    return ("\n".join(lines) + "\n").encode()


def run(customers: int = 100_000) -> list[str]:
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_DEFAULT_REGION="us-east-1",
                      AWS_REGION="us-east-1")
    os.environ.pop("AWS_ENDPOINT_URL", None)
    from moto import mock_aws

    with mock_aws():
        return _measure(customers)


def _measure(customers: int) -> list[str]:
    from chalicelib import config
    from chalicelib.adapters.aws import client, reset_clients
    from chalicelib.adapters.models import ALL_MODELS, CustomerModel
    from chalicelib.domain.table_reader import read_table
    from chalicelib.domain.validation import validate
    from chalicelib.services.imports import customer_file

    reset_clients()
    for model in ALL_MODELS:
        model._connection = None
        model.create_table(wait=False)
    client("s3").create_bucket(Bucket=config.data_bucket())
    calls, items = Counter(), Counter()

    def count(event_name, params, **_):  # before-parameter-build: params are the API call's own
        operation = event_name.rsplit(".", 1)[-1]
        calls[operation] += 1
        if operation == "BatchWriteItem":
            items[operation] += sum(len(requests) for requests in params["RequestItems"].values())

    CustomerModel._get_connection().connection.client.meta.events.register("before-parameter-build.dynamodb", count)
    validated = validate(read_table(_customers_csv(customers), "customers.csv", "customers"))
    assert validated.ok, validated.errors[:3]
    lines = [f"customers: {customers:,} rows (moto in-process DynamoDB)"]
    for attempt in ("first import", "same file again"):
        calls.clear(), items.clear()
        started = time.perf_counter()
        outcome = customer_file.apply("bench-tenant", f"imp-{attempt[:5]}", validated, False, lambda _: None)
        seconds = time.perf_counter() - started
        writes = sum(calls[name] for name in WRITES)
        lines.append(f"  {attempt}: {seconds:6.1f} s, counts {outcome.counts}, DynamoDB write requests {writes:,} "
                     f"({calls['BatchWriteItem']:,} BatchWriteItem carrying {items['BatchWriteItem']:,} items, "
                     f"{calls['PutItem']:,} PutItem)")
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    print("\n".join(run(parser.parse_args().customers)))
