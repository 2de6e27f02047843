"""`contact:` in people.yml: an https:// chat link or a mailto: address, nothing else.

It becomes a link readers click ("Ask Sam Expert"), so a scheme that runs code
(`javascript:`), travels in clear (`http:`) or hides its host is a finding at the
value's line and column, with what to write instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from loopkit import cli

PEOPLE = "curation/people.yml"
HINT = (
    "  hint: write a chat link starting with https:// (e.g. a Teams or Slack deep link) or "
    "mailto:you@example.com, the address you choose to publish"
)


def people_with(contact: str) -> str:
    """people.yml with a `contact:` (a YAML scalar) added to bob, after his github line."""
    return sitekit.PEOPLE.replace("  github: bob-gh\n", f"  github: bob-gh\n  contact: {contact}\n")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("'javascript:alert(1)'", "'javascript:alert(1)' is neither an https:// link nor a mailto: address"),
        ("http://chat.acme.test/bob", "'http://chat.acme.test/bob' is not encrypted (http://); a contact link must start with https://"),
        ("https://chat.acme.test@evil.test/", "'https://chat.acme.test@evil.test/' has a user name before its host, which hides where it goes"),
        ("'https:///bob'", "'https:///bob' has no host after https://"),
        ("'mailto:bob'", "'bob' after mailto: is not one email address"),
        ("'mailto:bob@acme.test?bcc=all@acme.test'", "'mailto:bob@acme.test?bcc=all@acme.test' adds a subject or other fields to the address"),
        ("'https://chat.acme.test/\"><script>'", "'https://chat.acme.test/\"><script>' contains spaces, quotes or angle brackets, which no link has"),
        ("bob@acme.test", "'bob@acme.test' is neither an https:// link nor a mailto: address"),
    ],
)  # fmt: skip
def test_a_contact_that_is_not_a_safe_link_is_a_finding_at_its_value(
    tmp_path: Path, value: str, message: str
) -> None:
    site = sitekit.make_site(tmp_path / "kb", {PEOPLE: people_with(value)})
    result = cli(site, "check")
    assert result.exit_code == 1
    assert result.stdout == f"{PEOPLE}:10:12: error bad-contact: {message}\n{HINT}\n"


@pytest.mark.parametrize(
    "value",
    [
        "https://teams.microsoft.com/l/chat/0/0?users=bob@acme.test",
        "https://acme.slack.com/team/U024BE7LH",
        "mailto:ask-bob@acme.test",
        "MAILTO:bob.brandt@acme.test",
    ],
)
def test_chat_links_and_published_addresses_pass(tmp_path: Path, value: str) -> None:
    site = sitekit.make_site(tmp_path / "kb", {PEOPLE: people_with(value)})
    result = cli(site, "check")
    assert (result.exit_code, result.stdout) == (0, "")
