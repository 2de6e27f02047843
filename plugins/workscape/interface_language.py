"""The words Workscape's own pages say, in the site's language (mkdocs.yml's ``theme.language``).

One message catalogue (gettext, domain ``messages``) serves the templates, through Jinja2's
i18n extension, and the few sentences the core writes into pages, digests and health. The
catalogues live beside the templates in ``templates/locales/<lang>/LC_MESSAGES``: MkDocs
looks there in every theme folder too. The compiled ``.mo`` files are committed next to
their ``.po`` sources (a test holds them equal), so a build reads the same bytes every
time and needs no compile step. English is the source language: no catalogue, the
message ids themselves. Findings from ``workscape check`` stay English on purpose: they are
read by contributors and searched for in the README, whatever the site's readers speak.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from babel.support import Translations

LOCALES = Path(__file__).resolve().parent / "templates" / "locales"
DOMAIN = "messages"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue for ``language`` ("de", "de_AT", "pt-BR"), or the English ids unchanged.

    A regional variant without its own catalogue falls back to the language's ("de_AT"
    to "de"), as gettext does.
    """
    tag = language.replace("-", "_")
    wanted = [tag, tag.split("_")[0]] if "_" in tag else [tag]
    return Translations.load(str(LOCALES), wanted, DOMAIN)


def available() -> list[str]:
    """The languages with a catalogue, besides English."""
    return sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


def N_(message: str) -> str:  # noqa: N802  # gettext's conventional name, which pybabel extracts
    """Marks a message for the catalogue where it is defined; it is translated where shown."""
    return message


#: Words the templates translate from data (``_(item.type)``, a community's kind), listed
#: here so pybabel finds them.
FROM_DATA = (
    *(N_("problem"), N_("answer"), N_("resource"), N_("collection")),
    *(N_("horizontal"), N_("vertical")),
)


def N_plural(one: str, other: str) -> tuple[str, str]:  # noqa: N802  # extracted as N_ is
    """Marks a message with a plural form (``ngettext``'s two English forms) for the catalogue."""
    return one, other
