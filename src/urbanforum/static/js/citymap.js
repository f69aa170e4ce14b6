/*
 * urbanforum citymap: an offline city map (no tile server).
 *
 * Needs Leaflet (global `L`) loaded first. Finds every element with the
 * `data-citymap` attribute and draws into it:
 *   - country outlines from `data-geojson-url` as a calm grey basemap;
 *   - one circle marker per city, read from the <script type="application/json">
 *     whose id is in `data-cities` (a list of {name, lat, lon, url, population, value?}).
 *
 * Optional attributes on the element:
 *   data-center="lat,lon" data-zoom="7"   view when there is one city (or none)
 *   data-value-label="Score"              legend title / popup label when cities carry `value`
 *   data-value-min="0" data-value-max="100"  fixed colour domain (default: data range)
 *   data-label="Map of partner cities"    accessible name of the map
 *   data-prefer-canvas="true|false"       force the canvas renderer (default: on above 250 cities)
 *
 * Any content already inside the element (e.g. a visually hidden sentence for
 * screen readers) is kept: the map is drawn in a child element.
 * Re-initialises on htmx:afterSwap; maps inside removed content are released.
 */
(function () {
  "use strict";

  // Viridis (perceptually uniform, colour-blind safe), 9 stops from dark to light.
  var VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c",
                 "#28ae80", "#5ec962", "#addc30", "#fde725"];
  var DEFAULT_FILL = "#1f5f99";   // markers without a colour scale
  var MISSING_FILL = "#8a8f94";   // city without a value on a coloured map
  var CANVAS_THRESHOLD = 250;
  var EUROPE_BOUNDS = [[35, -11], [71, 40]];
  var geojsonCache = {};

  function escapeHtml(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function num(x) {
    if (x === null || x === undefined || x === "") return null;
    var n = Number(x);
    return isFinite(n) ? n : null;
  }

  function hexToRgb(h) {
    var n = parseInt(h.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }

  function viridis(t) {
    t = Math.max(0, Math.min(1, isFinite(t) ? t : 0.5));
    var pos = t * (VIRIDIS.length - 1);
    var i = Math.min(Math.floor(pos), VIRIDIS.length - 2);
    var f = pos - i;
    var a = hexToRgb(VIRIDIS[i]), b = hexToRgb(VIRIDIS[i + 1]);
    var c = [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * f); });
    return "rgb(" + c.join(",") + ")";
  }

  function formatNumber(x) {
    if (x === null) return "";
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined,
        { maximumFractionDigits: Math.abs(x) < 10 ? 2 : 1 }).format(x);
    } catch (e) {
      return String(x);
    }
  }

  function loadGeojson(url) {
    if (!geojsonCache[url]) {
      geojsonCache[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status + " for " + url);
        return r.json();
      });
      geojsonCache[url].catch(function () { delete geojsonCache[url]; });
    }
    return geojsonCache[url];
  }

  function readCities(el) {
    var id = el.getAttribute("data-cities");
    if (!id) return [];
    var script = document.getElementById(id);
    if (!script) {
      console.warn("citymap: no element #" + id);
      return [];
    }
    var data;
    try {
      data = JSON.parse(script.textContent);
    } catch (e) {
      console.error("citymap: invalid JSON in #" + id, e);
      return [];
    }
    return (Array.isArray(data) ? data : []).filter(function (c) {
      return c && num(c.lat) !== null && num(c.lon) !== null;
    });
  }

  function addLegend(map, label, min, max) {
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "citymap-legend");
      var stops = VIRIDIS.map(function (c, i) {
        return c + " " + Math.round((i / (VIRIDIS.length - 1)) * 100) + "%";
      }).join(", ");
      div.innerHTML =
        (label ? '<div class="citymap-legend-title">' + escapeHtml(label) + "</div>" : "") +
        '<div class="citymap-legend-bar" style="background: linear-gradient(to right, ' + stops + ')"></div>' +
        '<div class="citymap-legend-scale"><span>' + escapeHtml(formatNumber(min)) +
        "</span><span>" + escapeHtml(formatNumber(max)) + "</span></div>";
      div.setAttribute("aria-hidden", "true"); // the values are in the popups / page table
      return div;
    };
    legend.addTo(map);
  }

  function popupHtml(city, valueLabel) {
    var name = escapeHtml(city.name);
    var html = city.url
      ? '<a class="citymap-popup-name" href="' + escapeHtml(city.url) + '">' + name + "</a>"
      : '<strong class="citymap-popup-name">' + name + "</strong>";
    var pop = num(city.population);
    if (pop !== null) html += "<br>Population: " + escapeHtml(formatNumber(pop));
    var v = num(city.value);
    if (v !== null) html += "<br>" + escapeHtml(valueLabel || "Value") + ": " + escapeHtml(formatNumber(v));
    return html;
  }

  function makeKeyboardFocusable(marker, city) {
    // Only possible with the SVG renderer: canvas markers have no DOM element.
    var path = marker.getElement && marker.getElement();
    if (!path || path.getAttribute("tabindex") === "0") return;
    path.setAttribute("tabindex", "0");
    path.setAttribute("role", "button");
    path.setAttribute("aria-label", city.name);
    path.addEventListener("focus", function () { marker.openTooltip(); });
    path.addEventListener("blur", function () { marker.closeTooltip(); });
    path.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        marker.openPopup();
        var link = marker.getPopup() && marker.getPopup().getElement() &&
          marker.getPopup().getElement().querySelector("a");
        if (link) link.focus();
      }
    });
  }

  function init(el) {
    if (el._citymap) return el._citymap;
    if (typeof L === "undefined") {
      console.error("citymap: Leaflet (global L) is not loaded");
      return null;
    }
    var cities = readCities(el);
    var pref = el.getAttribute("data-prefer-canvas");
    var preferCanvas = pref === null ? cities.length > CANVAS_THRESHOLD : pref !== "false";

    var holder = document.createElement("div");
    holder.className = "citymap-map";
    el.appendChild(holder);
    el.classList.add("citymap--ready");

    var map = L.map(holder, {
      zoomControl: true,
      attributionControl: true,
      preferCanvas: preferCanvas,
      scrollWheelZoom: false, // don't hijack page scrolling; +/- buttons, keyboard and pinch still zoom
      minZoom: 2,
      maxZoom: 12,
      zoomSnap: 0.25,
      worldCopyJump: false,
    });
    el._citymap = map;
    holder.setAttribute("role", "region");
    holder.setAttribute("aria-label", el.getAttribute("data-label") || "Map of cities");
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Country outlines: Natural Earth");

    // Basemap below the markers, not interactive.
    map.createPane("basemap");
    map.getPane("basemap").style.zIndex = 200;
    map.getPane("basemap").style.pointerEvents = "none";
    var geoUrl = el.getAttribute("data-geojson-url");
    if (geoUrl) {
      loadGeojson(geoUrl).then(function (geo) {
        if (!el._citymap) return; // removed meanwhile
        L.geoJSON(geo, {
          pane: "basemap",
          interactive: false,
          style: { color: "#98a1a9", weight: 0.7, fillColor: "#f3f3ef", fillOpacity: 1 },
        }).addTo(map);
      }).catch(function (e) { console.warn("citymap: country outlines not loaded", e); });
    }

    // Colour scale by value (if any city has one).
    var values = cities.map(function (c) { return num(c.value); }).filter(function (v) { return v !== null; });
    var colored = values.length > 0;
    var vmin = num(el.getAttribute("data-value-min"));
    var vmax = num(el.getAttribute("data-value-max"));
    if (colored) {
      if (vmin === null) vmin = Math.min.apply(null, values);
      if (vmax === null) vmax = Math.max.apply(null, values);
    }
    var valueLabel = el.getAttribute("data-value-label") || "";

    // Radius by population: sqrt scale, clamped.
    var pops = cities.map(function (c) { return num(c.population); }).filter(function (p) { return p !== null && p > 0; });
    var pmax = pops.length ? Math.max.apply(null, pops) : 0;
    var many = cities.length > CANVAS_THRESHOLD;
    var rMin = many ? 2.5 : 4, rMax = many ? 12 : 18;
    function radius(c) {
      var p = num(c.population);
      if (p === null || p <= 0 || !pmax) return cities.length === 1 ? 9 : rMin + 1;
      return Math.max(rMin, Math.min(rMax, rMax * Math.sqrt(p / pmax)));
    }

    // Draw large cities first so small ones stay clickable on top.
    var sorted = cities.slice().sort(function (a, b) { return (num(b.population) || 0) - (num(a.population) || 0); });
    var bounds = [];
    sorted.forEach(function (c) {
      var v = num(c.value);
      var fill = colored ? (v === null ? MISSING_FILL : viridis(vmax === vmin ? 0.5 : (v - vmin) / (vmax - vmin))) : DEFAULT_FILL;
      var m = L.circleMarker([num(c.lat), num(c.lon)], {
        radius: radius(c),
        color: "#ffffff",
        weight: many ? 0.8 : 1.5,
        fillColor: fill,
        fillOpacity: 0.85,
      });
      m.bindTooltip(escapeHtml(c.name), { direction: "top", offset: [0, -4] });
      m.bindPopup(popupHtml(c, valueLabel));
      // The SVG path only exists once the layer is on a map that has a view: hook the 'add' event.
      if (!preferCanvas) m.on("add", function () { makeKeyboardFocusable(m, c); });
      m.addTo(map);
      bounds.push([num(c.lat), num(c.lon)]);
    });
    if (colored) addLegend(map, valueLabel, vmin, vmax);

    var center = (el.getAttribute("data-center") || "").split(",").map(num);
    var zoom = num(el.getAttribute("data-zoom"));
    if (center.length === 2 && center[0] !== null && center[1] !== null && (bounds.length <= 1 || zoom !== null)) {
      map.setView(center, zoom !== null ? zoom : 6);
    } else if (bounds.length === 1) {
      map.setView(bounds[0], zoom !== null ? zoom : 6);
    } else if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 8 });
    } else {
      map.fitBounds(EUROPE_BOUNDS);
    }

    // Keep the map sized when its container changes (tabs, sidebars, responsive layout).
    if (typeof ResizeObserver !== "undefined") {
      var ro = new ResizeObserver(function () { map.invalidateSize(); });
      ro.observe(holder);
      el._citymapObserver = ro;
    }
    return map;
  }

  function destroy(el) {
    if (!el._citymap) return;
    if (el._citymapObserver) el._citymapObserver.disconnect();
    el._citymap.remove();
    el._citymap = null;
    el._citymapObserver = null;
    var holder = el.querySelector(":scope > .citymap-map");
    if (holder) holder.remove();
    el.classList.remove("citymap--ready");
  }

  function initAll(root) {
    root = root || document;
    var els = [];
    if (root.matches && root.matches("[data-citymap]")) els.push(root);
    Array.prototype.push.apply(els, root.querySelectorAll ? root.querySelectorAll("[data-citymap]") : []);
    els.forEach(function (el) {
      try { init(el); } catch (e) { console.error("citymap: failed", e); }
    });
  }

  window.urbanforumCitymap = { init: init, initAll: initAll, destroy: destroy, viridis: viridis };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  } else {
    initAll(document);
  }
  document.addEventListener("htmx:afterSwap", function () { initAll(document); });
  document.addEventListener("htmx:beforeCleanupElement", function (ev) {
    var elt = ev.detail && ev.detail.elt;
    if (elt && elt._citymap) destroy(elt);
  });
})();
