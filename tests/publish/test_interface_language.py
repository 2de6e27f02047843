"""Interface language: Workscape's own words follow ``theme.language``.

The bundled example is copied into tmp_path, switched to German, and built; no page a
reader opens first may still show one of the catalogue's English messages. English
stays the source: the example built as it is shows the English words.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from lxml import html as lxml_html

import sitekit
from conftest import REPO

LOCALES = REPO / "plugins/workscape/templates/locales"
CATALOGUE = LOCALES / "de/LC_MESSAGES/messages.po"
#: Pages a reader meets first, one of each kind, plus the digest as it is mailed.
PAGES = (
    "index.html",
    "problems/cooling-tower-pumps-lose-seals-every-quarter/index.html",
    "search/index.html",
    "people/index.html",
    "health/index.html",
    "communities/field-service/digest/index.html",
    "communities/field-service/digest/email.html",
    # and the rest of Workscape's pages, one of each
    "communities/field-service/index.html",
    "communities/index.html",
    "gaps/index.html",
    "help/index.html",
    "new/index.html",
    "people/amehta/index.html",
    "people/amehta/activity/index.html",
    "popular/index.html",
    "review/index.html",
    "saved/index.html",
    "subscribe/index.html",
    "subscribe/communities/field-service/index.html",
    "tags/index.html",
    "unanswered/index.html",
)
#: Where contributors' words are: the example is written in English, so they stay English.
CONTRIBUTED = (
    "ws-body",
    "ws-summary",
    "ws-card__title",
    "ws-news__body",
    "ws-comment__body",
    "ws-tag",
    "ws-person",
)
#: The example's navigation as a German organisation would write it in its mkdocs.yml: the
#: site's own words, which Workscape's catalogue does not hold.
NAV = {
    "Home": "Start",
    "Problems": "Probleme",
    "Resources": "Ressourcen",
    "Collections": "Sammlungen",
    "Tags": "Schlagwörter",
    "Communities": "Communitys",
    "People": "Personen",
    "Saved": "Gemerkt",
    "Health": "Zustand",
    "Gaps": "Lücken",
    "Review queue": "Prüfwarteschlange",
    "Search": "Suche",
}
#: Attributes a reader meets as words (a screen reader says them, a field shows them).
SAID = ("placeholder", "aria-label", "title", "alt", "data-label")


def english_messages() -> list[str]:
    """The catalogue's English messages whose German differs, as the literal runs a page shows.

    A message with placeholders or markup shows as several runs around them. A run the
    German keeps too (a product name, a command's value) is no sign of English; a run of
    two words and eight letters or more is looked for inside any text, a shorter one
    ("by", "of the") only as a whole text, as contributed English says such words too.
    """
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    runs: set[str] = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or set(ids) == set(strings):
            continue
        german = set().union(*(_runs(s) for s in strings))
        for english in ids:
            runs |= _runs(english) - german
    return sorted(runs)


def _runs(message: str) -> set[str]:
    message = re.sub(r"<code>.*?</code>", "", message)  # literal code, never translated
    runs = set()
    for run in re.split(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>|[()“”„]", message):
        run = " ".join(run.split()).strip(" .,:;·→")
        if run and re.search(r"[A-Za-z]", run):
            runs.add(run)
    return runs


def said(document: lxml_html.HtmlElement) -> Iterator[str]:
    """Every text and spoken attribute outside scripts, styles and contributed content."""
    for el in document.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript", "code"):
            continue
        classes = set((el.get("class") or "").split())
        if classes & set(CONTRIBUTED) or any(
            set((a.get("class") or "").split()) & set(CONTRIBUTED) for a in el.iterancestors()
        ):
            continue
        for name in SAID:
            if el.get(name):
                yield " ".join(el.get(name).split())
        for piece in (el.text, *(c.tail for c in el)):
            if piece and piece.strip():
                yield " ".join(piece.split())


def english_on(page: Path, messages: list[str]) -> list[str]:
    document = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    texts = list(said(document))
    found = []
    for run in messages:
        if " " in run and len(run) >= 8:
            if any(run in text for text in texts):
                found.append(run)
        elif any(text.strip(" .,:;·→()") == run for text in texts):
            found.append(run)
    return found


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example with ``theme.language: de``, built with --strict."""
    root = tmp_path_factory.mktemp("german")
    for name in ("content", "curation", "overrides"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  name: material\n" in config
    for english, german in NAV.items():
        assert f"\n  - {english}: " in config, english
        config = config.replace(f"\n  - {english}: ", f"\n  - {german}: ")
    (root / "mkdocs.yml").write_text(
        config.replace("\n  name: material\n", "\n  name: material\n  language: de\n"),
        encoding="utf-8",
    )
    out = root / "site"
    result = sitekit.run(["mkdocs", "build", "--strict", "-d", str(out)], root)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("page", PAGES)
def test_a_german_site_shows_none_of_the_catalogues_english_messages(
    german_site: Path, page: str
) -> None:
    messages = english_messages()
    assert len(messages) > 150  # the catalogue is really read
    assert english_on(german_site / page, messages) == []


@pytest.mark.parametrize("page", PAGES)
def test_the_english_site_shows_the_english_messages(example_site: Path, page: str) -> None:
    """The check above can see English: the same pages built in English show it."""
    assert len(english_on(example_site / page, english_messages())) >= 5


def test_german_pages_say_their_language_and_its_words(german_site: Path) -> None:
    home = (german_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in home
    for words in (
        "Neues",
        "Wer beliebt ist",
        "So funktioniert diese Website",
    ):
        assert f">{words}<" in home, words
    assert ">Eine Frage stellen <small" in home
    mail = (german_site / "communities/field-service/digest/email.html").read_text("utf-8")
    assert '<html lang="de">' in mail
    assert "Diesen Überblick auf der Website lesen" in mail


def test_the_compiled_catalogues_are_the_committed_sources() -> None:
    """A .po edited without `make locales` would never reach a page: the .mo must match it."""
    for po in LOCALES.glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as f, po.with_suffix(".mo").open("rb") as g:
            source, compiled = read_po(f), read_mo(g)
        expected = {_key(m.id): _key(m.string) for m in source if m.id and m.string}
        assert {_key(m.id): _key(m.string) for m in compiled if m.id} == expected, po


def _key(value: object) -> object:
    """A message's id or text, plural forms as a tuple (the .mo reader gives lists)."""
    return tuple(value) if isinstance(value, list | tuple) else value


@pytest.fixture(scope="module")
def german_url(german_site: Path) -> Iterator[str]:
    with sitekit.served(german_site) as url:
        yield url


@pytest.mark.browser
def test_the_german_search_page_script_speaks_german(browser: object, german_url: str) -> None:
    """The script's words come from the page (a JSON block), translated by the catalogue."""
    context = browser.new_context()  # type: ignore[attr-defined]  # a Playwright Browser
    tab = context.new_page()
    try:
        tab.goto(german_url + "/search/?q=seal")
        tab.wait_for_selector("form[data-ready]", state="attached")
        tab.wait_for_function("document.querySelectorAll('.ws-result').length > 0")
        status = tab.locator("[data-ws-status]").text_content() or ""
        count = tab.locator(".ws-result").count()
        assert re.fullmatch(r"\d+ Ergebnisse?", status.strip()), status
        types = set(tab.locator(".ws-result .ws-type").all_text_contents())
        assert types and types <= {"Problem", "Antwort", "Ressource", "Sammlung"}, types
        badges = set(tab.locator(".ws-result .ws-badge").all_text_contents())
        assert "Inhalt der Community" in badges or "Vom Fachexperten freigegeben" in badges
        assert count >= 1
        tab.goto(german_url + "/search/?q=qqqxyzzy")
        tab.wait_for_selector("form[data-ready]", state="attached")
        tab.wait_for_function("!document.querySelector('[data-ws-none]').hidden")
        status = tab.locator("[data-ws-status]").text_content() or ""
        assert status == "Keine Ergebnisse für „qqqxyzzy“.", status
    finally:
        context.close()


@pytest.mark.browser
def test_the_german_people_filter_counts_in_german(browser: object, german_url: str) -> None:
    """The directory's filter script takes its words from the page's JSON block too."""
    context = browser.new_context()  # type: ignore[attr-defined]  # a Playwright Browser
    tab = context.new_page()
    try:
        tab.goto(german_url + "/people/?community=field-service")
        tab.wait_for_selector("#ws-people-filter[data-ready]", state="attached")
        shown = tab.locator("#ws-directory li[data-handle]:visible").count()
        total = tab.locator("#ws-directory li[data-handle]").count()
        count = tab.locator(".ws-filter__count").text_content()
        assert 0 < shown < total
        assert count == f"{shown} von {total} Personen"
    finally:
        context.close()


def test_the_cli_and_the_plugin_read_the_same_language(tmp_path: Path) -> None:
    """theme.language reaches Settings alike from MkDocs and from the CLI's own reading."""
    from mkdocs.config import load_config

    from workscape.publish.catalog_plugin import CatalogPlugin, site_settings
    from workscape.sources.settings import read_settings

    root = sitekit.make_site(tmp_path / "kb")
    config_file = root / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert read_settings(root).language == "en"  # no theme.language: English
    assert "\ntheme:\n  name: material\n" in text
    config_file.write_text(
        text.replace(
            "\ntheme:\n  name: material\n", "\ntheme:\n  name: material\n  language: de\n"
        ),
        "utf-8",
    )
    config = load_config(config_file=str(config_file))
    plugin = config.plugins["workscape/catalog"]
    assert isinstance(plugin, CatalogPlugin)
    assert read_settings(root).language == site_settings(config, plugin.config).language == "de"


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("de", "Neues"),
        ("de_AT", "Neues"),
        ("de-CH", "Neues"),
        ("en", "What's new"),
        ("fr", "What's new"),
    ],
)
def test_a_regional_variant_takes_its_languages_catalogue(language: str, says: str) -> None:
    from workscape.interface_language import translations

    assert translations(language).gettext("What's new") == says
