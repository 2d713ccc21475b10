/* launchwatch event page: the event's site, landing point and zone, track and range rings on
   a small map of country outlines.  <html data-map-ready="true"> once drawn. */
"use strict";

(function () {
  const mapEl = document.getElementById("event-map");
  if (!mapEl) return;
  const map = L.map(mapEl, { worldCopyJump: true, minZoom: 1, maxZoom: 11, zoomSnap: 0.5,
                             scrollWheelZoom: false }).setView([38.5, 129], 4);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  const outlines = LW.addOutlines(map);
  const drawn = LW.getJSON(mapEl.dataset.geojson).then((collection) => {
    const layer = LW.eventLayers(collection).addTo(map);
    mapEl.dataset.rings = String(collection.features.filter(
      (f) => f.properties.role === "range_ring").length);
    if (layer.getBounds().isValid()) {
      map.fitBounds(layer.getBounds(), { padding: [16, 16], maxZoom: 6, animate: false });
    } else {
      mapEl.append(LW.el("p", { class: "map-note",
                                text: "No place of this event is known well enough to map." }));
    }
  }).catch((error) => {
    mapEl.append(LW.el("p", { class: "map-note problem", text: error.message }));
  });
  Promise.all([outlines.loaded, drawn]).then(() => {
    document.documentElement.dataset.mapReady = "true";
  });
})();
