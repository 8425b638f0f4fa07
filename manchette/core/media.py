"""Uploaded files (images, renditions, documents, audio) wherever they are stored.

On one machine they sit in MEDIA_ROOT; on several nodes in an S3-compatible
bucket (``BucketStorage``), so that a rendition made on one node is there
for every other. Either way their URLs stay on the site, under MEDIA_URL,
and any node answers them from the storage: a cached page never carries a
signed URL that expires, and the bucket can stay private. A file is opened
before the answer starts, so a missing one is a 404, never a 200 with no body.

Wagtail checks a collection's privacy for documents only (its images are
plain files). Images and their renditions served here get the same check
(``restricted_answer``): a picture in a collection restricted to logged-in
users, to groups or by a password is for those people only, and is never
kept by a shared cache.
"""

import mimetypes
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.encoding import filepath_to_uri
from django.views.decorators.http import require_safe
from storages.backends.s3 import S3File, S3Storage
from storages.utils import clean_name
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

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


def image_of(path):
    """The image whose original or rendition is stored under ``path``, if any."""
    image_model = get_image_model()
    if path.startswith("original_images/"):
        return image_model.objects.filter(file=path).select_related("collection").first()
    rendition = (
        image_model.get_rendition_model()
        .objects.filter(file=path)
        .select_related("image__collection")
        .first()
    )
    return rendition.image if rendition else None


def image_restrictions(path):
    """The view restrictions on the collection of the image stored under ``path``."""
    # Most sites restrict nothing: one query then, rather than looking the file up.
    if not CollectionViewRestriction.objects.exists():
        return []
    image = image_of(path)
    return list(image.collection.get_view_restrictions()) if image else []


def restricted_answer(request, restrictions):
    """What a reader who does not meet one of ``restrictions`` gets: the collection's password
    form (403) or the way to log in, as for a document of that collection; None if they meet all.
    """
    for restriction in restrictions:
        if restriction.accept_request(request):
            continue
        if restriction.restriction_type == CollectionViewRestriction.PASSWORD:
            # The collection's password, checked by Wagtail's own view for its documents:
            # once given, the session sees the whole collection, images included.
            form = PasswordViewRestrictionForm(
                instance=restriction, initial={"return_url": request.get_full_path()}
            )
            action_url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
            response = TemplateResponse(
                request,
                "core/image_password_required.html",
                {"form": form, "action_url": action_url},
                status=403,
            )
            add_never_cache_headers(response)
            return response
        login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", reverse("wagtailcore_login"))
        return redirect_to_login(request.get_full_path(), login_url)
    return None


@require_safe
def media_file(request, path):
    restrictions = image_restrictions(path)
    refused = restricted_answer(request, restrictions)
    if refused is not None:
        return refused
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
    max_age = setting("MANCHETTE_MEDIA_MAX_AGE")
    if restrictions:
        # Seen because of who asks: no shared cache may hand it to the next reader.
        response["Cache-Control"] = f"private, max-age={max_age}"
        response["Vary"] = "Cookie"
    else:
        response["Cache-Control"] = f"public, max-age={max_age}"
    return response
