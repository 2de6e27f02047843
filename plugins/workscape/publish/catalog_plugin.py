"""The ``workscape/catalog`` MkDocs plugin: load the catalog, check it, render item pages.

Thin by design: the core loads and judges; this module moves results between
MkDocs events. A build with errors stops in ``on_config`` with every finding in
the log, before anything is written.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ..errors import WorkscapeError
from ..github.links import ON_GITHUB
from ..interface_language import translations
from ..model import FOLDERS, Item
from ..project import Loaded, load_project
from ..sources.cache import CacheFolder
from ..sources.contact import contact_where
from ..sources.history import SHALLOW_MESSAGE
from ..sources.settings import SITE_KEYS, THEME_KEYS, Settings, settings_from
from .atomic_site import AtomicSite
from .comments import Renderer
from .item_context import item_view
from .nav_cache import cache_nav
from .page_dates import last_change
from .pages import generated_file_batches, generated_pages, page_context
from .pages.lists import redirect_html
from .sanitize import sanitize_html, unsafe_build_options, with_referrer_policy
from .script_words import script_words
from .shared_markdown import share_markdown
from .template_cache import TEMPLATES as COMPILED_TEMPLATES
from .video import VideoExtension, VideoPages
from .withheld_links import unlink_withheld

log = logging.getLogger("mkdocs.plugins.workscape")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class CatalogConfig(base.Config):
    """The plugin entry's options: exactly the core's ``PLUGIN_OPTIONS``, defaults in ``Settings``.

    Unset, an option is None here and takes its default in ``settings_from``, the one
    function the CLI's reading of mkdocs.yml goes through too.
    """

    curation_dir = c.Optional(c.Type(str))
    """Folder of curator-owned data (taxonomy, people, reviews...), relative to mkdocs.yml.

    Default: ``curation``."""
    rating_form_url = c.Optional(c.Type(str))
    """Form tool for people without GitHub; ``{item}`` becomes the item id. Empty: GitHub issues."""
    ask_form_url = c.Optional(c.Type(str))
    """Form tool for asking without GitHub; ``{tag}``, ``{community}``: the page's. Empty: GitHub."""


def site_settings(config: MkDocsConfig, options: CatalogConfig) -> Settings:
    """The core's Settings from the config MkDocs validated, ``docs_dir`` made relative again."""
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve()
    site = {
        "docs_dir": docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs),
        **{key: config.get(key) for key in SITE_KEYS if key != "docs_dir"},
        "theme": {key: config.theme.get(key) for key in THEME_KEYS},
    }
    return settings_from(root, site, options)


def safe_title(text: str) -> str:
    """A title for Material's templates, which print it unescaped (and unescape it in <title>).

    Angle brackets become look-alike guillemets, so no later unescaping can make a
    tag of them; the rest is HTML-escaped so it displays as written.
    """
    return str(escape(text.replace("<", "\u2039").replace(">", "\u203a")))


class CatalogPlugin(BasePlugin[CatalogConfig]):
    """Loads the Workscape catalog and turns it into pages."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Kept across `mkdocs serve` rebuilds; the history reader caches per HEAD.
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.atomic: AtomicSite | None = None
        unsafe = unsafe_build_options(config.markdown_extensions, list(config.plugins))
        if unsafe:
            raise PluginError(
                f"mkdocs.yml enables {', '.join(unsafe)}, which would let a contribution read "
                "files from the build machine or run template code; Workscape refuses to "
                "build untrusted content with them. Remove them from mkdocs.yml."
            )
        self.settings = site_settings(config, self.config)
        # A build reads the cache but never writes it: the publish workflow builds cold and
        # nobody reads what it would leave (writing 10,000 items costs a few tenths of a
        # second). `mkdocs serve` writes it at its first build, for the next `workscape
        # check`; its rebuilds keep what they parse in memory.
        serving = getattr(self, "command", "build") == "serve"
        first = serving and not getattr(self, "wrote_cache", False)
        self.wrote_cache = serving
        folder = CacheFolder(self.settings.root, write=first)
        try:
            self.loaded: Loaded = load_project(settings=self.settings, cache=folder)
        except WorkscapeError as exc:
            raise PluginError(exc.report()) from None
        for finding in self.loaded.findings:
            if finding.code in CURATOR_ONLY:
                log.info(finding.format())
            else:
                (log.error if finding.severity == "error" else log.warning)(finding.format())
        if self.loaded.errors:
            raise PluginError(
                f"{len(self.loaded.errors)} error(s) in the content; "
                "run `workscape check` for the same list. Nothing was published."
            )
        if self.loaded.history and self.loaded.history.shallow:
            log.warning(SHALLOW_MESSAGE)
        for item_id, why in self.loaded.held_back_why.items():
            log.info("held back (%s): %s", why, item_id)
        self.catalog = self.loaded.published()
        # Contributed images load from the site's own host or one policy.yml lists.
        own = urlsplit(self.settings.site_url).hostname
        self.image_hosts = {*self.catalog.policy.image_hosts, *([own] if own else [])}
        self.renderer = Renderer(config.markdown_extensions, config.mdx_configs, self.image_hosts)
        # After the site's custom_dir (an organisation's overrides win over ours) and
        # before Material's (ours replace the partials that must change).
        position = 1 if config.theme.custom_dir else 0
        config.theme.dirs.insert(position, str(TEMPLATES))
        self.marker = f"wsanswer{secrets.token_hex(8)}"
        # Field media: `![caption](clip.mp4)` becomes a player (publish/video.py).
        self.videos = VideoPages((), str(config.theme.get("language") or "en"))
        config.markdown_extensions.append(VideoExtension(self.videos))  # type: ignore[arg-type]  # Markdown takes Extension instances beside names
        if getattr(self, "command", "build") == "build":
            # Build beside the site and swap at the end: a failure leaves the old site.
            self.atomic = AtomicSite(config.site_dir)
            config.site_dir = self.atomic.begin()
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.by_src: dict[str, Item] = {}
        self.answer_html: dict[str, dict[str, str]] = {}
        self.withheld: set[str] = set()
        docs = self.settings.docs_dir + "/"
        known = {item.path: item for item in self.loaded.catalog.items.values()}
        for file in list(files):
            item = known.get(docs + file.src_uri)
            if item is None:
                continue
            if item.id not in self.catalog.items:
                # Kept but excluded: MkDocs then resolves links to it without a warning,
                # and on_page_content turns those links into plain words.
                file.inclusion = InclusionLevel.EXCLUDED
                self.withheld.add(file.url)
                continue
            if item.type == "answer":
                files.remove(file)  # shown on its problem's page
                if item.problem in self.catalog.items:
                    files.append(AnswerPath.of(file, item, config))
                continue
            self.by_src[file.src_uri] = item
            if file.src_uri != f"{FOLDERS[item.type]}/{item.id}.md":
                file.dest_uri = f"{FOLDERS[item.type]}/{item.id}/index.html"
                file.url = f"{FOLDERS[item.type]}/{item.id}/"
        for answer in self.catalog.of_type("answer"):
            if answer.problem in self.catalog.items:
                target = f"../../problems/{answer.problem}/#answer-{answer.id}"
                files.append(
                    File.generated(
                        config,
                        f"answers/{answer.id}/index.html",
                        content=redirect_html(target, answer.display_title),
                    )
                )
        self.videos.assets = frozenset(f.src_uri for f in files if not f.is_documentation_page())
        css = (TEMPLATES.parent / "assets" / "workscape.css").read_text(encoding="utf-8")
        files.append(File.generated(config, "assets/workscape.css", content=css))
        for uri, markdown in generated_pages(self.catalog, self.settings).items():
            self._reserve(files, uri)
            files.append(File.generated(config, uri, content=markdown))
        # Feeds, charts and the search bundle go to disk family by family, not into
        # memory until MkDocs copies them: at 1,000 items that is about 10 MB less held
        # through every page's rendering. MkDocs knows them as files already in place.
        for batch in generated_file_batches(self.catalog, self.settings):
            for uri, content in batch.items():
                self._reserve(files, uri)
                files.append(_written(config, uri, content))
            del batch
        return files

    def _reserve(self, files: Files, uri: str) -> None:
        if files.get_file_from_path(uri) is not None:
            # `workscape check` reports a contributed page at a generated path
            # (reserved-path); nothing may replace a generated page unnoticed.
            raise PluginError(
                f"{self.settings.docs_dir}/{uri} takes the path of a page the site "
                "generates; rename or move it (run `workscape check`)"
            )

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        # One Markdown converter for the whole build, reset between pages (shared_markdown.py).
        return share_markdown(page)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        self.videos.page_url = page.file.url
        item = self.by_src.get(page.file.src_uri)
        if item is None:
            if self._is_contributed(page):
                # A plain page's front matter was checked (sources/content.py); Material
                # prints title and description unescaped, and `template` would pick any.
                page.meta = {
                    k: safe_title(str(v)) if k in ("title", "description") else v
                    for k, v in page.meta.items()
                    if k in PAGE_META
                }
            return markdown
        page.meta = {
            "template": "workscape/item.html",
            "title": safe_title(item.display_title),
            "description": safe_title(item.description or ""),
        }
        page.title = page.meta["title"]
        if item.type != "problem":
            return markdown
        # Answers join the problem's Markdown so links and extensions resolve as for any
        # page; the marker, unguessable per build, splits them apart after sanitizing.
        parts = [markdown]
        for answer in self._answers(item):
            parts.append(f"\n\n{self.marker}{answer.id}\n\n{answer.body}")
        return "".join(parts)

    @event_priority(-100)  # last: after every other plugin touched the HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self._is_contributed(page):
            return html
        clean = unlink_withheld(sanitize_html(html, self.image_hosts), page.file.url, self.withheld)
        item = self.by_src.get(page.file.src_uri)
        if item is None or item.type != "problem":
            return clean
        chunks = clean.split(f"<p>{self.marker}")
        # Kept per page: MkDocs converts every page before it renders any template.
        bodies = self.answer_html[page.file.src_uri] = {}
        for chunk in chunks[1:]:
            answer_id, _, rest = chunk.partition("</p>")
            bodies[answer_id] = rest
        answers = self._answers(item)
        if page.present_anchor_ids is not None:
            # The template gives each answer its anchor; MkDocs' anchor validation sees
            # only the Markdown, and links to `problem.md#answer-<id>` are good.
            page.present_anchor_ids |= {f"answer-{a.id}" for a in answers}
        missing = [i for i, a in enumerate(answers) if a.id not in bodies]
        if missing:
            # The part before the first lost marker left a fence or HTML block open.
            culprit = answers[missing[0] - 1].path if missing[0] else item.path
            raise PluginError(
                f"{culprit}: leaves a code fence or HTML block open at its end, which swallows "
                f"the answers shown after it on {item.path}'s page; close it"
            )
        return chunks[0]

    @event_priority(-100)  # last: whatever other plugins did to the page, the policy holds
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return with_referrer_policy(output)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # 404.html and the like; the sitemap and other XML have no <head> and pass unchanged.
        return with_referrer_policy(output_content)

    @event_priority(-100)  # last: every plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.atomic is None:
            return
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if config.strict and self.warnings.get_counts():
            self.atomic.abort()  # MkDocs aborts right after this event in strict mode
        else:
            self.atomic.commit()
            config.site_dir = str(self.atomic.final)
        self.atomic = None

    def on_build_error(self, *, error: Exception) -> None:
        atomic = getattr(self, "atomic", None)  # unset when the error comes before on_config
        if atomic is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            atomic.abort()
            self.atomic = None

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # MkDocs' Jinja does not autoescape, and a macro escapes by its own file's setting,
        # not its caller's: every workscape/ template escapes by default, so a forgotten
        # filter can never turn contributor text into markup. Material's stay as they are.
        env.autoescape = lambda name: bool(name) and name.startswith("workscape/")
        # A serve rebuild reuses the templates the last build compiled (template_cache.py).
        env.bytecode_cache = COMPILED_TEMPLATES
        # Pages outside the nav share its rendering (nav_cache.py), unless it is overridden.
        self.nav_cache = cache_nav(env, self.nav, config)
        # "Ask <name>" says where it goes before the click ("opens teams.example").
        env.filters["ws_contact_where"] = contact_where
        # Workscape's words in the site's language; the old-style gettext MkDocs chose
        # keeps `_("...")` escaped like any string and `{% trans %}` text like template text.
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(translations(self.settings.language))
        # The browser scripts' words, as one JSON block on every page (partials/header.html).
        env.globals["ws_script_words"] = script_words(self.settings.language)
        # Every page is read by now and the sitemap is written next: date each page from
        # the repository, not the build's day, so one commit always builds the same bytes.
        for file in files.documentation_pages():
            day = last_change(self.catalog, self.by_src.get(file.src_uri))
            if file.page is not None and day is not None:
                file.page.update_date = day.isoformat()
        return env

    def on_template_context(
        self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig
    ) -> dict[str, Any]:
        return self._build_date(context)

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        item = self.by_src.get(page.file.src_uri)
        self._build_date(context)
        context["ws_site"] = {
            "catalog": self.catalog,
            "settings": self.settings,
            "on_github": ON_GITHUB,  # what every link into GitHub says before the click
        }
        if page.meta.get("ws_page"):
            context["ws_page"] = page_context(
                self.catalog,
                self.settings,
                page.meta["ws_page"],
                str(page.meta.get("ws_ref") or ""),
            )
            posts = context["ws_page"].get("news") if isinstance(context["ws_page"], dict) else None
            if posts:
                base = str(context.get("base_url", ""))
                rendered = self.renderer.news(self.catalog, list(posts), base)
                context["ws_news_html"] = {n.path: html for n, html in rendered}
        if item is not None:
            context["ws_item"] = item_view(self.catalog, self.settings, item)
            # Each page is rendered once a build: its answers' HTML is not needed after.
            context["ws_answer_html"] = self.answer_html.pop(page.file.src_uri, {})
            base = str(context.get("base_url", ""))
            on = [item, *(self._answers(item) if item.type == "problem" else [])]
            context["ws_comments"] = {
                i.id: self.renderer.comments(self.catalog, self.settings, i, base) for i in on
            }
            context["ws_comment_feed"] = any(context["ws_comments"].values())
        return context

    def _build_date(self, context: dict[str, Any]) -> dict[str, Any]:
        # MkDocs offers templates the wall clock; an override printing it would make every
        # build differ. Workscape's "now" (HEAD's commit time) stands in for it.
        if self.catalog.now is not None:
            context["build_date_utc"] = self.catalog.now
        return context

    def _answers(self, problem: Item) -> list[Item]:
        return list(self.catalog.answers_to(problem.id))

    def _is_contributed(self, page: Page) -> bool:
        """Every page whose Markdown came from the repository (not from us) is sanitized."""
        return not page.file.generated_by


def _written(config: MkDocsConfig, uri: str, content: str | bytes) -> File:
    """``content`` written at ``uri`` in the site now, as a generated file MkDocs leaves be.

    MkDocs copies a file backed by ``abs_src_path`` and lets one already at its
    destination stay (``File.copy_file``); the bytes are what it would have written.
    """
    file = File.generated(config, uri, abs_src_path=os.devnull)
    file.abs_src_path = file.abs_dest_path
    os.makedirs(os.path.dirname(file.abs_dest_path), exist_ok=True)
    if isinstance(content, str):
        with open(file.abs_dest_path, "w", encoding="utf-8") as out:
            out.write(content)
    else:
        with open(file.abs_dest_path, "wb") as out:
            out.write(content)
    return file


class AnswerPath(File):
    """An answer's Markdown path, kept so links to ``answers/<id>.md`` resolve.

    The answer is read on its problem's page; a link to its file leads to its own
    address, whose redirect (a generated file) sends the reader to its place there.
    Nothing is rendered or written for this file.
    """

    @classmethod
    def of(cls, file: File, answer: Item, config: MkDocsConfig) -> AnswerPath:
        alias = cls(
            file.src_uri,
            src_dir=None,
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
            dest_uri=f"{FOLDERS['answer']}/{answer.id}/index.html",
        )
        alias.generated_by = "workscape/catalog"
        return alias

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        return None


#: Findings for curators (shown by `workscape check`) that say nothing about what is
#: published, so they do not fail `mkdocs build --strict`: a commit by someone not in
#: people.yml (a bot, a developer) is worth knowing, not a reason to stop the site; so is
#: a comment kept off the site with the item it is on.
CURATOR_ONLY = frozenset({"unknown-identity", "link-to-held-back", "comment-on-held-back"})

#: Front-matter keys a plain (non-item) page may use; sources/content.py reports others.
PAGE_META = frozenset({"title", "description", "hide"})
