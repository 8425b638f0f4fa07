"""POST /wire/push/<source>/: authenticated, signed if the wire wants it, limited, answered 202."""

import hashlib
import hmac
import time

import pytest

from manchette.newsroom.models import ArticlePage
from manchette.wire.models import PushSignature, Receipt

from .builders import ninjs, sample

pytestmark = pytest.mark.django_db

URL = "/wire/push/belga/"
TOKEN = "belga-token"
SECRET = "s3cret"


def push(client, raw=None, token=TOKEN, content_type="application/json", **headers):
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.post(
        URL, data=ninjs() if raw is None else raw, content_type=content_type, headers=headers
    )


def signature(raw, secret=SECRET, signed_at=None):
    signed_at = str(int(time.time()) if signed_at is None else signed_at)
    mac = hmac.new(secret.encode(), signed_at.encode() + b"." + raw, hashlib.sha256)
    return f"t={signed_at},sha256={mac.hexdigest()}"


def test_push_is_received_then_processed(client, belga):
    response = push(client)
    assert response.status_code == 202
    receipt = Receipt.objects.get(pk=response.json()["receipt"])
    assert receipt.transport == Receipt.Transport.PUSH and receipt.wire_source == belga
    assert receipt.status == Receipt.Status.PROCESSED
    assert ArticlePage.objects.get().live


def test_xml_push(client, belga):
    response = push(client, sample("newsml-g2-nitf.xml"), content_type="application/xml")
    assert response.status_code == 202
    assert ArticlePage.objects.get().title.startswith("Le gouvernement fédéral")


def test_bad_dispatch_is_accepted_then_quarantined(client, belga):
    response = push(client, sample("bad-malformed.json"))
    assert response.status_code == 202
    receipt = Receipt.objects.get(pk=response.json()["receipt"])
    assert receipt.status == Receipt.Status.QUARANTINED and "Malformed JSON" in receipt.reason


def test_missing_token(client, belga):
    response = push(client, token=None)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert not Receipt.objects.exists()


def test_wrong_token(client, belga):
    assert push(client, token="guessed").status_code == 401
    assert not Receipt.objects.exists()


def test_token_of_another_scheme(client, belga):
    response = client.post(
        URL, data=ninjs(), content_type="application/json", headers={"Authorization": "Basic x"}
    )
    assert response.status_code == 401


def test_unknown_wire(client, belga):
    response = client.post(
        "/wire/push/reuters/", data=ninjs(), content_type="application/json",
        headers={"Authorization": "Bearer belga-token"},
    )  # fmt: skip
    assert response.status_code == 404


def test_inactive_wire(client, belga):
    belga.active = False
    belga.save()
    assert push(client).status_code == 404


def test_signature_required_and_missing(client, belga):
    belga.hmac_secret = "s3cret"
    belga.save()
    assert push(client).status_code == 401
    assert not Receipt.objects.exists()


def test_bad_signature(client, belga):
    belga.hmac_secret = "s3cret"
    belga.save()
    raw = ninjs()
    response = push(client, raw, **{"X-Manchette-Signature": signature(raw, "other")})
    assert response.status_code == 401 and "signature" in response.json()["error"]


def test_signature_of_other_bytes(client, belga):
    belga.hmac_secret = "s3cret"
    belga.save()
    response = push(client, ninjs(), **{"X-Manchette-Signature": signature(b"something else")})
    assert response.status_code == 401


def test_good_signature(client, belga):
    belga.hmac_secret = "s3cret"
    belga.save()
    raw = ninjs()
    assert push(client, raw, **{"X-Manchette-Signature": signature(raw)}).status_code == 202


def test_signature_without_its_time(client, belga):
    belga.hmac_secret = SECRET
    belga.save()
    raw = ninjs()
    untimed = "sha256=" + hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
    response = push(client, raw, **{"X-Manchette-Signature": untimed})
    assert response.status_code == 401 and "t=<Unix time>" in response.json()["error"]


def test_signature_with_a_time_that_is_not_a_number(client, belga):
    belga.hmac_secret = SECRET
    belga.save()
    raw = ninjs()
    response = push(client, raw, **{"X-Manchette-Signature": signature(raw, signed_at="1e9")})
    assert response.status_code == 401


def test_old_signed_push_is_refused(client, belga, settings):
    settings.MANCHETTE_WIRE_SIGNATURE_MAX_AGE = 300
    belga.hmac_secret = SECRET
    belga.save()
    raw = ninjs()
    old = signature(raw, signed_at=int(time.time()) - 301)
    response = push(client, raw, **{"X-Manchette-Signature": old})
    assert response.status_code == 401 and "more than 300 seconds" in response.json()["error"]
    assert not Receipt.objects.exists()


def test_replayed_signature_is_refused(client, belga):
    belga.hmac_secret = SECRET
    belga.save()
    raw = ninjs()
    signed = {"X-Manchette-Signature": signature(raw)}
    assert push(client, raw, **signed).status_code == 202
    for _replay in range(3):
        response = push(client, raw, **signed)
        assert response.status_code == 409 and "already used" in response.json()["error"]
    assert Receipt.objects.count() == 1 and PushSignature.objects.count() == 1


def test_expired_signatures_are_forgotten(client, belga, settings):
    settings.MANCHETTE_WIRE_SIGNATURE_MAX_AGE = 60
    belga.hmac_secret = SECRET
    belga.save()
    first, second = ninjs(guid="urn:belga:1"), ninjs(guid="urn:belga:2")
    old = signature(first, signed_at=int(time.time()) - 59)
    assert push(client, first, **{"X-Manchette-Signature": old}).status_code == 202
    PushSignature.objects.update(
        expires_at=PushSignature.objects.get().expires_at.replace(year=2000)
    )
    assert push(client, second, **{"X-Manchette-Signature": signature(second)}).status_code == 202
    assert PushSignature.objects.count() == 1


def test_same_bytes_pushed_again_are_the_same_receipt(client, belga):
    first = push(client)
    again = push(client)
    assert first.status_code == 202
    assert again.status_code == 200
    assert again.json() == {"receipt": first.json()["receipt"], "status": "duplicate"}
    assert Receipt.objects.count() == 1


def test_oversized(client, belga, settings):
    settings.MANCHETTE_WIRE_MAX_BYTES = 100
    response = push(client)
    assert response.status_code == 413
    assert not Receipt.objects.exists()


def test_wrong_content_type(client, belga):
    response = push(client, content_type="image/png")
    assert response.status_code == 415
    assert not Receipt.objects.exists()


def test_form_content_type(client, belga):
    assert push(client, content_type="application/x-www-form-urlencoded").status_code == 415


def test_empty_body(client, belga):
    assert push(client, b"").status_code == 400


def test_get_is_not_allowed(client, belga):
    assert client.get(URL, headers={"Authorization": "Bearer belga-token"}).status_code == 405


def test_push_needs_no_csrf_token(belga):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert push(strict).status_code == 202
