"""The exploration page in Debian's Chromium, against the real API and the seeded Neo4j: search a
name, expand it, open a claim and check its highlighted evidence against the stored article
text, filter by date, share the view, export it, and use it from the keyboard."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from graph.driver import Graph
from tests.conftest import READ_KEY

# The live server, browser and page fixtures.
pytest_plugins = ["tests.web_fixtures"]

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

SEED = "seed-ceasefire-call"
ZELENSKY = "person:volodymyr-zelensky"


def open_explorer(page: Any, url: str, fragment: str = f"key={READ_KEY}") -> None:
    page.goto(f"{url}/#{fragment}")
    page.wait_for_function("document.body.dataset.ready === '1'")


def wait_idle(page: Any) -> None:
    page.wait_for_function("document.body.dataset.busy === '0'")
    page.wait_for_timeout(150)  # let debounced panes (map, node list) redraw


def visible_ids(page: Any) -> set[str]:
    return set(page.evaluate("window.kgExplorer.cy.nodes(':visible').map(n => n.id())"))


def search_and_pick(page: Any, text: str, option_text: str) -> None:
    box = page.get_by_test_id("search-input")
    box.fill(text)
    option = page.locator("#search-results [role=option][data-kind=entity]", has_text=option_text)
    option.first.wait_for()
    # The first option is active: Enter picks it (the keyboard path, as a user would).
    assert page.get_attribute("#search-results [aria-selected=true]", "data-kind") == "entity"
    box.press("Enter")
    wait_idle(page)


def seed_entity_ids(graph: Graph) -> set[str]:
    rows = graph.read(
        "MATCH (:Article {id: $id})-[:MENTIONS]->(e:Entity) RETURN e.id AS id", id=SEED
    )
    return {r["id"] for r in rows}


def stored_claim(graph: Graph, claim_id: str) -> dict[str, Any]:
    rows = graph.read(
        "MATCH (c:Claim {id: $id})-[:REPORTED_IN]->(a:Article) "
        "RETURN c.content_start AS cs, c.content_end AS ce, c.sentence_start AS ss, "
        "c.sentence_end AS se, a.text AS text, a.url AS url",
        id=claim_id,
    )
    assert rows, claim_id
    return rows[0]


def test_search_expand_claim_evidence_and_date_filter(page: Any, live_url: str,
                                                      seeded: Graph) -> None:
    open_explorer(page, live_url)
    # Empty state: the latest claims are offered before anything is searched.
    page.locator("#recent-claims .claim-item").first.wait_for()

    search_and_pick(page, "Zelensky", "Volodymyr Zelensky")
    ids = visible_ids(page)
    assert ZELENSKY in ids
    entities = {i for i in ids if not i.startswith("claim:")}
    claims = {i for i in ids if i.startswith("claim:")}
    # Every entity drawn is one the seed article really mentions; his two claims are there.
    assert entities <= seed_entity_ids(seeded)
    assert {"person:vladimir-putin", "person:donald-trump", "place:geonames:703448"} <= entities
    assert len(claims) >= 2
    assert page.locator("#empty-state").is_hidden()
    assert re.search(r"\d+ nodes · \d+ edges", page.get_by_test_id("status").inner_text())

    # The side panel shows his profile; the map shows the places in view (Kyiv has a point).
    panel = page.get_by_test_id("panel")
    assert "Volodymyr Zelensky" in panel.locator(".panel-title").inner_text()
    page.locator("[data-testid=map-svg] .marker[data-node-id='place:geonames:703448']").wait_for()
    page.locator("[data-testid=timeline-svg] .bucket").first.wait_for()
    # Each role once (the API gives one per article that states it); quotes not doubled.
    roles = panel.locator("[data-testid=roles] li").all_inner_texts()
    labels = [r.split(" · ")[0].split(" (")[0] for r in roles]
    assert len(labels) == len(set(labels)), roles
    quotes = panel.locator("[data-testid=claims-by] .quote").all_inner_texts()
    assert quotes and not any(q.startswith("““") or q.startswith("“\"") for q in quotes), quotes

    # Open his claim: the quote, its sentence highlighted in the article, and the source link.
    item = panel.locator("[data-testid=claims-by] .claim-item", has_text="prolong the war")
    claim_id = item.get_attribute("data-claim-id")
    item.click()
    quote = page.get_by_test_id("evidence-quote")
    quote.wait_for()
    wait_idle(page)
    stored = stored_claim(seeded, claim_id)
    text = stored["text"]
    assert quote.inner_text() == text[stored["cs"]:stored["ce"]]
    assert "prolong the war" in quote.inner_text()
    sentence = page.get_by_test_id("evidence-sentence").inner_text()
    assert sentence == text[stored["ss"]:stored["se"]]
    assert sentence.startswith("Ukrainian President Volodymyr Zelensky")
    # The whole article is there around the highlight, so the reader sees the context.
    assert page.get_by_test_id("article-text").inner_text().strip() == text.strip()
    assert page.get_by_test_id("source-link").get_attribute("href") == stored["url"]
    assert page.get_by_test_id("claim-quote").inner_text() == "him of seeking to prolong the war"
    assert page.evaluate("window.kgExplorer.cy.$(':selected').map(e => e.id())") == [claim_id]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-explorer-claim.png"))

    # A date range before the article: the server drops every edge and claim dated outside it.
    before = visible_ids(page)
    page.get_by_test_id("date-to").fill("2025-01-31")
    page.click("#btn-dates-apply")
    wait_idle(page)
    after = visible_ids(page)
    assert after < before
    assert not any(i.startswith("claim:") for i in after)
    assert "person:vladimir-putin" not in after
    assert "to=2025-01-31" in page.url
    page.screenshot(path=str(ARTIFACTS / "web-explorer-date-filter.png"))

    # The article's month brings them back.
    page.get_by_test_id("date-from").fill("2025-03-01")
    page.get_by_test_id("date-to").fill("2025-03-31")
    page.click("#btn-dates-apply")
    wait_idle(page)
    assert {"person:vladimir-putin", ZELENSKY} <= visible_ids(page)


def test_filters_pin_hide_and_keyboard(page: Any, live_url: str) -> None:
    open_explorer(page, live_url)
    search_and_pick(page, "Zelensky", "Volodymyr Zelensky")
    all_ids = visible_ids(page)

    # Node-type filter: unticking Place hides every place, ticking restores them.
    page.uncheck("#type-Place")
    # Filters re-render asynchronously: wait for the view to settle before reading it.
    page.wait_for_function(
        "() => window.kgExplorer.cy.nodes(':visible').filter(n => n.id().startsWith('place:'))"
        ".length === 0"
    )
    without = visible_ids(page)
    assert not any(i.startswith("place:") for i in without)
    assert without < all_ids
    page.check("#type-Place")
    page.wait_for_function("n => window.kgExplorer.cy.nodes(':visible').length === n",
                           arg=len(all_ids))
    assert visible_ids(page) == all_ids

    # Relationship filter: without co-mentions only claim/role edges remain visible.
    page.uncheck("#rel-CO_MENTIONED")
    page.wait_for_function(  # filters re-render asynchronously, as above
        "() => window.kgExplorer.cy.edges(':visible')"
        ".filter(e => e.data('type') === 'CO_MENTIONED').length === 0"
    )
    types = page.evaluate("window.kgExplorer.cy.edges(':visible').map(e => e.data('type'))")
    assert types and "CO_MENTIONED" not in types
    page.check("#rel-CO_MENTIONED")
    wait_idle(page)

    # Keyboard: Tab into the "In view" list, move to Putin, Enter expands him.
    items = page.locator("#node-list li[data-node-id]")
    first = items.first
    first.focus()
    putin = page.locator("#node-list li[data-node-id='person:vladimir-putin']")
    for _ in range(items.count()):
        if page.evaluate("document.activeElement.dataset.nodeId") == "person:vladimir-putin":
            break
        page.keyboard.press("ArrowDown")
    assert putin.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    wait_idle(page)
    assert "person:vladimir-putin" in page.evaluate("window.kgExplorer.state.expanded")
    assert "Vladimir Putin" in page.locator("#panel .panel-title").inner_text()

    # Pin and hide the selected node; the share URL carries both.
    page.click("#btn-pin")
    assert page.evaluate("window.kgExplorer.cy.$id('person:vladimir-putin').locked()")
    page.click("#btn-hide")
    assert "person:vladimir-putin" not in visible_ids(page)
    assert "pin=person%3Avladimir-putin" in page.url and "hide=" in page.url
    page.click("#btn-unhide")
    assert "person:vladimir-putin" in visible_ids(page)

    # Escape clears the selection and the panel goes back to its hints.
    page.keyboard.press("Escape")
    assert page.evaluate("window.kgExplorer.cy.$(':selected').length") == 0
    assert page.locator("#panel .panel-title").inner_text() == "Details"

    # Reset empties the graph and shows the empty state again.
    page.click("#btn-reset")
    assert visible_ids(page) == set()
    assert page.locator("#empty-state").is_visible()


def test_share_url_restores_view_and_asks_for_key(page: Any, browser: Any,
                                                  live_url: str) -> None:
    open_explorer(page, live_url)
    search_and_pick(page, "Zelensky", "Volodymyr Zelensky")
    page.uncheck("#type-Group")
    page.locator("[data-testid=claims-by] .claim-item").first.click()
    page.get_by_test_id("evidence-quote").wait_for()
    wait_idle(page)
    selected = page.evaluate("window.kgExplorer.state.selected")
    page.click("#btn-share")
    link = page.get_by_test_id("share-url").input_value()
    assert READ_KEY not in link and "key=" not in link
    assert READ_KEY not in page.url  # the key left the address bar at load
    view = visible_ids(page)

    # A colleague opens the link in a fresh browser: no key yet -> 401 -> the key field.
    other = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        p2 = other.new_page()
        p2.goto(link)
        key_input = p2.locator("#key-input")
        key_input.wait_for()
        assert "needs a key" in p2.locator("#key-message").inner_text()
        key_input.fill(READ_KEY)
        key_input.press("Enter")
        p2.wait_for_function(
            "window.kgExplorer && window.kgExplorer.state.selected === " + json.dumps(selected)
        )
        wait_idle(p2)
        assert visible_ids(p2) == view
        assert not p2.is_checked("#type-Group")
        p2.get_by_test_id("evidence-quote").wait_for()
        assert p2.locator("#key-form").is_hidden()
    finally:
        other.close()


def test_exports_png_json_graphml(page: Any, live_url: str) -> None:
    open_explorer(page, live_url)
    search_and_pick(page, "Zelensky", "Volodymyr Zelensky")
    view = visible_ids(page)

    with page.expect_download() as dl:
        page.click("#btn-png")
    png = dl.value.path().read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000

    with page.expect_download() as dl:
        page.click("#btn-json")
    data = json.loads(dl.value.path().read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == view
    comention = [e for e in data["edges"] if e["type"] == "CO_MENTIONED"]
    assert comention and all(e["evidence"][0]["article_id"] == SEED for e in comention)
    assert "key=" not in data["view"]

    with page.expect_download() as dl:
        page.click("#btn-graphml")
    root = ET.parse(dl.value.path()).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert {n.get("id") for n in root.iterfind(".//g:node", ns)} == view
    assert len(root.findall(".//g:edge", ns)) == len(data["edges"])


def test_screenshot_of_seed_graph(page: Any, live_url: str) -> None:
    """The picture for the README: Zelensky and Putin expanded, a claim open with its evidence."""
    open_explorer(page, live_url)
    search_and_pick(page, "Zelensky", "Volodymyr Zelensky")
    search_and_pick(page, "Putin", "Vladimir Putin")
    page.click("#btn-layout")
    wait_idle(page)
    page.wait_for_timeout(600)
    claim = page.locator("#panel [data-testid=claims-by] .claim-item").first
    claim.click()
    page.get_by_test_id("evidence-quote").wait_for()
    wait_idle(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-explorer.png"))
    assert (ARTIFACTS / "web-explorer.png").stat().st_size > 50_000


def test_edge_evidence_timeline_bucket_and_map_marker(page: Any, live_url: str) -> None:
    open_explorer(page, live_url)
    search_and_pick(page, "Zelensky", "Volodymyr Zelensky")

    # An edge: Zelensky's claim about Putin, with the quoted span highlighted in its sentence.
    edge_id = page.evaluate(
        "window.kgExplorer.cy.edges('[type = \"CLAIM_ABOUT\"]')"
        ".filter(e => e.target().id() === 'person:vladimir-putin').map(e => e.id())[0]"
    )
    assert edge_id
    page.evaluate(f"window.kgExplorer.cy.getElementById({json.dumps(edge_id)}).emit('tap')")
    evidence = page.get_by_test_id("edge-evidence")
    evidence.wait_for()
    assert "Ukrainian President Volodymyr Zelensky has reacted strongly" in evidence.inner_text()
    assert evidence.get_by_test_id("evidence-quote").inner_text() == (
        "him of seeking to prolong the war"
    )
    assert "Demo Wire" in evidence.get_by_test_id("evidence-source").inner_text()

    # A map marker from the keyboard selects the place in the graph and opens its profile.
    kyiv = page.locator("[data-testid=map-svg] .marker[data-node-id='place:geonames:703448']")
    kyiv.focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    assert page.evaluate("window.kgExplorer.state.selected") == "place:geonames:703448"
    assert "Kyiv" in page.locator("#panel .panel-title").inner_text()

    # Back on Zelensky, a timeline bucket sets the date filter to that day.
    page.evaluate("window.kgExplorer.cy.getElementById('person:volodymyr-zelensky').emit('tap')")
    wait_idle(page)
    prolong = page.evaluate(
        "window.kgExplorer.cy.nodes('[type = \"Claim\"]')"
        ".filter(n => (n.data('content') || '').includes('prolong the war')).map(n => n.id())[0]"
    )
    assert prolong and prolong in visible_ids(page)
    bucket = page.locator("[data-testid=timeline-svg] .bucket[aria-label^='2025-03-15']")
    bucket.focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    assert page.get_by_test_id("date-from").input_value() == "2025-03-15"
    assert page.get_by_test_id("date-to").input_value() == "2025-03-15"
    assert "from=2025-03-15" in page.url
    # The claim published on the 17th (no statement date) is outside that day.
    assert prolong not in visible_ids(page)


def test_facility_and_equipment_have_their_own_colour_shape_and_filter(
        page: Any, live_url: str) -> None:
    open_explorer(page, live_url)
    for t in ("Facility", "Equipment"):
        assert page.is_checked(f"#type-{t}")
    styles = page.evaluate("""() => {
        const cy = window.kgExplorer.cy;
        const out = {};
        for (const t of ['Facility', 'Equipment', 'Organization', 'Person']) {
            const n = cy.add({ data: { id: 'style-' + t, type: t, name: t } });
            out[t] = [n.style('background-color'), n.style('shape')];
            cy.remove(n);
        }
        return out;
    }""")
    # distinct colours and shapes from every other entity type, not the default grey
    assert len({c for c, _ in styles.values()}) == 4
    assert styles["Facility"][1] == "barrel" and styles["Equipment"][1] == "tag"
    assert "Facility" in page.inner_text(".legend") and "Equipment" in page.inner_text(".legend")
