"""Run the ``mkdocs`` command as if the wall clock read another moment.

    python tests/moved_clock.py 2034-11-02T23:00:00 build -d out

Before MkDocs is imported, ``time.time``/``time.time_ns`` and ``datetime.now``,
``utcnow`` and ``date.today`` are moved to that moment (and keep ticking), so
everything in the process that asks the clock, MkDocs' build date included,
gets the moved one: no faketime or root needed. Then it prints the date MkDocs
itself reports (``clock: YYYY-MM-DD``) so a test can prove the clock moved.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from typing import Any

_real_time = time.time
_real_datetime = dt.datetime
_real_date = dt.date


class _Moved(type):
    """isinstance against the replaced classes keeps accepting real dates and datetimes."""

    _real: type

    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, cls._real)

    def __subclasscheck__(cls, sub: type) -> bool:
        return issubclass(sub, cls._real)


class MovedDatetime(_real_datetime, metaclass=_Moved):
    _real = _real_datetime

    @classmethod
    def now(cls, tz: Any = None) -> dt.datetime:  # type: ignore[override]  # a real datetime, not Self
        return _real_datetime.fromtimestamp(time.time(), tz)

    @classmethod
    def utcnow(cls) -> dt.datetime:  # type: ignore[override]  # a real datetime, not Self
        return _real_datetime.fromtimestamp(time.time(), dt.UTC).replace(tzinfo=None)

    @classmethod
    def today(cls) -> dt.datetime:  # type: ignore[override]  # a real datetime, not Self
        return cls.now()


class MovedDate(_real_date, metaclass=_Moved):
    _real = _real_date

    @classmethod
    def today(cls) -> dt.date:  # type: ignore[override]  # a real date, not Self
        return _real_date.fromtimestamp(time.time())


def move_clock(to: dt.datetime) -> None:
    """From now on, this process's clock reads ``to`` (then ticks on from there)."""
    shift = to.timestamp() - _real_time()
    time.time = lambda: _real_time() + shift
    time.time_ns = lambda: int((_real_time() + shift) * 1e9)
    dt.datetime = MovedDatetime  # type: ignore[misc]  # replacing the class is the point
    dt.date = MovedDate  # type: ignore[misc]  # replacing the class is the point


def main() -> None:
    moment = _real_datetime.fromisoformat(sys.argv[1]).replace(tzinfo=dt.UTC)
    move_clock(moment)
    from mkdocs import utils
    from mkdocs.__main__ import cli

    print(f"clock: {utils.get_build_date()}", flush=True)
    cli.main(sys.argv[2:], prog_name="mkdocs")


if __name__ == "__main__":
    main()
