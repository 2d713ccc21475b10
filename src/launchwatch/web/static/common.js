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

  /* Country outlines as the map's background: no tiles, nothing from outside.  When the
     view reaches past 180 degrees east, where rings and tracks from East Asia run on (their
     longitudes do not jump back to -180), a second copy one turn east is drawn there. */
  function addOutlines(map) {
    // On a canvas: some 250 country shapes draw there far faster than as SVG elements.
    const renderer = L.canvas({ padding: 0.5 });
    const style = { color: "#8a9aa6", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1,
                    renderer };
    const layer = L.geoJSON(null, { interactive: false, style }).addTo(map);
    const loaded = getJSON("/api/countries.geojson")
      .then((data) => {
        layer.addData(data);
        map.getContainer().dataset.outlines = String(data.features.length);
        const eastward = () => {
          if (map.getBounds().getEast() <= 180) return;
          map.off("moveend", eastward);
          L.geoJSON(data, { interactive: false, style,
                            coordsToLatLng: (xy) => L.latLng(xy[1], xy[0] + 360) }).addTo(map);
        };
        map.on("moveend", eastward);
        eastward();
      })
      .catch((error) => { console.warn("country outlines:", error.message); });
    return { layer, loaded };
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

  return { classColor, el, tip, linkable, getJSON, number, addOutlines, eventLayers,
           CLASS_COLORS };
})();
