"""Dates, weekdays, months and numbers in the interface's language, on every page.

The interface is English until translations exist, so dates must be English too: Qt
takes QLocale() from LANG, and QApplication sets the C library's locale from it, which
turns strftime's %a and %b German under LANG=de_DE.UTF-8 — a page mixing "Di. 1 Dez."
with "Mon/Wed/Fri". ``use_interface_locale()`` (called by ``create_application``) makes
both follow the interface: QLocale's default becomes the interface locale, and the C
library's time and number formats go back to "C" (English). The helpers below are the
one way pages and exports write a date or a number for a person to read.
"""

from __future__ import annotations

import locale
import logging
from datetime import date, datetime

from PySide6.QtCore import QLocale

log = logging.getLogger(__name__)

# British English: day before month ("Wed 18 Jun"), as the interface's wording is British.
INTERFACE = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def use_interface_locale() -> None:
    QLocale.setDefault(INTERFACE)
    for category in (locale.LC_TIME, locale.LC_NUMERIC):
        try:
            locale.setlocale(category, "C")
        except locale.Error as exc:  # "C" always exists; logged should it ever not
            log.warning("could not reset the C library's locale: %s", exc)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def day_month(value: date | datetime) -> str:
    """ "18 Jun"."""
    return INTERFACE.toString(_day(value), "d MMM")


def weekday_day_month(value: date | datetime, with_year: bool = False) -> str:
    """ "Wed 18 Jun", or "Wed 18 Jun 2025"."""
    return INTERFACE.toString(_day(value), "ddd d MMM yyyy" if with_year else "ddd d MMM")


def short_month(value: date | datetime) -> str:
    """ "Jun"."""
    return INTERFACE.toString(_day(value), "MMM")


def short_weekday(iso_weekday: int) -> str:
    """ "Mon" for 1 ... "Sun" for 7."""
    return INTERFACE.dayName(iso_weekday, QLocale.FormatType.ShortFormat)


def clock_time(value: datetime) -> str:
    """ "07:05": 24-hour, as the history table and exports have always shown it."""
    return f"{value:%H:%M}"


def number(value: int) -> str:
    """ "3,650"."""
    return INTERFACE.toString(value)
