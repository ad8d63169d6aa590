"""The gold annotations of bench/gold are well formed: a broken offset, a misspelt enum or a
dispute link to a missing claim fails here instead of silently moving the bench scores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bench.gold_check import GOLD_DIR, IN_REPO_CORPUS, check_dir, main
from tests.conftest import REPO


def test_every_gold_file_is_valid_and_in_repo_texts_are_checked() -> None:
    problems, n, with_text = check_dir(GOLD_DIR, [IN_REPO_CORPUS])
    assert problems == {}
    assert n == len(list(GOLD_DIR.glob("*.json")))
    # the FA-KES gold and the seed article have their text in the repository: their offsets
    # are checked against it here (the ukr-/bbc- texts are in the shared corpus only)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_DIR.glob("*.json")]
    in_repo = [g for g in golds
               if g["id"].startswith("fakes-") or g["source"].startswith("ingest/")]
    assert with_text == len(in_repo) > 20


def test_claim_gold_is_large_enough_and_covers_every_quote_type() -> None:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_DIR.glob("*.json")]
    claims = [c for g in golds for c in g.get("claims", ())]
    assert len(claims) >= 400
    assert all(c["content_span"][1] - c["content_span"][0] == len(c["content"]) for c in claims)
    assert {c["quote_type"] for c in claims} == {"direct", "mixed", "indirect"}
    assert sum(g["split"] == "heldout" for g in golds if "claims" in g) >= 15


def _broken_copy(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(GOLD_DIR / "seed-ceasefire-call.json", gold)
    g = json.loads((gold / "seed-ceasefire-call.json").read_text(encoding="utf-8"))
    first, second, third = g["claims"][:3]
    first["content_span"] = [first["content_span"][0] + 1, first["content_span"][1] + 1]
    del first["cue"], first["stance"]
    second["stance"] = "claims"
    third["quantity"] = {"counted": "people", "low": 5, "high": 2}
    g["disputes"] = [[1, 1, "denial"], [0, 99, "denial"], [1, 2, "disagree"]]
    (gold / "seed-ceasefire-call.json").write_text(json.dumps(g), encoding="utf-8")
    return gold


def test_broken_annotations_are_reported(tmp_path: Path) -> None:
    gold = _broken_copy(tmp_path)
    problems, n, with_text = check_dir(gold, [])
    assert (n, with_text) == (1, 1)  # the seed's text is read from its `source`
    errs = "\n".join(problems["seed-ceasefire-call.json"])
    assert "claim 0 content: text[" in errs  # the shifted span no longer matches
    assert "claim 0: missing cue" in errs and "claim 0: missing stance" in errs
    assert "claim 1: stance 'claims'" in errs
    assert "claim 2: quantity.counted 'people'" in errs and "quantity low > high" in errs
    assert errs.count("needs two different claim indexes") == 2
    assert "reason not in" in errs
    assert main(["--gold", str(gold), "--corpus", str(IN_REPO_CORPUS)]) == 1
    assert main(["--gold", str(REPO / "bench" / "gold"), "--corpus", str(IN_REPO_CORPUS)]) == 0
