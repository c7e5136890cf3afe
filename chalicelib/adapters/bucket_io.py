"""The few S3 calls the order and code stores make: whole-object gets and puts, a few in parallel."""
import re
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from chalicelib.adapters import object_cache, objects
from chalicelib.adapters.aws import client

_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_PARALLEL = 8  # S3 GETs are latency-bound: a few at once fill the Lambda's bandwidth


def plain_id(value: str, what: str) -> str:
    """The value, if it is safe as one segment of an object key (no '/', no '..')."""
    if not isinstance(value, str) or not _PLAIN_ID.fullmatch(value):
        raise ValueError(f"{what} must be 1-64 letters, digits, '-' or '_': {value!r}")
    return value


class BucketIO:
    def __init__(self, bucket: str):
        self.bucket = bucket

    def get(self, key: str) -> bytes | None:
        """The object's bytes, or None when it does not exist."""
        try:
            return objects.read(self.bucket, key)
        except ClientError as error:
            if error.response["Error"]["Code"] in ("NoSuchKey", "404"):
                return None
            raise

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        if len(keys) < 2:
            return [self.get(key) for key in keys]
        with ThreadPoolExecutor(max_workers=_PARALLEL) as pool:
            return list(pool.map(self.get, keys))

    def get_written_once(self, keys: list[str]) -> list[bytes | None]:
        """get_many for keys whose body never changes once written: served from memory when read before."""
        return object_cache.get_many(self.bucket, keys, self.get_many)

    def put(self, key: str, body: bytes) -> None:
        objects.write(self.bucket, key, body)

    def put_many(self, objects: dict[str, bytes]) -> None:
        if len(objects) < 2:
            for key, body in objects.items():
                self.put(key, body)
            return
        with ThreadPoolExecutor(max_workers=_PARALLEL) as pool:
            list(pool.map(self.put, objects.keys(), objects.values()))

    def copy(self, source: str, target: str) -> None:
        client("s3").copy_object(Bucket=self.bucket, Key=target, CopySource={"Bucket": self.bucket, "Key": source})

    def delete(self, keys) -> None:
        keys = sorted(keys)
        for start in range(0, len(keys), 1000):  # delete_objects takes at most 1000 keys
            chunk = [{"Key": key} for key in keys[start:start + 1000]]
            client("s3").delete_objects(Bucket=self.bucket, Delete={"Objects": chunk, "Quiet": True})
