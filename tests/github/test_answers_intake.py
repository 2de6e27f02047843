"""`workscape answers ingest`: an "Answer this" issue, with its photo and video, becomes a draft.

A local HTTP server stands in for the forge's attachment host; the site is a real git
repository, committed as the intake workflow commits, and built.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

import mediakit
import sitekit
from gitrepo import GitRepo
from loopkit import DATA, cli, event_file
from workscape.github.attachments import MAX_ATTACHMENTS

ANSWER = "issue-answer-opened.json"
PHOTO_ID = "0c5e1a8e-7d1b-4c7a-9a55-2f5d1c0b9e11"
VIDEO_ID = "5b1f6a2c-3e8d-4f10-8b7e-6a9c2d4e1f22"
DRAFT = "content/answers/seal-weeps-by-alice.md"
MEDIA = "content/media/seal-weeps-by-alice"
CURATOR = ("Carla Manager", "carla@acme.test")
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


class AttachmentHost:
    """Serves files by path and records every path asked for."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.asked: list[str] = []
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                host.asked.append(self.path)
                data = host.files.get(self.path.split("?", 1)[0])
                self.send_response(200 if data is not None else 404)
                self.send_header("Content-Type", "application/octet-stream")
                self.end_headers()
                self.wfile.write(data or b"")

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, name: str) -> str:
        return f"{self.base}/user-attachments/assets/{name}"


@pytest.fixture
def host() -> Iterator[AttachmentHost]:
    server = AttachmentHost(
        {
            f"/user-attachments/assets/{PHOTO_ID}": mediakit.photo(size=(640, 480), gps=True),
            f"/user-attachments/assets/{VIDEO_ID}": mediakit.CLIP_MP4,
            "/user-attachments/assets/hevc": mediakit.hevc_mp4(),
            "/elsewhere/tracker.png": mediakit.photo("PNG"),
        }
    )
    yield server
    server.server.shutdown()
    server.server.server_close()


def answer_body(host: AttachmentHost, text: str = "Clear the flush line.", extra: str = "") -> str:
    return (
        f"### Problem\n\nseal-weeps\n\n### Answer\n\n{text}\n\n"
        f'<img width="640" height="480" alt="Scale in the flush line" '
        f'src="{host.url(PHOTO_ID)}" />\n\n{host.url(VIDEO_ID)}\n{extra}'
    )


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    root = sitekit.make_site(tmp_path / "kb")
    (root / "curation/policy.yml").write_text("photo_max_edge: 320\n", encoding="utf-8")
    repo = GitRepo(root)
    repo.git("-c", "init.defaultBranch=main", "init", "-q")
    repo.git("add", "-A")
    repo.commit("The site", author=CURATOR, when="2026-03-01T10:00:00")
    return repo


def ingest(root: Path, event: Path, host: AttachmentHost, *more: str):  # noqa: ANN201 - click's Result
    prefix = f"{host.base}/user-attachments/"
    return cli(root, "answers", "ingest", str(event), "--attachments-from", prefix, *more)


def test_an_answer_issue_with_a_photo_and_a_video_becomes_a_published_answer(
    repo: GitRepo, host: AttachmentHost, tmp_path: Path
) -> None:
    event = event_file(
        tmp_path,
        ANSWER,
        body=answer_body(host, extra=f"\n![t]({host.base}/elsewhere/tracker.png)\n"),
    )
    result = ingest(repo.path, event, host)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [DRAFT, f"{MEDIA}/photo-1.jpg", f"{MEDIA}/video-1.mp4"]
    text = (repo.path / DRAFT).read_text(encoding="utf-8")
    assert text.startswith(
        "---\nauthor: alice\nproblem: seal-weeps\ndate: 2026-03-07\n---\nClear the flush line.\n\n"
        "![Scale in the flush line](../media/seal-weeps-by-alice/photo-1.jpg)\n\n"
        "![Video](../media/seal-weeps-by-alice/video-1.mp4)\n"
    )
    # Only the attachment host was asked; the tracker elsewhere on the same server was not.
    assert host.asked == [
        f"/user-attachments/assets/{PHOTO_ID}",
        f"/user-attachments/assets/{VIDEO_ID}",
    ]
    photo = (repo.path / MEDIA / "photo-1.jpg").read_bytes()
    assert mediakit.gps_of(photo) == {}
    with Image.open(repo.path / MEDIA / "photo-1.jpg") as image:
        assert image.size == (320, 240) and not image.getexif()
    assert (repo.path / MEDIA / "video-1.mp4").read_bytes() == mediakit.CLIP_MP4
    # As the workflow does: commit on the draft's branch, then the site builds from it.
    repo.git("add", "--", "content/answers", "content/media")
    repo.commit("Draft the answer sent in issue #57", author=BOT, when="2026-03-07T10:00:00")
    assert cli(repo.path, "check").stdout == ""
    built = sitekit.build(repo.path, "--strict")
    assert built.returncode == 0, built.stderr
    page = (repo.path / "site/problems/seal-weeps/index.html").read_text(encoding="utf-8")
    assert (
        '<img alt="Scale in the flush line" src="../../media/seal-weeps-by-alice/photo-1.jpg"'
        in page
    )
    assert '<source src="../../media/seal-weeps-by-alice/video-1.mp4" type="video/mp4">' in page
    assert "Clear the flush line." in page and "user-attachments" not in page
    assert (repo.path / "site/media/seal-weeps-by-alice/photo-1.jpg").read_bytes() == photo


def test_ingesting_again_changes_nothing(
    repo: GitRepo, host: AttachmentHost, tmp_path: Path
) -> None:
    event = event_file(tmp_path, ANSWER, body=answer_body(host))
    first = ingest(repo.path, event, host)
    again = ingest(repo.path, event, host)
    assert again.exit_code == 0 and again.stdout.splitlines()[0] == DRAFT
    assert "already drafted from issue #57" in again.stderr
    assert sorted(p.name for p in (repo.path / "content/answers").iterdir()) == [
        "check-flush.md",
        "seal-weeps-by-alice.md",
    ]
    assert first.stdout.splitlines()[1:] == [f"{MEDIA}/photo-1.jpg", f"{MEDIA}/video-1.mp4"]


def test_a_video_browsers_cannot_play_is_left_out_and_the_pull_request_asks_for_it(
    repo: GitRepo, host: AttachmentHost, tmp_path: Path
) -> None:
    body = answer_body(host, extra=f"\n{host.url('hevc')}\n\n{host.url('gone')}\n")
    event = event_file(tmp_path, ANSWER, body=body)
    comment = tmp_path / "pr-comment.md"
    result = ingest(repo.path, event, host, "--pr-comment", str(comment))
    assert result.exit_code == 0, result.output
    text = (repo.path / DRAFT).read_text(encoding="utf-8")
    assert (
        "*(An attachment is not included: its video is HEVC (H.265), which most browsers "
        "cannot play; only H.264 MP4 or WebM. Phones record H.264 when set to their most "
        "compatible format"
    ) in text
    assert "*(An attachment is not included: it could not be downloaded (" in text
    said = comment.read_text(encoding="utf-8")
    assert said.startswith(
        "Some attachments of #57 are not in this draft:\n\n- an attachment: its video is HEVC"
    )
    assert "add them to this pull request under `content/media/seal-weeps-by-alice/`" in said
    assert cli(repo.path, "check").stdout == ""


def test_the_private_repository_path_tries_the_signed_addresses_first(
    repo: GitRepo, host: AttachmentHost, tmp_path: Path
) -> None:
    """In a private repository the plain address needs a session; the rendered one is signed."""
    host.files[f"/private/412345678-{PHOTO_ID}.jpg"] = host.files.pop(
        f"/user-attachments/assets/{PHOTO_ID}"
    )
    signed = f"{host.base}/private/412345678-{PHOTO_ID}.jpg?jwt=abc&amp;x=1"
    rendered = tmp_path / "issue.json"
    rendered.write_text(json.dumps({"body_html": f'<p><img src="{signed}"></p>'}), encoding="utf-8")
    event = event_file(tmp_path, ANSWER, body=answer_body(host))
    result = cli(
        repo.path,
        "answers",
        "ingest",
        str(event),
        "--rendered",
        str(rendered),
        "--attachments-from",
        f"{host.base}/user-attachments/",
        "--attachments-from",
        f"{host.base}/private/",
    )
    assert result.exit_code == 0, result.output
    assert f"/private/412345678-{PHOTO_ID}.jpg?jwt=abc&x=1" in host.asked
    assert (repo.path / MEDIA / "photo-1.jpg").is_file()


@pytest.mark.parametrize(
    ("login", "form", "message"),
    [
        ("mallory", "seal-weeps", "GitHub account @mallory is not linked to anyone"),
        (
            "bob-gh",
            "seal-weep",
            "The form names `seal-weep`, which is not a problem on the site, so no answer was drafted. Did you mean `seal-weeps`?",
        ),
        ("bob-gh", "check-flush", "The form names `check-flush`, which is not a problem"),
    ],
)
def test_refusals_reply_and_write_nothing(
    repo: GitRepo, host: AttachmentHost, tmp_path: Path, login: str, form: str, message: str
) -> None:
    body = answer_body(host).replace("seal-weeps", form, 1)
    event = event_file(tmp_path, ANSWER, login=login, body=body)
    reply = tmp_path / "reply.md"
    result = ingest(repo.path, event, host, "--reply", str(reply))
    assert result.exit_code == 1
    assert reply.read_text(encoding="utf-8").startswith(message)
    assert not (repo.path / "content/media").exists() and host.asked == []
    assert repo.git("status", "--porcelain") == ""


def test_the_committed_event_is_an_answer_form_issue() -> None:
    payload = json.loads((DATA / ANSWER).read_text(encoding="utf-8"))
    assert payload["issue"]["title"] == "Answer: seal-weeps"
    assert [label["name"] for label in payload["issue"]["labels"]] == ["answer"]


def test_an_ask_issue_brings_its_photo_into_the_draft_problem(
    repo: GitRepo, host: AttachmentHost, tmp_path: Path
) -> None:
    body = (
        "### Problem statement\n\nThe gland drips after the seal change.\n\n"
        f"![IMG_2041]({host.url(PHOTO_ID)})\n\n### What you tried\n\n_No response_\n\n"
        "### Tags\n\nseals\n\n### Community\n\n_No response_"
    )
    event = event_file(
        tmp_path, "issue-question-opened.json", body=body, title="Problem: Gland drips"
    )
    prefix = f"{host.base}/user-attachments/"
    result = cli(repo.path, "problems", "ingest", str(event), "--attachments-from", prefix)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "content/problems/gland-drips.md",
        "content/media/gland-drips/photo-1.jpg",
    ]
    text = (repo.path / "content/problems/gland-drips.md").read_text(encoding="utf-8")
    assert (
        "The gland drips after the seal change.\n\n![IMG\\_2041](../media/gland-drips/photo-1.jpg)\n"
        in text
    )
    assert mediakit.gps_of((repo.path / "content/media/gland-drips/photo-1.jpg").read_bytes()) == {}
    assert cli(repo.path, "check").stdout == ""


def test_an_issue_cannot_keep_the_runner_downloading(
    repo: GitRepo, host: AttachmentHost, tmp_path: Path
) -> None:
    links = "\n\n".join(host.url(f"many-{n}") for n in range(40))
    event = event_file(tmp_path, ANSWER, body=answer_body(host, extra=f"\n{links}\n"))
    result = ingest(repo.path, event, host)
    assert result.exit_code == 0, result.output
    assert len(host.asked) == MAX_ATTACHMENTS
    text = (repo.path / DRAFT).read_text(encoding="utf-8")
    assert text.count(f"is not included: only the first {MAX_ATTACHMENTS} are copied") == 30
