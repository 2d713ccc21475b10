/* launchwatch map page: context on the timeline, drawn under the launches' bars.  Exercises
   are bands from their first to their last day; visits, summits, UNSC actions, elections,
   statements, anniversaries and users' own kinds are marks on their first day (a line under
   the bars and a cap above them).  A switch per kind beside the timeline shows or hides it;
   anniversaries start hidden (a fixed date every year says nothing by itself).

   Names, dates and sources come from calendars and reports, so they only ever reach the page
   as text: an SVG <title> (the browser's own tooltip) and #context-note (for a tap or a
   keyboard, where there is no hover).

   LW.timelineContext({ svg, toggles, note, redraw }) returns { load(), layer(scale) }:
   load() fetches /api/context once; layer({x, t0, t1, top, bottom}) is the <g> to put under
   the bars, built again only when the scale or the kinds shown change.  redraw() is called
   when the data arrive or a switch changes.  For tests: the <svg>'s data-context-bands and
   data-context-marks (how many are drawn). */
"use strict";

window.LW.timelineContext = function (options) {
  const { el } = LW;
  const { svg, toggles, note, redraw } = options;
  const SVG_NS = "http://www.w3.org/2000/svg";
  const DAY_MS = 864e5;
  const BANDS = new Set(["exercise"]);
  const HIDDEN_AT_FIRST = new Set(["anniversary"]);
  // The shipped kinds in the order of the switches; users' own kinds follow, by name.
  const ORDER = ["exercise", "visit", "summit", "unsc", "election", "statement", "anniversary"];
  const NAMES = { exercise: "exercises", visit: "visits", summit: "summits",
                  unsc: "UNSC actions", election: "elections", statement: "statements",
                  anniversary: "anniversaries" };
  const CAP_PX = 8;  // the marks' caps, above the tallest bar

  let events = [];          // [{kind, band, t0, t1, text}]
  const hidden = new Set(HIDDEN_AT_FIRST);
  let kept = { key: null, group: null };

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    return node;
  }

  function kindName(kind) { return NAMES[kind] || kind; }

  function days(item) {
    return item.end && item.end !== item.start ? `${item.start} to ${item.end}` : item.start;
  }

  /* What the tooltip says: name, dates with their zone, kind, and where the dates come
     from. */
  function describe(item) {
    const lines = [item.name, `${days(item)} (${item.zone}), ${item.kind}`];
    if (item.source) lines.push(`source: ${item.source}`);
    else if (item.origin === "report") lines.push("source: a report");
    return lines.join("\n");
  }

  /* A report's context that was joined to a calendar entry is that entry (drawn once), and
     one the report did not date is dated by the launch itself: neither adds a mark. */
  function drawable(item) {
    return item.origin !== "report" || (item.dated === "stated" && !item.joined.length);
  }

  async function load() {
    let found;
    try {
      found = await LW.getJSON("/api/context");
    } catch (error) {
      note.textContent = "Context could not be loaded: " + error.message;
      return;
    }
    events = found.filter(drawable).map((item) => ({
      kind: item.kind, band: BANDS.has(item.kind),
      t0: Date.parse(item.start), t1: Date.parse(item.end || item.start) + DAY_MS,
      text: describe(item) }));
    drawToggles();
    redraw();
  }

  function drawToggles() {
    const counts = new Map();
    for (const item of events) counts.set(item.kind, (counts.get(item.kind) || 0) + 1);
    const kinds = Array.from(counts.keys()).sort((a, b) =>
      (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
    const switches = kinds.map((kind) => {
      const box = el("input", { type: "checkbox", checked: !hidden.has(kind),
                                dataset: { kind } });
      box.addEventListener("change", () => {
        if (box.checked) hidden.delete(kind); else hidden.add(kind);
        redraw();
      });
      return el("label", { class: "context-kind" }, [
        box, el("span", { class: "ctx-swatch", dataset: { kind } }),
        `${kindName(kind)} (${counts.get(kind)})`]);
    });
    toggles.replaceChildren(el("legend", { text: "Context" }), ...switches);
    toggles.hidden = !kinds.length;
  }

  /* The <g> of bands and marks for this scale; kept while nothing it shows changes (the
     playback redraws the timeline on every frame). */
  function layer(scale) {
    const key = [scale.t0, scale.t1, scale.width, scale.top, scale.bottom, events.length,
                 Array.from(hidden).sort().join(",")].join("|");
    if (kept.key === key) return kept.group;
    const group = svgEl("g", { class: "context" });
    let bands = 0;
    let marks = 0;
    for (const item of events) {
      if (hidden.has(item.kind) || item.t1 <= scale.t0 || item.t0 >= scale.t1) continue;
      const left = scale.x(Math.max(item.t0, scale.t0));
      const node = item.band ? band(item, left, scale) : mark(left, scale);
      node.setAttribute("data-kind", item.kind);
      const title = svgEl("title", {});
      title.textContent = item.text;  // text, never markup
      node.append(title);
      node.tip = item.text;
      group.append(node);
      if (item.band) bands += 1; else marks += 1;
    }
    svg.dataset.contextBands = String(bands);
    svg.dataset.contextMarks = String(marks);
    kept = { key, group };
    return group;
  }

  function band(item, left, scale) {
    const right = scale.x(Math.min(item.t1, scale.t1));
    return svgEl("rect", { x: left.toFixed(1), y: scale.top,
                           width: Math.max(2, right - left).toFixed(1),
                           height: scale.bottom - scale.top, class: "ctx-band" });
  }

  function mark(left, scale) {
    const group = svgEl("g", { class: "ctx-mark" });
    const at = left.toFixed(1);
    group.append(svgEl("line", { x1: at, x2: at, y1: scale.top, y2: scale.bottom,
                                 class: "ctx-line" }),
                 svgEl("rect", { x: (left - 1.5).toFixed(1), y: scale.top - CAP_PX,
                                 width: 3, height: CAP_PX - 1, class: "ctx-cap" }));
    return group;
  }

  /* Hover (or a tap, which a touch screen turns into one) names the item under it. */
  svg.addEventListener("pointerover", (event) => {
    const node = event.target.closest(".ctx-band, .ctx-mark");
    if (node && node.tip) note.textContent = node.tip.replace(/\n/g, " · ");
  });

  return { load, layer, capHeight: CAP_PX };
};
