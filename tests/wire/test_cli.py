"""manchette ingest: files, folders, globs, standard input; a summary; exit 1 on quarantine."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from manchette.newsroom.models import ArticlePage
from manchette.wire.models import Receipt, WireSource
from tests import factory

from .builders import SAMPLES, ninjs

pytestmark = pytest.mark.django_db


def run(*arguments, stdin=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    try:
        call_command("ingest", *arguments, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def afp(belga):
    return WireSource.objects.create(
        name="AFP", slug="afp", source=factory.source("AFP"), default_section=belga.default_section
    )


def test_files_are_published_with_a_summary(afp):
    status, out, _ = run(str(SAMPLES / "ninjs-1-superdesk.json"), str(SAMPLES / "ninjs-2.json"))
    assert status == 0
    assert "✓" in out and "Les communes wallonnes passent" in out
    assert out.strip().splitlines()[-1] == "2 inputs: 2 published"
    assert ArticlePage.objects.count() == 2


def test_a_folder_with_a_bad_file_goes_on_and_exits_1(tmp_path, afp):
    for name in ("bad-malformed.xml", "newsml-g2-nitf.xml", "newsml12-belga.xml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    status, out, err = run(str(tmp_path))
    assert status == 1
    assert "bad-malformed.xml: quarantined — Malformed XML" in err
    assert "3 inputs: 2 published" in out
    assert ArticlePage.objects.count() == 2


def test_glob(tmp_path, afp):
    for name in ("ninjs-2.json", "ninjs-3.json", "rss.xml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    status, out, _ = run(str(tmp_path / "ninjs-*.json"))
    assert status == 0 and out.strip().endswith("2 inputs: 2 published")


def test_standard_input(monkeypatch, belga):
    status, out, _ = run("-", stdin=ninjs(), monkeypatch=monkeypatch)
    assert status == 0 and "1 published" in out
    assert Receipt.objects.get().transport == Receipt.Transport.CLI


def test_source_option_routes_a_feed(belga):
    status, out, _ = run("--source", "belga", str(SAMPLES / "rss.xml"))
    assert status == 0 and "2 published" in out
    assert set(ArticlePage.objects.values_list("source__name", flat=True)) == {"Belga"}


def test_unknown_source_option_is_an_error(belga):
    status, _, err = run("--source", "reuters", str(SAMPLES / "rss.xml"))
    assert status == 1 and "No wire source “reuters”" in err


def test_nothing_matches(belga, tmp_path):
    status, _, err = run(str(tmp_path / "*.xml"))
    assert status == 1 and "Nothing matches" in err


def test_oversized_file_is_quarantined_without_being_read(tmp_path, belga, settings):
    settings.MANCHETTE_WIRE_MAX_BYTES = 50
    big = tmp_path / "big.json"
    big.write_bytes(ninjs())
    status, _, err = run(str(big))
    assert status == 1 and "over the limit of 50" in err
    receipt = Receipt.objects.get()
    assert receipt.status == Receipt.Status.QUARANTINED and bytes(receipt.raw) == b""


def test_archive_mode_lists_only_problems(tmp_path, afp):
    for name in ("bad-malformed.xml", "newsml-g2-nitf.xml", "ninjs-2.json", "ninjs-3.json"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    status, out, err = run("--archive", str(tmp_path))
    assert status == 1
    assert "bad-malformed.xml: Malformed XML" in err
    assert "✓" not in out and out.strip() == "4 inputs: 3 published"
    assert ArticlePage.objects.filter(live=True).count() == 3
