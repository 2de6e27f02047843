"""One Markdown converter for every page of a build, instead of MkDocs' one per page.

MkDocs 1.6 builds a new ``markdown.Markdown`` for each page (``Page.render``): loading
every extension again and deep-copying their configurations, which at 1,000 items
cost more than converting the pages. Python-Markdown's own answer is ``reset()``
between documents: every extension that keeps state (toc, footnotes, abbr, the
pymdownx ones) clears it there. ``SharedMarkdownPage.render`` is ``Page.render``
with that one change; MkDocs' per-page tree processors are registered afresh for each
page (a name registered again replaces the last page's). A build is byte-identical
either way (checked by building the example and the benchmark corpus both ways).
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.structure.pages")  # the logger Page.render reads its level from


class Converters:
    """The one converter of a build; MkDocs' config is new for every (re)build, so is this."""

    def __init__(self) -> None:
        self._md: markdown.Markdown | None = None
        # Held, not its id: a config freed after a rebuild could lend its id to the next.
        self._for: MkDocsConfig | None = None

    def get(self, config: MkDocsConfig) -> markdown.Markdown:
        if self._md is None or self._for is not config:
            self._md = markdown.Markdown(
                extensions=config["markdown_extensions"],
                extension_configs=config["mdx_configs"] or {},
            )
            self._for = config
        else:
            self._md.reset()
        return self._md


CONVERTERS = Converters()


class SharedMarkdownPage(Page):
    """A page that renders with the build's one converter (``CONVERTERS``).

    The plugin gives each page this class in ``on_pre_page`` (MkDocs makes the pages
    itself, in its navigation, before any plugin could construct them).
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = CONVERTERS.get(config)
        raw_html_ext = _RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = _ExtractAnchorsTreeprocessor(self.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = _RelativePathTreeprocessor(self.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = _ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = extract_title_ext.title
        self.present_anchor_ids = (
            extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        )
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative_path_ext.links_to_anchors


def share_markdown(page: Page) -> Page:
    """``page``, rendering from now on with the shared converter (only plain MkDocs pages)."""
    if type(page) is Page:
        page.__class__ = SharedMarkdownPage
    return page
