"""Getting a dispatch's bytes over HTTP, with limits: a timeout, a size cap, conditional GET.

Used by feed polling and by ``manchette ingest URL``. A server that is too
slow, answers too much or answers an error raises ``FetchFailed`` with a
sentence for the ingest log.
"""

from dataclasses import dataclass

import httpx

from manchette.core.conf import setting

USER_AGENT = "manchette-wire/1.0 (+https://github.com/manchette)"


class FetchFailed(Exception):
    pass


@dataclass(frozen=True)
class Fetched:
    status: int
    body: bytes
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self):
        return self.status == 304


def fetch(url, etag="", last_modified=""):
    """GET url; with etag or last_modified, a 304 says nothing changed."""
    limit = setting("MANCHETTE_WIRE_MAX_BYTES")
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(setting("MANCHETTE_WIRE_POLL_TIMEOUT"))
    try:
        with httpx.stream(
            "GET", url, headers=headers, timeout=timeout, follow_redirects=True
        ) as response:
            if response.status_code == 304:
                return Fetched(304, b"", etag, last_modified)
            if response.status_code != 200:
                raise FetchFailed(f"{url} answered HTTP {response.status_code}.")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise FetchFailed(
                        f"{url} sent more than {limit:,} bytes (MANCHETTE_WIRE_MAX_BYTES)."
                    )
            return Fetched(
                200,
                bytes(body),
                response.headers.get("ETag", ""),
                response.headers.get("Last-Modified", ""),
            )
    except httpx.TimeoutException:
        raise FetchFailed(f"{url} did not answer within the timeout.") from None
    except httpx.HTTPError as error:
        raise FetchFailed(f"{url} could not be fetched: {error}.") from None
