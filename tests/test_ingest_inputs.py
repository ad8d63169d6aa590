"""Every kind of input and every kind of bad input, through `kg ingest` and real workers."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from graph.driver import Graph
from graph.models import content_hash, stable_id
from graph.settings import Settings
from tests.ingest_fixtures import article_status, english_article, http_server, kg_env, run_kg

GERMAN = (
    "Der ukrainische Präsident sagte am Dienstag in Kiew, dass die Regierung keinen "
    "Waffenstillstand akzeptieren werde, der die besetzten Gebiete unter russischer Kontrolle "
    "lasse. Die Verhandlungen sollen in der kommenden Woche in Genf fortgesetzt werden, "
    "teilte ein Sprecher des Außenministeriums mit."
)


def file_id(path: Path) -> str:
    return stable_id(str(path.resolve()), prefix="file-")


def test_bad_inputs_get_a_status_and_the_rest_lands(graph: Graph, settings: Settings,
                                                    tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    inbox = tmp_path / "inbox"
    (inbox / "nested").mkdir(parents=True)
    good = english_article(f"good-{tag}")
    (inbox / "good.txt").write_text(good, encoding="utf-8")
    (inbox / "empty.txt").write_text("  \n\n ", encoding="utf-8")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (inbox / "latin1.txt").write_bytes(
        (english_article(f"latin-{tag}") + "They met at the hôtel.").encode("latin-1"))
    (inbox / "nested" / "huge.txt").write_text(english_article(f"huge-{tag}") * 200,
                                               encoding="utf-8")
    (inbox / "nested" / "german.txt").write_text(GERMAN + f" ({tag})", encoding="utf-8")
    (inbox / "menu.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav>"
        "</body></html>", encoding="utf-8")
    records = [
        {"id": f"rec-{tag}-1", "title": "Original wire story", "text": english_article(tag),
         "source": "Wire One", "published": "2025-03-18", "url": f"https://a.example/{tag}"},
        # Same text under another id and outlet: an exact duplicate of rec-1.
        {"id": f"rec-{tag}-2", "title": "Republished", "text": english_article(tag),
         "source": "Wire Two", "published": "2025-03-18"},
        # The same story lightly edited by a third outlet: a near-duplicate.
        {"id": f"rec-{tag}-3", "title": "Edited copy", "source": "Wire Three",
         "text": english_article(tag).replace(", report", ", the agency reported in", 1)
         + "The agency contributed to this report.\n"},
        {"id": f"rec-{tag}-4", "text": ""},
    ]
    jsonl = inbox / "wire.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n{not json\n",
                     encoding="utf-8")

    env = kg_env(settings, tmp_path, KG_MAX_ARTICLE_CHARS="20000")
    run = run_kg(["ingest", str(inbox), "--workers", "1", "--source", "Inbox Times", "-q"], env)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["articles"] == 12 and report["failed_jobs"] == []

    good_id = stable_id(content_hash(good), prefix="art-")
    ids = {
        "good": good_id, "empty": file_id(inbox / "empty.txt"),
        "binary": file_id(inbox / "binary.txt"), "latin1": file_id(inbox / "latin1.txt"),
        "huge": stable_id(content_hash(english_article(f"huge-{tag}") * 200), prefix="art-"),
        "german": stable_id(content_hash(GERMAN + f" ({tag})"), prefix="art-"),
        "menu": file_id(inbox / "menu.html"),
        "orig": f"rec-{tag}-1", "dup": f"rec-{tag}-2", "near": f"rec-{tag}-3",
        "rec_empty": f"rec-{tag}-4",
    }
    got = article_status(graph, list(ids.values()))
    status = {k: got[v]["status"] if v in got else None for k, v in ids.items()}
    assert status == {
        "good": "ok", "empty": "empty", "binary": "binary", "latin1": "not_utf8",
        "huge": "too_large", "german": "unsupported_language", "menu": "no_article",
        "orig": "ok", "dup": "duplicate", "near": "near_duplicate", "rec_empty": "empty",
    }
    for key in ("empty", "binary", "latin1", "huge", "german", "menu", "dup"):
        assert got[ids[key]]["error"], key  # every unusable input says why
    assert got[ids["german"]]["language"] == "de"
    assert "hôtel" not in got[ids["latin1"]]["text"] and "h\ufffdtel" in got[ids["latin1"]]["text"]
    assert got[ids["good"]]["source"] == "Inbox Times"
    assert got[ids["dup"]]["duplicate_of"] == ids["orig"]
    assert got[ids["dup"]]["similarity"] == 1.0
    assert got[ids["near"]]["duplicate_of"] == ids["orig"]
    assert 0.8 <= got[ids["near"]]["similarity"] < 1.0
    assert got[ids["orig"]]["source"] == "Wire One"
    assert got[ids["orig"]]["published"] == "2025-03-18"

    # The invalid JSONL line is stored as a failed input that names the file and line.
    bad = graph.read("MATCH (a:Article) WHERE a.error CONTAINS $where RETURN a.status AS s",
                     where=f"{jsonl}:5")
    assert [r["s"] for r in bad] == ["failed"]

    # The valid articles were extracted: the quote is a claim with its speaker; the exact
    # duplicate has no claims of its own; the near-duplicate (its own text) has its own.
    claims = graph.read(
        "UNWIND $ids AS id MATCH (c:Claim)-[:REPORTED_IN]->(:Article {id: id}) "
        "RETURN id, count(c) AS n", ids=[ids["good"], ids["orig"], ids["dup"], ids["near"]])
    n = {r["id"]: r["n"] for r in claims}
    assert n.get(ids["good"], 0) >= 1 and n.get(ids["orig"], 0) >= 1
    assert n.get(ids["near"], 0) >= 1 and ids["dup"] not in n
    speaker = graph.read(
        "MATCH (s)-[:SAID]->(c:Claim)-[:REPORTED_IN]->(:Article {id: $id}) "
        "RETURN s.name AS name, c.content AS content", id=ids["good"])
    assert any(r["name"] == "Maria Lindqvist" and "ceasefire" in r["content"] for r in speaker)

    # A second run adds nothing.
    count = "MATCH (n) RETURN count(n) AS n"
    before = graph.read(count)[0]["n"]
    run = run_kg(["ingest", str(inbox), "--workers", "0", "--source", "Inbox Times", "-q"], env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert graph.read(count)[0]["n"] == before


PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Shelling halts aid convoy near Kharkiv | Northern Ledger</title>
<meta property="og:title" content="Shelling halts aid convoy near Kharkiv">
<meta property="og:site_name" content="Northern Ledger">
<meta name="author" content="Ivana Petrova">
<meta property="article:published_time" content="2025-04-02T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Shelling halts aid convoy near Kharkiv</h1>
<p>An aid convoy carrying food and medicine was forced to turn back near Kharkiv on Wednesday
after shelling hit the road ahead of it, the regional governor said.</p>
<p>"The convoy was clearly marked and its route had been shared with both sides," Oleh Synehubov,
the governor of the Kharkiv region, told reporters on Wednesday.</p>
<p>The United Nations said it would try again later this week once security guarantees were
renewed, and called on all parties to respect humanitarian corridors. TAG</p>
</article>
<div class="share">Share on Facebook | Tweet | Email</div>
<footer>Copyright Northern Ledger</footer>
</body></html>
"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Frontline Daily</title><link>BASE/</link><description>News</description>
<item><title>Drone strike damages power plant</title><link>BASE/story1.html</link>
<pubDate>Thu, 03 Apr 2025 07:00:00 GMT</pubDate><guid>BASE/story1.html</guid>
<description>Short teaser only.</description></item>
<item><title>Evacuations ordered in border villages</title><link>BASE/gone.html</link>
<pubDate>Fri, 04 Apr 2025 08:00:00 GMT</pubDate><guid>BASE/gone.html</guid>
<description>Authorities ordered the evacuation of eleven border villages on Friday after days
of shelling, the regional military administration said. Buses were sent to collect residents
who had no transport of their own, and shelters were opened in the regional capital. TAG
</description></item>
</channel></rss>
"""

STORY = """<!DOCTYPE html><html lang="en"><head><title>Drone strike damages power plant</title>
</head><body><article><h1>Drone strike damages power plant</h1>
<p>A drone strike damaged a thermal power plant in the east of the country overnight, cutting
electricity to thousands of homes, the energy ministry said on Thursday.</p>
<p>"Repair crews are already on site and we expect to restore supply within two days," the
ministry's spokeswoman Olena Kovalenko said in a statement on Thursday. TAG</p>
</article></body></html>
"""


def test_html_page_and_feed_from_a_local_server(graph: Graph, settings: Settings,
                                                tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    site = tmp_path / "site"
    site.mkdir()
    with http_server(site) as base:
        (site / "page.html").write_text(PAGE.replace("TAG", tag), encoding="utf-8")
        (site / "story1.html").write_text(STORY.replace("TAG", tag), encoding="utf-8")
        (site / "feed.xml").write_text(FEED.replace("BASE", base).replace("TAG", tag),
                                       encoding="utf-8")
        # The test server is on loopback, which URL ingest refuses unless explicitly allowed.
        env = kg_env(settings, tmp_path, KG_FETCH_ALLOW_PRIVATE="true")
        run = run_kg(["ingest", f"{base}/page.html", f"{base}/feed.xml", f"{base}/missing.html",
                      "--workers", "1", "-q"], env)
    assert run.returncode == 0, run.stderr[-3000:]
    url_id = {u: stable_id(f"{base}/{u}", prefix="url-")
              for u in ("page.html", "story1.html", "gone.html", "missing.html")}
    got = article_status(graph, list(url_id.values()))

    page = got[url_id["page.html"]]
    assert page["status"] == "ok"
    assert page["title"] == "Shelling halts aid convoy near Kharkiv"
    assert page["source"] == "Northern Ledger" and page["published"] == "2025-04-02"
    assert page["url"] == f"{base}/page.html"
    assert "convoy was clearly marked" in page["text"] and "Tweet" not in page["text"]

    story = got[url_id["story1.html"]]  # fetched from the entry's link: the full page
    assert story["status"] == "ok" and story["source"] == "Frontline Daily"
    assert story["title"] == "Drone strike damages power plant"
    assert story["published"] == "2025-04-03" and "Repair crews" in story["text"]

    gone = got[url_id["gone.html"]]  # link is a 404: the entry's own text is used
    assert gone["status"] == "ok" and gone["published"] == "2025-04-04"
    assert gone["source"] == "Frontline Daily" and "eleven border villages" in gone["text"]

    missing = got[url_id["missing.html"]]  # nothing lost: a failed fetch is stored with its URL
    assert missing["status"] == "fetch_failed" and "404" in missing["error"]
    assert missing["url"] == f"{base}/missing.html"

    said = graph.read("MATCH (s)-[:SAID]->(c:Claim)-[:REPORTED_IN]->(:Article {id: $id}) "
                      "RETURN s.name AS name", id=url_id["page.html"])
    assert any("Synehubov" in (r["name"] or "") for r in said)
