/* The map's shared functions under node (run by tests/test_map_js.py): a state's segment on a
   day, the popup rows, CSV cells, and hostile text set as text, never as markup. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const mv = require(path.join(ROOT, "src/mapview/dashboard/static/map/mapview-map.js"));
const HOSTILE = fs.readFileSync(path.join(ROOT, "tests/data/hostile_payloads.txt"), "utf8")
  .split("\n").filter(Boolean);

/* Just enough of a document to build elements: markup can never be set. */
class Node {
  constructor(tag, text) { this.tagName = tag; this.children = []; this.text = text || ""; this.style = {}; }
  appendChild(child) { this.children.push(child); return child; }
  set textContent(value) { this.children = []; this.text = String(value); }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(""); }
  set innerHTML(value) { throw new Error("markup set: " + value); }
  find(tag) {
    return this.children.flatMap((c) => (c.tagName === tag ? [c] : []).concat(c.find ? c.find(tag) : []));
  }
}
global.document = {
  createElement: (tag) => new Node(tag),
  createTextNode: (text) => new Node("#text", text),
};

const TRIP = {
  person: "Vladimir Putin", city: "Ulaanbaatar", host_name: "Mongolia",
  start: "2024-09-02", end: "2024-09-04", purpose: "State visit", status: "took_place",
  territory_note: "", host_status_label: "State Party", verdict_label: "host bound to arrest",
  reason: "Mongolia was a State Party.", caveat: "", outcome: "not_arrested",
  noncompliance: "", source: "https://example.org/a javascript:alert(1)",
};

test("a state's segment on a day is the last one begun by then, both ends inclusive", () => {
  const segs = [["1900-01-01", "non_party"], ["2002-07-01", "state_party"], ["2016-10-27", "withdrawal_pending"]];
  assert.equal(mv.segmentOn(segs, "2002-06-30")[1], "non_party");
  assert.equal(mv.segmentOn(segs, "2002-07-01")[1], "state_party");
  assert.equal(mv.segmentOn(segs, "2016-10-26")[1], "state_party");
  assert.equal(mv.segmentOn(segs, "2030-01-01")[1], "withdrawal_pending");
  assert.equal(mv.segmentOn(segs, "1800-01-01")[1], "non_party");  // before the first: the first
});

test("the summary in force on a day is found by binary search", () => {
  const all = ["2024-01-01", "2024-03-01", "2024-09-02"].map((day, k) => ({ day, k }));
  assert.equal(mv.latestOn(all, "2023-12-31").k, 0);
  assert.equal(mv.latestOn(all, "2024-03-01").k, 1);
  assert.equal(mv.latestOn(all, "2024-09-01").k, 1);
  assert.equal(mv.latestOn(all, "2025-01-01").k, 2);
});

test("the popup rows leave out empty fields and put statuses in words", () => {
  assert.deepEqual(mv.popupRows(TRIP), [
    ["Who", "Vladimir Putin"], ["When", "2024-09-02 to 2024-09-04"],
    ["Where", "Ulaanbaatar, Mongolia"], ["Purpose", "State visit"], ["Trip", "took place"],
    ["Host that day", "State Party"], ["Verdict", "host bound to arrest"],
    ["Why", "Mongolia was a State Party."], ["Outcome", "not arrested"],
  ]);
  const one = mv.popupRows({ ...TRIP, city: "", end: TRIP.start, caveat: "weak fact" });
  assert.deepEqual(one.find((r) => r[0] === "When"), ["When", "2024-09-02"]);
  assert.deepEqual(one.find((r) => r[0] === "Where"), ["Where", "Mongolia"]);
  assert.deepEqual(one.find((r) => r[0].endsWith("Caveat")), ["\u26a0 Caveat", "weak fact"]);
  assert.equal(mv.tripText({ ...TRIP, caveat: "x" }),
    "Vladimir Putin: Ulaanbaatar, Mongolia, 2024-09-02 to 2024-09-04. host bound to arrest \u26a0 caveat");
});

test("only http(s) sources become links; the others stay text", () => {
  const table = mv.popup(TRIP);
  const links = table.find("a");
  assert.equal(links.length, 1);
  assert.equal(links[0].href, "https://example.org/a");
  assert.equal(links[0].rel, "noopener noreferrer");
  assert.match(table.textContent, /javascript:alert\(1\)/);
  assert.equal(mv.isLink("JavaScript:alert(1)"), false);
  assert.equal(mv.isLink("HTTPS://example.org"), true);
});

test("hostile strings are set as text in tooltips, popups and the key", () => {
  HOSTILE.forEach((s) => {
    const trip = { ...TRIP, person: s, city: s, reason: s, caveat: s, source: s };
    const popup = mv.popup(trip);
    assert.ok(popup.textContent.includes(s.trim().split(/\s+/)[0]));
    assert.ok(popup.find("td").some((td) => td.textContent === s), s);
    assert.equal(mv.tip([s, s]).textContent, s + s);
    const box = mv.fillKey(new Node("div"), [{ title: s, rows: [{ colour: "#fff", label: s, edge: "#000", cls: "k" }] }], true);
    assert.equal(box.textContent, s + " " + s);
  });
});

test("the key has a swatch per row, round and dashed for trips", () => {
  const groups = [
    { title: "Countries", rows: [{ colour: "#0072B2", label: "State Party", edge: "#333333", round: false, dashed: false, cls: "status-state_party" }] },
    { title: "Trips", rows: [{ colour: "#FFFFFF", label: "not travelled", edge: "#555555", round: true, dashed: true, cls: "verdict-not_travelled" }] },
  ];
  const box = mv.fillKey(new Node("div"), groups, false);
  const [party, trip] = box.find("span");
  assert.equal(party.className, "swatch status-state_party");
  assert.match(party.style.cssText, /background:#0072B2;border-radius:2px/);
  assert.equal(trip.className, "swatch verdict-not_travelled round");
  assert.match(trip.style.cssText, /2px dashed #555555/);
  assert.equal(box.textContent, "CountriesState PartyTripsnot travelled");
});

test("marker and route options put the payload's style over the defaults", () => {
  const styles = { bound: { fillColor: "#D55E00", weight: 2 }, not_travelled: { dashArray: "3 3" } };
  assert.deepEqual(mv.markerOptions(styles, "bound", { radius: 7, weight: 1 }), { radius: 7, weight: 2, fillColor: "#D55E00" });
  assert.deepEqual(mv.markerOptions(styles, "unknown", {}), { dashArray: "3 3" });
  const routes = [{ dashArray: "8 6" }, { weight: 3 }];
  assert.deepEqual(mv.routeOptions(routes, 0, { pane: "trips" }), { pane: "trips", dashArray: "8 6" });
  assert.deepEqual(mv.routeOptions(routes, true), { weight: 3 });
});

test("CSV cells are written as pandas writes the dashboard's download", () => {
  assert.equal(mv.csvCell(null), "");
  assert.equal(mv.csvCell(undefined), "");
  assert.equal(mv.csvCell(true), "True");
  assert.equal(mv.csvCell(false), "False");
  assert.equal(mv.csvCell(3), "3.0");
  assert.equal(mv.csvCell(47.8864), "47.8864");
  assert.equal(mv.csvCell("plain"), "plain");
  assert.equal(mv.csvCell('a, "b"'), '"a, ""b"""');
  assert.equal(mv.csvCell("two\nlines"), '"two\nlines"');
  assert.equal(mv.csvCell("=1+1"), "=1+1");
  assert.equal(mv.csvText(["a", "b"], [{ a: 1, b: "x,y" }, { a: null }]), 'a,b\n1.0,"x,y"\n,\n');
});
