"""The wire's HTTP side: the agencies' push endpoint and the readers' version history."""

import hashlib
import hmac
import logging
import time
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from manchette.core.cache import surrogate_keys
from manchette.core.conf import setting
from manchette.newsroom.models import ArticlePage

from .ingest import receive
from .models import PushSignature, Receipt, WireSource
from .tasks import process_receipt
from .versions import published_versions, readable_text, word_diff

log = logging.getLogger("manchette.wire")

PUSH_TYPES = {
    "application/json",
    "application/ninjs+json",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/vnd.iptc.g2.newsitem+xml",
    "application/vnd.iptc.g2.newsmessage+xml",
    "text/html",
}
SIGNATURE_HEADER = "X-Manchette-Signature"


def _refuse(status, message, **headers):
    return JsonResponse({"error": message}, status=status, headers=headers)


def _authenticated(request, wire_source):
    authorization = request.headers.get("Authorization", "")
    scheme, _space, token = authorization.partition(" ")
    token = token.strip() if scheme == "Bearer" else ""
    return bool(token) and hmac.compare_digest(token.encode(), wire_source.push_token.encode())


def _signature(request, wire_source, raw):
    """The push's signature if it is right and fresh, or the answer refusing it.

    ``t=<Unix time>,sha256=<hex>``: the HMAC covers the time, so an old
    signed push cannot be sent again once ``MANCHETTE_WIRE_SIGNATURE_MAX_AGE``
    has passed, and the seen signatures are kept that long to refuse it before.
    """
    fields = dict(
        part.strip().partition("=")[::2]
        for part in request.headers.get(SIGNATURE_HEADER, "").split(",")
    )
    signed_at, given = fields.get("t", ""), fields.get("sha256", "").strip().lower()
    signed = signed_at.encode() + b"." + raw
    expected = hmac.new(wire_source.hmac_secret.encode(), signed, hashlib.sha256).hexdigest()
    if not (signed_at.isascii() and signed_at.isdigit()) or not hmac.compare_digest(
        given, expected
    ):
        return None, _refuse(
            401,
            f"Missing or bad signature: send {SIGNATURE_HEADER}: t=<Unix time>,sha256=<hex "
            "HMAC-SHA256, with the wire's secret, of the time, a dot and the body>.",
        )
    max_age = setting("MANCHETTE_WIRE_SIGNATURE_MAX_AGE")
    if abs(time.time() - int(signed_at)) > max_age:
        return None, _refuse(
            401,
            f"The signature's time is more than {max_age} seconds from ours: sign each push "
            "when it is sent (and check the sender's clock).",
        )
    if PushSignature.objects.filter(wire_source=wire_source, signature=given).exists():
        return None, _refuse(409, "This signature was already used: each push is signed anew.")
    expires = datetime.fromtimestamp(int(signed_at) + max_age, UTC)
    return PushSignature(wire_source=wire_source, signature=given, expires_at=expires), None


def _store(signature, raw, **arrival):
    """The new receipt, or None when this signature was already accepted (a replay)."""
    try:
        with transaction.atomic():
            if signature:
                PushSignature.objects.filter(expires_at__lt=timezone.now()).delete()
                signature.save()
            return receive(raw, **arrival)
    except IntegrityError:
        return None


def _body(request):
    """The request body, or the answer refusing it (empty, too big, not a dispatch format)."""
    limit = setting("MANCHETTE_WIRE_MAX_BYTES")
    try:
        declared = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        return None, _refuse(400, "Bad Content-Length.")
    if declared > limit:
        return None, _refuse(413, f"The dispatch is over the limit of {limit:,} bytes.")
    raw = request.read(limit + 1)
    if len(raw) > limit:
        return None, _refuse(413, f"The dispatch is over the limit of {limit:,} bytes.")
    if not raw:
        return None, _refuse(400, "The request body is empty.")
    if request.content_type.lower() not in PUSH_TYPES:
        return None, _refuse(
            415,
            f"Content type “{request.content_type}” is not a dispatch format; send one of "
            f"{', '.join(sorted(PUSH_TYPES))}.",
        )
    return raw, None


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def push(request, slug):
    """POST a dispatch: 202 and a receipt id once its bytes are safely stored."""
    wire_source = WireSource.objects.filter(slug=slug, active=True).first()
    if wire_source is None:
        return _refuse(404, "No active wire source with this address.")
    if not _authenticated(request, wire_source):
        return _refuse(
            401,
            "Missing or wrong token: send “Authorization: Bearer <token>”.",
            **{"WWW-Authenticate": 'Bearer realm="wire"'},
        )
    raw, refusal = _body(request)
    if refusal:
        return refusal
    signature = None
    if wire_source.hmac_secret:
        signature, refusal = _signature(request, wire_source, raw)
        if refusal:
            return refusal
    digest = hashlib.sha256(raw).hexdigest()
    kept = Receipt.objects.filter(wire_source=wire_source, digest=digest).first()
    if kept is not None:
        # The same bytes again (a retry, a replay): the receipt kept is the answer.
        return JsonResponse({"receipt": kept.pk, "status": "duplicate"}, status=200)
    receipt = _store(
        signature,
        raw,
        transport=Receipt.Transport.PUSH,
        origin=f"push from {request.META.get('REMOTE_ADDR', '?')}",
        wire_source=wire_source,
        content_type=request.content_type,
    )
    if receipt is None:
        return _refuse(409, "This signature was already used: each push is signed anew.")
    try:
        process_receipt.enqueue(receipt.pk)
    except Exception:  # the receipt is stored: the watcher's recovery round will process it
        log.exception("Receipt %s stored but its task could not be queued", receipt.pk)
    return JsonResponse({"receipt": receipt.pk, "status": "received"}, status=202)


def _published_article(article_id):
    return get_object_or_404(
        ArticlePage.objects.published().select_related("source"), pk=article_id
    )


@require_GET
def versions(request, article_id):
    """/a/<id>/versions/: every version readers saw, with when it went live."""
    article = _published_article(article_id)
    surrogate_keys(request, f"article-{article.pk}")
    listed = published_versions(article)
    pairs = list(zip(listed, listed[1:], strict=False))
    return TemplateResponse(
        request, "wire/versions.html", {"page": article, "versions": listed, "pairs": pairs}
    )


@require_GET
def version_diff(request, article_id, old, new):
    """/a/<id>/versions/<r1>..<r2>/: what changed between two published revisions."""
    article = _published_article(article_id)
    surrogate_keys(request, f"article-{article.pk}")
    by_revision = {version.revision.pk: version for version in published_versions(article)}
    if old not in by_revision or new not in by_revision or old == new:
        raise Http404(_("These are not two published versions of this article."))
    before, after = by_revision[old], by_revision[new]
    return TemplateResponse(
        request,
        "wire/version_diff.html",
        {
            "page": article,
            "before": before,
            "after": after,
            "diff": word_diff(readable_text(before.revision), readable_text(after.revision)),
        },
    )
