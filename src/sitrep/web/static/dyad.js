/* sitrep web UI: events per week between two countries by quad class, with the Goldstein sum. */
(function () {
  "use strict";
  var S = window.Sitrep;
  var el = S.el;

  S.views.dyad = function (root, params) {
    S.clear(root);
    var a = el("input", { type: "text", name: "a", value: params.a || "USA", "aria-label": "First country", placeholder: "USA" });
    var b = el("input", { type: "text", name: "b", value: params.b || "RUS", "aria-label": "Second country", placeholder: "RUS" });
    var form = el("form", { class: "filters" }, [a, el("span", null, "↔"), b, el("button", { type: "submit" }, "Show")]);
    var chart = el("div", { class: "chart" });
    root.appendChild(el("h1", null, "Dyads"));
    root.appendChild(el("p", { class: "muted" }, "Events per week between two countries (either direction), stacked by quad class, with the weekly Goldstein sum as a line."));
    root.appendChild(form);
    root.appendChild(chart);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });

    function load() {
      var path = S.isReport ? "/api/dyad" : S.query("/api/dyad", { a: a.value.trim(), b: b.value.trim() });
      S.get(path).then(function (d) {
        if (S.isReport) d = (d.pairs || []).filter(function (p) {
          var x = a.value.trim().toUpperCase(), y = b.value.trim().toUpperCase();
          return (p.a === x && p.b === y) || (p.a === y && p.b === x);
        })[0] || { a: a.value, b: b.value, weeks: [] };
        render(chart, d);
      }, function (e) { S.error(chart, e); });
    }
    load();
  };

  function render(node, d) {
    S.clear(node);
    if (!d.weeks.length) {
      node.appendChild(S.empty("No events between " + d.a + " and " + d.b + " yet. The chart fills once events are coded (sitrep run)."));
      return;
    }
    var W = 960, H = 320, left = 50, right = 50, top = 20, bottom = 40;
    var svg = S.svg("svg", { viewBox: "0 0 " + W + " " + H, class: "dyad-svg", role: "img", "aria-label": "Events per week" });
    var maxN = Math.max.apply(null, d.weeks.map(function (w) { return w.events; }).concat([1]));
    var maxG = Math.max.apply(null, d.weeks.map(function (w) { return Math.abs(w.goldstein); }).concat([1]));
    var bw = (W - left - right) / d.weeks.length;
    var y = function (n) { return H - bottom - (H - top - bottom) * n / maxN; };
    var yg = function (g) { return top + (H - top - bottom) / 2 - ((H - top - bottom) / 2) * g / maxG; };
    svg.appendChild(S.svg("line", { x1: left, x2: W - right, y1: H - bottom, y2: H - bottom, stroke: "#c6ccd3" }));
    svg.appendChild(S.svg("text", { x: left - 6, y: y(maxN) + 4, "text-anchor": "end", class: "axis" }, String(maxN)));
    svg.appendChild(S.svg("text", { x: W - right + 6, y: yg(maxG) + 4, class: "axis" }, "+" + maxG.toFixed(0)));
    svg.appendChild(S.svg("text", { x: W - right + 6, y: yg(-maxG) + 4, class: "axis" }, "-" + maxG.toFixed(0)));
    var points = [];
    d.weeks.forEach(function (w, i) {
      var x = left + i * bw, base = 0;
      [1, 2, 3, 4, "null"].forEach(function (q) {
        var n = w.by_quad[q] || 0;
        if (!n) return;
        svg.appendChild(S.svg("rect", { x: x + 1, y: y(base + n), width: Math.max(bw - 2, 1), height: y(base) - y(base + n), fill: S.QUAD_COLOUR[q] || "#9aa5b1" },
          S.svg("title", null, w.week + ": " + n + " " + (S.QUAD[q] || "unclassified"))));
        base += n;
      });
      points.push((x + bw / 2).toFixed(1) + "," + yg(w.goldstein).toFixed(1));
      if (d.weeks.length <= 30 || i % Math.ceil(d.weeks.length / 15) === 0) {
        svg.appendChild(S.svg("text", { x: x + bw / 2, y: H - bottom + 16, "text-anchor": "middle", class: "axis" }, w.week));
      }
    });
    svg.appendChild(S.svg("polyline", { points: points.join(" "), fill: "none", stroke: "#1f3a5f", "stroke-width": 2 },
      S.svg("title", null, "Goldstein sum per week")));
    node.appendChild(svg);
    node.appendChild(el("div", { class: "legend" }, [1, 2, 3, 4].map(function (q) {
      var sw = el("span", { class: "swatch quad-" + q });
      return el("span", { class: "key" }, [sw, " " + S.QUAD[q]]);
    }).concat([el("span", { class: "key" }, "— Goldstein sum")])));
  }
})();
