"""Audio files for readers and podcast apps, with byte ranges and long cache lifetimes.

Players seek by asking for byte ranges (``Range: bytes=…``), and Safari
will not play media from a server that does not answer them. Files are
read through Django's storage API, so they may live on disk or in an
object store; names change with what is said, so a year of caching is safe.
Only the current files of a published article are served, and only once
the file is open: a file missing from the storage (a node that never had
it) is a 404, not a 200 promising bytes that never come.
"""

import re

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from manchette.core.media import open_stored, stored_range
from manchette.newsroom.models import ArticlePage

from .audio import MP3, OPUS
from .models import ArticleAudio

CACHE_CONTROL = "public, max-age=31536000, immutable"
SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class UnsatisfiableRange(ValueError):
    pass


def byte_range(header, size):
    """(first, last) byte asked for, inclusive; None to send the whole file.

    Several ranges at once are answered with the whole file, as HTTP allows.
    """
    header = header.strip()
    if header.startswith("bytes=") and "," in header:
        return None
    match = SINGLE_RANGE.fullmatch(header)
    if not match or match.groups() == ("", ""):
        raise UnsatisfiableRange(header)
    first, last = match.groups()
    if not first:
        # "bytes=-500": the last 500 bytes.
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise UnsatisfiableRange(header)
        return max(size - suffix, 0), size - 1
    first = int(first)
    last = int(last) if last else size - 1
    if first >= size or last < first:
        raise UnsatisfiableRange(header)
    return first, min(last, size - 1)


@require_safe
def audio_file(request, article_id, filename):
    reading = (
        ArticleAudio.objects.filter(
            article_id=article_id, article__in=ArticlePage.objects.published()
        )
        .only("opus", "opus_size", "mp3", "mp3_size")
        .first()
    )
    served = {}
    if reading is not None:
        served = {
            reading.opus.name: (OPUS, reading.opus_size),
            reading.mp3.name: (MP3, reading.mp3_size),
        }
    found = served.get(f"listen/{article_id}/{filename}")
    if found is None or not reading.playable:
        raise Http404("No such audio file.")
    audio_format, size = found
    etag = f'"{filename}-{size}"'
    first, last = 0, size - 1
    status = 200
    asked = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if asked and (if_range is None or if_range == etag):
        try:
            chosen = byte_range(asked, size)
        except UnsatisfiableRange:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            response["Accept-Ranges"] = "bytes"
            return response
        if chosen is not None:
            (first, last), status = chosen, 206
    length = last - first + 1
    file = open_stored(reading.opus.storage, f"listen/{article_id}/{filename}")
    if request.method == "HEAD":
        file.close()
        response = HttpResponse(status=status)
    else:
        response = StreamingHttpResponse(stored_range(file, first, length), status=status)
    response["Content-Type"] = audio_format.content_type
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = CACHE_CONTROL
    response["ETag"] = etag
    if status == 206:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response
