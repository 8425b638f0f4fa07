"""The demo site ingests agency files on first run: Belga and AFP publish, others wait.

The demo's wires are set up as `manchette demo` sets them up (home, sections,
sources, wires; its articles are not needed here), then real agency files go
through the command line and the drop folder as a newcomer would send them.
"""

import io
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError

from manchette.newsroom.demo import ensure_home, ensure_sections, ensure_sources
from manchette.newsroom.demo.wires import ensure_wires
from manchette.newsroom.models import ArticlePage
from manchette.wire import dropfolder
from manchette.wire.ingest import ingest
from manchette.wire.models import DispatchEntry, Receipt, WireSource
from tests import factory

from .builders import ninjs, real

pytestmark = pytest.mark.django_db

BELGA = "nml12-belga-schijnpoort.xml"
AFP_ECONOMY = "nml12-afp-saab.xml"
UNKNOWN_AGENCY = "nml12-efe-leones.xml"  # Agencia EFE: no demo wire names it


@pytest.fixture
def demo_wires():
    sections = ensure_sections(ensure_home("http://testserver"))
    return ensure_wires(sections, ensure_sources())


def ingest_command(*arguments):
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *arguments, stdout=out, stderr=err)
    return out.getvalue()


def test_a_belga_file_is_published_in_its_section(demo_wires):
    out = ingest_command(str(real(BELGA)))
    assert out.strip().endswith("1 input: 1 published")
    article = ArticlePage.objects.get()
    assert article.live
    assert article.source.slug == "belga" and article.external_source == "belga"
    assert article.get_parent().slug == "belgique"


def test_an_afp_file_goes_to_the_section_of_its_subject(demo_wires):
    ingest_command(str(real(AFP_ECONOMY)))
    article = ArticlePage.objects.get()
    assert article.live and article.source.slug == "afp"
    assert article.get_parent().slug == "economie"  # subj:04000000, economy


def test_an_unknown_agency_waits_as_a_draft_visible_in_the_admin(demo_wires, client):
    out = ingest_command(str(real(UNKNOWN_AGENCY)))
    assert "1 held for review" in out
    article = ArticlePage.objects.get()
    assert not article.live and article.has_unpublished_changes
    assert article.external_source == "autres-agences"
    assert Receipt.objects.get().status == Receipt.Status.PROCESSED
    client.force_login(get_user_model().objects.create_superuser("chef", "c@example.org", "pw"))
    log = client.get("/admin/wire/log/?outcome=held").content.decode()
    assert article.title in log
    edit = client.get(f"/admin/pages/{article.pk}/edit/")
    assert edit.status_code == 200 and article.title in edit.content.decode()


def test_the_same_file_dropped_into_the_drop_folder(demo_wires, tmp_path, settings):
    settings.MANCHETTE_WIRE_DROP_DIR = str(tmp_path)
    shutil.copy(real(BELGA), tmp_path / BELGA)
    (receipt,) = dropfolder.scan()
    assert receipt.status == Receipt.Status.PROCESSED
    assert ArticlePage.objects.get().live
    assert [p.name for p in (tmp_path / "processed").iterdir()][0].endswith(BELGA)


def test_the_catch_all_holds_even_when_set_to_publish(demo_wires):
    WireSource.objects.filter(catch_all=True).update(auto_publish=True)
    receipt = ingest(ninjs(copyrightholder="Agence inconnue"), transport="cli")
    assert receipt.dispatches.get().outcome == DispatchEntry.Outcome.HELD
    assert not ArticlePage.objects.get().live


def test_a_named_provider_is_not_taken_by_the_catch_all(demo_wires):
    receipt = ingest(ninjs(copyrightholder="Belga"), transport="cli")
    entry = receipt.dispatches.get()
    assert entry.outcome == DispatchEntry.Outcome.PUBLISHED
    assert entry.wire_source.slug == "belga"


def test_without_a_catch_all_an_unknown_provider_is_still_refused(demo_wires):
    WireSource.objects.filter(catch_all=True).delete()
    receipt = ingest(ninjs(copyrightholder="Agence inconnue"), transport="cli")
    assert receipt.status == Receipt.Status.QUARANTINED
    assert not ArticlePage.objects.exists()


def test_only_one_catch_all(demo_wires):
    with pytest.raises(IntegrityError):
        WireSource.objects.create(
            name="Encore", slug="encore", source=factory.source("Encore"), catch_all=True
        )


def test_setting_the_wires_up_again_changes_nothing(demo_wires):
    demo_wires["belga"].routes.all().delete()
    sections = ensure_sections(ensure_home("http://testserver"))
    again = ensure_wires(sections, ensure_sources())
    assert {slug: wire.pk for slug, wire in again.items()} == {
        slug: wire.pk for slug, wire in demo_wires.items()
    }
    assert not again["belga"].routes.exists()  # what an editor changed is left alone
