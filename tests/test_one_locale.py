"""One locale: under LANG=de_DE.UTF-8 (a real glibc locale, built for the test with
localedef) the English interface still writes every date, weekday, month and number in
English, on the real history page and in the export."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

GERMAN = {"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So", "Mär", "Mai", "Okt", "Dez"}
GERMAN |= {f"{w}." for w in GERMAN}

CHILD = r"""
import json, locale, sys, time
from datetime import date
from PySide6.QtCore import QLocale, QPointF
from PySide6.QtGui import QPainter

locale.setlocale(locale.LC_ALL, "")  # what QApplication does too: proves de_DE is real
control = time.strftime("%a %b", (2026, 12, 1, 12, 0, 0, 1, 335, 0))  # Tue 1 Dec 2026
from backcoach.app import create_application
app = create_application()
from backcoach import paths
from backcoach.core import history_export
from backcoach.core.history import HistoryStore
from backcoach.core.history_sample import SampleSpec, write_sample_history
from backcoach.ui.pages.history_page import HistoryPage

today = date(2026, 12, 1)
write_sample_history(paths.history_db(), SampleSpec(days=2000, today=today, active_share=0.6))
painted = []
draw_text = QPainter.drawText
def recording(self, *args):
    painted.extend(a for a in args if isinstance(a, str))
    return draw_text(self, *args)
QPainter.drawText = recording
store = HistoryStore.open(paths.history_db())
page = HistoryPage(store, today=lambda: today)
page.resize(1366, 768)
page.show()
page.refresh()
page.grab()
texts = list(painted)
model = page.model
texts += [model.data(model.index(r, c)) or "" for r in range(model.rowCount()) for c in range(model.columnCount())]
cal = page.calendar
for offset in range(0, 7):
    rect = cal.cell_rect(date(2026, 11, 23 + offset) if offset < 7 else today)
    if rect is not None:
        texts.append(cal.tooltip_at(rect.center()) or "")
for chart in (page.minutes_chart, page.pain_chart):
    for x in range(0, chart.width(), 3):
        tip = chart.tooltip_at(QPointF(x, chart.height() / 2))
        if tip:
            texts.append(tip)
texts += [w.text() for w in page.findChildren(type(page.list_title))]
texts.append(time.strftime("%a %d %b", (2026, 12, 1, 12, 0, 0, 1, 335, 0)))  # strftime after Qt set the C library's locale
import io
out = io.StringIO()
history_export.write(store.all_sessions(), out, "csv")
texts.append(out.getvalue()[:4000])
print(json.dumps({"control": control, "system": QLocale.system().name(),
                  "default": QLocale().name(), "texts": texts}))
"""


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a German desktop: LANG=de_DE.UTF-8, with the locale built."""
    localedef = shutil.which("localedef")
    assert localedef, "localedef is missing: scripts/system-deps test installs locales"
    where = tmp_path_factory.mktemp("locales")
    subprocess.run(
        [localedef, "-i", "de_DE", "-f", "UTF-8", str(where / "de_DE.UTF-8")], check=True
    )
    return {"LOCPATH": str(where), "LANG": "de_DE.UTF-8", "LC_ALL": "", "LANGUAGE": ""}


def test_every_date_and_number_on_the_history_page_is_english(german, tmp_path: Path) -> None:
    env = {**os.environ, **german, "BACKCOACH_DATA_DIR": str(tmp_path / "data")}
    env["PYTHONPATH"] = str(REPO)
    out = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, cwd=REPO,
        timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    # The machine really is German: C library and Qt's system locale both.
    assert result["control"] == "Di Dez", result["control"]
    assert result["system"] == "de_DE"
    assert result["default"] == "en_GB"
    words = {w.strip(",.:;()") for t in result["texts"] for w in t.split()}
    assert not words & GERMAN, sorted(words & GERMAN)
    joined = "\n".join(result["texts"])
    for english in ("Mon", "Wed", "Fri", "Dec", "Nov"):
        assert english in words, english
    assert "Tue 01 Dec" in joined  # strftime itself now speaks the interface's language
    # Over a thousand sessions: the count is written "1,234", not German "1.234".
    assert re.search(r"\b\d,\d{3} sessions\b", joined), joined[-3000:]
    assert not re.search(r"\b\d\.\d{3} sessions\b", joined)
