"""Comments in the three ways in: `workscape comment`, a file in a pull request, the issue form.

Each lands as a file under curation/comments/ that a real site build shows under
its item; the issue form's commenter is the issue's author, never a typed name.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

import sitekit
from gitrepo import GitRepo
from loopkit import cli, event_file

RATE = "issue-rating-opened.json"  # any `issues` event: the body is replaced


def comment_body(item: str, text: str, reply_to: str = "", change: str = "") -> str:
    """An issue body as GitHub renders the Comment form."""
    none = "_No response_"
    return (
        f"### Item\n\n{item}\n\n### Reply to\n\n{reply_to or none}\n\n"
        f"### Comment to change\n\n{change or none}\n\n### Comment\n\n{text or none}"
    )


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    sitekit.make_site(tmp_path / "kb")
    repo = GitRepo(tmp_path / "kb")
    repo.git("-c", "init.defaultBranch=main", "init", "-q")
    repo.commit("The knowledge base", when="2026-03-03T12:00:00")
    return repo


def comments_on_page(root: Path, item_section: str = "seal-weeps") -> list[str]:
    result = sitekit.build(root, "--strict")
    assert result.returncode == 0, result.stderr
    doc = lxml_html.fromstring((root / "site/problems/seal-weeps/index.html").read_bytes())
    section = doc.xpath(f'//section[@class="ws-comments"][@data-item="{item_section}"]')[0]
    return [
        " ".join(b.text_content().split())
        for b in section.xpath('.//div[@class="ws-comment__body"]')
    ]


def ingest(root: Path, event: Path) -> tuple[int, str, str]:
    reply = root.parent / "reply.md"
    reply.unlink(missing_ok=True)
    result = cli(root, "comments", "ingest", str(event), "--reply", str(reply))
    text = reply.read_text(encoding="utf-8") if reply.exists() else ""
    return result.exit_code, text, result.stdout


def test_a_comment_from_the_cli_and_its_reply_appear_under_the_item(repo: GitRepo) -> None:
    root = repo.path
    first = cli(
        root,
        "comment",
        "seal-weeps",
        "Is the shaft sleeve scored?",
        "--by",
        "bob",
        "--at",
        "2026-03-04 09:10",
    )
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == "curation/comments/seal-weeps/20260304-0910-bob.md"
    reply = cli(
        root,
        "comment",
        "seal-weeps",
        "No, it is smooth.",
        "--by",
        "alice",
        "--reply-to",
        "20260304-0910-bob",
        "--at",
        "2026-03-04 10:00",
    )
    assert reply.exit_code == 0, reply.output
    # Same minute, same person: a new file, never the old one overwritten.
    again = cli(
        root,
        "comment",
        "seal-weeps",
        "And the seal faces?",
        "--by",
        "bob",
        "--at",
        "2026-03-04 09:10",
    )
    assert again.stdout.strip() == "curation/comments/seal-weeps/20260304-0910-bob-2.md"
    assert (
        "shaft sleeve" in (root / "curation/comments/seal-weeps/20260304-0910-bob.md").read_text()
    )
    repo.commit("Comments", when="2026-03-04T12:00:00")
    assert comments_on_page(root) == [
        "Is the shaft sleeve scored?",
        "No, it is smooth.",
        "And the seal faces?",
    ]
    doc = lxml_html.fromstring((root / "site/problems/seal-weeps/index.html").read_bytes())
    nested = doc.xpath('//article[@data-id="20260304-0910-bob"]//div[@class="ws-replies"]')[0]
    assert "No, it is smooth." in nested.text_content()


def test_the_cli_refuses_a_reply_to_a_reply_and_an_unknown_person(repo: GitRepo) -> None:
    root = repo.path
    cli(root, "comment", "seal-weeps", "Top.", "--by", "bob", "--at", "2026-03-04 09:10")
    cli(
        root,
        "comment",
        "seal-weeps",
        "Reply.",
        "--by",
        "alice",
        "--reply-to",
        "20260304-0910-bob",
        "--at",
        "2026-03-04 09:20",
    )
    deeper = cli(
        root,
        "comment",
        "seal-weeps",
        "Deeper.",
        "--by",
        "sme",
        "--reply-to",
        "20260304-0920-alice",
        "--at",
        "2026-03-04 09:30",
    )
    assert deeper.exit_code == 1
    assert "is itself a reply; replies go one level deep" in deeper.output
    nobody = cli(root, "comment", "seal-weeps", "Hi.", "--by", "bobb", "--at", "2026-03-04 09:40")
    assert nobody.exit_code == 1 and "'bobb' is not linked to anyone" in nobody.output
    assert sorted(p.name for p in (root / "curation/comments/seal-weeps").iterdir()) == [
        "20260304-0910-bob.md",
        "20260304-0920-alice.md",
    ]


def test_a_comment_in_a_pull_request_is_a_file_the_build_shows(repo: GitRepo) -> None:
    repo.git("switch", "-q", "-c", "comment")
    repo.write(
        "curation/comments/check-flush/20260305-0800-sme.md",
        "---\nby: sme\ndate: 2026-03-05\n---\nPlan 11 is right for **this** seal.\n",
    )
    repo.commit(
        "Comment on the answer", author=("Sam Expert", "sam@acme.test"), when="2026-03-05T08:00:00"
    )
    repo.git("switch", "-q", "main")
    repo.merge("comment", author=("Carla Manager", "carla@acme.test"), when="2026-03-05T09:00:00")
    assert comments_on_page(repo.path, "check-flush") == ["Plan 11 is right for this seal."]


def test_the_issue_form_records_the_comment_of_the_issue_author(repo: GitRepo) -> None:
    root = repo.path
    event = event_file(
        root.parent,
        RATE,
        login="alice-gh",
        created_at="2026-03-05T14:07:33Z",
        # A name typed into the form is text, not an identity.
        body=comment_body(
            "https://example.test/kb/problems/seal-weeps/",
            "by: bob\n\nThe gland nut was loose, as @sme said.",
        ),
    )
    code, reply, out = ingest(root, event)
    assert code == 0, reply
    rel = "curation/comments/seal-weeps/20260305-1407-alice.md"
    assert out.strip() == f"add: {rel}"
    assert f"`{rel}`" in reply and "Thank you" in reply
    # What the workflow does next: commit to main, then publish.
    repo.commit(
        "Record the comment from issue #41",
        author=("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"),
        when="2026-03-05T14:08:00",
    )
    assert comments_on_page(root) == ["by: bob The gland nut was loose, as @sme said."]
    doc = lxml_html.fromstring((root / "site/problems/seal-weeps/index.html").read_bytes())
    assert (
        doc.xpath('//article[@data-id="20260305-1407-alice"]//a[@class="ws-person"]')[0].text
        == "Alice Archer"
    )


def test_the_issue_author_edits_and_deletes_only_their_own_comment(repo: GitRepo) -> None:
    root = repo.path
    rel = "curation/comments/seal-weeps/20260305-1407-alice.md"
    ingest(
        root,
        event_file(
            root.parent,
            RATE,
            login="alice-gh",
            created_at="2026-03-05T14:07:00Z",
            body=comment_body("seal-weeps", "First words."),
        ),
    )
    bob = event_file(
        root.parent,
        RATE,
        name="bob.json",
        login="bob-gh",
        body=comment_body("seal-weeps", "Rewritten by Bob.", change="20260305-1407-alice"),
    )
    code, reply, _ = ingest(root, bob)
    assert code == 1 and "is not yours, so you cannot change it" in reply
    assert "First words." in (root / rel).read_text()
    edit = event_file(
        root.parent,
        RATE,
        name="edit.json",
        login="alice-gh",
        body=comment_body("seal-weeps", "Better words.", change="20260305-1407-alice"),
    )
    code, reply, out = ingest(root, edit)
    assert (code, out.strip()) == (0, f"edit: {rel}")
    assert "Better words." in (root / rel).read_text()
    delete = event_file(
        root.parent,
        RATE,
        name="delete.json",
        login="alice-gh",
        body=comment_body("seal-weeps", "", change="20260305-1407-alice"),
    )
    code, reply, out = ingest(root, delete)
    assert (code, out.strip()) == (0, f"delete: {rel}")
    assert not (root / rel).exists()


@pytest.mark.parametrize(
    ("login", "item", "text", "says"),
    [
        ("stranger-gh", "seal-weeps", "Hi", "is not linked to anyone in the people directory"),
        ("bob-gh", "seal-weep", "Hi", "There is no item `seal-weep` on the site"),
        ("bob-gh", "seal-weeps", "", "The comment is empty"),
        ("bob-gh", "seal-weeps", "x" * 5001, "keep it under 5,000"),
    ],
)
def test_the_issue_form_refuses_with_a_reply_saying_why(
    repo: GitRepo, login: str, item: str, text: str, says: str
) -> None:
    event = event_file(repo.path.parent, RATE, login=login, body=comment_body(item, text))
    code, reply, _ = ingest(repo.path, event)
    assert code == 1
    assert says in reply
    assert not (repo.path / "curation/comments").exists()
