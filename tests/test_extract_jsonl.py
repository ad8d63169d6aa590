"""The database-free `kg extract` contract: JSONL in, one JSON line per input line out."""

from __future__ import annotations

import io
import json
from pathlib import Path

from graph.models import ExtractionResult
from ingest.extract import extract_jsonl

SEED = Path(__file__).resolve().parent.parent / "ingest" / "data" / "samples" / "ceasefire_call.txt"


def test_jsonl_round_trip_with_bad_lines() -> None:
    seed = SEED.read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "a1", "text": seed, "published": "2025-03-18T09:00:00Z"}),
        "{not json",
        json.dumps({"id": "a2", "title": "no text"}),
        json.dumps({"id": "a3", "text": "Kremlin spokesman Dmitry Peskov said the talks were "
                    "over. “We will not give up,” Zelenskyy said in Kiev."}),
    ]
    out = io.StringIO()
    n = extract_jsonl(io.StringIO("\n".join(lines) + "\n"), out, batch_size=2)
    assert n == 2
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r.get("id") for r in rows] == ["a1", None, "a2", "a3"]
    assert "error" in rows[1] and "error" in rows[2]
    first = ExtractionResult.model_validate(rows[0])
    assert first.extractor_version.startswith("kg-extract/")
    assert len(first.claims) >= 12
    keys = set(rows[0]["claims"][0])
    assert {"speaker", "speaker_span", "cue", "cue_span", "content", "content_span",
            "sentence_span", "quote_type", "direct", "about", "target", "date"} <= keys
    third = ExtractionResult.model_validate(rows[3])
    ids = {e.id for e in third.entities}
    # spelling variants resolve to the canonical entities
    assert {"person:volodymyr-zelensky", "person:dmitry-peskov", "place:geonames:703448"} <= ids
    direct = [c for c in third.claims if c.direct]
    assert direct and direct[0].speaker.name == "Volodymyr Zelensky"
    assert direct[0].content == "“We will not give up,”" or "We will not give up" in \
        direct[0].content
