/* launchwatch: helpers shared by the map and event pages.
   Text from reports is only ever put into the page with textContent, never as HTML: that
   includes Leaflet's tooltips, which take a string as HTML, so they are given a node (tip).
   A link's address is kept only when it is a path of this server or an http(s) address. */
"use strict";

window.LW = (function () {
  const CLASS_COLORS = {
    SRBM: "#d95f02", MRBM: "#c2185b", IRBM: "#6a3d9a", ICBM: "#b71c1c",
    SLBM: "#00796b", cruise: "#558b2f", hypersonic: "#8d6e00", MLRS: "#5d4037",
    SLV: "#1565c0", unknown: "#455a64"
  };

  function classColor(name) {
    return CLASS_COLORS[name] || CLASS_COLORS.unknown;
  }

  /* Whether an address may be a link: a path here, or http(s); never javascript: or data:. */
  function linkable(url) {
    const text = String(url).trim();
    if (/^\/(?![\/\\])/.test(text) || text.startsWith("#")) return true;
    try {
      return ["http:", "https:"].includes(new URL(text).protocol);
    } catch (_) {
      return false;
    }
  }

  /* An element with attributes and children (strings become text nodes); an href that is
     not linkable is left out. */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "href" && !linkable(value)) continue;
      if (key === "text") node.textContent = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /* A tooltip's content as text: Leaflet puts a string in as HTML, a node as it is. */
  function tip(text) {
    return el("span", { text });
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" },
                                        credentials: "same-origin" });
    if (!response.ok) {
      let message = response.status + " " + response.statusText;
      try { message = (await response.json()).error.message; } catch (_) { /* not JSON */ }
      throw new Error(message);
    }
    return response.json();
  }

  function number(value) {
    return value === null || value === undefined ? "" :
      Number(value).toLocaleString("en", { maximumFractionDigits: 1 });
  }

  /* The map's layers from bottom to top, each a pane of its own: Japan's EEZ under the land
     (so its tint shows on the sea only), the land, the names of countries and seas, then
     Leaflet's own overlay pane (sites, rings, tracks: z-index 400). */
  const PANES = { "lw-zones": 240, "lw-land": 250, "lw-labels": 300 };

  function addPanes(map) {
    for (const [name, z] of Object.entries(PANES)) {
      if (!map.getPane(name)) map.createPane(name).style.zIndex = String(z);
    }
  }

  /* Names drawn at their points from a zoom on, shown or hidden as the map zooms so that a
     world view is not a wall of words; a name that would overlap one drawn before it (the
     larger places come first) waits for a closer zoom.  ``items`` are in that order. */
  function zoomedLabels(map, items, kind) {
    const markers = items.map(({ name, lat, lon, zoom }) => {
      const icon = L.divIcon({ className: `lw-label lw-label-${kind}`, iconSize: null,
                               html: el("span", { text: name }) });
      return { zoom, marker: L.marker([lat, lon], { icon, interactive: false, keyboard: false,
                                                    pane: "lw-labels" }) };
    });
    const show = () => {
      const kept = [];
      for (const { zoom, marker } of markers) {
        if (map.getZoom() < zoom) { marker.remove(); continue; }
        marker.addTo(map);
        const box = marker.getElement().firstChild.getBoundingClientRect();
        const clash = kept.some((other) => box.left < other.right && other.left < box.right &&
                                           box.top < other.bottom && other.top < box.bottom);
        marker.getElement().style.visibility = clash ? "hidden" : "";
        if (!clash) kept.push(box);
      }
    };
    map.on("zoomend", show);
    show();
  }

  /* Country outlines as the map's background, with the countries' names: no tiles, nothing
     from outside.  When the view reaches past 180 degrees east, where rings and tracks from
     East Asia run on (their longitudes do not jump back to -180), a second copy one turn east
     is drawn there. */
  function addOutlines(map) {
    addPanes(map);
    // On a canvas: some 250 country shapes draw there far faster than as SVG elements.
    const renderer = L.canvas({ padding: 0.5, pane: "lw-land" });
    const style = { color: "#8a9aa6", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1,
                    renderer };
    const layer = L.geoJSON(null, { interactive: false, style, pane: "lw-land" }).addTo(map);
    const loaded = getJSON("/api/countries.geojson")
      .then((data) => {
        layer.addData(data);
        map.getContainer().dataset.outlines = String(data.features.length);
        zoomedLabels(map, data.features.filter((f) => f.properties.label)
          .sort((a, b) => b.properties.label_area - a.properties.label_area)
          .map((f) => ({ name: f.properties.name, lon: f.properties.label[0],
                         lat: f.properties.label[1], zoom: f.properties.label_zoom })),
                     "country");
        const eastward = () => {
          if (map.getBounds().getEast() <= 180) return;
          map.off("moveend", eastward);
          L.geoJSON(data, { interactive: false, style, pane: "lw-land",
                            coordsToLatLng: (xy) => L.latLng(xy[1], xy[0] + 360) }).addTo(map);
        };
        map.on("moveend", eastward);
        eastward();
      })
      .catch((error) => { console.warn("country outlines:", error.message); });
    return { layer, loaded };
  }

  /* The names of seas and oceans, and Japan's EEZ as Japan claims it (the zone its Ministry
     of Defense reports landings against), from /api/waters.geojson.  ``zone`` is the EEZ's
     layer, for a legend to show or hide. */
  function addWaters(map) {
    addPanes(map);
    const zone = L.geoJSON(null, { interactive: false, pane: "lw-zones", style: {
      color: "#2c6aa0", weight: 1, dashArray: "5 4", fillColor: "#8fb8de", fillOpacity: 0.35,
      className: "lw-eez" } }).addTo(map);
    const loaded = getJSON("/api/waters.geojson").then((data) => {
      zone.addData({ type: "FeatureCollection",
                     features: data.features.filter((f) => f.properties.role === "eez") });
      const labels = data.features.filter((f) => f.properties.role === "water_label");
      zoomedLabels(map, labels.map((f) => ({
        name: f.properties.name, lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1], zoom: f.properties.label_zoom })), "water");
      map.getContainer().dataset.waters = String(labels.length);
    }).catch((error) => { console.warn("waters:", error.message); });
    return { zone, loaded };
  }

  /* The box around where most launches are: the points nearest the weighted median point
     that hold 90 % of the weight (so with ten events or more the farthest is always left
     out), so that one launch from the far side of the world does not zoom the first view out
     to it.  ``points``: [{lat, lon, weight}]; null when there are none. */
  function mainBounds(points) {
    const given = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
    if (!given.length) return null;
    const total = given.reduce((sum, p) => sum + (p.weight || 1), 0);
    const median = (values) => {
      const sorted = values.slice().sort((a, b) => a.value - b.value);
      let seen = 0;
      for (const item of sorted) {
        seen += item.weight;
        if (seen >= total / 2) return item.value;
      }
      return sorted[sorted.length - 1].value;
    };
    const centre = L.latLng(median(given.map((p) => ({ value: p.lat, weight: p.weight || 1 }))),
                            median(given.map((p) => ({ value: p.lon, weight: p.weight || 1 }))));
    const nearest = given.map((p) => ({ ...p, d: centre.distanceTo([p.lat, p.lon]) }))
      .sort((a, b) => a.d - b.d);
    const kept = [];
    let held = 0;
    for (const p of nearest) {
      if (held >= 0.9 * total) break;
      kept.push(p);
      held += p.weight || 1;
    }
    return L.latLngBounds(kept.map((p) => [p.lat, p.lon]));
  }

  /* The geometry of one event (launchwatch.exchange's GeoJSON: launch site, landing point,
     ground track, range rings, told apart by properties.role) as layers. */
  function eventLayers(collection) {
    const style = (feature) => {
      const props = feature.properties;
      if (props.role === "range_ring") {
        const bound = props.label !== "minimum-energy range";
        return { color: "#b71c1c", weight: bound ? 1 : 2, dashArray: bound ? "4 4" : null,
                 fill: false, className: "lw-ring" };
      }
      if (props.role === "ground_track") {
        return { color: "#37474f", weight: 2, className: "lw-track" };
      }
      return { color: "#37474f", weight: 1 };
    };
    const group = L.featureGroup();
    L.geoJSON(collection, {
      style,
      pointToLayer: (feature, latlng) => {
        const props = feature.properties;
        const landing = props.role === "landing_point";
        if (landing && props.uncertainty_km) {
          // The landing point's uncertainty, as a circle of that radius (metres).
          group.addLayer(L.circle(latlng, {
            radius: props.uncertainty_km * 1000, color: "#1565c0", weight: 1,
            fillColor: "#1565c0", fillOpacity: 0.15, className: "lw-landing-zone",
            interactive: false }));
        }
        if (landing) {
          return L.circleMarker(latlng, { radius: 5, color: "#fff", weight: 2,
                                          fillColor: "#1565c0", fillOpacity: 1,
                                          className: "lw-landing" });
        }
        // A ring around the site, which lets clicks through to the map's marker of the
        // place beneath and leaves its colour in sight.
        return L.circleMarker(latlng, { radius: 10, color: "#b71c1c", weight: 3, fill: false,
                                        className: "lw-event-site", interactive: false });
      },
      onEachFeature: (feature, layer) => {
        const props = feature.properties;
        const text = {
          launch_site: `Launch site: ${props.name || "unnamed"}`,
          landing_point: `Landing point${props.zone ? " (" + props.zone + ")" : ""}`,
          ground_track: `Ground track, ${number(props.length_km)} km`,
          range_ring: `${number(props.range_km)} km: ${props.label}`
        }[props.role];
        if (text) layer.bindTooltip(tip(text), { sticky: props.role === "range_ring" });
      }
    }).eachLayer((layer) => group.addLayer(layer));
    return group;
  }

  return { classColor, el, tip, linkable, getJSON, number, addOutlines, addWaters,
           mainBounds, eventLayers, CLASS_COLORS };
})();
