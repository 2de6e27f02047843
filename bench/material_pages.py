"""MkDocs hook for the plain-Material baselines: the section pages such a site would have.

A Material site of the same Markdown needs a home page, one index page per section
(the nav lists sections, not every page) and a tags index where Material's tags plugin
lists every tag with its pages. They are generated here rather than written into the
corpus, because in a Workscape site the plugin generates its own pages at those places
(and a ``problems/index.md`` file would be read as a problem).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

PAGES = {
    "index.md": "# Knowledge base\n\nProblems, answers and resources from our communities.\n",
    "problems/index.md": "# Problems\n\nWhat people hit at work. Browse by [tag](../tags.md).\n",
    "answers/index.md": "# Answers\n\nAnswers to the problems. Browse by [tag](../tags.md).\n",
    "resources/index.md": "# Resources\n\nDocuments, videos, podcasts and links.\n",
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for uri, content in PAGES.items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=content))
    return files
