"""Readers' side of push alerts: the alerts page, the service worker and the JSON API.

    GET  /alertes/                      what can be followed; the script fills in the rest
    GET  /sw.js                         the service worker that shows alerts
    GET  /push/key/                     the VAPID public key, and the CSRF cookie
    POST /push/subscriptions/           subscribe, or change what is followed
    POST /push/subscriptions/find/      {"endpoint"}: what this browser follows
    POST /push/subscriptions/cancel/    {"endpoint"}: stop every alert

Posts are protected by Django's CSRF middleware (the script sends the
cookie's value as ``X-CSRFToken``). A browser is known by its endpoint,
which only it holds. Errors are JSON: ``{"message": …}``.
"""

import json

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import subscriptions, topics
from .keys import application_server_key


def _body(request):
    if request.content_type != "application/json":
        return None
    try:
        return json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _refused(message):
    return JsonResponse({"message": str(message)}, status=400)


@require_GET
def alerts_page(request):
    pages = list(topics.followable_pages())
    return render(
        request,
        "push/alerts.html",
        {
            "breaking": topics.BREAKING,
            "followable": [(topics.page_topic(page), page) for page in pages],
            "chosen": request.GET.get("suivre", ""),
        },
    )


@require_GET
def service_worker(request):
    response = render(request, "push/sw.js", content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker at most daily anyway; this keeps them from waiting longer.
    response["Cache-Control"] = "no-cache"
    return response


@never_cache
@require_GET
def key(request):
    return JsonResponse({"key": application_server_key(), "csrf": get_token(request)})


@require_POST
def subscribe(request):
    body = _body(request)
    try:
        subscription = subscriptions.save(body, translation.get_language())
    except subscriptions.BadSubscription as bad:
        return _refused(bad)
    endpoint = body["subscription"]["endpoint"]
    return JsonResponse(subscriptions.followed(endpoint), status=201 if subscription else 200)


@require_POST
def find(request):
    body = _body(request)
    if not isinstance(body, dict) or not isinstance(body.get("endpoint"), str):
        return _refused(_("Send this browser's push endpoint as JSON."))
    return JsonResponse(subscriptions.followed(body["endpoint"]))


@require_POST
def cancel(request):
    body = _body(request)
    if not isinstance(body, dict) or not isinstance(body.get("endpoint"), str):
        return _refused(_("Send this browser's push endpoint as JSON."))
    return JsonResponse({"cancelled": subscriptions.cancel(body["endpoint"])})
