/*
 * urbanforum charts: renders Vega-Lite specs (e.g. from Altair) with the vendored vega-embed.
 *
 * Needs vega.min.js, vega-lite.min.js and vega-embed.min.js loaded first (globals
 * `vega`, `vegaLite`, `vegaEmbed`). Finds every element with `data-vega-spec="ID"`,
 * where ID is the id of a <script type="application/json"> holding the spec, and
 * renders it as SVG without the action menu, within the site's Content-Security-Policy (no
 * eval: `ast: true`; no injected style: vega-embed.css). `width: "container"` is honoured
 * (the chart follows the width of the element).
 *
 * No network: the `$schema` URL is only parsed, never fetched, and the loader
 * refuses every absolute URL (http:, https:, //host, data:, file:) for data and
 * images — specs must carry their data inline (Altair's default) or use
 * same-origin relative URLs. Links (`href` channel) are not fetched and stay allowed.
 *
 * The element gets role="img" and an aria-label from the spec's description or
 * title (override with a data-label attribute). Re-initialises on htmx:afterSwap.
 */
(function () {
  "use strict";

  var ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

  function offlineLoader() {
    var loader = vega.loader();
    var baseSanitize = loader.sanitize;
    loader.sanitize = function (uri, options) {
      var context = options && options.context;
      if (context !== "href" && ABSOLUTE.test(String(uri).trim())) {
        return Promise.reject(new Error("charts.js: refusing to load remote URL " + uri));
      }
      return baseSanitize.call(this, uri, options);
    };
    return loader;
  }

  function titleText(title) {
    if (!title) return "";
    if (typeof title === "string") return title;
    if (Array.isArray(title)) return title.join(" ");
    if (typeof title === "object") {
      var t = titleText(title.text);
      var sub = titleText(title.subtitle);
      return sub ? t + " — " + sub : t;
    }
    return String(title);
  }

  function readSpec(el) {
    var id = el.getAttribute("data-vega-spec");
    var script = id && document.getElementById(id);
    if (!script) throw new Error("no element #" + id);
    return JSON.parse(script.textContent);
  }

  function showError(el, err) {
    console.error("charts.js: chart could not be rendered", err);
    el.classList.add("chart--error");
    el.removeAttribute("role"); // let the error text be read
    var p = document.createElement("p");
    p.className = "chart-error";
    p.textContent = "This chart could not be displayed.";
    el.appendChild(p);
  }

  function render(el) {
    if (el._vegaView !== undefined) return el._vegaPromise;
    el._vegaView = null;
    if (typeof vegaEmbed === "undefined" || typeof vega === "undefined") {
      showError(el, new Error("vega / vega-embed not loaded"));
      return Promise.resolve(null);
    }
    var spec;
    try {
      spec = readSpec(el);
    } catch (e) {
      showError(el, e);
      return Promise.resolve(null);
    }
    var label = el.getAttribute("data-label") || spec.description || titleText(spec.title) || "Chart";
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", label);

    var target = document.createElement("div");
    target.className = "chart-view";
    el.appendChild(target);
    el._vegaPromise = vegaEmbed(target, spec, {
      actions: false,
      renderer: "svg",
      loader: offlineLoader(),
      // The Content-Security-Policy allows neither `new Function` nor injected <style>: Vega
      // evaluates expressions with vega-embed's interpreter, and the default styles come from
      // vendor/vega/vega-embed.css (chart_assets.html).
      ast: true,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true },
    }).then(function (result) {
      el._vegaView = result;
      el.classList.add("chart--ready");
      return result;
    }).catch(function (e) {
      showError(el, e);
      return null;
    });
    return el._vegaPromise;
  }

  function destroy(el) {
    if (el._vegaView) el._vegaView.finalize();
    delete el._vegaView;
    delete el._vegaPromise;
  }

  function renderAll(root) {
    root = root || document;
    var els = [];
    if (root.matches && root.matches("[data-vega-spec]")) els.push(root);
    Array.prototype.push.apply(els, root.querySelectorAll ? root.querySelectorAll("[data-vega-spec]") : []);
    return Promise.all(els.map(render));
  }

  window.urbanforumCharts = { render: render, renderAll: renderAll, destroy: destroy };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { renderAll(document); });
  } else {
    renderAll(document);
  }
  document.addEventListener("htmx:afterSwap", function () { renderAll(document); });
  document.addEventListener("htmx:beforeCleanupElement", function (ev) {
    var elt = ev.detail && ev.detail.elt;
    if (elt && elt._vegaView) destroy(elt);
  });
})();
