"""`workscape check` warns on mkdocs.yml that runs code or loads from other hosts."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from loopkit import cli
from workscape.rules.config_risks import config_risks
from workscape.sources.settings import read_settings
from workscape.sources.site_config import read_site_config

REPO = Path(__file__).resolve().parents[2]
ALLOW_HINT = (
    "  hint: if the maintainers accept it, list it under `{key}:` in .github/config-allowlist.yml"
)


def check(root: Path, *args: str) -> tuple[int, list[str]]:
    result = cli(root, "check", *args)
    return result.exit_code, result.stdout.splitlines()


def with_config(site: Path, addition: str, *replace: tuple[str, str]) -> Path:
    """The tiny site's mkdocs.yml with ``addition`` at the end and each ``replace`` made."""
    text = sitekit.MKDOCS_YML
    for old, new in replace:
        assert old in text
        text = text.replace(old, new)
    (site / "mkdocs.yml").write_text(text + addition, encoding="utf-8")
    return site


def line_of(site: Path, text: str) -> int:
    """The 1-based line of mkdocs.yml holding ``text``."""
    lines = (site / "mkdocs.yml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def test_hooks_are_python_run_on_every_build(site: Path) -> None:
    with_config(site, "hooks:\n  - hooks/evil.py\n")
    line = line_of(site, "hooks/evil.py")
    assert check(site) == (
        0,
        [
            f"mkdocs.yml:{line}:5: warning config-hooks: hook hooks/evil.py is Python "
            "that MkDocs runs on every build",
            "  hint: a maintainer must review that file and every change to it; if the "
            "maintainers accept it, list it under `hooks:` in .github/config-allowlist.yml",
        ],
    )
    # A strict check fails until a maintainer allows it.
    assert check(site, "--strict")[0] == 1


@pytest.mark.parametrize(
    ("entry", "host"),
    [
        ("  - https://cdn.attacker.test/steal.js\n", "cdn.attacker.test"),
        ("  - //cdn.attacker.test/steal.js\n", "cdn.attacker.test"),
        ("  - path: HTTPS://Cdn.Attacker.test/steal.js\n    type: module\n", "cdn.attacker.test"),
    ],
)
def test_scripts_from_another_host_are_flagged(site: Path, entry: str, host: str) -> None:
    with_config(
        site, f"extra_javascript:\n  - js/local.js\n  - https://example.test/kb/own.js\n{entry}"
    )
    line = line_of(site, "steal.js")
    url = entry.split("- ", 1)[1].split("\n", 1)[0].removeprefix("path: ")
    code, lines = check(site)
    assert code == 0
    # Paths in the repository and the site's own host are fine: one warning only.
    assert lines == [
        f"mkdocs.yml:{line}:5: warning config-external-asset: extra_javascript loads {url} "
        f"from {host}: every page would request it",
        "  hint: copy the file into the repository and list its path instead: the site makes "
        "no request to another host, and a script from one could change any page",
    ]


def test_plugins_and_extensions_outside_the_allow_list(site: Path) -> None:
    with_config(
        site,
        "",
        (
            "  - workscape/catalog\n",
            "  - workscape/catalog\n  - search\n  - some-plugin:\n      option: 1\n",
        ),
        ("  - admonition\n", "  - admonition\n  - evil_markdown_ext\n"),
    )
    plugin, ext = line_of(site, "some-plugin"), line_of(site, "evil_markdown_ext")
    assert check(site) == (
        0,
        [
            f"mkdocs.yml:{plugin}:5: warning config-plugin: plugin 'some-plugin' is not in the "
            "allow-list: it runs Python on every build",
            ALLOW_HINT.format(key="plugins"),
            f"mkdocs.yml:{ext}:5: warning config-markdown-extension: Markdown extension "
            "'evil_markdown_ext' is not in the allow-list: it runs Python on every build",
            ALLOW_HINT.format(key="markdown_extensions"),
        ],
    )
    # The maintainers accept the plugin: that warning goes, the other stays.
    sitekit.write(
        site, ".github/config-allowlist.yml", "plugins: [workscape/catalog, search, some-plugin]\n"
    )
    code, lines = check(site)
    assert [x.split(": warning ")[1].split(":")[0] for x in lines if "warning" in x] == [
        "config-markdown-extension"
    ]
    # An allow-list that leaves out search makes search a warning: the list replaces the default.
    sitekit.write(
        site, ".github/config-allowlist.yml", "plugins: [workscape/catalog, some-plugin]\n"
    )
    assert f"mkdocs.yml:{line_of(site, '- search')}:5: warning config-plugin: plugin 'search'" in (
        "\n".join(check(site)[1])
    )


def test_a_plugin_nested_in_materials_group_plugin_is_seen(site: Path) -> None:
    with_config(
        site,
        "",
        (
            "  - workscape/catalog\n",
            "  - workscape/catalog\n  - material/group:\n      enabled: true\n"
            "      plugins:\n        - rogue\n",
        ),
    )
    assert check(site)[1][0] == (
        f"mkdocs.yml:{line_of(site, 'rogue')}:11: warning config-plugin: plugin 'rogue' is not "
        "in the allow-list: it runs Python on every build"
    )


def test_python_tags_are_flagged_and_never_run(site: Path) -> None:
    with_config(
        site,
        "extra:\n  boom: !!python/object/apply:os.mkdir [pwned]\n",
        (
            "  - pymdownx.superfences\n",
            "  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n"
            "          class: mermaid\n"
            "          format: !!python/name:pymdownx.superfences.fence_code_format\n",
        ),
    )
    code, lines = check(site)
    assert lines == [
        f"mkdocs.yml:{line_of(site, 'pwned')}:9: warning config-python-tag: "
        "!!python/object/apply:os.mkdir makes MkDocs import (or call) Python while reading the file",
        "  hint: use !!python/name: only for functions of the allowed modules (markdown.extensions., "
        "material.extensions., pymdownx.); if the maintainers accept it, list it under "
        "`python_names:` in .github/config-allowlist.yml",
    ]
    # Reading the file to check it ran nothing; the allowed fence format is no warning.
    assert code == 0 and not (site / "pwned").exists() and not Path("pwned").exists()


def test_web_fonts_and_analytics_reach_other_hosts(site: Path) -> None:
    with_config(
        site,
        "extra:\n  analytics:\n    provider: google\n    property: G-XXXX\n",
        ("  font: false\n", ""),
    )
    assert check(site)[1] == [
        f"mkdocs.yml:{line_of(site, 'theme:')}:1: warning config-web-fonts: Material loads its "
        "web fonts from Google Fonts unless `font: false`",
        "  hint: set `font: false` under `theme:` (the site makes no request to another host); "
        "serve your own fonts from extra_css if you need them",
        f"mkdocs.yml:{line_of(site, 'analytics')}:3: warning config-analytics: extra.analytics "
        "makes every page load a tracker from another host",
        "  hint: count views from the web server's access log instead (`workscape views`)",
    ]


def test_an_inherited_file_is_checked_too(site: Path) -> None:
    with_config(site, "INHERIT: config/base.yml\n")
    sitekit.write(site, "config/base.yml", "hooks:\n  - config/run.py\n")
    assert check(site)[1][0] == (
        "config/base.yml:2:5: warning config-hooks: hook config/run.py is Python that MkDocs "
        "runs on every build"
    )
    with_config(site, "INHERIT: ../../outside.yml\n")
    assert check(site)[1][0] == (
        f"mkdocs.yml:{line_of(site, 'INHERIT')}:1: warning config-inherit: INHERIT reads "
        "configuration from outside the repository: ../../outside.yml"
    )


def test_a_pre_commit_run_on_content_stays_quiet_a_run_on_mkdocs_yml_does_not(site: Path) -> None:
    with_config(site, "hooks: [content/x.py]\n")
    assert check(site, "content/problems/seal-weeps.md") == (0, [])
    assert check(site, "mkdocs.yml")[1][0].startswith("mkdocs.yml:")


def test_a_bad_allow_list_is_an_error(site: Path) -> None:
    sitekit.write(site, ".github/config-allowlist.yml", "plugin: [x]\nhooks: yes please\n")
    assert check(site) == (
        1,
        [
            ".github/config-allowlist.yml:1:1: error bad-allowlist: unknown key 'plugin'",
            "  hint: did you mean 'plugins'? the keys are plugins, markdown_extensions, "
            "python_names, hooks",
            ".github/config-allowlist.yml:2:1: error bad-allowlist: 'hooks' must be a list of names",
            "  hint: write hooks: [a, b]",
        ],
    )


def test_the_example_configuration_raises_nothing() -> None:
    assert config_risks(read_site_config(REPO), read_settings(REPO)) == []


def test_code_inside_the_content_or_curation_folder_is_flagged_even_when_allowed(
    site: Path,
) -> None:
    with_config(
        site,
        "hooks:\n  - content/../curation/hook.py\n",
        ("  font: false\n", "  font: false\n  custom_dir: content/theme\n"),
    )
    sitekit.write(site, ".github/config-allowlist.yml", "hooks: [content/../curation/hook.py]\n")
    hint = "  hint: move it next to the code (plugins/, overrides/), which the maintainers own"
    assert check(site) == (
        0,
        [
            f"mkdocs.yml:{line_of(site, 'custom_dir')}:3: warning config-custom-dir: "
            "theme.custom_dir content/theme runs during the build from content/, where "
            "CODEOWNERS asks community managers, not maintainers, to review changes",
            hint,
            f"mkdocs.yml:{line_of(site, 'hook.py')}:5: warning config-hooks: hook "
            "content/../curation/hook.py runs during the build from curation/, where "
            "CODEOWNERS asks community managers, not maintainers, to review changes",
            hint,
        ],
    )
    # Beside the code, an allowed hook is no warning.
    with_config(site, "hooks:\n  - plugins/hook.py\n")
    sitekit.write(site, ".github/config-allowlist.yml", "hooks: [plugins/hook.py]\n")
    assert check(site) == (0, [])


def test_the_workflow_step_fails_a_pull_request_that_adds_a_hook(site: Path) -> None:
    """`workscape check --strict --format github mkdocs.yml .github/config-allowlist.yml`."""
    command = ["workscape", "check", "--strict", "--format", "github"]
    paths = ["mkdocs.yml", ".github/config-allowlist.yml"]
    assert sitekit.run([*command, *paths], REPO).returncode == 0  # the example passes
    with_config(site, "hooks:\n  - hooks/evil.py\n")
    sitekit.write(site, "content/problems/no-tags.md", "---\ntitle: T\nauthor: bob\n---\nx\n")
    result = sitekit.run([*command, *paths], site)
    assert result.returncode == 1
    assert result.stdout.startswith("::warning file=mkdocs.yml,line=")
    assert "config-hooks" in result.stdout
    assert "no-tags.md" not in result.stdout  # content is the other step's business
