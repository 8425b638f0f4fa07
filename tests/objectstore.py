"""A local S3-compatible server (moto's server mode) for the tests of object storage."""

import uuid
from contextlib import contextmanager

import boto3

# moto accepts any keys; boto3 needs some, and a region.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "manchette-test",
    "AWS_SECRET_ACCESS_KEY": "manchette-test",
    "AWS_S3_REGION_NAME": "us-east-1",
}


@contextmanager
def s3_server():
    """Serve S3 on a free local port; yields its address (AWS_S3_ENDPOINT_URL)."""
    from moto.server import ThreadedMotoServer  # heavy: only for the tests that use it

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def new_bucket(endpoint):
    """Create an empty bucket with a fresh name; returns the name."""
    name = f"manchette-{uuid.uuid4().hex[:12]}"
    client(endpoint).create_bucket(Bucket=name)
    return name


def client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region_name=CREDENTIALS["AWS_S3_REGION_NAME"],
    )


def bucket_keys(endpoint, bucket):
    listing = client(endpoint).list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))
