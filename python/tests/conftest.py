"""Shared fixtures: the CLI binaries (built by cargo when missing) and generated WARC files.

`NEWSDESK_BIN_DIR` points at a directory holding `newsdesk` and `newsdesk-testdata` (what
`.ci/run` passes: target/debug, built by its `cargo test` step); without it they are built
with cargo in release mode.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bin_dir() -> Path:
    given = os.environ.get("NEWSDESK_BIN_DIR")
    if given:
        return Path(given)
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.skip("no cargo and no NEWSDESK_BIN_DIR: cannot run the CLI")
    subprocess.run(
        [cargo, "build", "--release", "--locked", "-p", "newsdesk-cli", "-p", "newsdesk-testdata"],
        cwd=REPO,
        check=True,
    )
    return REPO / "target" / "release"


def run(*args) -> str:
    out = subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True)
    return out.stdout


@pytest.fixture(scope="session")
def warcs(bin_dir: Path, tmp_path_factory) -> dict:
    """Generated WARC files: `set` (the syndication set: 150 stories, each an original and
    2-4 copies, 668 pages with headlines, bylines and dates) and `noisy` (the fixture pages
    with request records, 404s, images and redirects in between)."""
    d = tmp_path_factory.mktemp("warcs")
    run(bin_dir / "newsdesk-testdata", "syndication", "--out", d / "synd", "--stories", "150")
    run(
        bin_dir / "newsdesk-testdata", "warc", "--out", d / "noisy.warc.gz",
        "--responses", "60", "--fixtures",
    )
    return {"set": d / "synd" / "set.warc.gz", "noisy": d / "noisy.warc.gz"}
