"""Each community's verdict on /health/: quiet, needs SMEs, needs readers, roles below target.

Hand-made catalogs with a fixed "now"; each test changes one thing from a community that
is otherwise healthy, so the verdict it reads can only come from that change.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitekit
from workscape.cli import main
from workscape.insights import participation, verdicts
from workscape.model import Catalog, Community, Item, Person, Policy, Rating, Tag, ViewCount

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
TODAY = NOW.date()
#: Targets nobody can miss, so only the figure a test changes decides the verdict.
EASY = Policy(
    participation_targets={r: 0.0 for r in Policy().participation_targets},
    reading_target=0.0,
    sme_coverage_target=0.0,
)


def problem(id: str, author: str, day: date, **more: object) -> Item:  # noqa: A002
    more.setdefault("community", "c1")
    more.setdefault("tags", ("t1",))
    return Item(
        id=id,
        type="problem",
        path=f"content/problems/{id}.md",
        title=id.title(),
        author=author,
        date=day,
        **more,
    )


def make(
    items: list[Item],
    people: list[Person] | None = None,
    *,
    policy: Policy = EASY,
    tags: tuple[str, ...] = ("t1",),
    ratings: dict[str, tuple[Rating, ...]] | None = None,
    views: tuple[ViewCount, ...] = (),
) -> Catalog:
    people = people or [Person("ann", "Ann", communities=("c1",), sme_for=("t1",))]
    return Catalog(
        items={i.id: i for i in items},
        tags={t: Tag(t, t.upper(), community="c1") for t in tags},
        communities={"c1": Community("c1", "One", "vertical", managers=("ann",))},
        people={p.handle: p for p in people},
        ratings=ratings or {},
        views=views,
        policy=policy,
        now=NOW,
    )


def verdict_of(catalog: Catalog, community: str | None = "c1") -> verdicts.Verdict:
    profile = participation.profile(catalog, community)
    return verdicts.verdict(
        catalog,
        profile,
        verdicts.reading(catalog, community, profile.period),
        verdicts.sme_coverage(catalog, community),
    )


def test_an_active_community_that_meets_every_target_is_healthy() -> None:
    verdict = verdict_of(make([problem("p1", "ann", TODAY - timedelta(days=3))]))
    assert verdict.status == "healthy" and verdict.headline == "Healthy"
    assert verdict.last_contribution == TODAY - timedelta(days=3)


def test_a_community_without_contributions_since_february_is_quiet() -> None:
    cat = make([problem("p1", "ann", date(2026, 2, 11))])
    verdict = verdict_of(cat)
    assert verdict.status == "quiet"
    assert verdict.headline == "Quiet since 2026-02-11"
    assert verdict.reasons[0] == "No new or changed item for 9 months (quiet after 30 days)."
    # February is inside the year the profile covers: ann created, so the role meets its
    # target on paper; the quiet community still shows no role as meeting it.
    profile = participation.profile(cat, "c1")
    assert {r.role: r.meets for r in profile.rows}["creator"]
    assert {verdicts.role_status(r, verdict) for r in profile.rows} == {"quiet"}


@pytest.mark.parametrize(("days", "quiet"), [(29, False), (30, True)])
def test_quiet_starts_after_the_policys_days(days: int, quiet: bool) -> None:
    verdict = verdict_of(make([problem("p1", "ann", TODAY - timedelta(days=days))]))
    assert verdict.quiet is quiet


def test_a_change_to_an_old_item_is_a_contribution() -> None:
    old = problem("p1", "ann", date(2025, 1, 1), updated=TODAY - timedelta(days=2))
    assert verdict_of(make([old])).status == "healthy"


def test_a_community_nobody_contributed_to_is_quiet_with_no_date() -> None:
    verdict = verdict_of(make([]))
    assert (verdict.status, verdict.headline) == ("quiet", "Quiet: no contribution yet")
    assert verdict.quiet_since is None


def test_a_community_without_smes_needs_smes() -> None:
    policy = dataclasses.replace(EASY, sme_coverage_target=0.8)
    people = [Person("ann", "Ann", communities=("c1",))]
    cat = make([problem("p1", "ann", TODAY)], people, policy=policy, tags=("t1", "t2"))
    verdict = verdict_of(cat)
    assert verdict.status == "needs-smes" and verdict.headline == "Needs SMEs"
    assert verdict.reasons == ("0 of 2 tags have an SME (0%, target 80%); none for T1, T2.",)


def test_sme_coverage_counts_listed_smes_of_current_tags() -> None:
    policy = dataclasses.replace(EASY, sme_coverage_target=0.8)
    people = [
        Person("ann", "Ann", communities=("c1",), sme_for=("t1",)),
        # an SME who keeps no public profile cannot be found or asked
        Person("hid", "Hid", sme_for=("t2",), listed=False),
    ]
    cat = make([problem("p1", "ann", TODAY)], people, policy=policy, tags=("t1", "t2", "t3"))
    tags = dict(cat.tags)
    tags["t3"] = dataclasses.replace(tags["t3"], replaced_by="t1")  # deprecated: not counted
    cat = dataclasses.replace(cat, tags=tags)
    coverage = verdicts.sme_coverage(cat, "c1")
    assert [t.id for t in coverage.tags] == ["t1", "t2"]
    assert [t.id for t in coverage.covered] == ["t1"] and coverage.share == 0.5
    assert verdict_of(cat).status == "needs-smes"


def test_a_listed_but_silent_member_is_not_a_consumer() -> None:
    people = [
        Person("ann", "Ann", communities=("c1",), sme_for=("t1",)),
        Person("ben", "Ben", communities=("c1",)),
        Person("cal", "Cal", communities=("c1",)),
    ]
    ratings = {
        "p1": (
            Rating("p1", "ben", 4, TODAY - timedelta(days=1)),
            Rating("p1", "ann", 5, TODAY),  # her own problem: not consuming
        )
    }
    policy = dataclasses.replace(
        EASY, participation_targets={**EASY.participation_targets, "consumer": 0.5}
    )
    cat = make([problem("p1", "ann", TODAY)], people, ratings=ratings, policy=policy)
    profile = participation.profile(cat, "c1")
    assert profile.people["consumer"] == ("ben",)
    verdict = verdict_of(cat)
    assert verdict.status == "needs-participation"
    assert verdict.reasons == ("Fewer people than the target took part as consumer.",)


def test_reading_is_views_in_the_period_per_listed_member() -> None:
    people = [
        Person("ann", "Ann", communities=("c1",), sme_for=("t1",)),
        Person("ben", "Ben", communities=("c1",)),
        Person("hid", "Hid", communities=("c1",), listed=False),
    ]
    views = (
        ViewCount("p1", "2026-11", 30),
        ViewCount("p1", "2025-12", 10),  # the period's first month (it starts 2025-11-30)
        ViewCount("p1", "2025-11", 500),  # before the period
        ViewCount("elsewhere", "2026-11", 99),  # not an item of the community
    )
    policy = dataclasses.replace(EASY, reading_target=25)
    cat = make([problem("p1", "ann", TODAY)], people, views=views, policy=policy)
    profile = participation.profile(cat, "c1")
    reading = verdicts.reading(cat, "c1", profile.period)
    assert (reading.views, reading.members, reading.per_member) == (40, 2, 20.0)
    assert (reading.first_month, reading.last_month) == ("2025-12", "2026-11")
    verdict = verdict_of(cat)
    assert verdict.status == "needs-readers"
    assert verdict.reasons == ("20.0 item views per member in the period (target 25).",)


def test_the_most_pressing_verdict_leads_and_every_reason_is_kept() -> None:
    policy = Policy(sme_coverage_target=0.8, reading_target=10)
    people = [Person("ann", "Ann", communities=("c1",))]
    verdict = verdict_of(make([problem("p1", "ann", date(2026, 2, 11))], people, policy=policy))
    assert verdict.status == "quiet"
    assert [r.split(" ")[0] for r in verdict.reasons] == ["No", "0", "0.0", "Fewer"]


def test_policy_targets_are_checked_with_file_and_line(tmp_path: Path) -> None:
    root = sitekit.make_site(tmp_path / "kb")
    (root / "curation/policy.yml").write_text(
        "quiet_after_days: 30\nsme_coverage_target: 1.5\nreading_target: -2\n"
    )
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "policy.yml" in line]
    assert [line.split(": ")[0] for line in lines] == [
        "curation/policy.yml:2:22",
        "curation/policy.yml:3:17",
    ], result.stdout
