"""S3 object store: presigned uploads and downloads, object metadata, small reads and writes."""
from collections.abc import Iterable
from urllib.parse import quote

from botocore.exceptions import ClientError

from chalicelib.adapters.aws import client


def presigned_post(bucket: str, key: str, content_type: str, max_bytes: int, expires: int = 900) -> dict:
    """{url, fields} for a browser form POST limited to one key, one type and a size."""
    return client("s3").generate_presigned_post(
        Bucket=bucket, Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]],
        ExpiresIn=expires,
    )


def presigned_get(bucket: str, key: str, expires: int = 900, filename: str | None = None) -> str:
    params = {"Bucket": bucket, "Key": key}
    if filename:  # RFC 5987, so Chinese file names survive the download
        params["ResponseContentDisposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return client("s3").generate_presigned_url("get_object", Params=params, ExpiresIn=expires)


def head(bucket: str, key: str) -> dict | None:
    """Object metadata (ContentType, ContentLength, ETag), or None when it does not exist."""
    try:
        return client("s3").head_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if error.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound"):
            return None
        raise


def read_head_bytes(bucket: str, key: str, count: int = 16) -> bytes:
    return client("s3").get_object(Bucket=bucket, Key=key, Range=f"bytes=0-{count - 1}")["Body"].read()


def read(bucket: str, key: str) -> bytes:
    return client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()


def write(bucket: str, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
    client("s3").put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type)


def copy(bucket: str, source_key: str, key: str) -> None:
    """A server-side copy (up to 5 GB); in the upload bucket it raises "Object Created" like an upload."""
    client("s3").copy_object(Bucket=bucket, Key=key, CopySource={"Bucket": bucket, "Key": source_key})


PART_BYTES = 8 * 1024 * 1024  # S3 wants at least 5 MiB in every part but the last


def write_parts(bucket: str, key: str, chunks: Iterable[bytes], content_type: str = "application/octet-stream") -> None:
    """Write an object from chunks, holding about one part in memory however big it is: one PUT
    when it fits in a part, else a multipart upload (aborted if anything fails)."""
    s3, pending, upload, parts = client("s3"), bytearray(), None, []
    try:
        for chunk in chunks:
            pending += chunk
            if len(pending) >= PART_BYTES:
                if upload is None:
                    upload = s3.create_multipart_upload(Bucket=bucket, Key=key, ContentType=content_type)["UploadId"]
                parts.append(_upload_part(s3, bucket, key, upload, len(parts) + 1, bytes(pending)))
                pending.clear()
        if upload is None:
            write(bucket, key, bytes(pending), content_type)
            return
        if pending:
            parts.append(_upload_part(s3, bucket, key, upload, len(parts) + 1, bytes(pending)))
        s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload, MultipartUpload={"Parts": parts})
    except BaseException:
        if upload is not None:
            s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload)
        raise


def _upload_part(s3, bucket: str, key: str, upload: str, number: int, body: bytes) -> dict:
    done = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=number, Body=body)
    return {"PartNumber": number, "ETag": done["ETag"]}
