"""Where a tenant's objects live in S3: every "<area>/<tenant_id>/" prefix of the upload and data buckets.

Found by listing each bucket's top-level areas (customers/, orders/, imports/, jobs/, exports/, drop/,
campaigns/, sms/, ...) and looking under each for the tenant's id, so a key layout added later is
counted and deleted too. The licence image (licenses/pending/<random>) is found through the tenant item."""
from chalicelib import config
from chalicelib.adapters.aws import client


def buckets() -> list[str]:
    return [config.upload_bucket(), config.data_bucket()]


def _areas(bucket: str) -> list[str]:
    pages = client("s3").get_paginator("list_objects_v2").paginate(Bucket=bucket, Delimiter="/")
    return [entry["Prefix"] for page in pages for entry in page.get("CommonPrefixes", [])]


def _objects(bucket: str, prefix: str) -> list[dict]:
    pages = client("s3").get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    return [item for page in pages for item in page.get("Contents", [])]


def tenant_prefixes(tenant_id: str) -> list[dict]:
    """[{bucket, prefix, objects, bytes}] for every prefix holding the tenant's objects."""
    found = []
    for bucket in buckets():
        for area in _areas(bucket):
            prefix = f"{area}{tenant_id}/"
            items = _objects(bucket, prefix)
            if items:
                found.append({"bucket": bucket, "prefix": prefix, "objects": len(items),
                              "bytes": sum(int(item["Size"]) for item in items)})
    return found


def delete_prefix(bucket: str, prefix: str) -> int:
    """Delete every object under the prefix; how many there were."""
    keys = [item["Key"] for item in _objects(bucket, prefix)]
    delete_keys(bucket, keys)
    return len(keys)


def delete_keys(bucket: str, keys: list[str]) -> None:
    for start in range(0, len(keys), 1000):  # delete_objects takes at most 1000 keys
        chunk = [{"Key": key} for key in keys[start:start + 1000]]
        client("s3").delete_objects(Bucket=bucket, Delete={"Objects": chunk, "Quiet": True})
