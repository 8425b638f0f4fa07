"""Uploaded files (images, renditions, documents, audio) wherever they are stored.

On one machine they sit in MEDIA_ROOT; on several nodes in an S3-compatible
bucket (``BucketStorage``), so that a rendition made on one node is there
for every other. Either way their URLs stay on the site, under MEDIA_URL,
and any node answers them from the storage: a cached page never carries a
signed URL that expires, and the bucket can stay private. A file is opened
before the answer starts, so a missing one is a 404, never a 200 with no body.
"""

import mimetypes
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.encoding import filepath_to_uri
from django.views.decorators.http import require_safe
from storages.backends.s3 import S3File, S3Storage
from storages.utils import clean_name

from .conf import setting


class BucketStorage(S3Storage):
    """The bucket named by AWS_STORAGE_BUCKET_NAME, read and written by every node.

    Names are never reused (no overwrite), so a URL never changes content.
    With AWS_S3_CUSTOM_DOMAIN (a public bucket or a CDN in front of it) URLs
    point there instead of at the nodes.
    """

    file_overwrite = False

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.custom_domain:
            return super().url(name, parameters, expire, http_method)
        return urljoin(settings.MEDIA_URL, filepath_to_uri(clean_name(name)))


def open_stored(storage, name):
    """The stored file opened for reading, or Http404 if it is not there (on this node)."""
    try:
        return storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, SuspiciousFileOperation):
        raise Http404("No such file.") from None


def stored_range(file, first, length, chunk=64 * 1024):
    """The bytes first..first+length-1 of an opened stored file, piece by piece; closes it.

    From a bucket only that range is fetched (a player seeking in an hour of
    audio asks for many), rather than the whole object each time.
    """
    with file:
        if length <= 0:
            return
        if isinstance(file, S3File):
            last = first + length - 1
            yield from file.obj.get(Range=f"bytes={first}-{last}")["Body"].iter_chunks(chunk)
            return
        file.seek(first)
        while length > 0:
            piece = file.read(min(chunk, length))
            if not piece:
                return
            length -= len(piece)
            yield piece


@require_safe
def media_file(request, path):
    file = open_stored(default_storage, path)
    content_type, encoding = mimetypes.guess_type(path)
    if encoding or not content_type:
        # A .gz file is sent as it is, not decompressed by the browser on the way.
        content_type = "application/octet-stream"
    size = file.size
    if request.method == "HEAD":
        file.close()
        response = HttpResponse(content_type=content_type)
    else:
        # Streamed piece by piece: a large original never sits whole in a node's memory.
        response = StreamingHttpResponse(stored_range(file, 0, size), content_type=content_type)
    response["Content-Length"] = str(size)
    response["Cache-Control"] = f"public, max-age={setting('MANCHETTE_MEDIA_MAX_AGE')}"
    return response
