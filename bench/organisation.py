"""The organisation a corpus is written by: communities, tags, people, SMEs and managers.

:class:`Organisation` draws them from the word lists with the corpus's random generator
and plans the versions of the curation files that describe them (taxonomy, people and
communities grow over the corpus's span; the policy is written once).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import words as W
from gitstream import DAY, Event
from prose import slugify
from yamltext import q

POLICY_YML = """\
review_max_age_days: 365
publish_unapproved_critical: true
rating_prior_mean: 3.5
rating_prior_weight: 3
popularity:
  rating_weight: 1.0
  views_weight: 0.6
  recency_half_life_days: 120
trending_window_days: 30
participation_targets:
  consumer: 0.7
  creator: 0.25
  connector: 0.15
  carrier: 0.05
  caretaker: 0.05
"""


@dataclass
class Person:
    handle: str
    name: str
    emails: list[str]
    communities: list[str]
    weight: float
    sme_for: list[str] = field(default_factory=list)


class Organisation:
    """Who is who: tags per community, people (Zipf-weighted), SMEs and managers."""

    def __init__(self, rng: random.Random, params: dict):
        self.rng = rng
        self.p = params
        self._plan_tags()
        self._plan_people()

    def _plan_tags(self) -> None:
        r = self.rng
        self.tags: list[dict] = []
        self.tag_words: dict[str, list[str]] = {}
        taken: set[str] = set()
        for cid, _, _, _, labels, _ in W.COMMUNITIES:
            words: list[str] = []
            for label in (x.strip() for x in labels.split(";")):
                tid = slugify(label)
                taken.add(tid)
                self.tags.append({"id": tid, "label": label, "community": cid})
                words += [w for w in label.lower().split() if len(w) > 3]
            self.tag_words[cid] = words
        for tag in self.tags:
            words = tag["id"].split("-")
            candidates = [words[-1], tag["id"].replace("-", ""), words[0]]
            tag["synonyms"] = []
            for syn in candidates[: r.choice((0, 0, 1, 1, 2))]:
                if syn not in taken and len(syn) > 3:
                    taken.add(syn)
                    tag["synonyms"].append(syn)
        self.tags_of = {
            cid: [t["id"] for t in self.tags if t["community"] == cid] for cid, *_ in W.COMMUNITIES
        }

    def _plan_people(self) -> None:
        r = self.rng
        self.people: dict[str, Person] = {}
        names: set[tuple[str, str]] = set()
        cids = [c[0] for c in W.COMMUNITIES]
        ranks = list(range(1, self.p["people"] + 1))
        r.shuffle(ranks)
        while len(self.people) < self.p["people"]:
            first, last = r.choice(W.FIRST_NAMES), r.choice(W.LAST_NAMES)
            if (first, last) in names:
                continue
            names.add((first, last))
            handle = slugify(first[0] + last).replace("-", "")
            while handle in self.people:
                handle = f"{handle}{r.randint(2, 9)}"
            emails = [f"{handle}@corp.example"]
            if r.random() < self.p["second_email_share"]:
                emails.append(f"{slugify(first)}.{slugify(last)}@corp.example")
            home = r.choices(cids, weights=W.COMMUNITY_WEIGHTS)[0]
            communities = [home]
            if r.random() < 0.3:
                communities.append(r.choice([c for c in cids if c != home]))
            rank = ranks[len(self.people)]
            self.people[handle] = Person(
                handle, f"{first} {last}", emails, communities, 1.0 / rank**0.9
            )
        self.handles = list(self.people)
        self.members = {
            c: [h for h in self.handles if c in self.people[h].communities] for c in cids
        }
        for tag in self.tags:
            for handle in r.sample(self.members[tag["community"]], r.randint(1, 3)):
                self.people[handle].sme_for.append(tag["id"])
        self.managers = {c: r.sample(self.members[c], 2) for c in cids}
        self.smes = {
            t["id"]: [h for h in self.handles if t["id"] in self.people[h].sme_for]
            for t in self.tags
        }

    @property
    def curator(self) -> str:
        """The first community's first manager: keeps the curation files and merges."""
        return self.managers[W.COMMUNITIES[0][0]][0]

    def text_nouns(self) -> dict[str, list[str]]:
        """Per community, the nouns its prose draws on: its own and its tags' words."""
        return {
            cid: [w.replace("-", " ") for w in nouns.split()] + self.tag_words[cid]
            for cid, _, _, _, _, nouns in W.COMMUNITIES
        }

    def curation_events(self, start: float, end: float) -> list[Event]:
        """The curator's versions of taxonomy, people, communities and policy."""
        r = self.rng
        events = []
        span = end - start
        for name, versions in (("taxonomy", 3), ("people", 3), ("communities", 2), ("policy", 1)):
            for v in range(versions):
                t = start + span * v / 3 + r.uniform(0, DAY)
                render = self._curation_renderer(name, (v + 1) / versions)
                verb = "add" if v == 0 else "update"
                events.append(Event(t, self.curator, f"curation/{name}.yml", render, verb))
        return events

    def _curation_renderer(self, name: str, share: float) -> Callable[[Event], str]:
        def render(_: Event) -> str:
            if name == "policy":
                return POLICY_YML
            if name == "communities":
                return "".join(
                    f"- id: {cid}\n  name: {q(cname)}\n  kind: {kind}\n"
                    f"  managers: [{', '.join(self.managers[cid])}]\n"
                    f"  description: {q(desc if share == 1 else cname)}\n"
                    for cid, cname, kind, desc, _, _ in W.COMMUNITIES
                )
            if name == "taxonomy":
                tags = self.tags[: round(len(self.tags) * share)]
                return "".join(
                    f"- id: {t['id']}\n  label: {q(t['label'])}\n"
                    f"  description: {q('Questions and know-how about ' + t['label'].lower() + '.')}\n"
                    f"  synonyms: [{', '.join(map(q, t['synonyms']))}]\n  community: {t['community']}\n"
                    "  critical: false\n"
                    for t in tags
                )
            people = list(self.people.values())[: round(len(self.people) * share)]
            known = {t["id"] for t in self.tags[: round(len(self.tags) * share)]}
            return "".join(
                f"- handle: {p.handle}\n  name: {q(p.name)}\n  emails: [{', '.join(p.emails)}]\n"
                f"  github: {p.handle}-gh\n  communities: [{', '.join(p.communities)}]\n"
                f"  sme_for: [{', '.join(t for t in p.sme_for if t in known)}]\n  listed: true\n"
                for p in people
            )

        return render
