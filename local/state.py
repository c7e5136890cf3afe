"""Save the local tables and objects to disk, writing only what changed, and put them back on the next start.

Layout under the state directory:
    tables/<LogicalId>.jsonl                  one item a line, as DynamoDB JSON on the wire (binary as base64)
    buckets/<LogicalId>/manifest.json         [{key, file, etag, headers}] of the objects' latest versions
    buckets/<LogicalId>/objects/<file>        one file per key and ETag, written once, never rewritten

A save writes a table only if a write reached it since the last save (local.changes), and an object
only if its key or ETag is new; with nothing changed it writes nothing. Every file is written beside
its final name and renamed over it; a manifest is replaced only after the object files it names are
complete, and object files no manifest names are removed after that. A crash therefore loses at most
the writes since the last save. As before, a versioned bucket keeps its latest versions only (the
application never reads an older version).

The tables are read from moto's in-process backend in a forked child (on Linux): the child has a
copy-on-write snapshot of the tables as they were at the fork, so the API keeps its interpreter while
the child (at a lower priority) turns the items into text, and the only memory the save adds is the
pages the child touches of the tables it writes. The objects are fetched through the S3 API and
streamed to their files.

An older state directory (`snapshot/`, every table and object rewritten each time) is still restored;
the first save then writes the new layout and removes it.
"""
import base64
import gc
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

from local.bootstrap import LocalResources
from local.changes import EVERYTHING, ChangeLog

TABLES, BUCKETS, MANIFEST, OBJECTS = "tables", "buckets", "manifest.json", "objects"
LEGACY = ("snapshot", "snapshot.old")
PARTIAL = ".partial"
_HEADERS = ("ContentType", "ContentDisposition", "ContentEncoding", "CacheControl", "Metadata")
_CHUNK = 1 << 20


def save(s3, resources: LocalResources, state_dir: Path, changes: ChangeLog, region: str) -> dict:
    """Write what changed since the last save; return what was written ({"tables": {id: items}, "objects": n})."""
    tables, buckets = changes.take()
    try:
        return _save(s3, resources, Path(state_dir), tables, buckets, region)
    except BaseException:
        changes.mark(tables, buckets)  # not saved: the next save tries them again
        raise


def restore(s3, resources: LocalResources, state_dir: Path, region: str) -> dict:
    """Load the saved state into the (empty) tables and buckets; return counts per resource."""
    state_dir = Path(state_dir)
    legacy = _legacy_dir(state_dir)  # removed only once a save in this layout is complete
    if legacy:
        return _restore_legacy(s3, resources, legacy, region)
    counts = {}
    for logical_id, name in resources.tables.items():
        path = state_dir / TABLES / f"{logical_id}.jsonl"
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                counts[logical_id] = _put_items(name, region, (json.loads(line) for line in lines))
    for logical_id, bucket in resources.buckets.items():
        folder = state_dir / BUCKETS / logical_id
        if (folder / MANIFEST).exists():
            counts[logical_id] = _restore_bucket(s3, bucket, folder, _read_json(folder / MANIFEST))
    return counts


def _save(s3, resources, state_dir: Path, tables: set, buckets: set, region: str) -> dict:
    (state_dir / TABLES).mkdir(parents=True, exist_ok=True)
    due = {logical_id: name for logical_id, name in resources.tables.items()
           if name in tables or EVERYTHING in tables or not (state_dir / TABLES / f"{logical_id}.jsonl").exists()}
    written = {"tables": _dump_tables(due, state_dir / TABLES, region) if due else {}, "objects": 0}
    manifests = {}
    for logical_id, bucket in resources.buckets.items():
        folder = state_dir / BUCKETS / logical_id
        if bucket in buckets or not (folder / MANIFEST).exists():
            manifests[logical_id], fetched = _stage_bucket(s3, bucket, folder)
            written["objects"] += fetched
    # Commit: every new file is complete; each rename is atomic.
    for logical_id in due:
        final = state_dir / TABLES / f"{logical_id}.jsonl"
        os.replace(final.with_name(final.name + PARTIAL), final)
    for logical_id, staged in manifests.items():
        folder = state_dir / BUCKETS / logical_id
        if staged is not None:
            os.replace(staged, folder / MANIFEST)
        _prune(folder)
    for name in LEGACY:  # superseded once every resource has been written in this layout
        shutil.rmtree(state_dir / name, ignore_errors=True)
    return written


# --- tables ---------------------------------------------------------------------------------------

def _moto_tables(names: dict, region: str) -> dict:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][region]
    return {key: backend.get_table(name) for key, name in names.items()}


def _dump_tables(due: dict, folder: Path, region: str) -> dict:
    """Write each table's items to <LogicalId>.jsonl.partial; return items per table."""
    tables = _moto_tables(due, region)  # looked up before any fork: moto's backend lookup takes a lock
    paths = {logical_id: folder / f"{logical_id}.jsonl{PARTIAL}" for logical_id in due}
    if not hasattr(os, "fork") or sys.platform != "linux":  # fork with threads is unsafe on macOS
        return _write_tables(tables, paths, consistent=False)
    return _in_forked_child(lambda: _write_tables(tables, paths, consistent=True))


def _write_tables(tables: dict, paths: dict, consistent: bool) -> dict:
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_base64).encode
    counts = {}
    for logical_id, table in tables.items():
        with paths[logical_id].open("w", encoding="utf-8", buffering=_CHUNK) as out:
            count = 0
            for item in _items(table, consistent):
                out.write(encode(item.to_json()["Attributes"]))
                out.write("\n")
                count += 1
        counts[logical_id] = count
    return counts


def _base64(value):
    """moto holds binary values as bytes where the wire has base64 text (as its own responses encode them)."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} in a DynamoDB item")


def _items(table, consistent: bool):
    """A table's items; in a thread of the running stack, over copies of moto's dicts (writes go on)."""
    if consistent:  # a forked child: nothing else runs
        for value in table.items.values():
            yield from (value.values() if table.range_key_attr else (value,))
        return
    for value in list(table.items.values()):
        yield from (list(value.values()) if table.range_key_attr else (value,))


def _in_forked_child(work):
    """Run work() in a forked child; its JSON-able result, or RuntimeError if it failed."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no other thread exists here, and nothing may wait on a lock another held
        status = 1
        try:
            os.close(reader)
            gc.disable()  # a collection would touch, and so copy, every object of the parent
            os.nice(10)  # on a busy machine the API's process gets the cores first
            result = {"result": work(), "private_bytes": _private_bytes()}
            os.write(writer, json.dumps(result).encode())
            status = 0
        except BaseException as error:  # noqa: BLE001  (reported to the parent through the exit status)
            try:
                os.write(2, f"[local] saving tables failed: {error!r}\n".encode())
            except OSError:
                pass
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as answer:
        data = answer.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        raise RuntimeError(f"the child saving the tables failed (status {status})")
    report = json.loads(data)
    LAST_CHILD.update(private_bytes=report["private_bytes"], at=time.time())
    return report["result"]


LAST_CHILD = {}  # the last forked save's private memory: what the save added beside the stack (bench/)


def _private_bytes() -> int:
    """Memory this process does not share with its parent: pages it copied or allocated."""
    try:
        with open("/proc/self/smaps_rollup") as rollup:
            return sum(int(line.split()[1]) * 1024 for line in rollup if line.startswith("Private_"))
    except OSError:
        return 0


def _put_items(name: str, region: str, items) -> int:
    """Straight into moto's table: no HTTP round trip, no events for restored items.

    Table.put_item re-checks the item's size once per attribute (about 0.6 ms an item: 100,000
    customers took a minute); the saved items were checked when first written, so they are placed
    the way put_item places them (moto is pinned in requirements-dev.txt; the restore tests cover it).
    """
    from moto.dynamodb.models.dynamo_type import DynamoType, Item

    table = _moto_tables({name: name}, region)[name]
    if table.stream_shard is not None:  # a stream must see each put: moto's own path
        return sum(1 for item in items if table.put_item(item))
    hash_name, range_name, count = table.hash_key_attr, table.range_key_attr, 0
    for attributes in items:
        item = Item(DynamoType(attributes[hash_name]),
                    DynamoType(attributes[range_name]) if range_name else None, {})
        dict.update(item.attrs, {key: DynamoType(value) for key, value in attributes.items()})
        if range_name:
            table.items[item.hash_key][item.range_key] = item
        else:
            table.items[item.hash_key] = item
        count += 1
    return count


# --- buckets --------------------------------------------------------------------------------------

def _stage_bucket(s3, bucket: str, folder: Path) -> tuple:
    """Fetch the objects whose key or ETag is new; a new manifest beside the old one, or None if unchanged."""
    (folder / OBJECTS).mkdir(parents=True, exist_ok=True)
    previous = {entry["key"]: entry for entry in _read_json(folder / MANIFEST)} if (folder / MANIFEST).exists() else {}
    entries, fetched = [], 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for summary in page.get("Contents", []):
            known = previous.get(summary["Key"])
            if known and known["etag"] == summary["ETag"] and (folder / OBJECTS / known["file"]).exists():
                entries.append(known)
                continue
            entry = _fetch(s3, bucket, summary["Key"], folder / OBJECTS)
            if entry:
                entries.append(entry)
                fetched += 1
    if previous and entries == list(previous.values()):
        return None, fetched
    staged = folder / (MANIFEST + PARTIAL)
    _write_json(staged, entries)
    return staged, fetched


def _fetch(s3, bucket: str, key: str, objects: Path) -> dict | None:
    try:
        response = s3.get_object(Bucket=bucket, Key=key)
    except s3.exceptions.NoSuchKey:
        return None  # deleted since the listing
    etag = response["ETag"]
    file_name = (hashlib.sha256(key.encode("utf-8")).hexdigest()[:40] + "-"
                 + hashlib.sha256(etag.encode("utf-8")).hexdigest()[:16])
    partial = objects / (file_name + PARTIAL)
    with partial.open("wb") as out:
        for chunk in response["Body"].iter_chunks(_CHUNK):
            out.write(chunk)
    os.replace(partial, objects / file_name)
    return {"key": key, "file": file_name, "etag": etag,
            "headers": {name: response[name] for name in _HEADERS if response.get(name)}}


def _prune(folder: Path) -> None:
    """Remove object files the manifest no longer names (replaced, deleted, or left by a crash)."""
    named = {entry["file"] for entry in _read_json(folder / MANIFEST)} if (folder / MANIFEST).exists() else set()
    for path in (folder / OBJECTS).iterdir():
        if path.name not in named:
            path.unlink(missing_ok=True)


def _restore_bucket(s3, bucket: str, folder: Path, entries: list) -> int:
    for entry in entries:
        with (folder / OBJECTS / entry["file"]).open("rb") as body:
            s3.put_object(Bucket=bucket, Key=entry["key"], Body=body, **entry["headers"])
    return len(entries)


# --- files ----------------------------------------------------------------------------------------

def _read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False)


# --- the older layout (restore only) --------------------------------------------------------------

def _legacy_dir(state_dir: Path) -> Path | None:
    for name in LEGACY:  # snapshot.old alone: a crash between the two renames of the old save
        if (state_dir / name).is_dir():
            return state_dir / name
    return None


def _restore_legacy(s3, resources, snapshot: Path, region: str) -> dict:
    counts = {}
    for logical_id, name in resources.tables.items():
        path = snapshot / TABLES / f"{logical_id}.json"
        if path.exists():
            counts[logical_id] = _put_items(name, region, _read_json(path)["items"])
    for logical_id, bucket in resources.buckets.items():
        folder = snapshot / BUCKETS / logical_id
        if (folder / "index.json").exists():
            counts[logical_id] = _restore_bucket(s3, bucket, folder, _read_json(folder / "index.json"))
    return counts
