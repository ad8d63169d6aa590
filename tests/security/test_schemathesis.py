"""Property-based requests over the OpenAPI spec with a read key, against the real server:
a fixed number of examples per operation and a fixed seed, so the run is reproducible and
stays well under a minute. It fails on any 5xx, on any response whose body does not match
the schema documented for its status code, and on any status code or media type the spec does
not document.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import READ_KEY
from tests.security.conftest import Server

ST = Path(sys.executable).with_name("st")
CHECKS = ("not_a_server_error", "response_schema_conformance", "status_code_conformance",
          "content_type_conformance")
EXAMPLES_PER_OPERATION = 8


def test_schemathesis_finds_no_server_error_and_no_nonconforming_body(server: Server):
    proc = subprocess.run(
        [str(ST), "run", f"{server.base}/openapi.json", "-H", f"X-API-Key: {READ_KEY}",
         "--max-examples", str(EXAMPLES_PER_OPERATION), "--seed", "14",
         "--phases", "examples,fuzzing", "--checks", ",".join(CHECKS), "--no-color"],
        capture_output=True, text=True, timeout=300,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-6000:]
    assert "Tested:" in out and " passed" in out
