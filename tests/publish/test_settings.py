"""mkdocs.yml means the same to `workscape` (read without MkDocs) and to `mkdocs build`.

Both go through the core's ``settings_from``; these tests hold the plugin's declared
options equal to the core's, and show that a value given in mkdocs.yml, or left out,
reaches both readers alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

import sitekit
from workscape.publish.catalog_plugin import CatalogConfig, CatalogPlugin, site_settings
from workscape.sources.settings import PLUGIN_OPTIONS, Settings, read_settings


def both_readings(root: Path) -> tuple[Settings, Settings]:
    """What the CLI reads from root/mkdocs.yml, and what the plugin gets from MkDocs."""
    config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = config.plugins["workscape/catalog"]
    assert isinstance(plugin, CatalogPlugin)
    return read_settings(root), site_settings(config, plugin.config)


def test_the_plugin_declares_exactly_the_options_the_core_reads() -> None:
    # A Settings field that is not one of mkdocs.yml's own keys is a plugin option: without
    # its declaration MkDocs would warn "Unrecognised configuration name" and drop it.
    assert sorted(CatalogConfig()) == sorted(PLUGIN_OPTIONS)


def test_every_option_given_in_mkdocs_yml_reaches_the_cli_and_the_build(tmp_path: Path) -> None:
    given = {name: f"{name.replace('_', '-')}-given" for name in PLUGIN_OPTIONS}
    entry = "".join(f"      {name}: {value}\n" for name, value in given.items())
    yml = sitekit.MKDOCS_YML.replace("  - workscape/catalog\n", "  - workscape/catalog:\n" + entry)
    root = sitekit.make_site(tmp_path / "kb", {"mkdocs.yml": yml})
    cli, build = both_readings(root)
    assert cli == build
    assert {name: getattr(cli, name) for name in PLUGIN_OPTIONS} == given
    assert (cli.docs_dir, cli.site_name, cli.repo_url) == (
        "content",
        "Test Know-How",
        "https://github.com/acme/kb",
    )


@pytest.mark.parametrize("entry", ["  - workscape/catalog\n", "  - workscape/catalog: {}\n"])
def test_an_option_left_out_takes_the_same_default_in_the_cli_and_the_build(
    tmp_path: Path, entry: str
) -> None:
    yml = sitekit.MKDOCS_YML.replace("  - workscape/catalog\n", entry)
    root = sitekit.make_site(tmp_path / "kb", {"mkdocs.yml": yml})
    cli, build = both_readings(root)
    assert cli == build
    defaults = Settings(root=root)
    assert [getattr(cli, name) for name in PLUGIN_OPTIONS] == [
        getattr(defaults, name) for name in PLUGIN_OPTIONS
    ]
