"""Coverage-guided fuzzing of the loader with atheris (optional; pytest does not run it).

The property tests (tests/sources/test_properties.py) run a few hundred fixed examples in CI;
this harness runs for as long as you let it, guided by coverage, and stops at the first
input that makes the loader raise anything but a finding. Each input is split into a
Markdown file (read_document, read_item, markdown_limits) and a YAML document
(parse_yaml), the two ways untrusted text enters Workscape.

Run it from the repository root (atheris ships wheels for Linux and CPython 3.11+)::

    .venv/bin/pip install atheris
    .venv/bin/python tests/fuzz/fuzz_loader.py -max_total_time=600 -max_len=4096 build/fuzz-corpus

A crash writes ``crash-<sha>`` with the input: add it to tests/attacks/ or the property
tests as a regression case, then fix the loader.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from workscape.errors import Finding
    from workscape.sources.content import read_item
    from workscape.sources.documents import markdown_limits, read_document
    from workscape.sources.yamlfile import parse_yaml


def test_one_input(data: bytes) -> None:
    """Feed one input to the loader; only findings may come back."""
    split = data.find(b"\n====\n")
    markdown_part, yaml_part = (data, data) if split < 0 else (data[:split], data[split + 6 :])
    findings: list[Finding] = []
    document = read_document(markdown_part, "content/problems/fuzz.md")
    findings += document.findings
    read_item(markdown_part, "content/answers/fuzz.md", "answer", findings)
    findings += markdown_limits(markdown_part.decode("utf-8", "replace"), "fuzz.md")
    findings += parse_yaml(yaml_part.decode("utf-8", "replace"), "curation/people.yml").findings
    for finding in findings:
        assert isinstance(finding, Finding) and finding.line >= 1 and finding.col >= 1


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
