"""``kg worker``: consume the job queue, one driver and one spaCy model per process.

Per job: fetch what still needs fetching, prepare (clean, check, identify the language), decide
identity (already stored / exact duplicate / near-duplicate), extract the usable articles with one
``nlp.pipe`` pass, then write. Consecutive jobs are written together, up to
``settings.write_batch_size`` articles per transaction, while more jobs are waiting; the jobs are
acked only after their write committed (at-least-once). The write runs on a thread of its own
while the next jobs are extracted, one batch in flight at most: extraction and writing overlap.
Transient graph errors (``GraphUnavailable``) are retried with exponential backoff; after
``settings.job_max_attempts`` the job goes to the dead-letter list with the reason. An article
that breaks the extractor is stored with status ``failed`` and its error, and the rest of its
batch lands.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import ValidationError

from graph import articles as graph_articles
from graph.driver import Graph
from graph.errors import GraphUnavailable
from graph.models import ArticleStatus, ExtractionResult, StoredArticle, stable_id
from graph.settings import Settings
from ingest.articles import Submission, bound_fields, prepare_submission
from ingest.budget import TooComplex, parse_budget
from ingest.dedup import DedupIndex
from ingest.fetch import fetch, is_html, make_client
from ingest.isolate import write_isolating
from ingest.jobs import Job, JobQueue

log = logging.getLogger("kg.worker")
T = TypeVar("T")
EXTRACTABLE = (ArticleStatus.OK, ArticleStatus.NEAR_DUPLICATE)
MAX_HOLD_S = 5.0


@dataclass
class Staged:
    job: Job
    articles: list[StoredArticle] = field(default_factory=list)
    results: list[ExtractionResult] = field(default_factory=list)


class Worker:
    def __init__(self, settings: Settings, graph: Graph, queue: JobQueue) -> None:
        from ingest.pipeline import build_pipeline

        self.settings, self.graph, self.queue = settings, graph, queue
        self.pipeline = build_pipeline(graph, settings)  # loads spaCy once per process
        self.dedup = DedupIndex(settings.queue_file.with_name("dedup.sqlite3"))
        self.http = make_client(settings)
        self.stopping = False
        self.processed = 0
        # One writer thread and at most one batch in flight (flush/settle).
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-write")
        self._in_flight: tuple[list[Staged], Future[dict[str, str]]] | None = None
        # Seconds per stage, reported when the worker exits: where does the time go?
        self.timings: dict[str, float] = dict.fromkeys(
            ("prepare", "identify", "extract", "write"), 0.0)

    # ------------------------------------------------------------------ retries
    def _retry(self, fn: Callable[[], T], job_attempts: int = 0) -> T:
        """Run ``fn``; on GraphUnavailable back off (0.5 s, 1 s, 2 s, ...) and try again."""
        attempt = job_attempts
        while True:
            try:
                return fn()
            except GraphUnavailable as exc:
                attempt += 1
                if attempt >= self.settings.job_max_attempts:
                    raise
                delay = min(30.0, 0.5 * 2 ** (attempt - 1))
                log.warning("graph unavailable (%s); retry %d in %.1fs", exc, attempt, delay)
                time.sleep(delay)

    # ------------------------------------------------------------------ stages
    def _fetch(self, sub: Submission) -> Submission:
        from ingest.sources.html import from_html

        if not sub.id:  # whatever happens, the article is known by its URL
            sub = sub.model_copy(update={"id": stable_id(sub.url, prefix="url-")})
        got = fetch(self.http, sub.url or "", self.settings.fetch_max_bytes)
        if got.ok and is_html(got.content_type, got.body):
            page = from_html(got.body, url=sub.url, id=sub.id, source=sub.source)
            if page.status is None or not sub.fallback_text:
                # The feed's metadata (title, date, outlet) wins over the page's guesses.
                return page.model_copy(update={
                    k: v for k, v in sub.model_dump(include={"title", "published", "source",
                                                            "author"}).items() if v})
        elif got.ok:
            from ingest.articles import decode_bytes

            text, status, error = decode_bytes(got.body)
            return sub.model_copy(update={"text": text, "status": status, "error": error,
                                          "needs_fetch": False})
        if sub.fallback_text:
            return sub.model_copy(update={"text": sub.fallback_text, "needs_fetch": False})
        return sub.model_copy(update={"status": ArticleStatus.FETCH_FAILED,
                                      "error": got.error or "no article at the URL",
                                      "needs_fetch": False})

    def _prepare(self, job: Job) -> list[StoredArticle]:
        out: dict[str, StoredArticle] = {}
        for n, raw in enumerate(job.items):
            try:
                sub = Submission.model_validate(raw)
            except ValidationError as exc:  # one malformed item: a failed article, not a job
                sub = Submission(id=stable_id(job.id, n, repr(raw)[:1000], prefix="bad-"),
                                 status=ArticleStatus.FAILED,
                                 error=f"invalid submission: {exc.errors()[0].get('msg')}")
            sub = bound_fields(sub)
            if sub.needs_fetch and sub.url and sub.status is None:
                sub = bound_fields(self._fetch(sub))
            art = prepare_submission(sub, max_chars=self.settings.max_article_chars)
            out[art.id] = art  # the same id twice in one job: the last one wins
        return list(out.values())

    def _identify(self, arts: list[StoredArticle], attempts: int) -> list[StoredArticle]:
        """Drop the articles already stored; mark exact and near duplicates."""
        found = self._retry(lambda: graph_articles.lookup(self.graph, arts), attempts)
        fresh = [a for a in arts if a.id not in found.already_stored]
        for art in fresh:
            original = found.originals.get(art.id)
            if original and art.status is ArticleStatus.OK:
                art.status, art.duplicate_of, art.similarity = (
                    ArticleStatus.DUPLICATE, original, 1.0)
                art.error = f"same text as article {original}"
        self.dedup.assign(fresh, found.epoch)
        return fresh

    def _extract(self, arts: Sequence[StoredArticle]) -> list[ExtractionResult]:
        limit = self.settings.parse_max_chars
        for art in arts:
            if art.status in EXTRACTABLE and len(art.text) > limit:
                art.status, art.error = (ArticleStatus.TOO_COMPLEX,
                                         f"{len(art.text)} characters; extraction is capped at "
                                         f"{limit} (KG_PARSE_MAX_CHARS)")
        usable = [a for a in arts if a.status in EXTRACTABLE]
        if not usable:
            return []
        secs, mem = self.settings.parse_budget_s, self.settings.parse_max_growth_mb
        try:
            with parse_budget(secs * len(usable), mem):
                extracted = self.pipeline.extract(usable)
            return self.pipeline.resolve(extracted)
        except GraphUnavailable:
            raise
        except Exception:  # noqa: BLE001 - isolate the article that breaks extraction
            log.exception("batch extraction failed; extracting one by one")
        results: list[ExtractionResult] = []
        for art in usable:
            try:
                with parse_budget(secs, mem):
                    extracted = self.pipeline.extract([art])
                results.extend(self.pipeline.resolve(extracted))
            except TooComplex as exc:
                art.status, art.error = ArticleStatus.TOO_COMPLEX, str(exc)
            except Exception as exc:  # noqa: BLE001
                art.status, art.error = ArticleStatus.FAILED, f"extraction failed: {exc!r}"[:500]
        return results

    def _timed(self, stage: str, fn: Callable[[], T]) -> T:
        t0 = time.perf_counter()
        try:
            return fn()
        finally:
            self.timings[stage] += time.perf_counter() - t0

    def stage(self, job: Job) -> Staged:
        prepared = self._timed("prepare", lambda: self._prepare(job))
        arts = self._timed("identify", lambda: self._identify(prepared, job.attempts))
        return Staged(job, arts, self._timed("extract", lambda: self._extract(arts)))

    def _write(self, held: list[Staged]) -> dict[str, str]:
        """Write the held jobs' articles (on the writer thread); return the articles lost."""
        arts = [a for s in held for a in s.articles]
        results = [r for s in held for r in s.results]
        attempts = max(s.job.attempts for s in held)

        def write_some(part: Sequence[StoredArticle], recs: Sequence[ExtractionResult]) -> None:
            self.pipeline.write(part, recs)
            graph_articles.link_duplicates(self.graph, part)

        def write() -> dict[str, str]:
            # A batch that Neo4j refuses is bisected: only the article at fault fails.
            return write_isolating(write_some, arts, results)

        return self._timed("write", lambda: self._retry(write, attempts))

    def _settle(self, held: list[Staged], written: Future[dict[str, str]]) -> None:
        """Ack or dead-letter the held jobs once their write is over (on the main thread, which
        alone talks to the queue). A write that crashed re-raises here, before any ack: its
        jobs stay leased to this worker and come back to the queue when it is gone."""
        try:
            lost = written.result()
        except GraphUnavailable as exc:
            for s in held:
                s.job.attempts = self.settings.job_max_attempts
                self.queue.fail(s.job, f"graph unavailable after {s.job.attempts} attempts: "
                                       f"{exc.message}")
            return
        for s in held:
            reasons = [f"{a.id[:80]}: {lost[a.id]}" for a in s.articles if a.id in lost]
            if reasons:
                self.queue.fail(s.job, "; ".join(reasons)[:2000])
            else:
                self.queue.ack(s.job)
        self.processed += sum(len(s.articles) for s in held) - len(lost)

    def flush(self, held: list[Staged]) -> None:
        """Hand the held jobs to the writer thread, after the batch in flight is settled: at
        most one batch is written while the next one is extracted (Neo4j works in its own
        process, so the write mostly waits on the socket while spaCy keeps the core)."""
        self.settle()
        self._in_flight = (held, self._writer.submit(self._write, held))

    def _writer_busy(self) -> bool:
        return self._in_flight is not None and not self._in_flight[1].done()

    def settle(self) -> None:
        """Wait for the batch in flight, if any, and ack or dead-letter its jobs."""
        if self._in_flight is not None:
            held, written = self._in_flight
            self._in_flight = None
            self._settle(held, written)

    # ------------------------------------------------------------------ loop
    def run(self, *, burst: bool = False, idle_timeout: float = 2.0) -> int:
        """Process jobs until stopped (or, with ``burst``, until the queue is empty)."""
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.queue.recover()
        held: list[Staged] = []
        held_n, held_since = 0, 0.0
        last_recover = time.monotonic()
        while not self.stopping:
            busy = bool(held) or self._in_flight is not None
            job = self.queue.take(timeout=0.0 if busy else idle_timeout)
            if job is not None:
                staged = self._stage_or_fail(job)
                if staged is not None:
                    held_since = held_since if held else time.monotonic()
                    held.append(staged)
                    held_n += len(staged.articles)
                    # Keep extracting while jobs are waiting and the writer is busy, up to one
                    # write batch (or a few seconds, so progress stays visible and a crash
                    # redoes little). An idle writer takes what there is: the write then
                    # overlaps the next extraction, and the last batch, which nothing
                    # overlaps, stays small.
                    if (held_n < self.settings.write_batch_size
                            and time.monotonic() - held_since < MAX_HOLD_S
                            and self._writer_busy()):
                        continue
            if held:
                self.flush(held)
                held, held_n = [], 0
                continue
            if self._in_flight is not None:
                self.settle()  # nothing left to extract meanwhile
                continue
            if time.monotonic() - last_recover > 10:
                self.queue.recover()  # a dead worker's jobs come back to us
                last_recover = time.monotonic()
            if burst and self._drained():
                break
        if held:
            self.flush(held)
        self.settle()
        return self.processed

    def _stage_or_fail(self, job: Job) -> Staged | None:
        if job.attempts >= self.settings.job_max_attempts:
            self.queue.fail(job, f"delivered {job.attempts} times without finishing "
                                 "(its worker died each time)")
            return None
        try:
            return self.stage(job)
        except GraphUnavailable as exc:
            job.attempts = self.settings.job_max_attempts  # _retry used them all
            self.queue.fail(job, f"graph unavailable after {job.attempts} attempts: "
                                 f"{exc.message}")
        except Exception as exc:  # noqa: BLE001 - a bad job must not stop the worker
            log.exception("job %s failed", job.id)
            self.queue.fail(job, f"{type(exc).__name__}: {exc}"[:2000])
        return None

    def _drained(self) -> bool:
        # Jobs still running belong to live workers (recover() took back the dead ones').
        self.queue.recover()
        return self.queue.counts()["queued"] == 0

    def _stop(self, *_: Any) -> None:
        self.stopping = True

    def close(self) -> None:
        self._writer.shutdown(wait=True)
        self.dedup.close()
        self.http.close()
