"""A git repository with an item in every review state, for the review-queue tests.

Reviews are recorded with ``workscape review`` (so they carry the fingerprint of what
was read) and committed; one approved item is changed in a later commit. "Now" is
2026-03-13 (``EPOCH``). The expected queue, most-read first, is ``EXPECTED``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import sitekit
from gitrepo import GitRepo

EPOCH = "1773360000"  # 2026-03-13T00:00:00Z
ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")
SAM = ("Sam Expert", "sam@acme.test")
CARLA = ("Carla Manager", "carla@acme.test")


def _item(title: str, author: str, tags: str, day: str, body: str, **more: str) -> str:
    extra = "".join(f"{k}: {v}\n" for k, v in more.items())
    head = f"title: {title}\n" if title else ""
    tag_line = f"tags: [{tags}]\n" if tags else ""
    return f"---\n{head}author: {author}\n{tag_line}date: {day}\n{extra}---\n{body}\n"


RESOURCE = {"format": "document", "url": "https://example.test/doc.pdf"}

FILES = {
    "content/problems/fresh.md": _item(
        "Gland packing smokes", "bob", "seals", "2026-03-05", "It smokes."
    ),
    "content/resources/changed.md": _item(
        "Seal fitting guide", "alice", "seals", "2026-01-20", "Fit it dry.", **RESOURCE
    ),
    "content/answers/old.md": _item(
        "Torque the gland evenly", "alice", "", "2024-01-05", "Even torque.", problem="seal-weeps"
    ),
    "content/problems/sent-back.md": _item(
        "Impeller rubs the casing", "bob", "pumps", "2026-02-10", "It rubs."
    ),
    "content/resources/argued.md": _item(
        "Dry running is fine for a minute", "bob", "seals", "2026-02-12", "Claims.", **RESOURCE
    ),
    "content/resources/good.md": _item(
        "Seal face materials", "bob", "seals", "2026-02-01", "Carbon on SiC.", **RESOURCE
    ),
    "content/problems/mine.md": _item(
        "Which seal for hot water", "sme", "seals", "2026-03-01", "Hot water."
    ),
    "content/problems/loto.md": sitekit.CRITICAL_PROBLEM,
    "content/collections/seal-path.md": (
        "---\ntitle: Seal basics\nauthor: sme\ntags: [seals]\ndate: 2026-03-01\n"
        "items: [seal-weeps, good]\n---\nRead in order.\n"
    ),
    "curation/views/2026-02.csv": textwrap.dedent(
        """\
        path,views
        /problems/seal-weeps/,120
        /resources/changed/,90
        /problems/loto/,80
        /problems/fresh/,50
        /problems/sent-back/,40
        /resources/argued/,30
        /answers/old/,20
        /problems/mine/,10
        /resources/good/,500
        """
    ),
}

#: (reviewer, item, verdict, date) recorded with `workscape review`, in this order.
REVIEWS = [
    ("sme", "changed", "approved", "2026-02-01"),
    ("sme", "old", "approved", "2024-01-10"),
    ("cmgr", "sent-back", "changes-requested", "2026-03-01"),
    ("sme", "argued", "disputed", "2026-03-02"),
    ("sme", "good", "approved", "2026-02-03"),
]

#: The queue, most-read first: (id, state, why as the page prints it, critical).
EXPECTED = [
    ("seal-weeps", "community", "Not yet reviewed by an expert", False),
    (
        "changed",
        "changed-since-review",
        "Changed since Sam Expert approved it on 1 February 2026",
        False,
    ),
    (
        "loto",
        "community",
        "Not yet reviewed by an expert; critical (Lockout/tagout): readers should not rely on it until approved",
        True,
    ),
    ("fresh", "community", "Not yet reviewed by an expert", False),
    ("sent-back", "changes-requested", "Carla Manager asked for changes on 1 March 2026", False),
    ("argued", "disputed", "Sam Expert disputed it on 2 March 2026", False),
    (
        "old",
        "review-expired",
        "Sam Expert approved it on 10 January 2024; approvals expire after 365 days",
        False,
    ),
    ("mine", "community", "Not yet reviewed by an expert", False),
    ("check-flush", "community", "Not yet reviewed by an expert", False),
]
#: Who may review what: the SME of seals and lockout never reviews their own item or a
#: pumps-only one; the community's manager reviews everything but nothing of their own.
QUEUE_OF = {
    "sme": ["seal-weeps", "changed", "loto", "fresh", "argued", "old", "check-flush"],
    "cmgr": [row[0] for row in EXPECTED],
}
VIEWS = {"seal-weeps": 120, "changed": 90, "loto": 80, "fresh": 50, "sent-back": 40}


def make(root: Path) -> GitRepo:
    """The repository: items committed in February, reviews recorded, one item changed."""
    repo = GitRepo.init(root)
    sitekit.make_site(root, FILES)
    repo.commit("Knowledge", author=ALICE, when="2026-02-20T09:00:00")
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    for by, item, verdict, day in REVIEWS:
        args = ["workscape", "review", item, "--by", by, "--verdict", verdict, "--date", day]
        result = sitekit.run(args, root, env=env)
        assert result.returncode == 0, result.stderr + result.stdout
    repo.commit("Reviews", author=SAM, when="2026-03-03T09:00:00")
    changed = root / "content/resources/changed.md"
    changed.write_text(changed.read_text().replace("Fit it dry.", "Fit it wet."))
    repo.commit("Wet fitting", author=ALICE, when="2026-03-10T09:00:00")
    return repo
