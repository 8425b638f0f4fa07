import subprocess
import sys
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests import factory


def test_manchette_command_lists_its_own_commands():
    result = subprocess.run(
        [sys.executable, "-m", "manchette.cli", "help"],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "manchette.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    for command in ("serve", "demo", "clock", "migrate", "publish_scheduled"):
        assert f"    {command}\n" in result.stdout


@pytest.mark.django_db
def test_clock_round_publishes_what_is_due():
    article = factory.article(publish=False)
    article.go_live_at = timezone.now() + timedelta(minutes=5)
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=1)):
        call_command("clock", once=True)
    article.refresh_from_db()
    assert article.live
