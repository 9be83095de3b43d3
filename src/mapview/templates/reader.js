/* mapview reader page: colours the map, the counts, the summary and the table for the slider's
   day. Tooltips, popups, the key, marker and route styles and the CSV come from
   mapview-map.js, the dashboard's own drawing code. Text from the data is written with
   textContent only; links only for http(s). */
(function () {
  "use strict";
  var mv = window.mapview;
  var el = mv.el, dates = mv.dates, words = mv.words, sourceLinks = mv.sourceLinks;
  var D = JSON.parse(document.getElementById("mapview-data").textContent);
  var DAY_MS = 86400000;
  var root = document.documentElement;
  var snapshot = /(^|&)view=snapshot(&|$)/.test(location.search.slice(1));
  if (snapshot) root.classList.add("snapshot");

  function toMs(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }
  function toIso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function isIsoDay(s) { return /^\d{4}-\d{2}-\d{2}$/.test(s) && toIso(toMs(s)) === s; }
  var t0 = toMs(D.start);
  var last = Math.round((toMs(D.end) - t0) / DAY_MS);
  function dayAt(i) { return toIso(t0 + i * DAY_MS); }
  function indexOf(iso) { return Math.round((toMs(iso) - t0) / DAY_MS); }

  function escapeHtml(s) { return el("span", s).innerHTML; }

  /* The corrections that touch this page, newest first, with their sources as links. */
  function short(s) { s = String(s); return s.length > 80 ? s.slice(0, 80) + "\u2026" : s; }
  (D.corrections || []).forEach(function (c) {
    var li = el("li", c[0] + ", " + c[1] + " " + c[2] + ", " + c[3] + ": \u201c" + short(c[4]) +
      "\u201d \u2192 \u201c" + short(c[5]) + "\u201d. " + c[6] + " ");
    li.appendChild(sourceLinks(c[7]));
    document.getElementById("corrections-list").appendChild(li);
  });

  var STATUS = {};
  D.statuses.forEach(function (s) { STATUS[s.key] = s; });
  var STYLES = {};
  D.verdicts.forEach(function (v) { STYLES[v.key] = v.style; });
  mv.fillKey(document.getElementById("legend-key"), D.key, true);
  /* A state's segment in force on a day: [since, key] for its ICC status, or with a lens
     [since, obligation, why]. Python computes them (the rule is not repeated here). */
  function segmentOn(iso, day) { return mv.segmentOn(D.states[iso].segments, day); }
  function statusOn(iso, day) { return segmentOn(iso, day)[1]; }

  /* The summary and the counts in force on a day. Python writes them (mapview.narrative) for
     every day on which the trips shown change; the script picks the last one by the day and
     puts the day into the opening words (narrative.period). */
  function summaryOn(day) { return mv.latestOn(D.summaries, day); }
  function sentence(s, day) { return "Between " + D.start + " and " + day + ", " + D.texts[s.lead]; }
  function details(s) { return s.details.map(function (k) { return D.texts[k]; }).join(" "); }

  /* The map. */
  var map = L.map("map", {
    minZoom: 1, maxZoom: 12, zoomSnap: 0.25, worldCopyJump: false, zoomControl: !snapshot
  });
  map.fitBounds([[-56, -170], [78, 180]]);
  if (D.tiles) {
    L.tileLayer(D.tiles.url, { maxZoom: 12, attribution: escapeHtml(D.tiles.attribution) }).addTo(map);
  }
  map.createPane("dots").style.zIndex = 420;
  map.createPane("trips").style.zIndex = 430;

  /* The first day shown: the fragment's, else the page's; the layers are drawn for it. */
  function clampIndex(i) { return Math.max(0, Math.min(last, Math.round(+i) || 0)); }
  function hashIndex() {
    var m = /^#(\d{4}-\d{2}-\d{2})$/.exec(location.hash);
    return m && isIsoDay(m[1]) ? indexOf(m[1]) : null;
  }
  var firstIndex = hashIndex();
  var dayNow = dayAt(clampIndex(firstIndex === null ? indexOf(D.day) : firstIndex));
  var current = {};
  Object.keys(D.states).forEach(function (iso) { current[iso] = statusOn(iso, dayNow); });
  function countryTip(iso) {
    var label = D.lens ? "On " + dayNow + ", for " + D.lens + ": " : "Status on " + dayNow + ": ";
    var why = segmentOn(iso, dayNow)[2];
    return mv.tip([D.states[iso].name, label + STATUS[current[iso]].label].concat(
      why ? [why] : [], ["History: " + D.states[iso].history]));
  }
  /* Countries: the page carries them drawn, one SVG path per country in Web Mercator units
     over the whole world, which Leaflet places and scales as an overlay. The script only
     colours them, and one tooltip follows the pointer over them. */
  var outlines = document.getElementById("mapview-countries").content.firstElementChild;
  var shapes = {};
  Array.prototype.forEach.call(outlines.querySelectorAll("path[data-iso-a3]"), function (path) {
    var iso = path.getAttribute("data-iso-a3");
    if (!D.states[iso]) return;
    shapes[iso] = path;
    path.setAttribute("fill", STATUS[current[iso]].colour);
  });
  var edge = L.Projection.SphericalMercator.MAX_LATITUDE;  /* the world is a square */
  var overlay = L.svgOverlay(outlines, [[-edge, -180], [edge, 180]], { interactive: true });
  overlay.addTo(map);
  var countryTooltip = L.tooltip();
  function countryAt(e) {
    var iso = e.target.getAttribute && e.target.getAttribute("data-iso-a3");
    return iso && shapes[iso] === e.target ? iso : null;
  }
  function showCountry(e) {
    var iso = countryAt(e);
    if (!iso || (map.dragging && map.dragging.moving())) return;
    countryTooltip.setContent(countryTip(iso)).setLatLng(map.mouseEventToLatLng(e));
    map.openTooltip(countryTooltip);
  }
  outlines.addEventListener("mouseover", function (e) {
    if (!countryAt(e)) return;
    e.target.setAttribute("stroke", "#000000");
    e.target.setAttribute("stroke-width", "2");
    showCountry(e);
  });
  /* A click (a tap on a touch screen) opens it too, after Leaflet closed tooltips for the click. */
  overlay.on("click", function (e) { showCountry(e.originalEvent); });
  outlines.addEventListener("mousemove", function (e) {
    if (map.hasLayer(countryTooltip)) countryTooltip.setLatLng(map.mouseEventToLatLng(e));
  });
  outlines.addEventListener("mouseout", function (e) {
    if (!countryAt(e)) return;
    e.target.removeAttribute("stroke");
    e.target.removeAttribute("stroke-width");
    map.closeTooltip(countryTooltip);
  });

  var dotGroup = L.featureGroup().addTo(map);
  dotGroup.bindTooltip(function (dot) { return countryTip(dot.iso); });
  var dots = {};
  Object.keys(D.dots).forEach(function (iso) {
    if (!D.states[iso]) return;
    var dot = L.circleMarker(D.dots[iso], {
      pane: "dots", radius: 4, weight: 1, color: "#333333", fill: true, fillOpacity: 0.85,
      fillColor: STATUS[current[iso]].colour, className: "dot"
    });
    dot.iso = iso;
    dot.on("add", function () { dot.getElement().setAttribute("data-iso-a3", iso); });
    dots[iso] = dot;
    if (current[iso] !== D.nothing) dotGroup.addLayer(dot);
  });

  function tripTip(t) { return mv.tip([mv.tripText(t)]); }
  var tripGroup = L.featureGroup().addTo(map);
  tripGroup.bindTooltip(function (marker) { return tripTip(marker.trip); });
  tripGroup.bindPopup(function (marker) { return mv.popup(marker.trip); },
                      { maxWidth: 360, maxHeight: 340 });
  var markers = D.trips.map(function (t) {
    if (t.lat === null || t.lon === null) return null;
    var options = mv.markerOptions(STYLES, t.verdict,  /* an unknown verdict: dashed, not made */
      { pane: "trips", radius: 7, fill: true, className: "trip verdict-" + t.verdict });
    var marker = L.circleMarker([t.lat, t.lon], options);
    marker.trip = t;
    /* Each marker is a button for the keyboard: Tab reaches it, focus shows its tooltip,
       Enter or Space opens its popup. */
    marker.on("add", function () {
      var path = marker.getElement();
      path.setAttribute("data-trip-id", t.trip_id);
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.setAttribute("aria-label", mv.tripText(t));
      if (path.mapviewKeys) return;
      path.mapviewKeys = true;
      /* The group's tooltip and popup open for the marker that fires the event. */
      function fire(type) { marker.fire(type, { latlng: marker.getLatLng() }, true); }
      path.addEventListener("focus", function () { fire("mouseover"); });
      path.addEventListener("blur", function () { fire("mouseout"); });
      path.addEventListener("keydown", function (e) {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        fire("click");
      });
    });
    return marker;
  });

  /* Flight routes (optional): one line per trip, shown with its trip when switched on. */
  var routeGroup = L.layerGroup();
  var routeLines = (D.routes || []).map(function (r) {
    var line = L.polyline(r.pieces, mv.routeOptions(D.route_styles, r.reported, {
      pane: "trips", className: r.reported ? "route" : "route great-circle"
    }));
    line.bindTooltip(function () { return mv.tip([r.tip]); }, { sticky: true });
    line.start = (D.trips.filter(function (t) { return t.trip_id === r.trip_id; })[0] || {}).start;
    return line;
  });
  var routesToggle = document.getElementById("routes-toggle");
  if (routesToggle) {
    routesToggle.addEventListener("change", function () {
      if (routesToggle.checked) routeGroup.addTo(map); else map.removeLayer(routeGroup);
    });
  }
  function showRoutes(day) {
    routeLines.forEach(function (line) {
      if (line.start && line.start <= day) routeGroup.addLayer(line); else routeGroup.removeLayer(line);
    });
  }

  /* Text, counts and table. */
  var slider = document.getElementById("day");
  var dayLabel = document.getElementById("day-label");
  var download = document.getElementById("download");
  var tbody = document.querySelector("#trips tbody");
  function setText(id, text) { document.getElementById(id).textContent = String(text); }
  var tableRows = null;  /* the trips the table lists */
  function renderTable(shown) {
    tableRows = shown;
    tbody.textContent = "";
    shown.forEach(function (t) {
      var tr = el("tr");
      tr.setAttribute("data-trip-id", t.trip_id);
      tr.appendChild(el("td", dates(t), "when"));
      tr.appendChild(el("td", t.person));
      tr.appendChild(el("td", [t.city, t.host_name].filter(Boolean).join(", ") +
        (t.lat === null ? " (no published location)" : "")));
      tr.appendChild(el("td", t.verdict_label, t.verdict === "bound" ? "verdict-bound-text" : ""));
      tr.appendChild(el("td", t.reason + (t.caveat ? " " + mv.CAVEAT_MARK + " " + t.caveat : "")));
      tr.appendChild(el("td", words(t.outcome)));
      var src = el("td", null, "src");
      src.appendChild(sourceLinks(t.source));
      tr.appendChild(src);
      tbody.appendChild(tr);
    });
  }
  function writeHash(day) {
    var hash = "#" + day;
    if (location.hash === hash) return;
    try { history.replaceState(null, "", hash); } catch (e) { location.replace(hash); }
  }

  var shownCount = -1;
  var shown = [];
  /* ``tableLater``: fill the table in a task of its own, after the map is ready (at load). */
  function setDay(i, keepHash, tableLater) {
    i = clampIndex(i);
    var day = dayAt(i);
    dayNow = day;
    slider.value = String(i);
    slider.setAttribute("aria-valuetext", day);
    dayLabel.textContent = day;
    setText("caption-day", day);
    Object.keys(shapes).forEach(function (iso) {
      var s = statusOn(iso, day);
      if (s === current[iso]) return;
      current[iso] = s;
      shapes[iso].setAttribute("fill", STATUS[s].colour);
      var dot = dots[iso];
      if (!dot) return;
      dot.setStyle({ fillColor: STATUS[s].colour });
      if (s === D.nothing) dotGroup.removeLayer(dot); else dotGroup.addLayer(dot);
    });
    shown = D.trips.filter(function (t) { return t.start <= day; });
    if (shown.length !== shownCount) {
      shownCount = shown.length;
      markers.forEach(function (m, k) {
        if (!m) return;
        if (D.trips[k].start <= day) tripGroup.addLayer(m); else tripGroup.removeLayer(m);
      });
      if (!tableLater) {
        renderTable(shown);
      } else {
        setTimeout(function () { if (tableRows !== shown) renderTable(shown); }, 0);
      }
      showRoutes(day);
      var unmapped = shown.filter(function (t) { return t.lat === null; }).length;
      setText("unmapped", unmapped ? unmapped + " trip(s) have no published location and appear only in the table." : "");
    }
    var s = summaryOn(day);
    Object.keys(s.counts).forEach(function (key) {
      var n = document.getElementById("count-" + key);
      n.textContent = String(s.counts[key]);
      if (n.parentNode.hasAttribute("data-optional")) n.parentNode.hidden = !s.counts[key];
    });
    setText("lead", sentence(s, day));
    setText("summary", details(s));
    setText("trips-caption", "Trips that began on or before " + day + " (" + shown.length + ")");
    download.setAttribute("download", "mapview-trips-" + D.start + "-" + day + ".csv");
    if (!keepHash) writeHash(day);
  }
  /* A day from the address: written back (clamped) when it lies outside the range. */
  function showIndex(i, tableLater) { setDay(i, i >= 0 && i <= last, tableLater); }

  /* The CSV of the rows shown, with the dashboard's columns and formatting. */
  download.addEventListener("click", function () {
    var blob = new Blob([mv.csvText(D.columns, shown)], { type: "text/csv;charset=utf-8" });
    if (download.href.indexOf("blob:") === 0) URL.revokeObjectURL(download.href);
    download.href = URL.createObjectURL(blob);
  });

  /* Play: about twenty seconds from the first day to the last. */
  var play = document.getElementById("play");
  var timer = null;
  var step = Math.max(1, Math.round(last / 400));
  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = "Play";
    play.setAttribute("aria-pressed", "false");
    writeHash(dayNow);
  }
  play.addEventListener("click", function () {
    if (timer) { stop(); return; }
    if (+slider.value >= last) setDay(0);
    play.textContent = "Pause";
    play.setAttribute("aria-pressed", "true");
    timer = setInterval(function () {
      var next = +slider.value + step;
      setDay(next, true);  /* the fragment is written on pause: browsers throttle URL updates */
      if (next >= last) stop();
    }, 50);
  });
  /* A drag fires "input" for every step and "change" once at the end: write the URL then. */
  slider.addEventListener("input", function () { setDay(slider.value, true); });
  slider.addEventListener("change", function () { writeHash(dayNow); });
  window.addEventListener("hashchange", function () {
    var i = hashIndex();
    if (i !== null) showIndex(i, false);
  });

  if (firstIndex === null) setDay(indexOf(D.day), true, true); else showIndex(firstIndex, true);
  root.setAttribute("data-ready", String(Math.round(performance.now())));  /* ms since navigation */
})();
