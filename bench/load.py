"""Load test: many readers hold the dashboard open at once, each with a different link.

Run with `make load` (or `python bench/load.py --readers 50 --at-once 3`). Starts the
dashboard on loopback with the bundled data and launches one headless chromium with one
browser context per reader (asyncio). Each reader opens a different shared URL (leaders,
date ranges, some garbage parameters) and waits for the map; at most ``--at-once`` pages
load at a time, because the browser shares this machine with the server. A reader whose
map is drawn stays connected, its page frozen like an idle background tab, so that at the
end the server holds every session. Then all readers type a new From year at the same
moment and wait for the map to follow. The app itself, run in process (AppTest), says which
view each URL and each change must show, so every wait checks the exact marker count.

Records errors (page errors, failed requests, HTTP errors, Streamlit's exception element,
the word "Traceback"), p50/p95 of time to map and of the rerun, CPU used by the server and
by the browser, and the server's RSS before, at its peak, and after every context is closed
and the server has dropped the sessions. Bounded: at most OPEN_S + CHANGE_S seconds of
readers, then about a minute of waiting for the sessions to go; only 127.0.0.1 is used.
Rewrites the "load" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import time
import urllib.parse
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from browser import (
    CHROMIUM,
    IDLE_JS,
    MAP_READY_JS,
    MARK_OLD_JS,
    VIEWPORT,
    Server,
    View,
    active_sessions,
    app_test,
    change_from,
    data_dir_env,
    memory_mb,
    process_tree,
    serve,
    view_of,
)
from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from run import describe_machine, write_section

from mapview import urlstate
from mapview.assets import DASHBOARD
from mapview.export import CHROMIUM_ARGS
from mapview.load import Dataset, load_dataset

READERS = 50
SESSION_TTL = 20  # s; server.disconnectedSessionTTL for this run (Streamlit's default: 120)
AT_ONCE = 3  # readers loading at the same time (the browser shares the machine)
WAIT_MS = 120_000  # longest wait for one map
OPEN_S = 240  # all readers open their links (a cold load costs chromium about 6 s of CPU)
CHANGE_S = 90  # all readers change a filter
DROP_S = 90  # longest wait for the server to report no active session
POLL_MS = 100  # condition polling in the pages (there are many)
EARLIEST_YEAR = 2003  # the From date must stay after the Statute's entry into force
GARBAGE = (
    "from=not-a-date&leader=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "leader=nobody&to=2099-01-01",
    "from=2024-02-30&to=yesterday",
    "leader=&from=&to=",
    "asof=1999-01-01&routes=maybe",
    "leader=vladimir-putin&from=2024-12-31&to=2024-01-01",
    "leader=vladimir-putin&leader=omar-al-bashir&from=2023-01-01&from=2022-01-01",
    "leader=" + "x" * 400,
    "%ZZ=1&from=2024-01-01%00&to=%E2%80%AE2024-06-01",
    "leader=VLADIMIR_PUTIN,%20Omar%20al-Bashir&routes=1",
)


@dataclass(frozen=True)
class Plan:
    """One reader: the URL query, the view it must show, and the change it makes."""

    query: str
    markers: int  # trip markers the URL's view draws
    year: int  # typed into the From date
    after: View  # the view after the change
    after_markers: int
    redrawn: bool  # whether the change draws other markers than before


@dataclass
class Reading:
    """What one reader saw."""

    query: str
    to_map: float | None = None  # ms from navigation
    rerun: float | None = None  # ms from the blur
    errors: list[str] = field(default_factory=list)


def reader_queries(data: Dataset, count: int, today: dt.date, seed: int = 11) -> list[str]:
    """``count`` different shared-link queries: chosen leaders and ranges, every tenth one
    a garbage link (bad dates, unknown or hostile leaders, repeated or over-long values)."""
    rng = random.Random(seed)
    slugs = [urlstate.slug(p) for p in data.people]
    travellers = [urlstate.slug(p) for p in sorted(set(data.trips["person"]))]
    queries: list[str] = []
    while len(queries) < count:
        if len(queries) % 10 == 9:
            queries.append(GARBAGE[(len(queries) // 10) % len(GARBAGE)])
            continue
        leaders = rng.sample(travellers, rng.randint(1, 3)) + rng.sample(slugs, rng.randint(0, 1))
        start = dt.date(2009, 1, 1) + dt.timedelta(days=rng.randint(0, 6000))
        start = start.replace(day=min(start.day, 28))
        end = min(start + dt.timedelta(days=rng.randint(60, 3000)), today)
        query = f"leader={','.join(dict.fromkeys(leaders))}&from={start}&to={end}"
        if rng.random() < 0.2:
            query += f"&asof={start + (end - start) / 2}"
        if rng.random() < 0.15:
            query += "&routes=1"
        if query not in queries:
            queries.append(query)
    return queries


def another_year(view: View) -> int:
    """A From year that changes the view and keeps From before To."""
    later = view.start.year + 1
    if later <= view.end.year and view.start.replace(year=later) <= view.end:
        return later
    return max(view.start.year - 1, EARLIEST_YEAR)


def plan_readers(data: Dataset, queries: Sequence[str]) -> list[Plan]:
    """Ask the app in process (AppTest) what each query shows, and after the change."""
    plans = []
    for query in queries:
        params = urllib.parse.parse_qs(query, keep_blank_values=True)  # as Streamlit parses it
        at = app_test(params)
        if at.exception:
            raise RuntimeError(f"the app fails in process on {query!r}: {at.exception[0]!r}")
        before = view_of(at.query_params, data)
        year = another_year(before)
        change_from(at, before.start.replace(year=year))
        after = view_of(at.query_params, data)
        old, new = before.records(data), after.records(data)
        plans.append(Plan(query, len(old), year, after, len(new), old != new))
    return plans


async def wait_for_map(
    page: Page, countries: int, markers: int, redrawn: bool = False, text: str | None = None
) -> float:
    """Milliseconds (page clock) when the map shows ``markers`` trip markers."""
    done = await page.wait_for_function(
        MAP_READY_JS, arg=[countries, markers, redrawn, text], polling=POLL_MS, timeout=WAIT_MS
    )
    value = await done.json_value()
    if value == "exception":
        raise RuntimeError("Streamlit's exception element instead of the map")
    return float(value)


async def check_page(page: Page, reading: Reading) -> None:
    """Record an exception element or a traceback shown on the page."""
    if await page.locator('[data-testid="stException"]').count():
        reading.errors.append("exception element shown")
    if await page.get_by_text("Traceback").count():
        reading.errors.append("'Traceback' shown")


class Reader:
    """One reader in their own browser context: opens a shared link, later changes a filter."""

    def __init__(self, browser: Browser, server: Server, plan: Plan, countries: int) -> None:
        self.browser, self.server, self.plan, self.countries = browser, server, plan, countries
        self.reading = Reading(plan.query)
        self.context: BrowserContext | None = None
        self.page: Page | None = None

    def failed(self, what: str, really: bool = True) -> None:
        """Record an error, unless it comes from closing the context."""
        if really and self.context is not None:
            self.reading.errors.append(what)

    async def attempt(self, step: Awaitable[None]) -> bool:
        """Run ``step``; a failure is recorded as this reader's result, not raised."""
        try:
            await step
            return True
        except Exception as exc:
            self.reading.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
            return False

    async def open(self, gate: asyncio.Semaphore) -> bool:
        """Open the shared link (at most as many at once as ``gate`` allows) and wait for the
        map; the page then stays open, so its session stays on the server."""
        async with gate:
            return await self.attempt(self._open())

    async def _open(self) -> None:
        self.context = await self.browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        page = self.page = await self.context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.on("pageerror", lambda e: self.failed(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: self.failed(f"requestfailed: {r.url} {r.failure}"))
        page.on("response", lambda r: self.failed(f"HTTP {r.status}: {r.url}", r.status >= 400))
        await page.goto(f"{self.server.url}/?{self.plan.query}", wait_until="commit")
        self.reading.to_map = await wait_for_map(page, self.countries, self.plan.markers)
        await page.wait_for_function(IDLE_JS, polling=POLL_MS)  # the rest of the page
        await check_page(page, self.reading)
        await self.freeze(True)

    async def freeze(self, frozen: bool) -> None:
        """Freeze the page (an idle background tab: no script runs, the websocket stays
        open, so the session stays on the server), or wake it up. Idle open pages otherwise
        cost the browser CPU that this machine's server also needs."""
        assert self.context is not None and self.page is not None, "open the reader first"
        cdp = await self.context.new_cdp_session(self.page)
        await cdp.send("Page.setWebLifecycleState", {"state": "frozen" if frozen else "active"})
        await cdp.detach()

    async def change(self) -> bool:
        """Type the planned From year, blur, and wait for the map to follow."""
        return await self.attempt(self._change())

    async def _change(self) -> None:
        page, plan = self.page, self.plan
        assert page is not None, "open the reader first"
        await self.freeze(False)
        await page.evaluate(MARK_OLD_JS)
        await page.get_by_role("spinbutton", name="year, From").click()
        await page.keyboard.type(str(plan.year))
        t0 = float(await page.evaluate("performance.now()"))
        await page.locator("h1").first.click()  # the date input commits when it loses focus
        text = f"Between {plan.after.start.isoformat()} and {plan.after.end.isoformat()}"
        ready = await wait_for_map(page, self.countries, plan.after_markers, plan.redrawn, text)
        self.reading.rerun = ready - t0
        await page.wait_for_function(IDLE_JS, polling=POLL_MS)
        await check_page(page, self.reading)

    async def close(self) -> None:
        """Close the context (the server sees the session disconnect)."""
        context, self.context = self.context, None
        if context is not None:
            await context.close()


async def run_phase(steps: Sequence[Awaitable[bool]], seconds: float) -> float:
    """Run ``steps`` concurrently for at most ``seconds``; the seconds it took."""
    t0 = time.monotonic()
    tasks = [asyncio.ensure_future(step) for step in steps]
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=seconds)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    return time.monotonic() - t0


def cpu_seconds(pids: Iterable[int]) -> float:
    """CPU time (user + system) used so far by the processes ``pids``, in seconds."""
    ticks = 0
    for p in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def browser_pids(server: Server) -> list[int]:
    """This process's descendants except the server: Playwright's driver and chromium."""
    server_side = set(process_tree(server.pid))
    return [p for p in process_tree(os.getpid())[1:] if p not in server_side]


def machine_busy_seconds() -> float:
    """CPU time all processors have spent busy since boot (from /proc/stat), in seconds."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


async def sample_rss(server: Server, samples: list[float], stop: asyncio.Event) -> None:
    """Append the server's RSS (MB) to ``samples`` every half second until ``stop``."""
    while not stop.is_set():
        samples.append(memory_mb(server.pid)["VmRSS"])
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.5)


async def poll(condition: Callable[[], Awaitable[bool]], seconds: float) -> bool:
    """Await ``condition()`` every half second for at most ``seconds``; whether it came true."""
    deadline = time.monotonic() + seconds
    while True:
        if await condition():
            return True
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.5)


async def no_session(server: Server) -> bool:
    """Whether the server reports no active session (asked off the event loop)."""
    return await asyncio.to_thread(active_sessions, server) == 0


@dataclass(frozen=True)
class Cpu:
    """CPU seconds used so far by the server, by the browser, and by the whole machine."""

    server: float
    browser: float
    machine: float

    @classmethod
    def now(cls, server: Server) -> Cpu:
        """The counters at this moment."""
        return cls(
            cpu_seconds(process_tree(server.pid)),
            cpu_seconds(browser_pids(server)),
            machine_busy_seconds(),
        )

    def __sub__(self, other: Cpu) -> Cpu:
        return Cpu(
            self.server - other.server, self.browser - other.browser, self.machine - other.machine
        )


@dataclass
class LoadResult:
    """Everything the load test measured."""

    readings: list[Reading]
    alone: Reading  # the warm-up reader, alone on the server
    open_s: float  # s until every reader had its map (or gave up)
    change_s: float  # s until every reader's change was drawn (or gave up)
    sessions_open: int  # active sessions with every reader open
    rss: dict[str, float]  # MB: before, peak, hwm, open, changed, closed, dropped
    cpu_open: Cpu  # while the readers opened their links
    cpu_change: Cpu  # while they changed a filter
    drained: bool  # the server reported no active session in time
    version: str


async def load_test(readers: int, at_once: int) -> LoadResult:
    """Serve the dashboard; ``readers`` readers open their links (``at_once`` loading at a
    time) and stay; then all change a filter at the same moment; then all leave."""
    data = load_dataset()
    with data_dir_env(None):
        plans = plan_readers(data, reader_queries(data, readers, dt.date.today()))
    countries = len(data.countries)
    options = ["--server.disconnectedSessionTTL", str(SESSION_TTL)]
    with serve(DASHBOARD, options=options) as server:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            alone = await visit_once(browser, server, plans[0], countries)  # warms the server
            if alone.errors:
                raise RuntimeError(f"the warm-up reader failed: {alone.errors!r}")
            rss = {"before": memory_mb(server.pid)["VmRSS"]}
            samples: list[float] = []
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample_rss(server, samples, stop))
            start = Cpu.now(server)
            crowd = [Reader(browser, server, plan, countries) for plan in plans]
            gate = asyncio.Semaphore(at_once)
            open_s = await run_phase([r.open(gate) for r in crowd], OPEN_S)
            opened = Cpu.now(server)
            sessions_open = await asyncio.to_thread(active_sessions, server)
            rss["open"] = memory_mb(server.pid)["VmRSS"]
            ready = [r for r in crowd if r.reading.to_map is not None]
            change_s = await run_phase([r.change() for r in ready], CHANGE_S)
            rss["changed"] = memory_mb(server.pid)["VmRSS"]
            changed = Cpu.now(server)  # before closing: closed renderers take their CPU time along
            for r in crowd:
                if r.reading.to_map is None and not r.reading.errors:
                    r.reading.errors.append(f"no map within {OPEN_S} s")
                elif r in ready and r.reading.rerun is None and len(r.reading.errors) == 0:
                    r.reading.errors.append(f"the change was not drawn within {CHANGE_S} s")
            await asyncio.gather(*(r.close() for r in crowd))
            rss["closed"] = memory_mb(server.pid)["VmRSS"]
            drained = await poll(lambda: no_session(server), DROP_S)
            closed_at = time.monotonic()

            async def expired() -> bool:
                return time.monotonic() > closed_at + SESSION_TTL + 1

            await poll(expired, SESSION_TTL + 5)
            # Streamlit reaps expired sessions only when it stores another one, so one more
            # reader comes and goes.
            await visit_once(browser, server, plans[0], countries)
            await poll(lambda: no_session(server), DROP_S)
            stop.set()
            await sampler
            memory = memory_mb(server.pid)
            rss.update(peak=max(samples, default=rss["before"]), hwm=memory["VmHWM"])
            rss["dropped"] = memory["VmRSS"]
            version = f"Chromium {browser.version}"
            await browser.close()
    readings = [r.reading for r in crowd]
    return LoadResult(
        readings,
        alone,
        open_s,
        change_s,
        sessions_open,
        rss,
        opened - start,
        changed - opened,
        drained,
        version,
    )


async def visit_once(browser: Browser, server: Server, plan: Plan, countries: int) -> Reading:
    """A single reader, alone: open, change, leave."""
    reader = Reader(browser, server, plan, countries)
    if await reader.open(asyncio.Semaphore(1)):
        await reader.change()
    await reader.close()
    return reader.reading


def percentiles(values: Sequence[float]) -> str:
    """p50 and p95 in milliseconds, with the count."""
    if not values:
        return "none"
    p50, p95 = np.percentile(values, [50, 95])
    return f"p50 {p50:,.0f} ms, p95 {p95:,.0f} ms (n = {len(values)}, max {max(values):,.0f})"


def cpu_row(what: str, cpu: Cpu, seconds: float, done: int) -> str:
    """A row: CPU seconds of the server, the browser and the machine during one phase."""
    each = (
        f"{cpu.server / done * 1000:,.0f} ms / {cpu.browser / done * 1000:,.0f} ms" if done else "–"
    )
    return (
        f"| CPU while {what}: server / browser / whole machine (per reader: server / browser) | "
        f"{cpu.server:.1f} s / {cpu.browser:.1f} s / {cpu.machine:.1f} s of "
        f"{seconds * (os.cpu_count() or 1):.0f} s ({each}) |"
    )


def is_late(error: str) -> bool:
    """Whether an error is only a wait that ran out of time (not an error of the app)."""
    return error.startswith(("TimeoutError", "no map within", "the change was not drawn"))


def report(machine: str, result: LoadResult, readers: int, at_once: int) -> str:
    """The "load" section of RESULTS.md."""
    maps = [r.to_map for r in result.readings if r.to_map is not None]
    reruns = [r.rerun for r in result.readings if r.rerun is not None]
    failed = [r for r in result.readings if r.errors]
    late = [r for r in failed if all(is_late(e) for e in r.errors)]
    kinds = Counter(e.split(":")[0] for r in failed for e in r.errors).most_common(3)
    rss, alone = result.rss, result.alone
    lines = [
        "## Many readers at once (bench/load.py)",
        "",
        f"Measured {machine}; headless {result.version}, one browser and one context per",
        f"reader, against one server on 127.0.0.1 with the bundled data. {readers} readers each",
        f"open a different shared link (every tenth one garbage), {at_once} loading at a time",
        "because the browser shares the machine, and stay connected (page frozen like an idle",
        "background tab): the server then holds every session. Then all of them type a new",
        "From year at the same moment. Every wait checks the exact markers the app computes (in",
        "process) for that link or change. Then all leave; the server ran with",
        f"`server.disconnectedSessionTTL` = {SESSION_TTL} s (default 120 s) so that it drops",
        "the sessions within the run.",
        "",
        "| figure | result |",
        "|---|---|",
        f"| readers with a map / with the change drawn / with an error / only late | "
        f"{len(maps)} / {len(reruns)} / {len(failed) - len(late)} / {len(late)} of {readers} |",
        f"| a lone reader first (the warm-up) | time to map {alone.to_map or 0:,.0f} ms, rerun "
        f"{alone.rerun or 0:,.0f} ms |",
        f"| time to map ({at_once} loading at a time) | {percentiles(maps)} |",
        f"| rerun after the change ({len(reruns)} at the same moment) | {percentiles(reruns)} |",
        f"| phases: all open / all changed | {result.open_s:.1f} s / {result.change_s:.1f} s |",
        f"| active sessions with every reader open | {result.sessions_open} |",
        cpu_row("opening their links", result.cpu_open, result.open_s, len(maps)),
        cpu_row("changing a filter", result.cpu_change, result.change_s, len(reruns)),
        f"| server RSS before (after the warm-up reader) | {rss['before']:.0f} MB |",
        f"| server RSS with every reader open / after the changes | {rss['open']:.0f} MB / "
        f"{rss['changed']:.0f} MB |",
        f"| server RSS at the peak (sampled every 0.5 s) / VmHWM | {rss['peak']:.0f} MB / "
        f"{rss['hwm']:.0f} MB |",
        f"| server RSS right after every context closed | {rss['closed']:.0f} MB |",
        f"| server RSS after the sessions expired and were reaped | {rss['dropped']:.0f} MB"
        + ("" if result.drained else " (the server still reported active sessions)")
        + " |",
    ]
    if failed:
        lines += ["", "Errors (most common: " + ", ".join(f"{k} × {n}" for k, n in kinds) + "):"]
        lines += [f"- `?{r.query[:80]}`: {'; '.join(r.errors)[:300]}" for r in failed[:15]]
    else:
        lines += ["", "No page error, failed request, HTTP error, exception element or traceback."]
    return "\n".join(lines)


def main() -> None:
    """Run the load test and rewrite the "load" section of bench/RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=READERS, help="concurrent readers")
    parser.add_argument("--at-once", type=int, default=AT_ONCE, help="readers loading at a time")
    args = parser.parse_args()
    machine = describe_machine()
    result = asyncio.run(load_test(args.readers, args.at_once))
    text = report(machine, result, args.readers, args.at_once)
    write_section("load", text)
    print(text)


if __name__ == "__main__":
    main()
