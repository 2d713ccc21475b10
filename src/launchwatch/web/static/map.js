/* launchwatch map page: sites on country outlines, the selected event's geometry (landing
   point and zone, ground track, range rings), a timeline that filters the map, and the list.

   Data: /api/map (every event of the country/class filter, compact rows), /api/events (the
   list), /api/events/{id}/map (one event's GeoJSON), /api/countries.geojson (outlines).
   When the first drawing is done, <html data-map-ready="true"> tells tests and the benchmark. */
"use strict";

(function () {
  const { el, getJSON, classColor, number } = LW;
  const form = document.getElementById("filters");
  const mapEl = document.getElementById("map");
  const listEl = document.getElementById("events");
  const countEl = document.getElementById("event-count");
  const selectedEl = document.getElementById("selected");
  const svg = document.getElementById("timeline");
  const caption = document.getElementById("timeline-caption");
  const allLink = document.getElementById("all-events");
  const LIST_LIMIT = 200;
  const SVG_NS = "http://www.w3.org/2000/svg";

  const map = L.map(mapEl, { worldCopyJump: true, minZoom: 1, maxZoom: 11, zoomSnap: 0.5 })
    .setView([38.5, 129], 5);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  const outlines = LW.addOutlines(map);
  const siteLayer = L.layerGroup().addTo(map);
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => L.DomUtil.create("div", "legend");
  legend.addTo(map);
  let eventLayer = null;
  let reachLayer = null;
  let sitesBounds = null;
  // The first event shown is the latest with an assessed range that a regional map can show
  // whole; failing that, the latest with any range.
  const REGIONAL_RANGE_KM = 5000;

  let rows = [];          // [{id, lat, lon, cls, date, country, label, metKm}]
  let selectedId = null;
  let firstDraw = true;

  // -- filters ------------------------------------------------------------------------------

  function filterValues() {
    const data = new FormData(form);
    const out = {};
    for (const name of ["country", "class", "from", "to"]) {
      const value = (data.get(name) || "").trim();
      if (value) out[name] = value;
    }
    return out;
  }

  function query(values, names) {
    const params = new URLSearchParams();
    for (const name of names) if (values[name]) params.set(name, values[name]);
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

  function inPeriod(date, values) {
    const from = periodBound(values.from, false);
    const to = periodBound(values.to, true);
    if (!from && !to) return true;
    if (!date) return false;
    return (!from || date >= from) && (!to || date <= to);
  }

  // -- sites ----------------------------------------------------------------------------------

  function drawSites(values) {
    siteLayer.clearLayers();
    const visible = rows.filter((row) => row.lat !== null && inPeriod(row.date, values));
    // One marker per place: many launches share a site, and 10 000 events become a few
    // hundred markers, which any phone draws at once.
    const places = new Map();
    for (const row of visible) {
      const key = row.lat.toFixed(3) + "," + row.lon.toFixed(3);
      if (!places.has(key)) places.set(key, []);
      places.get(key).push(row);
    }
    const renderer = places.size > 1500 ? L.canvas({ padding: 0.2 }) : L.svg();
    for (const group of places.values()) {
      const latest = group[0];
      const marker = L.circleMarker([latest.lat, latest.lon], {
        renderer, radius: Math.min(18, 5 + 2 * Math.sqrt(group.length - 1)),
        color: "#ffffff", weight: 1.5, fillColor: classColor(latest.cls), fillOpacity: 0.9,
        className: "lw-site"
      });
      marker.bindTooltip(group.length === 1 ? latest.label
                         : `${group.length} events · latest ${latest.label}`);
      marker.bindPopup(() => sitePopup(group), { maxWidth: 320 });
      siteLayer.addLayer(marker);
    }
    sitesBounds = L.latLngBounds(visible.map((row) => [row.lat, row.lon]));
    drawLegend(visible);
    mapEl.dataset.markers = String(places.size);
    mapEl.dataset.events = String(visible.length);
    return visible;
  }

  function drawLegend(visible) {
    const classes = Array.from(new Set(visible.map((row) => row.cls || "unknown"))).sort();
    const box = legend.getContainer();
    box.replaceChildren(...classes.map((cls) => {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = classColor(cls);  // CSSOM, which the CSP allows
      return el("span", { class: "key" }, [swatch, cls === "unknown" ? "class unknown" : cls]);
    }));
    box.hidden = classes.length === 0;
  }

  function sitePopup(group) {
    const shown = group.slice(0, 8);
    const list = el("ul", { class: "popup-list" }, shown.map((row) =>
      el("li", {}, [
        el("a", { href: `/events/${encodeURIComponent(row.id)}`, text: row.label }), " ",
        el("button", { type: "button", class: "link", text: "rings",
                       "aria-label": `Show ${row.label} on the map` })
      ])));
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      const index = Array.from(list.children).indexOf(button.closest("li"));
      select(shown[index].id, true);
    });
    const more = group.length > shown.length ?
      el("p", { text: `and ${group.length - shown.length} more in the list` }) : null;
    return el("div", {}, [list, more]);
  }

  // -- the selected event -----------------------------------------------------------------------

  async function select(id, fit) {
    selectedId = id;
    let collection;
    try {
      collection = await getJSON(`/api/events/${encodeURIComponent(id)}/map`);
    } catch (error) {
      selectedEl.hidden = false;
      selectedEl.replaceChildren(el("p", { class: "problem", text: error.message }));
      return;
    }
    if (selectedId !== id) return;  // another selection came meanwhile
    if (eventLayer) eventLayer.remove();
    eventLayer = LW.eventLayers(collection).addTo(map);
    mapEl.dataset.rings = String(collection.features.filter(
      (f) => f.properties.role === "range_ring").length);
    mapEl.dataset.selected = id;
    if (fit && eventLayer.getBounds().isValid()) {
      const bounds = eventLayer.getBounds();
      if (fit === "with-sites" && sitesBounds && sitesBounds.isValid()) bounds.extend(sitesBounds);
      // The first view is set at once, not animated: "ready" means it stands still.
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 7, animate: fit !== "with-sites" });
    }
    if (reachLayer) { reachLayer.remove(); reachLayer = null; }
    showSelected(collection.properties || {}, id);
    for (const item of listEl.children) {
      item.classList.toggle("current", item.dataset.id === id);
    }
    drawTimeline(filterValues());
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
    if (selectedId !== id) return;
    if (reachLayer) reachLayer.remove();
    reachLayer = L.layerGroup(found.places.map((place) => L.circleMarker(
      [place.lat_deg, place.lon_deg],
      { radius: 4, color: "#263238", weight: 1, fillColor: "#ffffff", fillOpacity: 1,
        className: "lw-place" })
      .bindTooltip(`${place.name}: ${placeText(place)}`))).addTo(map);
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
    const q = query(values, ["country", "class", "from", "to"]);
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
                            class: event.id === selectedId ? "current" : null }, [
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

  let scale = null;  // {t0, t1, width}

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    return node;
  }

  function monthKey(date) { return date.slice(0, 7); }
  function monthStart(key) { return Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, 1); }

  function drawTimeline(values) {
    const dated = rows.filter((row) => row.date);
    const width = svg.clientWidth || 600;
    const height = svg.clientHeight || 80;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.replaceChildren();
    if (!dated.length) {
      caption.textContent = "No dated events to show on the timeline.";
      scale = null;
      return;
    }
    const counts = new Map();
    for (const row of dated) counts.set(monthKey(row.date), (counts.get(monthKey(row.date)) || 0) + 1);
    const keys = Array.from(counts.keys()).sort();
    const t0 = Date.UTC(+keys[0].slice(0, 4), 0, 1);
    const t1 = Date.UTC(+keys[keys.length - 1].slice(0, 4) + 1, 0, 1);
    const axis = 16;
    scale = { t0, t1, width };
    const x = (t) => ((t - t0) / (t1 - t0)) * width;
    const peak = Math.max(...counts.values());
    const monthWidth = Math.max(1, width / ((t1 - t0) / (30.44 * 864e5)) - 0.5);
    const from = periodBound(values.from, false);
    const to = periodBound(values.to, true);
    if (from || to) {
      const left = from ? x(Date.parse(from)) : 0;
      const right = to ? x(Date.parse(to) + 864e5) : width;
      svg.append(svgEl("rect", { x: left, y: 0, width: Math.max(1, right - left),
                                 height: height - axis, class: "period" }));
    }
    for (const [key, n] of counts) {
      const h = Math.max(2, ((height - axis - 4) * n) / peak);
      const bar = svgEl("rect", { x: x(monthStart(key)), y: height - axis - h, width: monthWidth,
                                  height: h, class: "bar" });
      bar.append(svgEl("title", {}));
      bar.firstChild.textContent = `${key}: ${n} event${n === 1 ? "" : "s"}`;
      svg.append(bar);
    }
    const years = (t1 - t0) / (365.25 * 864e5);
    const step = [1, 2, 5, 10, 20].find((s) => years / s <= width / 60) || 50;
    const firstYear = new Date(t0).getUTCFullYear();
    for (let year = Math.ceil(firstYear / step) * step; Date.UTC(year, 0, 1) < t1; year += step) {
      const tx = x(Date.UTC(year, 0, 1));
      svg.append(svgEl("line", { x1: tx, x2: tx, y1: height - axis, y2: height - axis + 4,
                                 class: "tick" }));
      const label = svgEl("text", { x: tx + 2, y: height - 3, class: "year" });
      label.textContent = String(year);
      svg.append(label);
    }
    const chosen = rows.find((row) => row.id === selectedId);
    if (chosen && chosen.date) {
      const cx = x(Date.parse(chosen.date));
      svg.append(svgEl("line", { x1: cx, x2: cx, y1: 0, y2: height - axis, class: "chosen" }));
    }
    const shown = dated.filter((row) => inPeriod(row.date, values)).length;
    caption.textContent = `${shown.toLocaleString("en")} of ${dated.length.toLocaleString("en")}`
      + " dated events in the period shown. Drag across the timeline to choose a period.";
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
  svg.addEventListener("pointerdown", (event) => {
    if (!scale) return;
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
    const a = timeAt(Math.min(dragStart, event.clientX));
    const b = timeAt(Math.max(dragStart, event.clientX));
    dragStart = null;
    form.elements.from.value = month(a);
    form.elements.to.value = month(b);
    apply(true);
  });

  // -- loading --------------------------------------------------------------------------------

  async function loadRows(values) {
    const q = query(values, ["country", "class"]);
    const data = await getJSON("/api/map" + (q ? "?" + q : ""));
    const at = Object.fromEntries(data.columns.map((name, i) => [name, i]));
    rows = data.rows.map((r) => ({
      id: r[at.id], lat: r[at.lat], lon: r[at.lon], cls: r[at.missile_class],
      date: r[at.date], country: r[at.country], label: r[at.label], metKm: r[at.met_range_km]
    }));
  }

  let rowsQuery = null;

  async function apply(pushUrl) {
    const values = filterValues();
    if (pushUrl) {
      const q = query(values, ["country", "class", "from", "to"]);
      history.replaceState(null, "", q ? "?" + q : location.pathname);
    }
    const wanted = query(values, ["country", "class"]);
    try {
      if (wanted !== rowsQuery) {
        await loadRows(values);
        rowsQuery = wanted;
      }
    } catch (error) {
      caption.textContent = "The events could not be loaded: " + error.message;
      return;
    }
    const visible = drawSites(values);
    const list = loadList(values);
    if (firstDraw) {
      firstDraw = false;
      if (sitesBounds.isValid()) {
        map.fitBounds(sitesBounds.pad(0.6), { maxZoom: 6, animate: false });
      }
      const first = visible.find((row) => row.metKm && row.metKm <= REGIONAL_RANGE_KM)
        || visible.find((row) => row.metKm) || visible[0];
      const selecting = first ? select(first.id, first.metKm ? "with-sites" : false)
                              : Promise.resolve();
      await Promise.all([list, outlines.loaded, selecting]);
      document.documentElement.dataset.mapReady = "true";
    } else {
      drawTimeline(values);
      await list;
    }
    drawTimeline(values);
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
    form.reset();
    for (const field of form.elements) if ("value" in field && field.type !== "submit") field.value = "";
    apply(true);
  });
  window.addEventListener("resize", () => drawTimeline(filterValues()));

  apply(false);
})();
