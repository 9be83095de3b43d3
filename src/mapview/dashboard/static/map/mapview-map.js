/* mapview's map drawing, shared by the dashboard's map frame and the reader page.

   Pure functions (a state's segment on a day, the popup rows, CSV cells) and the builders of
   tooltips, popups and the key. Styles, labels and colours come from the caller's payload;
   text from the data is only ever set with textContent, and only http(s) sources become
   links. The file is a plain script (it defines the global ``mapview``) and a CommonJS
   module for the tests under node. */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; } else { root.mapview = api; }
})(this, function () {
  "use strict";
  var CAVEAT_MARK = "\u26a0";  /* render.CAVEAT_MARK */

  /* An element with ``text`` as its text (never as markup) and class ``cls``. */
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  /* A tooltip: the first line bold, the others below it. */
  function tip(lines) {
    var box = el("div");
    lines.forEach(function (text, k) { box.appendChild(el(k ? "div" : "b", text)); });
    return box;
  }

  function dates(t) { return t.start === t.end ? t.start : t.start + " to " + t.end; }
  function words(s) { return String(s || "").replace(/_/g, " "); }
  function place(t) { return [t.city, t.host_name].filter(Boolean).join(", "); }

  /* One line about a trip: its tooltip and its marker's accessible name. */
  function tripText(t) {
    return t.person + ": " + place(t) + ", " + dates(t) + ". " + t.verdict_label +
      (t.caveat ? " " + CAVEAT_MARK + " caveat" : "");
  }

  /* The popup's [label, text] rows for a trip, leaving out empty fields (sources apart). */
  function popupRows(t) {
    return [
      ["Who", t.person], ["When", dates(t)], ["Where", place(t)], ["Purpose", t.purpose],
      ["Trip", words(t.status)], ["Territory", t.territory_note],
      ["Host that day", t.host_status_label], ["Verdict", t.verdict_label], ["Why", t.reason],
      [CAVEAT_MARK + " Caveat", t.caveat], ["Outcome", words(t.outcome)],
      ["ICC finding", t.noncompliance]
    ].filter(function (row) { return row[1] !== undefined && row[1] !== null && row[1] !== ""; })
      .map(function (row) { return [row[0], String(row[1])]; });
  }

  function isLink(token) { return /^https?:\/\//i.test(token); }
  function sourceTokens(source) { return String(source || "").split(/\s+/).filter(Boolean); }

  /* The sources, one a line: an http(s) address as a link, anything else as text. */
  function sourceLinks(source) {
    var box = el("span");
    sourceTokens(source).forEach(function (token, i) {
      if (i) { box.appendChild(el("br")); }
      if (isLink(token)) {
        var a = el("a", token);
        a.href = token;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        box.appendChild(a);
      } else {
        box.appendChild(document.createTextNode(token));
      }
    });
    return box;
  }

  /* A trip's popup: a table of its rows, then its sources. */
  function popup(t) {
    var table = el("table", null, "popup");
    function row(label) {
      var tr = el("tr");
      tr.appendChild(el("th", label));
      var td = el("td");
      tr.appendChild(td);
      table.appendChild(tr);
      return td;
    }
    popupRows(t).forEach(function (r) { row(r[0]).textContent = r[1]; });
    if (sourceTokens(t.source).length) { row("Source").appendChild(sourceLinks(t.source)); }
    return table;
  }

  /* Leaflet options of a trip marker: ``extra`` (pane, radius...) under the verdict's style
     (``styles`` by verdict key); an unknown verdict is drawn as a trip not made. */
  function markerOptions(styles, verdict, extra) {
    return Object.assign({}, extra || {}, styles[verdict] || styles.not_travelled);
  }

  /* Leaflet options of a flight route: ``styles`` is [great circle, reported route]. */
  function routeOptions(styles, reported, extra) {
    return Object.assign({}, extra || {}, styles[reported ? 1 : 0]);
  }

  /* The segment in force on ``day`` (ISO text) of segments [[since, ...], ...] sorted by their
     first day: the last that began by then, or the first if none had. */
  function segmentOn(segments, day) {
    var s = segments[0];
    for (var i = 1; i < segments.length && segments[i][0] <= day; i++) { s = segments[i]; }
    return s;
  }

  /* The last of ``items`` (sorted by their ``day``) whose day is on or before ``day``, or the
     first; a binary search, for the summaries of long ranges. */
  function latestOn(items, day) {
    var lo = 0, hi = items.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (items[mid].day <= day) { lo = mid; } else { hi = mid - 1; }
    }
    return items[lo];
  }

  /* A CSV cell as pandas writes the dashboard's download: empty for missing, True/False,
     whole numbers with ".0", and quotes round text with a comma, quote or line break. */
  function csvCell(v) {
    if (v === null || v === undefined) { return ""; }
    if (typeof v === "boolean") { return v ? "True" : "False"; }
    if (typeof v === "number" && Number.isInteger(v)) { return v.toFixed(1); }
    var s = String(v);
    return /[",\r\n]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
  }

  /* The CSV text of ``rows`` (objects) in ``columns``, with a header line. */
  function csvText(columns, rows) {
    var lines = [columns.map(csvCell).join(",")];
    rows.forEach(function (r) {
      lines.push(columns.map(function (c) { return csvCell(r[c]); }).join(","));
    });
    return lines.join("\n") + "\n";
  }

  /* The key: for each group (a title and its rows: colour, label, edge, round, dashed and a
     class), a bold title and one swatch and label per row, appended to ``box``; ``inline``
     puts a group's rows on one line. */
  function fillKey(box, groups, inline) {
    groups.forEach(function (group) {
      var line = inline ? el("div") : box;
      line.appendChild(el("b", group.title));
      if (inline) { line.appendChild(document.createTextNode(" ")); }
      group.rows.forEach(function (k) {
        var row = el(inline ? "span" : "div", null, inline ? "key" : "");
        var swatch = el("span", null, "swatch " + k.cls + (k.round ? " round" : ""));
        swatch.style.cssText = "display:inline-block;width:10px;height:10px;margin:0 5px -1px 0;" +
          "border:" + (k.round ? 2 : 1) + "px " + (k.dashed ? "dashed " : "solid ") + k.edge +
          ";background:" + k.colour + ";border-radius:" + (k.round ? "50%" : "2px");
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(k.label));
        line.appendChild(row);
      });
      if (inline) { box.appendChild(line); }
    });
    return box;
  }

  return {
    CAVEAT_MARK: CAVEAT_MARK,
    csvCell: csvCell,
    csvText: csvText,
    dates: dates,
    el: el,
    fillKey: fillKey,
    isLink: isLink,
    latestOn: latestOn,
    markerOptions: markerOptions,
    place: place,
    popup: popup,
    popupRows: popupRows,
    routeOptions: routeOptions,
    segmentOn: segmentOn,
    sourceLinks: sourceLinks,
    sourceTokens: sourceTokens,
    tip: tip,
    tripText: tripText,
    words: words
  };
});
