"""Save the local tables and objects to disk and put them back on the next start.

Layout under the state directory:
    snapshot/tables/<LogicalId>.json         items as DynamoDB JSON (binary values base64)
    snapshot/buckets/<LogicalId>/index.json  [{key, file, etag, headers}]
    snapshot/buckets/<LogicalId>/objects/    one file per object, named by a hash of its key
A save is written beside the snapshot and renamed over it, so a crash never leaves half a snapshot.
"""
import base64
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from local.bootstrap import LocalResources

SNAPSHOT = "snapshot"
PREVIOUS = "snapshot.old"
_HEADERS = ("ContentType", "ContentDisposition", "ContentEncoding", "CacheControl", "Metadata")


def save(dynamodb, s3, resources: LocalResources, state_dir: Path) -> None:
    """Write a complete snapshot, then swap it in place of the previous one."""
    state_dir.mkdir(parents=True, exist_ok=True)
    previous = _snapshot_dir(state_dir)
    fresh = Path(tempfile.mkdtemp(prefix="snapshot.tmp-", dir=state_dir))
    try:
        for logical_id, table in resources.tables.items():
            _write_json(fresh / "tables" / f"{logical_id}.json", {"items": _scan(dynamodb, table)})
        for logical_id, bucket in resources.buckets.items():
            _save_bucket(s3, bucket, fresh / "buckets" / logical_id,
                         previous / "buckets" / logical_id if previous else None)
        _swap_in(fresh, state_dir)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def restore(dynamodb, s3, resources: LocalResources, state_dir: Path) -> dict:
    """Load the last snapshot into the (empty) tables and buckets; return counts per resource."""
    snapshot = _snapshot_dir(state_dir)
    counts = {}
    if snapshot is None:
        return counts
    for logical_id, table in resources.tables.items():
        path = snapshot / "tables" / f"{logical_id}.json"
        if path.exists():
            items = json.loads(path.read_text(encoding="utf-8"))["items"]
            _put_items(dynamodb, table, [_decode(item) for item in items])
            counts[logical_id] = len(items)
    for logical_id, bucket in resources.buckets.items():
        folder = snapshot / "buckets" / logical_id
        if (folder / "index.json").exists():
            counts[logical_id] = _restore_bucket(s3, bucket, folder)
    return counts


def _snapshot_dir(state_dir: Path) -> Path | None:
    # snapshot.old alone means a crash between the two renames of _swap_in.
    for name in (SNAPSHOT, PREVIOUS):
        if (state_dir / name).is_dir():
            return state_dir / name
    return None


def _swap_in(fresh: Path, state_dir: Path) -> None:
    current, old = state_dir / SNAPSHOT, state_dir / PREVIOUS
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        current.rename(old)
    fresh.rename(current)
    shutil.rmtree(old, ignore_errors=True)


def _scan(dynamodb, table: str) -> list:
    pages = dynamodb.get_paginator("scan").paginate(TableName=table)
    return [_encode(item) for page in pages for item in page["Items"]]


def _put_items(dynamodb, table: str, items: list) -> None:
    for start in range(0, len(items), 25):
        requests = {table: [{"PutRequest": {"Item": item}} for item in items[start:start + 25]]}
        while requests:
            requests = dynamodb.batch_write_item(RequestItems=requests).get("UnprocessedItems")


def _save_bucket(s3, bucket: str, folder: Path, previous: Path | None) -> None:
    known = _previous_files(previous)
    (folder / "objects").mkdir(parents=True)
    index = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for summary in page.get("Contents", []):
            key, etag = summary["Key"], summary["ETag"]
            file_name = hashlib.sha256(key.encode("utf-8")).hexdigest()
            entry = known.get((key, etag))
            if entry:  # unchanged since the last save: link instead of downloading again
                _link_or_copy(previous / "objects" / entry["file"], folder / "objects" / file_name)
                headers = entry["headers"]
            else:
                response = s3.get_object(Bucket=bucket, Key=key)
                (folder / "objects" / file_name).write_bytes(response["Body"].read())
                headers = {name: response[name] for name in _HEADERS if response.get(name)}
            index.append({"key": key, "file": file_name, "etag": etag, "headers": headers})
    _write_json(folder / "index.json", index)


def _previous_files(previous: Path | None) -> dict:
    if previous is None or not (previous / "index.json").exists():
        return {}
    entries = json.loads((previous / "index.json").read_text(encoding="utf-8"))
    return {(entry["key"], entry["etag"]): entry for entry in entries}


def _restore_bucket(s3, bucket: str, folder: Path) -> int:
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    for entry in index:
        body = (folder / "objects" / entry["file"]).read_bytes()
        s3.put_object(Bucket=bucket, Key=entry["key"], Body=body, **entry["headers"])
    return len(index)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _encode(value):
    """DynamoDB JSON -> plain JSON: binary values (B, BS) become base64 text."""
    return _convert(value, lambda raw: base64.b64encode(raw).decode("ascii"))


def _decode(value):
    return _convert(value, base64.b64decode)


def _convert(item: dict, binary) -> dict:
    return {name: _convert_value(attribute, binary) for name, attribute in item.items()}


def _convert_value(attribute: dict, binary) -> dict:
    (kind, value), = attribute.items()
    if kind == "B":
        return {kind: binary(value)}
    if kind == "BS":
        return {kind: [binary(raw) for raw in value]}
    if kind == "M":
        return {kind: _convert(value, binary)}
    if kind == "L":
        return {kind: [_convert_value(element, binary) for element in value]}
    return attribute
