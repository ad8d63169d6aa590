"""The page's claim panel shows fact-checkers' reviews side by side, and an /id/ IRI opened in a
browser lands in the explorer."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph import reads
from graph.driver import Graph
from tests.conftest import INGEST_KEY
from tests.test_web_explorer import open_explorer, search_and_pick, wait_idle

pytest_plugins = ["tests.web_fixtures"]

pytestmark = pytest.mark.browser


def test_claim_panel_lists_reviews(page: Any, live_url: str, seeded: Graph) -> None:
    claim = next(c for c in reads.find_claims(seeded, speaker="Zelensky").items
                 if "prolong the war" in c.content)
    for name, verdict in (("Panel Check A", "Misleading"), ("Panel Check B", "Needs context")):
        resp = httpx.post(f"{live_url}/v1/claims/{claim.id}/reviews", headers={
            "X-API-Key": INGEST_KEY}, json={
            "rating": {"alternate_name": verdict}, "reviewer": {"name": name},
            "url": f"https://{name.replace(' ', '-').lower()}.example.org/r/1",
            "date_published": "2025-03-20"})
        assert resp.status_code == 201, resp.text
    open_explorer(page, live_url)
    search_and_pick(page, "Zelensky", "Volodymyr Zelensky")
    panel = page.get_by_test_id("panel")
    panel.locator("[data-testid=claims-by] .claim-item", has_text="prolong the war").click()
    reviews = page.get_by_test_id("claim-reviews")
    reviews.wait_for()
    wait_idle(page)
    text = reviews.inner_text()
    assert "Misleading — Panel Check A" in text and "Needs context — Panel Check B" in text
    hrefs = reviews.locator("a").evaluate_all("els => els.map(e => e.href)")
    assert "https://panel-check-a.example.org/r/1" in hrefs

    # A claim IRI in a browser: redirected into the page with the speaker expanded.
    page.goto(f"{live_url}/id/claim/{claim.id}")
    page.wait_for_function("window.kgExplorer && window.kgExplorer.cy.nodes().length > 0")
    assert claim.speaker.id in page.evaluate("window.kgExplorer.cy.nodes().map(n => n.id())")
