"""The tests' and the local stack's moto keeps what TransactWriteItems means while no longer copying whole tables:
a cancelled transaction changes nothing, a successful one writes everything, a table backup is still a copy."""
import copy

import pytest
from botocore.exceptions import ClientError
from moto.core import DEFAULT_ACCOUNT_ID
from moto.dynamodb.models import dynamodb_backends

from chalicelib import config
from chalicelib.adapters.aws import client

TABLE = "moto-transactions"


@pytest.fixture
def table(aws):
    dynamodb = client("dynamodb")
    dynamodb.create_table(TableName=TABLE, BillingMode="PAY_PER_REQUEST",
                          KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                          AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                {"AttributeName": "sk", "AttributeType": "S"}])
    for sk in ("kept", "updated", "deleted"):
        dynamodb.put_item(TableName=TABLE, Item={"pk": {"S": "p"}, "sk": {"S": sk}, "n": {"N": "1"}})
    yield dynamodb
    dynamodb.delete_table(TableName=TABLE)


def items(dynamodb) -> dict:
    found = dynamodb.query(TableName=TABLE, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}})
    return {item["sk"]["S"]: int(item["n"]["N"]) for item in found["Items"]}


def writes(fail: bool) -> list:
    key = {"pk": {"S": "p"}}
    return [{"Put": {"TableName": TABLE, "Item": {**key, "sk": {"S": "new"}, "n": {"N": "7"}}}},
            {"Update": {"TableName": TABLE, "Key": {**key, "sk": {"S": "updated"}}, "UpdateExpression": "SET n = n + :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}}}},
            {"Delete": {"TableName": TABLE, "Key": {**key, "sk": {"S": "deleted"}}}},
            {"ConditionCheck": {"TableName": TABLE, "Key": {**key, "sk": {"S": "kept"}}, "ConditionExpression": "n = :n",
                                "ExpressionAttributeValues": {":n": {"N": "2" if fail else "1"}}}}]


def test_a_cancelled_transaction_changes_nothing(table):
    with pytest.raises(ClientError, match="TransactionCanceled"):
        table.transact_write_items(TransactItems=writes(fail=True))
    assert items(table) == {"kept": 1, "updated": 1, "deleted": 1}


def test_a_transaction_naming_one_item_twice_is_refused_and_changes_nothing(table):
    twice = writes(fail=False)[:2] + [{"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "p"}, "sk": {"S": "new"}}}}]
    with pytest.raises(ClientError):
        table.transact_write_items(TransactItems=twice)
    assert items(table) == {"kept": 1, "updated": 1, "deleted": 1}


def test_a_successful_transaction_writes_every_item(table):
    table.transact_write_items(TransactItems=writes(fail=False))
    assert items(table) == {"kept": 1, "updated": 2, "new": 7}


def test_a_copy_of_a_table_outside_a_transaction_is_still_a_deep_copy(table):
    stored = dynamodb_backends[DEFAULT_ACCOUNT_ID][config.region()].tables[TABLE]
    backup = copy.deepcopy(stored)
    table.delete_item(TableName=TABLE, Key={"pk": {"S": "p"}, "sk": {"S": "kept"}})
    [copied] = backup.items.values()
    assert backup is not stored and len(copied) == 3 and items(table) == {"updated": 1, "deleted": 1}
