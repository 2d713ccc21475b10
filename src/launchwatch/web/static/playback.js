/* launchwatch map page: timeline playback.  Launches appear on the map one by one in date
   order while a clock runs through the period, as the 3D-globe viewers of North Korea's tests
   play them; the date is shown on the map and as a line on the timeline.  Play, pause, stop
   (back to the map of places) and a speed in years a second.

   LW.playback(map, hooks) wires the controls of the timeline section (#play, #stop, #speed,
   #play-date) and returns { stop, active }.  hooks.events() resolves to the events to play,
   [{date: "YYYY-MM-DD", lat, lon, cls, label}] in any order; hooks.start() and hooks.end()
   are called when the map of places gives way to the playback and comes back;
   hooks.time(ms | null) moves the timeline's playhead.

   For tests: the map's data-playing ("true" / "paused" / "done"), data-played (markers
   shown) and the date in #play-date. */
"use strict";

window.LW.playback = function (map, hooks) {
  const { tip, classColor } = LW;
  const mapEl = map.getContainer();
  const playButton = document.getElementById("play");
  const stopButton = document.getElementById("stop");
  const speedSelect = document.getElementById("speed");
  const dateOut = document.getElementById("play-date");
  const DAY_MS = 864e5;
  const YEAR_MS = 365.25 * DAY_MS;
  // A launch is drawn large when it appears and settles after this long (of wall time).
  const FRESH_MS = 700;

  const layer = L.layerGroup();
  let events = null;     // sorted by date, with t (ms)
  let next = 0;          // index of the next event to appear
  let clock = null;      // the playback's date, ms since 1970
  let range = null;      // {t0, t1}
  let frame = null;      // requestAnimationFrame handle while playing
  let lastWall = null;
  let fresh = [];        // [{marker, since}] still drawn large

  function state(value) {
    mapEl.dataset.playing = value;
    playButton.textContent = value === "true" ? "Pause" : value === "done" ? "Replay" : "Play";
    playButton.setAttribute("aria-pressed", value === "true" ? "true" : "false");
    stopButton.disabled = value === "";
  }

  function yearsPerSecond() {
    return Number(speedSelect.value) || 1;
  }

  function showDate() {
    const text = new Date(clock).toISOString().slice(0, 10);
    dateOut.value = text;
    dateOut.textContent = text;
    hooks.time(clock);
  }

  function appear(event, wall) {
    const marker = L.circleMarker([event.lat, event.lon], {
      radius: 10, color: "#ffffff", weight: 1.5, fillColor: classColor(event.cls),
      fillOpacity: 0.95, className: "lw-played" }).bindTooltip(tip(event.label));
    layer.addLayer(marker);
    fresh.push({ marker, since: wall });
  }

  function tick(wall) {
    if (lastWall !== null) clock += (wall - lastWall) / 1000 * yearsPerSecond() * YEAR_MS;
    lastWall = wall;
    clock = Math.min(clock, range.t1);
    while (next < events.length && events[next].t <= clock) appear(events[next++], wall);
    fresh = fresh.filter(({ marker, since }) => {
      if (wall - since < FRESH_MS) return true;
      marker.setRadius(5);
      return false;
    });
    mapEl.dataset.played = String(next);
    showDate();
    if (clock >= range.t1) {
      for (const { marker } of fresh) marker.setRadius(5);
      fresh = [];
      frame = null;
      state("done");
      return;
    }
    frame = requestAnimationFrame(tick);
  }

  function rewind() {
    layer.clearLayers();
    fresh = [];
    next = 0;
    clock = range.t0;
    mapEl.dataset.played = "0";
  }

  async function play() {
    if (!events) {
      playButton.disabled = true;
      try {
        const given = await hooks.events();
        events = given.map((e) => ({ ...e, t: Date.parse(e.date) }))
          .filter((e) => Number.isFinite(e.t)).sort((a, b) => a.t - b.t);
      } finally {
        playButton.disabled = false;
      }
      if (!events.length) {
        dateOut.textContent = "no dated launch to play";
        events = null;
        return;
      }
      // From the first launch's month to the day after the last: the clock starts just
      // before the first launch appears and stops once the last has.
      const first = new Date(events[0].t);
      range = { t0: Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1),
                t1: events[events.length - 1].t + DAY_MS };
      hooks.start();
      layer.addTo(map);
      rewind();
    } else if (mapEl.dataset.playing === "done") {
      rewind();
    }
    lastWall = null;
    state("true");
    frame = requestAnimationFrame(tick);
  }

  function pause() {
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
    state("paused");
  }

  /* Back to the map of places; the next play asks for the events again (the filters may
     have changed meanwhile). */
  function stop() {
    if (!events) return;
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
    layer.clearLayers();
    layer.remove();
    events = null;
    dateOut.textContent = "";
    dateOut.value = "";
    delete mapEl.dataset.played;
    state("");
    hooks.time(null);
    hooks.end();
  }

  playButton.closest(".playback").hidden = false;  // without the script, no controls
  playButton.addEventListener("click", () => {
    if (mapEl.dataset.playing === "true") pause(); else play();
  });
  stopButton.addEventListener("click", stop);
  state("");
  return { stop, active: () => events !== null };
};
