/* launchwatch map page: launch places on country outlines with the names of countries and
   seas and Japan's EEZ, the selected event's geometry (launch site, landing point and its
   uncertainty, ground track, range rings), a timeline that chooses the period the map shows
   and plays the launches through time (playback.js), and the list of events.

   Data: /api/map (places and events per month, aggregated by the server), /api/events (the
   list, a place's events when it is clicked, the launches to play), /api/events/{id}/map (one
   event's GeoJSON), /api/events/{id}/reach (places in reach, on demand),
   /api/countries.geojson (outlines) and /api/waters.geojson (sea names, the EEZ), and
   /api/context (exercises, visits, ... drawn under the timeline's bars: context.js).
   When the first drawing is done, <html data-map-ready="true"> tells tests and the benchmark. */
"use strict";

(function () {
  const { el, tip, getJSON, classColor, number } = LW;
  const form = document.getElementById("filters");
  const mapEl = document.getElementById("map");
  const listEl = document.getElementById("events");
  const countEl = document.getElementById("event-count");
  const selectedEl = document.getElementById("selected");
  const svg = document.getElementById("timeline");
  const caption = document.getElementById("timeline-caption");
  const allLink = document.getElementById("all-events");
  const LIST_LIMIT = 200;
  const POPUP_LIMIT = 8;
  const PLAY_PAGE = 500;  // the API's largest page
  const MIN_VIEW_DEG = 16;  // the Korean peninsula with the Yellow Sea and the Sea of Japan
  // Below this width the legend starts folded: on a phone it would cover a third of the map.
  const NARROW = window.matchMedia("(max-width: 600px)");
  const SVG_NS = "http://www.w3.org/2000/svg";

  const map = L.map(mapEl, { worldCopyJump: true, minZoom: 1, maxZoom: 11, zoomSnap: 0.5 })
    .setView([38.5, 129], 5);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  const outlines = LW.addOutlines(map);
  const waters = LW.addWaters(map);
  const placeLayer = L.layerGroup().addTo(map);
  const legend = makeLegend();
  let eventLayer = null;
  let reachLayer = null;
  let placePoints = [];  // [{lat, lon, weight}] of the places drawn, to frame the first view
  let months = [];        // [["YYYY-MM", events], ...] for the timeline
  let selected = null;    // {id, date} of the event drawn with its geometry
  let firstDraw = true;

  // -- filters --------------------------------------------------------------------------------

  /* The form's filters that are set, by name (the form is the one list of them). */
  function filterValues() {
    const out = {};
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim()) out[name] = value.trim();
    }
    return out;
  }

  function query(values, extra) {
    const params = new URLSearchParams(Object.entries(values));
    for (const [name, value] of extra || []) params.append(name, value);
    return params.toString();
  }

  /* "2022" / "2022-03" / "2022-03-15" -> "YYYY-MM-DD", the first or last day it covers. */
  function periodBound(text, end) {
    if (!text) return null;
    const [y, m, d] = text.split("-").map(Number);
    if (!m) return end ? `${y}-12-31` : `${y}-01-01`;
    if (!d) {
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return `${y}-${String(m).padStart(2, "0")}-${end ? last : "01"}`;
    }
    return text;
  }

  // -- places ---------------------------------------------------------------------------------

  function mainClass(place) {
    let best = "unknown";
    let most = -1;
    for (const [cls, n] of Object.entries(place.classes)) {
      if (n > most || (n === most && cls !== "unknown")) { best = cls; most = n; }
    }
    return best;
  }

  function drawPlaces(data) {
    placeLayer.clearLayers();
    const renderer = data.places.length > 1500 ? L.canvas({ padding: 0.2 }) : L.svg();
    for (const place of data.places) {
      const cls = mainClass(place);
      const marker = L.circleMarker([place.lat, place.lon], {
        renderer, radius: Math.min(18, 5 + 1.5 * Math.sqrt(place.count - 1)),
        color: "#ffffff", weight: 1.5, fillColor: classColor(cls), fillOpacity: 0.9,
        className: "lw-site"
      });
      const name = place.sites[0] || "Launch site";
      marker.bindTooltip(tip(`${name}: ${place.count.toLocaleString("en")} event` +
                             `${place.count === 1 ? "" : "s"}` +
                             (place.latest ? `, latest ${place.latest}` : "")));
      marker.bindPopup(() => placePopup(place), { maxWidth: 340 });
      placeLayer.addLayer(marker);
    }
    placePoints = data.places.map((p) => ({ lat: p.lat, lon: p.lon, weight: p.count }));
    const shown = data.places.reduce((sum, p) => sum + p.count, 0);
    mapEl.dataset.markers = String(data.places.length);
    mapEl.dataset.events = String(shown);
    drawLegend(data.places);
  }

  /* The legend: a <details> box in the map's corner, open on a wide screen and folded to
     its summary line on a phone, with the classes' colours, the event's marks and a switch
     for Japan's EEZ. */
  function makeLegend() {
    const control = L.control({ position: "bottomleft" });
    control.onAdd = () => {
      const box = el("details", { class: "legend", open: !NARROW.matches });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(map);
    return control;
  }

  function drawLegend(places) {
    const classes = new Set();
    for (const place of places) for (const cls of Object.keys(place.classes)) classes.add(cls);
    const keys = Array.from(classes).sort().map((cls) => {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = classColor(cls);  // CSSOM, which the CSP allows
      return el("li", { class: "key" }, [swatch, cls === "unknown" ? "class unknown" : cls]);
    });
    const marks = [
      el("li", { class: "key" }, [el("span", { class: "mark ring" }), "range rings"]),
      el("li", { class: "key" }, [el("span", { class: "mark landing" }), "landing area"])];
    const eez = el("input", { type: "checkbox", checked: map.hasLayer(waters.zone) });
    eez.addEventListener("change", () => {
      if (eez.checked) waters.zone.addTo(map); else waters.zone.remove();
    });
    const box = legend.getContainer();
    box.replaceChildren(
      el("summary", { text: "Legend" }),
      el("ul", { class: "keys" }, [...keys, ...marks]),
      el("label", { class: "key toggle" }, [eez, el("span", { class: "mark eez" }),
                                           "Japan's EEZ (as claimed)"]));
  }

  /* A place's latest events, asked for when its marker is clicked. */
  function placePopup(place) {
    const box = el("div", { class: "popup" }, [
      el("strong", { text: place.sites.join(" / ") || "Launch site" }),
      el("p", { text: `${place.count.toLocaleString("en")} event${place.count === 1 ? "" : "s"}` })
    ]);
    const values = filterValues();
    const sites = place.sites.map((site) => ["site", site]);
    getJSON(`/api/events?limit=${POPUP_LIMIT}&` + query(values, sites)).then((page) => {
      const list = el("ul", { class: "popup-list" }, page.events.map((event) =>
        el("li", {}, [
          el("a", { href: event.url, text: eventLabel(event) }), " ",
          event.launch_lat !== null ? el("button", {
            type: "button", class: "link", text: "rings", dataset: { id: event.id },
            "aria-label": `Show ${eventLabel(event)} on the map` }) : null
        ])));
      list.addEventListener("click", (click) => {
        const button = click.target.closest("button");
        if (button) select(button.dataset.id, true);
      });
      box.append(list);
      if (page.total > page.events.length) {
        box.append(el("p", {}, [el("a", {
          href: "/events?" + query(values, sites),
          text: `all ${page.total.toLocaleString("en")} in the table` })]));
      }
    }).catch((error) => box.append(el("p", { class: "problem", text: error.message })));
    return box;
  }

  function eventLabel(event) {
    const cls = event.missile_class === "unknown" ? null : event.missile_class;
    return [event.date_local || "undated", event.missile_name || cls || "missile",
            event.country].filter(Boolean).join(" ");
  }

  // -- the selected event ---------------------------------------------------------------------

  function eventGeometry(id) {
    return getJSON(`/api/events/${encodeURIComponent(id)}/map`);
  }

  async function select(id, fit, geometry) {
    selected = { id, date: null };
    let collection;
    try {
      collection = await (geometry || eventGeometry(id));
    } catch (error) {
      selectedEl.hidden = false;
      selectedEl.replaceChildren(el("p", { class: "problem", text: error.message }));
      return;
    }
    if (!selected || selected.id !== id) return;  // another selection came meanwhile
    selected.date = (collection.properties || {}).date_local || null;
    if (eventLayer) eventLayer.remove();
    eventLayer = LW.eventLayers(collection).addTo(map);
    mapEl.dataset.rings = String(collection.features.filter(
      (f) => f.properties.role === "range_ring").length);
    mapEl.dataset.selected = id;
    if (fit === "first") {
      // The first view frames where launches are, with this event's site and landing point;
      // its rings may run off the view (a 5,000 km ring would frame half the world).
      const marks = collection.features.filter((f) => f.geometry.type === "Point")
        .map((f) => ({ lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0],
                       weight: 1 }));
      frame(LW.mainBounds([...placePoints, ...marks]), false);
    } else if (fit && eventLayer.getBounds().isValid()) {
      map.fitBounds(eventLayer.getBounds(), { padding: [20, 20], maxZoom: 7 });
    }
    if (reachLayer) { reachLayer.remove(); reachLayer = null; }
    showSelected(collection.properties || {}, id);
    for (const item of listEl.children) {
      item.classList.toggle("current", item.dataset.id === id);
    }
    if (!firstDraw) drawTimeline(filterValues());  // the first drawing draws it once, last
  }

  /* The map shows no event's geometry: after a new period or filter, the old event may not
     be among those shown. */
  function clearSelection() {
    selected = null;
    if (eventLayer) { eventLayer.remove(); eventLayer = null; }
    if (reachLayer) { reachLayer.remove(); reachLayer = null; }
    delete mapEl.dataset.selected;
    mapEl.dataset.rings = "0";
    selectedEl.hidden = true;
    selectedEl.replaceChildren();
    for (const item of listEl.children) item.classList.remove("current");
  }

  /* The view on ``bounds`` widened by a third each way and to at least MIN_VIEW_DEG, so that
     launches from one province still show the seas they fly over; set at once for the first
     view ("ready" means it stands still). */
  function frame(bounds, animate) {
    if (!bounds || !bounds.isValid()) return;
    const padded = bounds.pad(0.35);
    const centre = padded.getCenter();
    const half = MIN_VIEW_DEG / 2;
    padded.extend([[centre.lat - half, centre.lng - half], [centre.lat + half, centre.lng + half]]);
    map.fitBounds(padded, { padding: [16, 16], maxZoom: 6, animate });
    mapEl.dataset.view = map.getBounds().toBBoxString();  // west,south,east,north, for tests
  }

  function showSelected(props, id) {
    const parts = [el("h2", { text: props.title || "Selected event" })];
    const rings = (props.rings || []).map((ring) => el("li", { text: ring }));
    if (rings.length) parts.push(el("ul", { class: "rings" }, rings));
    const open = el("a", { href: `/events/${encodeURIComponent(id)}`, class: "button",
                           text: "Open event" });
    const actions = el("p", { class: "actions" }, [open]);
    if (rings.length) {
      const reach = el("button", { type: "button", text: "Places in reach" });
      reach.addEventListener("click", () => showReach(id, reach));
      actions.append(" ", reach);
    }
    parts.push(actions);
    selectedEl.hidden = false;
    selectedEl.replaceChildren(...parts);
  }

  function placeText(place) {
    const minutes = place.time_of_flight_s === null ? "" :
      `, ${Math.max(1, Math.round(place.time_of_flight_s / 60))} min`;
    return `${number(place.distance_km)} km${minutes}`;
  }

  /* Cities within the selected event's minimum-energy range, on demand. */
  async function showReach(id, button) {
    button.disabled = true;
    let found;
    try {
      found = await getJSON(`/api/events/${encodeURIComponent(id)}/reach` +
                            "?min_population=1000000&limit=40");
    } catch (error) {
      selectedEl.append(el("p", { class: "problem", text: error.message }));
      return;
    }
    if (!selected || selected.id !== id) return;
    if (reachLayer) reachLayer.remove();
    reachLayer = L.layerGroup(found.places.map((place) => L.circleMarker(
      [place.lat_deg, place.lon_deg],
      { radius: 4, color: "#263238", weight: 1, fillColor: "#ffffff", fillOpacity: 1,
        className: "lw-place" })
      .bindTooltip(tip(`${place.name}: ${placeText(place)}`)))).addTo(map);
    mapEl.dataset.places = String(found.places.length);
    const items = found.places.slice(0, 10).map((place) => el("li", {
      text: `${place.name} (${place.country || "?"}): ${placeText(place)}` }));
    const parts = [
      el("h3", { text: found.places.length
        ? `Cities of a million or more in reach (${found.places.length})`
        : (found.reason || "No city of a million people in reach") }),
      el("ol", { class: "reach-list" }, items)];
    if (found.time_of_flight) {
      parts.push(el("p", { class: "hint", text: `Times: ${found.time_of_flight}.` }));
    }
    selectedEl.append(...parts);
    button.hidden = true;
  }

  // -- the list -------------------------------------------------------------------------------

  async function loadList(values) {
    const q = query(values);
    allLink.href = "/events" + (q ? "?" + q : "");
    let page;
    try {
      page = await getJSON(`/api/events?limit=${LIST_LIMIT}` + (q ? "&" + q : ""));
    } catch (error) {
      listEl.replaceChildren(el("li", { class: "problem", text: error.message }));
      return;
    }
    countEl.textContent = `(${page.total.toLocaleString("en")})`;
    listEl.replaceChildren(...page.events.map(listItem));
    if (!page.events.length) {
      listEl.append(el("li", { class: "empty", text: "No events match these filters." }));
    }
  }

  function listItem(event) {
    const cls = event.missile_class === "unknown" ? null : event.missile_class;
    const what = [event.count > 1 ? `${event.count} ×` : null,
                  event.missile_name || cls || "missile",
                  event.missile_name && cls ? `(${cls})` : null]
      .filter(Boolean).join(" ");
    const where = [event.launch_site, event.distance_km !== null ?
                   `${number(event.distance_km)} km` : null].filter(Boolean).join(" · ");
    const item = el("li", { dataset: { id: event.id },
                            class: selected && event.id === selected.id ? "current" : null }, [
      el("a", { href: event.url }, [
        el("span", { class: "date", text: event.date_local || "undated" }), " ",
        el("span", { class: "what", text: what }),
        where ? el("span", { class: "where", text: where }) : null
      ]),
      event.launch_lat !== null ?
        el("button", { type: "button", class: "locate", text: "Map",
                       "aria-label": `Show ${event.date_local || "this event"} on the map` })
        : null
    ]);
    const button = item.querySelector("button");
    if (button) button.addEventListener("click", () => select(event.id, true));
    return item;
  }

  // -- the timeline ---------------------------------------------------------------------------

  let scale = null;  // {t0, t1}
  // Context under the bars; redrawn when it arrives or a kind is switched on or off.
  const context = LW.timelineContext({
    svg, toggles: document.getElementById("context-kinds"),
    note: document.getElementById("context-note"),
    redraw: () => { if (!firstDraw) drawTimeline(filterValues()); }
  });
  context.load();
  let playClock = null;  // the playback's date (ms) while it plays
  // The timeline's size, read once and on resize: reading it forces a layout of the page.
  let timelineSize = null;
  window.addEventListener("resize", () => { timelineSize = null; });

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    return node;
  }

  function monthStart(key) { return Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, 1); }

  function drawTimeline(values) {
    if (!timelineSize) {
      timelineSize = { width: svg.clientWidth || 600, height: svg.clientHeight || 80 };
    }
    const { width, height } = timelineSize;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    if (!months.length) {
      svg.replaceChildren();
      caption.textContent = "No dated events to show on the timeline.";
      scale = null;
      return;
    }
    const t0 = Date.UTC(+months[0][0].slice(0, 4), 0, 1);
    const t1 = Date.UTC(+months[months.length - 1][0].slice(0, 4) + 1, 0, 1);
    const axis = 16;
    const top = context.capHeight + 2;  // the context marks' caps stand above the bars
    scale = { t0, t1 };
    const x = (t) => ((t - t0) / (t1 - t0)) * width;
    const peak = Math.max(...months.map(([, n]) => n));
    const monthWidth = Math.max(1, width / ((t1 - t0) / (30.44 * 864e5)) - 0.5);
    const parts = [];
    const from = periodBound(values.from, false);
    const to = periodBound(values.to, true);
    if (from || to) {
      const left = from ? x(Date.parse(from)) : 0;
      const right = to ? x(Date.parse(to) + 864e5) : width;
      parts.push(svgEl("rect", { x: left, y: 0, width: Math.max(1, right - left),
                                 height: height - axis, class: "period" }));
    }
    parts.push(context.layer({ x, t0, t1, width, top, bottom: height - axis }));
    // All months as one path: a few hundred bars cost one element.
    let bars = "";
    for (const [key, n] of months) {
      const h = Math.max(2, ((height - axis - top) * n) / peak);
      bars += `M${x(monthStart(key)).toFixed(1)} ${height - axis}v${-h.toFixed(1)}` +
              `h${monthWidth.toFixed(1)}v${h.toFixed(1)}z`;
    }
    parts.push(svgEl("path", { d: bars, class: "bar" }));
    const years = (t1 - t0) / (365.25 * 864e5);
    const step = [1, 2, 5, 10, 20].find((s) => years / s <= width / 60) || 50;
    const firstYear = new Date(t0).getUTCFullYear();
    for (let year = Math.ceil(firstYear / step) * step; Date.UTC(year, 0, 1) < t1; year += step) {
      const tx = x(Date.UTC(year, 0, 1));
      parts.push(svgEl("line", { x1: tx, x2: tx, y1: height - axis, y2: height - axis + 4,
                                 class: "tick" }));
      const label = svgEl("text", { x: tx + 2, y: height - 3, class: "year" });
      label.textContent = String(year);
      parts.push(label);
    }
    if (selected && selected.date) {
      const cx = x(Date.parse(selected.date));
      parts.push(svgEl("line", { x1: cx, x2: cx, y1: 0, y2: height - axis, class: "chosen" }));
    }
    if (playClock !== null) {
      const px = x(Math.min(Math.max(playClock, t0), t1));
      parts.push(svgEl("line", { x1: px, x2: px, y1: 0, y2: height - axis, class: "playhead" }));
    }
    svg.replaceChildren(...parts);
    const dated = months.reduce((sum, [, n]) => sum + n, 0);
    const inPeriod = months.filter(([key]) => (!from || key >= from.slice(0, 7)) &&
                                               (!to || key <= to.slice(0, 7)))
      .reduce((sum, [, n]) => sum + n, 0);
    caption.textContent = `${dated.toLocaleString("en")} dated events` +
      (from || to ? `, about ${inPeriod.toLocaleString("en")} in the period chosen` : "") +
      ". Drag across the timeline to choose a period; the From and To fields do the same.";
  }

  function timeAt(clientX) {
    const box = svg.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    return new Date(scale.t0 + fraction * (scale.t1 - scale.t0));
  }

  function month(date) {
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
  }

  let dragStart = null;
  const TAP_PX = 4;  // a press that moves less is a tap, not a drag
  svg.addEventListener("pointerdown", (event) => {
    if (!scale) return;
    player.stop();
    dragStart = event.clientX;
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (dragStart === null) return;
    const a = timeAt(Math.min(dragStart, event.clientX));
    const b = timeAt(Math.max(dragStart, event.clientX));
    drawTimeline({ from: month(a), to: month(b) });
  });
  svg.addEventListener("pointerup", (event) => {
    if (dragStart === null) return;
    if (Math.abs(event.clientX - dragStart) < TAP_PX) {
      // A tap names the context under it (context.js) and leaves the period as it was.
      dragStart = null;
      drawTimeline(filterValues());
      return;
    }
    const a = timeAt(Math.min(dragStart, event.clientX));
    const b = timeAt(Math.max(dragStart, event.clientX));
    dragStart = null;
    form.elements.from.value = month(a);
    form.elements.to.value = month(b);
    apply(true);
  });

  // -- playback -------------------------------------------------------------------------------

  /* Every placed, dated event of the filters, a page of the API at a time. */
  async function eventsToPlay() {
    const values = filterValues();
    const found = [];
    for (let offset = 0; ; offset += PLAY_PAGE) {
      const page = await getJSON(`/api/events?limit=${PLAY_PAGE}&offset=${offset}&` +
                                 query(values));
      for (const event of page.events) {
        if (event.date_local && event.launch_lat !== null) {
          found.push({ date: event.date_local, lat: event.launch_lat, lon: event.launch_lon,
                       cls: event.missile_class || "unknown",
                       label: eventLabel(event) + (event.launch_site ?
                         `, ${event.launch_site}` : "") });
        }
      }
      if (offset + PLAY_PAGE >= page.total) return found;
    }
  }

  const player = LW.playback(map, {
    events: eventsToPlay,
    start: () => { clearSelection(); placeLayer.remove(); },
    end: () => placeLayer.addTo(map),
    time: (t) => { playClock = t; drawTimeline(filterValues()); }
  });

  // -- loading --------------------------------------------------------------------------------

  // The server names the event the page opens on, so its geometry is asked for at once,
  // alongside the places, the list and the outlines.
  const opening = mapEl.dataset.featured || null;
  const openingGeometry = opening ? eventGeometry(opening) : null;
  if (openingGeometry) openingGeometry.catch(() => null);  // reported when selected
  let generation = 0;

  async function apply(pushUrl) {
    const values = filterValues();
    const mine = ++generation;
    if (pushUrl) {
      // New filters: the URL says them, and the old event and playback go.
      const q = query(values);
      history.replaceState(null, "", q ? "?" + q : location.pathname);
      player.stop();
      clearSelection();
    }
    const list = loadList(values);
    let data;
    try {
      data = await getJSON("/api/map" + (query(values) ? "?" + query(values) : ""));
    } catch (error) {
      caption.textContent = "The events could not be loaded: " + error.message;
      return;
    }
    if (mine !== generation) return;  // a later filter superseded this one
    months = data.months;
    drawPlaces(data);
    if (firstDraw) {
      frame(LW.mainBounds(placePoints), false);
      const selecting = data.featured
        ? select(data.featured, "first", data.featured === opening ? openingGeometry : null)
        : Promise.resolve();
      await Promise.all([list, outlines.loaded, selecting]);
      firstDraw = false;
      drawTimeline(values);
      // Milliseconds since navigation started, for the benchmark (bench/web.py).
      document.documentElement.dataset.mapReadyMs = String(Math.round(performance.now()));
      document.documentElement.dataset.mapReady = "true";
    } else {
      drawTimeline(values);
      await list;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (form.reportValidity()) apply(true);
  });
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT") apply(true);
  });
  form.querySelector("a.reset").addEventListener("click", (event) => {
    event.preventDefault();
    for (const field of form.elements) {
      if (field.tagName === "SELECT" || field.tagName === "INPUT") field.value = "";
    }
    apply(true);
  });
  window.addEventListener("resize", () => drawTimeline(filterValues()));

  apply(false);
})();
