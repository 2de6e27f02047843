"""The one-pass git history reader, against real repositories with fixed dates and authors."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gitrepo import ALICE, BOB, GitRepo, utc
from workscape.errors import ProjectError
from workscape.sources.history import (
    SHALLOW_MESSAGE,
    Contributor,
    History,
    handles_by_email,
    now,
    read_history,
    unknown_identities,
)

CAROL = ("Carol Example", "carol@example.com")
MERGER = ("Merge Master", "merger@example.com")
T1, T2, T3, T4 = (f"2026-01-0{d}T10:00:00" for d in (1, 2, 3, 4))


@pytest.fixture(autouse=True)
def hermetic_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """read_history runs git with the process environment: keep the machine's config out."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo.init(tmp_path / "kb")


def who(history: History, path: str) -> list[tuple[str, str, int]]:
    record = history.for_path(path)
    assert record is not None, f"no history for {path}; have {sorted(history.files)}"
    return [(c.name, c.email, c.commits) for c in record.contributors]


def test_single_add(repo: GitRepo) -> None:
    repo.write("content/problems/a.md")
    repo.write("curation/people.yml", "[]\n")
    repo.write("README.md")
    head = repo.commit("Add a", author=ALICE, when=T1, committed=T2)

    history = read_history(repo.path)

    assert history.head == head
    assert history.head_time == utc(T2)  # HEAD's commit time, not its author time
    assert history.shallow is False
    assert sorted(history.files) == ["content/problems/a.md", "curation/people.yml"]
    record = history.for_path("content/problems/a.md")
    assert record is not None
    assert record.path == "content/problems/a.md"
    assert record.created == record.updated == utc(T1)
    assert record.created.tzinfo is UTC
    assert record.contributors == (Contributor("Alice Example", "alice@example.com", 1, utc(T1)),)
    assert history.for_path("README.md") is None


def test_commits_by_several_authors_are_counted_per_person(repo: GitRepo) -> None:
    repo.write("content/a.md", "1")
    repo.commit("add", author=ALICE, when=T1)
    repo.write("content/a.md", "2")
    repo.commit("edit", author=CAROL, when=T2)
    repo.write("content/a.md", "3")
    repo.commit("edit", author=BOB, when=T3)
    repo.write("content/a.md", "4")
    repo.write("content/b.md")
    repo.commit("edit", author=ALICE, when=T4)

    history = read_history(repo.path)

    assert who(history, "content/a.md") == [
        ("Alice Example", "alice@example.com", 2),
        ("Bob Example", "bob@example.com", 1),  # ties: by name
        ("Carol Example", "carol@example.com", 1),
    ]
    record = history.files["content/a.md"]
    assert (record.created, record.updated) == (utc(T1), utc(T4))
    assert who(history, "content/b.md") == [("Alice Example", "alice@example.com", 1)]


def test_author_dates_in_other_time_zones_are_read_as_utc_instants(repo: GitRepo) -> None:
    repo.write("content/a.md")
    repo.commit("add", when="@1767261600 +0200")  # 2026-01-01T10:00:00Z
    assert read_history(repo.path).files["content/a.md"].created == utc(T1)


def test_a_renamed_file_keeps_its_first_date_and_contributors(repo: GitRepo) -> None:
    repo.write("content/old-name.md", "Pump seals weep when the flush plan is wrong.\n" * 5)
    repo.commit("add", author=ALICE, when=T1)
    repo.mv("content/old-name.md", "content/problems/new-name.md")
    repo.commit("move", author=BOB, when=T2)
    repo.write(
        "content/problems/new-name.md", "Pump seals weep when the flush plan is wrong.\n" * 6
    )
    repo.commit("edit", author=CAROL, when=T3)

    history = read_history(repo.path)

    assert sorted(history.files) == ["content/problems/new-name.md"]
    record = history.files["content/problems/new-name.md"]
    assert (record.created, record.updated) == (utc(T1), utc(T3))
    assert [c.email for c in record.contributors] == [
        "alice@example.com",
        "bob@example.com",
        "carol@example.com",
    ]
    assert history.for_path("content/old-name.md") is None


def test_a_deleted_then_re_added_file_starts_afresh(repo: GitRepo) -> None:
    repo.write("content/a.md", "first text\n")
    repo.commit("add", author=ALICE, when=T1)
    (repo.path / "content/a.md").unlink()
    repo.write("content/keep.md")
    repo.commit("delete", author=BOB, when=T2)
    repo.write("content/a.md", "second text\n")
    repo.commit("re-add", author=CAROL, when=T3)

    history = read_history(repo.path)

    record = history.files["content/a.md"]
    assert (record.created, record.updated) == (utc(T3), utc(T3))
    assert who(history, "content/a.md") == [("Carol Example", "carol@example.com", 1)]


def test_a_deleted_file_does_not_appear(repo: GitRepo) -> None:
    repo.write("content/a.md")
    repo.write("content/b.md")
    repo.commit("add", when=T1)
    (repo.path / "content/a.md").unlink()
    repo.commit("delete", when=T2)
    assert sorted(read_history(repo.path).files) == ["content/b.md"]


def test_side_branch_authors_count_and_the_merge_commit_does_not(repo: GitRepo) -> None:
    repo.write("content/a.md", "one\n")
    repo.commit("add a", author=ALICE, when=T1)
    repo.git("checkout", "-q", "-b", "side")
    repo.write("content/a.md", "one\ntwo\n")
    repo.commit("edit a", author=BOB, when=T2)
    repo.write("content/b.md")
    repo.commit("add b", author=BOB, when=T3)
    repo.git("checkout", "-q", "main")
    repo.write("content/c.md")
    repo.commit("add c", author=CAROL, when=T2)
    merge = repo.merge("side", author=MERGER, when=T4)

    history = read_history(repo.path)

    assert history.head == merge
    assert history.head_time == utc(T4)
    assert who(history, "content/a.md") == [
        ("Alice Example", "alice@example.com", 1),
        ("Bob Example", "bob@example.com", 1),
    ]
    assert history.files["content/a.md"].updated == utc(T2)
    assert who(history, "content/b.md") == [("Bob Example", "bob@example.com", 1)]
    assert who(history, "content/c.md") == [("Carol Example", "carol@example.com", 1)]
    everyone = {c.email for f in history.files.values() for c in f.contributors}
    assert "merger@example.com" not in everyone


def test_a_branch_merged_with_strategy_ours_is_still_credited(repo: GitRepo) -> None:
    """Documented: every commit reachable from HEAD counts, even a discarded one."""
    repo.write("content/a.md", "one\n")
    repo.commit("add", author=ALICE, when=T1)
    repo.git("checkout", "-q", "-b", "side")
    repo.write("content/a.md", "discarded\n")
    repo.commit("edit", author=BOB, when=T2)
    repo.git("checkout", "-q", "main")
    repo.merge("side", author=MERGER, when=T3, strategy_args=["-s", "ours"])

    assert who(read_history(repo.path), "content/a.md") == [
        ("Alice Example", "alice@example.com", 1),
        ("Bob Example", "bob@example.com", 1),
    ]


def test_an_edit_on_another_branch_follows_a_rename_made_on_this_one(repo: GitRepo) -> None:
    text = "".join(f"line {n}\n" for n in range(20))
    repo.write("content/old.md", text)
    repo.commit("add", author=ALICE, when=T1)
    repo.git("checkout", "-q", "-b", "side")
    repo.write("content/old.md", text + "more\n")
    repo.commit("edit old path", author=CAROL, when=T3)
    repo.git("checkout", "-q", "main")
    repo.mv("content/old.md", "content/new.md")
    repo.commit("rename", author=BOB, when=T2)
    repo.merge("side", author=MERGER, when=T4)

    history = read_history(repo.path)

    assert sorted(history.files) == ["content/new.md"]
    assert [c.email for c in history.files["content/new.md"].contributors] == [
        "alice@example.com",
        "bob@example.com",
        "carol@example.com",
    ]
    assert history.files["content/new.md"].updated == utc(T3)


def test_a_file_deleted_on_a_branch_but_kept_by_the_merge_keeps_its_history(repo: GitRepo) -> None:
    repo.write("content/a.md", "one\n")
    repo.commit("add", author=ALICE, when=T1)
    repo.git("checkout", "-q", "-b", "side")
    repo.git("rm", "-q", "content/a.md")
    repo.write("content/b.md")
    repo.commit("drop a, add b", author=CAROL, when=T3)
    repo.git("checkout", "-q", "main")
    repo.write("content/a.md", "one\ntwo\n")
    repo.commit("edit a", author=BOB, when=T2)
    repo.merge("side", author=MERGER, when=T4, keep=["content/a.md"])

    history = read_history(repo.path)

    assert sorted(history.files) == ["content/a.md", "content/b.md"]
    assert who(history, "content/a.md") == [
        ("Alice Example", "alice@example.com", 1),
        ("Bob Example", "bob@example.com", 1),
    ]
    assert history.files["content/a.md"].updated == utc(T2)


def test_co_authored_by_trailers_credit_no_one(repo: GitRepo) -> None:
    # Anyone can write a trailer naming anyone: it must not put them on a profile.
    repo.write("content/a.md")
    repo.commit(
        "pair on a",
        author=ALICE,
        when=T1,
        trailers=["Co-authored-by: Bob Example <Bob@Example.COM>"],
    )
    repo.write("content/a.md", "2")
    repo.commit(
        "solo", author=BOB, when=T2, trailers=["Co-authored-by: Carol Example <carol@example.com>"]
    )

    assert who(read_history(repo.path), "content/a.md") == [
        ("Alice Example", "alice@example.com", 1),
        ("Bob Example", "bob@example.com", 1),
    ]


def test_mailmap_joins_two_addresses_of_one_person(repo: GitRepo) -> None:
    repo.write(".mailmap", "Alice Example <alice@example.com> <a.old@example.org>\n")
    repo.write("content/a.md", "1")
    repo.commit("add", author=("alice", "a.old@example.org"), when=T1)
    repo.write("content/a.md", "2")
    repo.commit("edit", author=ALICE, when=T2)
    repo.write("content/a.md", "3")
    repo.commit("edit", author=BOB, when=T3)

    assert who(read_history(repo.path), "content/a.md") == [
        ("Alice Example", "alice@example.com", 2),
        ("Bob Example", "bob@example.com", 1),
    ]


def test_editing_mailmap_without_a_commit_is_noticed(repo: GitRepo) -> None:
    repo.write("content/a.md")
    repo.commit("add", author=("alice", "a.old@example.org"), when=T1)
    assert who(read_history(repo.path), "content/a.md") == [("alice", "a.old@example.org", 1)]
    repo.write(".mailmap", "Alice Example <alice@example.com> <a.old@example.org>\n")
    assert who(read_history(repo.path), "content/a.md") == [
        ("Alice Example", "alice@example.com", 1)
    ]


def test_a_shallow_clone_is_flagged_and_reads_the_commits_present(
    repo: GitRepo, tmp_path: Path
) -> None:
    repo.write("content/a.md", "1")
    repo.commit("add a", author=ALICE, when=T1)
    repo.write("content/a.md", "2")
    repo.commit("edit a", author=BOB, when=T2)
    repo.write("content/b.md")
    repo.commit("add b", author=CAROL, when=T3)

    full = read_history(repo.clone(tmp_path / "full").path)
    shallow = read_history(repo.clone(tmp_path / "shallow", depth=1).path)

    assert full.shallow is False
    assert full.files["content/a.md"].created == utc(T1)
    assert shallow.shallow is True
    assert shallow.head == full.head
    # The only commit present adds every file: that is all a shallow clone can know.
    assert sorted(shallow.files) == ["content/a.md", "content/b.md"]
    assert shallow.files["content/a.md"].created == utc(T3)
    assert who(shallow, "content/a.md") == [("Carol Example", "carol@example.com", 1)]
    assert "fetch-depth: 0" in SHALLOW_MESSAGE


def test_uncommitted_files_have_no_history(repo: GitRepo) -> None:
    repo.write("content/a.md")
    repo.commit("add", when=T1)
    repo.write("content/untracked.md")
    repo.write("content/staged.md")
    repo.git("add", "content/staged.md")

    history = read_history(repo.path)

    assert sorted(history.files) == ["content/a.md"]
    assert history.for_path("content/untracked.md") is None


def test_a_repository_without_commits_is_empty(repo: GitRepo) -> None:
    repo.write("content/a.md")
    assert read_history(repo.path) == History()


@pytest.mark.parametrize("name", ["plain-folder", "missing-folder"])
def test_a_folder_outside_git_is_empty(tmp_path: Path, name: str) -> None:
    root = tmp_path / name
    if name == "plain-folder":
        (root / "content").mkdir(parents=True)
        (root / "content/a.md").write_text("x", encoding="utf-8")
    history = read_history(root)
    assert history == History()
    assert (history.head, history.head_time, history.shallow, dict(history.files)) == (
        None,
        None,
        False,
        {},
    )


def test_non_ascii_author_names_survive(repo: GitRepo) -> None:
    repo.write("content/a.md", "1")
    repo.commit("add", author=("José Álvarez", "Jose@Example.com"), when=T1)
    repo.write("content/a.md", "2")
    repo.commit("edit", author=("Łukasz Nowak", "lukasz@example.com"), when=T2)

    assert who(read_history(repo.path), "content/a.md") == [
        ("José Álvarez", "jose@example.com", 1),
        ("Łukasz Nowak", "lukasz@example.com", 1),
    ]


def test_file_names_with_spaces_non_ascii_and_control_characters(repo: GitRepo) -> None:
    names = [
        "content/problems/pump seal weeps.md",
        "content/Łódź notes/café ☕.md",
        'content/tab\there "quoted".md',
        "content/new\nline.md",
        "content/record\x1eseparator.md",  # the reader's own sentinel character
    ]
    for n, name in enumerate(names):
        repo.write(name, f"file {n}\n" * 10)
    repo.commit("add", author=ALICE, when=T1)
    repo.mv(names[0], "content/problems/pump seal weeps (renamed).md")
    repo.commit("rename", author=BOB, when=T2)

    history = read_history(repo.path)

    expected = sorted([*names[1:], "content/problems/pump seal weeps (renamed).md"])
    assert sorted(history.files) == expected
    renamed = history.files["content/problems/pump seal weeps (renamed).md"]
    assert (renamed.created, len(renamed.contributors)) == (utc(T1), 2)


def test_hostile_git_config_does_not_change_the_reading(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write("content/a.md", "Seal flush plans.\n" * 5)
    repo.commit("add", author=("José Álvarez", "jose@example.com"), when=T1)
    repo.mv("content/a.md", "content/b é.md")
    repo.commit("rename", author=BOB, when=T2)
    config = tmp_path / "gitconfig"
    config.write_text(
        "[diff]\n renames = false\n relative = true\n noprefix = true\n"
        "[log]\n showRoot = false\n showSignature = true\n decorate = full\n"
        "[color]\n ui = always\n"
        "[core]\n quotePath = true\n"
        "[i18n]\n logOutputEncoding = ISO-8859-1\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))

    history = read_history(repo.path)

    assert who(history, "content/b é.md") == [
        ("Bob Example", "bob@example.com", 1),
        ("José Álvarez", "jose@example.com", 1),
    ]
    assert history.files["content/b é.md"].created == utc(T1)


def test_a_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "mono")
    repo.write("docs/kb/content/a.md")
    repo.write("content/not-ours.md")
    repo.commit("add", author=ALICE, when=T1)

    history = read_history(repo.path / "docs/kb")

    assert sorted(history.files) == ["content/a.md"]
    assert history.files["content/a.md"].created == utc(T1)


def test_a_file_moved_in_from_outside_the_prefixes_keeps_its_history(repo: GitRepo) -> None:
    repo.write("drafts/a.md", "A draft about seal flush plans.\n" * 5)
    repo.commit("draft", author=ALICE, when=T1)
    repo.mv("drafts/a.md", "content/a.md")
    repo.commit("publish", author=BOB, when=T2)

    history = read_history(repo.path)

    assert sorted(history.files) == ["content/a.md"]
    assert history.files["content/a.md"].created == utc(T1)
    assert len(history.files["content/a.md"].contributors) == 2


def test_prefixes_choose_the_files(repo: GitRepo) -> None:
    repo.write("content/a.md")
    repo.write("curation/people.yml")
    repo.write("notes/b.md")
    repo.commit("add", when=T1)
    assert sorted(read_history(repo.path, prefixes=("notes/",)).files) == ["notes/b.md"]
    assert len(read_history(repo.path, prefixes=()).files) == 3  # none: the whole repository


def test_the_cache_returns_the_same_object_until_head_moves(repo: GitRepo) -> None:
    repo.write("content/a.md")
    repo.commit("add", when=T1)

    first = read_history(repo.path)
    assert read_history(repo.path) is first
    assert read_history(repo.path, prefixes=("content/",)) is not first

    repo.write("content/b.md")
    head = repo.commit("add b", when=T2)
    second = read_history(repo.path)

    assert second is not first
    assert second.head == head
    assert sorted(second.files) == ["content/a.md", "content/b.md"]


def test_now_is_source_date_epoch_else_head_time(repo: GitRepo) -> None:
    repo.write("content/a.md")
    repo.commit("add", when=T1, committed=T3)
    history = read_history(repo.path)

    assert now(history, {}) == utc(T3)
    assert now(history, {"SOURCE_DATE_EPOCH": ""}) == utc(T3)
    assert now(history, {"SOURCE_DATE_EPOCH": "1767225600"}) == datetime(2026, 1, 1, tzinfo=UTC)
    assert now(History(), {}) is None
    with pytest.raises(ProjectError, match="SOURCE_DATE_EPOCH='yesterday'"):
        now(history, {"SOURCE_DATE_EPOCH": "yesterday"})


def test_handles_by_email_lowercases_and_keeps_the_first_claim() -> None:
    people = [
        ("mlopez", ["Maria.Lopez@Example.com", "ml@old.example"]),
        ("rkhan", ["ml@old.example"]),
    ]
    assert handles_by_email(people) == {
        "maria.lopez@example.com": "mlopez",
        "ml@old.example": "mlopez",
    }


def test_unknown_identities_lists_their_files_and_skips_bots(repo: GitRepo) -> None:
    repo.write("content/b.md")
    repo.write("content/a.md")
    repo.commit("add", author=("Stranger", "stranger@example.com"), when=T1)
    repo.write("curation/ratings/a/rkhan.yml", "stars: 5\n")
    repo.commit(
        "rating",
        author=("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"),
        when=T2,
    )
    repo.write("content/a.md", "2")
    repo.commit("edit", author=ALICE, when=T3)
    history = read_history(repo.path)

    assert unknown_identities(history, ["Alice@Example.com"]) == {
        "stranger@example.com": ("content/a.md", "content/b.md"),
    }
    assert list(unknown_identities(history, ["alice@example.com"], skip_bots=False)) == [
        "41898282+github-actions[bot]@users.noreply.github.com",
        "stranger@example.com",
    ]


def test_a_repository_git_refuses_to_read_is_an_error(repo: GitRepo) -> None:
    repo.write("content/a.md")
    repo.commit("add", when=T1)
    (repo.path / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (repo.path / ".git/refs/heads/main").write_text("0" * 40 + "\n", encoding="utf-8")
    with pytest.raises(ProjectError) as refused:
        read_history(repo.path)
    assert refused.value.report() == f"git log failed in {repo.path}: fatal: bad object {'0' * 40}"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving the repository away takes root")
def test_a_repository_owned_by_someone_else_is_an_error_whose_hint_trusts_it(
    repo: GitRepo,
) -> None:
    repo.write("content/a.md")
    repo.commit("add", when=T1)
    os.chown(repo.path, 65534, 65534)  # nobody: git now refuses the repository

    with pytest.raises(ProjectError) as refused:
        read_history(repo.path / "content")

    assert refused.value.report() == (
        f"git rev-parse failed in {repo.path / 'content'}: fatal: detected dubious ownership "
        f"in repository at '{repo.path}'\n"
        f"  hint: trust the repository: git config --global --add safe.directory {repo.path}"
    )
