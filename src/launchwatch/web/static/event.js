/* launchwatch event page: the event's site, landing point and zone, track and range rings on
   a small map of country outlines, with the names of countries and seas and Japan's EEZ.
   The view frames the event's geometry: for a missile that reaches anywhere there are no
   rings (the server sends none), so it frames the flight and the landing point.
   <html data-map-ready="true"> once drawn. */
"use strict";

(function () {
  const mapEl = document.getElementById("event-map");
  if (!mapEl) return;
  const map = L.map(mapEl, { worldCopyJump: true, minZoom: 1, maxZoom: 11, zoomSnap: 0.5,
                             scrollWheelZoom: false }).setView([38.5, 129], 4);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  const outlines = LW.addOutlines(map);
  LW.addWaters(map);
  const drawn = LW.getJSON(mapEl.dataset.geojson).then((collection) => {
    const layer = LW.eventLayers(collection).addTo(map);
    mapEl.dataset.rings = String(collection.features.filter(
      (f) => f.properties.role === "range_ring").length);
    if (layer.getBounds().isValid()) {
      map.fitBounds(layer.getBounds(), { padding: [16, 16], maxZoom: 6, animate: false });
      mapEl.dataset.view = map.getBounds().toBBoxString();  // west,south,east,north, for tests
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
