"""Lighthouse's SEO audits score 100 on the home, a section and an article page."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from flask import Flask

from newsite.config import project_root
from newsite.demo.content import ANATOMY_ARTICLE_SLUG
from newsite.extensions import db
from newsite.models import Article

LIGHTHOUSE = project_root() / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"


def anatomy_article_path(site: Flask) -> str:
    with site.test_request_context():
        article = db.session.scalar(db.select(Article).filter_by(slug=ANATOMY_ARTICLE_SLUG))
        return article.url()


def seo_report(url: str) -> dict:
    completed = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=seo",
            "--output=json",
            "--quiet",
            f"--chrome-path={CHROMIUM}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)


def failing_audits(report: dict) -> list[str]:
    audits = report["audits"]
    failing = []
    for ref in report["categories"]["seo"]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            items = audit.get("details", {}).get("items", [])
            failing.append(f"{audit['id']}: {audit['title']} {json.dumps(items)[:500]}")
    return failing


@pytest.mark.skipif(not LIGHTHOUSE.exists(), reason="npm ci installs lighthouse (make test)")
@pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Chromium is missing")
@pytest.mark.parametrize("which", ["home", "section", "article"])
def test_lighthouse_seo_score_is_100(site, live_server, which):
    path = {
        "home": "/",
        "section": "/sections/security/",
        "article": anatomy_article_path(site),
    }[which]
    report = seo_report(live_server + path)
    assert report.get("runtimeError") is None, report["runtimeError"]
    score = report["categories"]["seo"]["score"]
    assert score == 1.0, f"SEO score {score} on {path}:\n" + "\n".join(failing_audits(report))
