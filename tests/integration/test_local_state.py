"""The local stack's saved state (issue 9 item 16): a save writes only what changed, and a restart gets it all back.

moto runs as `make run` runs it (its threaded server, with the write observer); boto3 calls it over HTTP.
"""
import json
import socket
import urllib.request

import boto3
import pytest

from local import state
from local.bootstrap import bootstrap, load_template
from local.moto_server import CorsFixedMotoServer

REGION = "us-east-1"


class EmbeddedAws:
    def __init__(self, tmp_path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.server = CorsFixedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        self.server.start()
        self.dynamodb, self.s3 = (boto3.client(service, endpoint_url=self.url, region_name=REGION)
                                  for service in ("dynamodb", "s3"))
        self.state_dir = tmp_path / "state"
        self.resources = None
        self.start()

    def start(self):
        """Empty tables and buckets, then the saved state loaded, as LocalStack.start does."""
        self.resources = bootstrap(self.dynamodb, self.s3, load_template(), "http://127.0.0.1:9")
        counts = state.restore(self.s3, self.resources, self.state_dir, REGION)
        self.server.changes.clear()
        return counts

    def restart(self):
        self.reset()
        return self.start()

    def save(self) -> dict:
        return state.save(self.s3, self.resources, self.state_dir, self.server.changes, REGION)

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(f"{self.url}/moto-api/reset", method="POST"), timeout=10).close()

    def table(self, logical_id):
        return self.resources.tables[logical_id]

    def bucket(self, logical_id):
        return self.resources.buckets[logical_id]


@pytest.fixture
def embedded(tmp_path):
    aws = EmbeddedAws(tmp_path)
    yield aws
    aws.reset()
    aws.server.stop()


def files(state_dir) -> dict:
    """Every file of the state directory with what a rewrite would change (inode, modification time)."""
    return {str(path.relative_to(state_dir)): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in state_dir.rglob("*") if path.is_file()}


USER = {"username": {"S": "state-check"}, "user_id": {"S": "u-1"}, "account_type": {"S": "staff"},
        "photo": {"B": b"\x00\x01binary"}, "tags": {"L": [{"S": "会员"}, {"N": "3"}]},
        "limits": {"M": {"daily": {"N": "5"}, "blob": {"B": b"\xff"}}}, "codes": {"SS": ["a", "b"]},
        "active": {"BOOL": True}, "note": {"NULL": True}}


def fill(aws):
    aws.dynamodb.put_item(TableName=aws.table("UsersTable"), Item=USER)
    aws.dynamodb.batch_write_item(RequestItems={aws.table("CustomersTable"): [
        {"PutRequest": {"Item": {"tenant_id": {"S": "t-1"}, "customer_code": {"S": f"C{n:03d}"},
                                 "name": {"S": f"客户{n}"}}}} for n in range(20)]})
    aws.s3.put_object(Bucket=aws.bucket("UploadBucket"), Key="licenses/pending/证照.png", Body=b"PNG",
                      ContentType="image/png", Metadata={"tenant": "t-1"})
    for month in ("2025-01", "2025-02"):
        aws.s3.put_object(Bucket=aws.bucket("DataBucket"), Key=f"orders/t-1/{month}.npz", Body=month.encode() * 1000)


def test_a_save_after_no_change_writes_nothing(embedded):
    # Given a stack whose tables and objects have been saved once
    fill(embedded)
    first = embedded.save()
    assert first["objects"] == 3 and first["tables"]["UsersTable"] == 1 and first["tables"]["CustomersTable"] == 20
    before = files(embedded.state_dir)
    # When it is saved again after reads only (reads are no writes)
    embedded.dynamodb.scan(TableName=embedded.table("CustomersTable"))
    embedded.s3.get_object(Bucket=embedded.bucket("DataBucket"), Key="orders/t-1/2025-01.npz")
    again = embedded.save()
    # Then nothing is written: no table, no object, no manifest
    assert again == {"tables": {}, "objects": 0}
    assert files(embedded.state_dir) == before


def test_only_the_changed_table_and_the_new_object_are_written(embedded):
    # Given saved state
    fill(embedded)
    embedded.save()
    before = files(embedded.state_dir)
    # When one customer is updated and one object is added and another overwritten
    embedded.dynamodb.update_item(TableName=embedded.table("CustomersTable"),
                                  Key={"tenant_id": {"S": "t-1"}, "customer_code": {"S": "C007"}},
                                  UpdateExpression="SET rfm_class = :c",
                                  ExpressionAttributeValues={":c": {"S": "重要价值"}})
    data = embedded.bucket("DataBucket")
    embedded.s3.put_object(Bucket=data, Key="orders/t-1/2025-03.npz", Body=b"march")
    embedded.s3.put_object(Bucket=data, Key="orders/t-1/2025-02.npz", Body=b"february, corrected")
    written = embedded.save()
    after = files(embedded.state_dir)
    # Then the customers table and the two new versions are written, and nothing else
    assert written == {"tables": {"CustomersTable": 20}, "objects": 2}
    changed = {name for name in after if before.get(name) != after[name]}
    assert "tables/CustomersTable.jsonl" in changed and "buckets/DataBucket/manifest.json" in changed
    assert not any(name.startswith(("tables/UsersTable", "buckets/UploadBucket")) for name in changed)
    assert len([name for name in changed if "/objects/" in name]) == 2
    # And the replaced object's old file is gone: one file per object left
    assert len([name for name in after if name.startswith("buckets/DataBucket/objects/")]) == 3


def test_a_restart_gives_back_every_item_and_object(embedded):
    # Given saved items of every attribute type and objects with their headers, some changed after a first save
    fill(embedded)
    embedded.save()
    embedded.s3.delete_object(Bucket=embedded.bucket("DataBucket"), Key="orders/t-1/2025-01.npz")
    embedded.dynamodb.delete_item(TableName=embedded.table("CustomersTable"),
                                  Key={"tenant_id": {"S": "t-1"}, "customer_code": {"S": "C000"}})
    embedded.save()
    # When moto is emptied and the state loaded again, as on the next `make run`
    counts = embedded.restart()
    # Then every item is back as it was, binary and nested values included, and the deleted ones stay deleted
    assert counts["UsersTable"] == 1 and counts["CustomersTable"] == 19
    restored = embedded.dynamodb.get_item(TableName=embedded.table("UsersTable"),
                                          Key={"username": {"S": "state-check"}})
    assert restored["Item"] == USER
    customers = embedded.dynamodb.scan(TableName=embedded.table("CustomersTable"))["Items"]
    assert sorted(item["customer_code"]["S"] for item in customers) == [f"C{n:03d}" for n in range(1, 20)]
    # And the objects with their content type and metadata
    upload = embedded.s3.get_object(Bucket=embedded.bucket("UploadBucket"), Key="licenses/pending/证照.png")
    assert upload["Body"].read() == b"PNG" and upload["ContentType"] == "image/png"
    assert upload["Metadata"] == {"tenant": "t-1"}
    keys = [item["Key"] for item in embedded.s3.list_objects_v2(Bucket=embedded.bucket("DataBucket"))["Contents"]]
    assert keys == ["orders/t-1/2025-02.npz"]
    # And a save right after the restart writes nothing: what was loaded is what was saved
    before = files(embedded.state_dir)
    assert embedded.save() == {"tables": {}, "objects": 0}
    assert files(embedded.state_dir) == before


def test_a_failed_save_is_tried_again_by_the_next_one(embedded, monkeypatch):
    # Given saved state, then a change
    fill(embedded)
    embedded.save()
    embedded.dynamodb.put_item(TableName=embedded.table("UsersTable"), Item={**USER, "user_id": {"S": "u-2"}})
    # When the save of the tables fails (e.g. the disk is full)
    real_dump = state._dump_tables
    monkeypatch.setattr(state, "_dump_tables", lambda *_: (_ for _ in ()).throw(OSError("No space left on device")))
    with pytest.raises(OSError):
        embedded.save()
    monkeypatch.setattr(state, "_dump_tables", real_dump)
    # Then the next save still writes the changed table
    assert embedded.save()["tables"] == {"UsersTable": 1}
    saved = (embedded.state_dir / "tables" / "UsersTable.jsonl").read_text(encoding="utf-8")
    assert json.loads(saved)["user_id"] == {"S": "u-2"}


def test_state_saved_by_the_previous_layout_is_restored_and_replaced(embedded):
    # Given a state directory as the earlier stack wrote it (snapshot/, every table and object in full)
    legacy = embedded.state_dir / "snapshot"
    (legacy / "tables").mkdir(parents=True)
    item = {"username": {"S": "old"}, "photo": {"B": "AAE="}}
    (legacy / "tables" / "UsersTable.json").write_text(json.dumps({"items": [item]}), encoding="utf-8")
    objects = legacy / "buckets" / "UploadBucket" / "objects"
    objects.mkdir(parents=True)
    (objects / "f1").write_bytes(b"old file")
    (objects.parent / "index.json").write_text(json.dumps(
        [{"key": "a.txt", "file": "f1", "etag": '"x"', "headers": {"ContentType": "text/plain"}}]))
    # When the stack starts and saves
    assert embedded.restart() == {"UsersTable": 1, "UploadBucket": 1}
    embedded.save()
    # Then everything is in the new layout, the old one is gone, and a restart still has it
    assert not legacy.exists() and (embedded.state_dir / "tables" / "UsersTable.jsonl").exists()
    embedded.restart()
    got = embedded.dynamodb.get_item(TableName=embedded.table("UsersTable"), Key={"username": {"S": "old"}})["Item"]
    assert got["photo"] == {"B": b"\x00\x01"}
    assert embedded.s3.get_object(Bucket=embedded.bucket("UploadBucket"), Key="a.txt")["Body"].read() == b"old file"


def test_without_fork_the_tables_are_saved_from_the_stack_s_own_thread(embedded, monkeypatch):
    # Given a platform where forking a threaded process is unsafe (macOS)
    monkeypatch.setattr(state.sys, "platform", "darwin")
    fill(embedded)
    # When the state is saved and loaded again
    assert embedded.save()["tables"]["CustomersTable"] == 20
    embedded.restart()
    # Then the items are back all the same
    restored = embedded.dynamodb.get_item(TableName=embedded.table("UsersTable"),
                                          Key={"username": {"S": "state-check"}})
    assert restored["Item"] == USER
