"""The entity panel's judgement tools in Debian's Chromium: an admin key merges two entities by
searching for the other one, sees the result, and undoes it; a read key sees no such tools."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from graph.driver import Graph
from graph.writer import Neo4jWriter
from tests.conftest import ADMIN_KEY, READ_KEY
from tests.graph_fingerprint import fingerprint
from tests.test_judgements import _article

pytest_plugins = ["tests.web_fixtures"]
pytestmark = pytest.mark.browser


@pytest.fixture
def hrytsenko(seeded: Graph) -> Iterator[str]:
    """A small article of our own, removed afterwards so the other page tests see the seed."""
    tag = uuid.uuid4().hex[:8]
    art, res = _article(tag)
    Neo4jWriter(seeded)([art], [res])
    yield tag
    seeded.write("MATCH (a:Article {id: $a}) OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a) "
                 "OPTIONAL MATCH (d:ResolutionDecision {article_id: $a}) "
                 "DETACH DELETE a, c, d", a=art.id)
    seeded.write("MATCH (n) WHERE (n:Entity OR n:Judgement OR n:Source) AND "
                 "(n.id ENDS WITH $tag OR n.entity_id ENDS WITH $tag "
                 "OR n.name = 'Judgement Test Wire' OR n.split_from ENDS WITH $tag) "
                 "DETACH DELETE n", tag=tag)


def _open_entity(page: Any, url: str, key: str, name: str) -> Any:
    page.goto(f"{url}/#key={key}")
    page.wait_for_function("document.body.dataset.ready === '1'")
    box = page.get_by_test_id("search-input")
    box.fill(name)
    page.locator("#search-results [role=option][data-kind=entity]", has_text=name).first.wait_for()
    box.press("Enter")
    page.wait_for_function("document.body.dataset.busy === '0'")
    panel = page.get_by_test_id("panel")
    panel.locator(".panel-title", has_text=name).wait_for()
    return panel


def test_admin_merges_two_entities_in_the_panel_and_undoes_it(page: Any, live_url: str,
                                                              seeded: Graph,
                                                              hrytsenko: str) -> None:
    before = fingerprint(seeded)
    panel = _open_entity(page, live_url, ADMIN_KEY, "Petro Hrytsenko")
    panel.get_by_test_id("judgement-list").locator("li", has_text="No judgements").wait_for()

    panel.get_by_test_id("merge-search").fill("Hrytsenko")
    other = f"person:p-hrytsenko-{hrytsenko}"
    panel.locator(f"[data-testid=merge-hits] button[data-entity-id='{other}']").click()
    # The panel re-renders: the merged name is an alias now and the judgement is listed.
    item = panel.get_by_test_id("judgement-list").locator("li", has_text="merged")
    item.wait_for()
    assert "P. Hrytsenko" in panel.locator(".facts").inner_text()
    assert seeded.read("MATCH (e:Entity {id: $id}) RETURN count(e) AS n", id=other)[0]["n"] == 0
    claims_by = panel.get_by_test_id("claims-by").inner_text()
    assert "the repairs were paid for" in claims_by  # the claim said as "P. Hrytsenko"

    item.get_by_role("button", name="Undo").click()
    panel.get_by_test_id("judgement-list").locator("li", has_text="undone").wait_for()
    assert "P. Hrytsenko" not in panel.locator(".facts").inner_text()
    assert fingerprint(seeded) == before


def test_read_key_sees_no_judgement_tools(page: Any, live_url: str, seeded: Graph,
                                          hrytsenko: str) -> None:
    panel = _open_entity(page, live_url, READ_KEY, "Petro Hrytsenko")
    page.wait_for_timeout(300)  # the role request has answered by now
    assert panel.get_by_test_id("merge-search").count() == 0
    assert panel.get_by_test_id("judgements").inner_text() == ""
