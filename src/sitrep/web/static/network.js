/* sitrep web UI: the actor network (SVG, laid out by a small deterministic force simulation). */
(function () {
  "use strict";
  var S = window.Sitrep;
  var el = S.el;
  var LABEL_COLOUR = { PERSON: "#3b6ea8", ORG: "#7d4fa8", GPE: "#d07b2c", NORP: "#2a9d8f" };

  S.views.network = function (root) {
    S.clear(root);
    var chart = el("div", { class: "network-chart" });
    var info = el("div", { class: "network-info" }, S.empty("Hover or click an actor to see who they appear with."));
    var note = el("p", { class: "muted" });
    root.appendChild(el("h1", null, "Actor network"));
    root.appendChild(note);
    root.appendChild(el("div", { class: "network-layout" }, [chart, S.panel("Connections", info)]));
    S.get("/api/network").then(function (net) {
      note.textContent = net.basis === "events"
        ? "Edges are coded events between actors, coloured by mean Goldstein score (red conflict, green cooperation) and sized by the number of events."
        : "Edges join actors named in the same article, sized by the number of articles (events will replace this once coded; edges are then coloured by Goldstein score).";
      if (!net.nodes.length) {
        chart.appendChild(S.empty("No actors yet. The network appears once articles are read (sitrep analyze)."));
        return;
      }
      chart.appendChild(draw(net, info));
    }, function (e) { S.error(chart, e); });
  };

  function layout(nodes, edges, W, H) {
    var n = nodes.length, i, j, k;
    var index = {};
    nodes.forEach(function (d, i2) {
      index[d.key] = i2;
      var angle = (2 * Math.PI * i2) / n;
      d.x = W / 2 + (W / 3) * Math.cos(angle);
      d.y = H / 2 + (H / 3) * Math.sin(angle);
    });
    var maxW = Math.max.apply(null, edges.map(function (e) { return e.weight; }).concat([1]));
    var links = edges.map(function (e) { return { s: index[e.source], t: index[e.target], w: e.weight / maxW }; });
    var area = W * H, kk = Math.sqrt(area / Math.max(n, 1)) * 0.75;
    for (k = 0; k < 400; k++) {
      var temp = 30 * (1 - k / 400) + 0.5;
      var dx = new Float64Array(n), dy = new Float64Array(n);
      for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
          var ddx = nodes[i].x - nodes[j].x, ddy = nodes[i].y - nodes[j].y;
          var d2 = Math.max(ddx * ddx + ddy * ddy, 1), f = (kk * kk) / d2;
          dx[i] += ddx * f; dy[i] += ddy * f; dx[j] -= ddx * f; dy[j] -= ddy * f;
        }
      }
      links.forEach(function (l) {
        var a = nodes[l.s], b = nodes[l.t];
        var ex = a.x - b.x, ey = a.y - b.y, d = Math.sqrt(ex * ex + ey * ey) || 1;
        var f = (d / kk) * (0.05 + 0.6 * l.w);
        dx[l.s] -= ex * f; dy[l.s] -= ey * f; dx[l.t] += ex * f; dy[l.t] += ey * f;
      });
      for (i = 0; i < n; i++) {
        dx[i] += (W / 2 - nodes[i].x) * 0.12; dy[i] += (H / 2 - nodes[i].y) * 0.12;
        var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        nodes[i].x = Math.min(W - 150, Math.max(40, nodes[i].x + (dx[i] / len) * Math.min(len, temp)));
        nodes[i].y = Math.min(H - 30, Math.max(30, nodes[i].y + (dy[i] / len) * Math.min(len, temp)));
      }
    }
    return index;
  }

  function draw(net, info) {
    var W = 900, H = 640;
    /* a dense co-occurrence graph is unreadable: keep each actor's strongest ties */
    if (net.edges.length > 4 * net.nodes.length) {
      var keep = net.edges.slice().sort(function (a, b) { return b.weight - a.weight; }).slice(0, 4 * net.nodes.length);
      net = { basis: net.basis, nodes: net.nodes, edges: keep, hidden: net.edges.length - keep.length };
    }
    var nodes = net.nodes.map(function (d) { return Object.assign({}, d); });
    var index = layout(nodes, net.edges, W, H);
    var svg = S.svg("svg", { viewBox: "0 0 " + W + " " + H, class: "network-svg", role: "img", "aria-label": "Actor network" });
    var maxW = Math.max.apply(null, net.edges.map(function (e) { return e.weight; }).concat([1]));
    var maxSize = Math.max.apply(null, nodes.map(function (d) { return d.articles || d.events || 1; }));
    var size = function (d) { return 5 + 14 * Math.sqrt((d.articles || d.events || 1) / maxSize); };
    var edgeEls = net.edges.map(function (e) {
      var a = nodes[index[e.source]], b = nodes[index[e.target]];
      var line = S.svg("line", {
        x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge",
        stroke: S.goldsteinColour(e.goldstein), "stroke-width": 1 + 6 * (e.weight / maxW), "stroke-opacity": 0.55,
      }, S.svg("title", null, a.name + " — " + b.name + ": " + e.weight + (net.basis === "events" ? " events" : " articles") +
        (e.goldstein !== null && e.goldstein !== undefined ? ", Goldstein " + Number(e.goldstein).toFixed(1) : "")));
      svg.appendChild(line);
      return { e: e, line: line };
    });
    nodes.forEach(function (d) {
      var g = S.svg("g", { class: "node", transform: "translate(" + d.x.toFixed(1) + "," + d.y.toFixed(1) + ")", "data-key": d.key });
      g.appendChild(S.svg("circle", { r: size(d).toFixed(1), fill: LABEL_COLOUR[d.label] || "#6b7785", stroke: "#fff", "stroke-width": 1.5 },
        S.svg("title", null, d.name + (d.country ? " (" + d.country + ")" : "") + " · " + (d.articles || d.events) + (net.basis === "events" ? " events" : " articles"))));
      g.appendChild(S.svg("text", { x: size(d) + 3, y: 4, class: "node-label" }, d.name));
      g.addEventListener("mouseenter", function () { focus(d.key, true); });
      g.addEventListener("mouseleave", function () { focus(d.key, false); });
      g.addEventListener("click", function () { show(d); });
      svg.appendChild(g);
    });
    svg.appendChild(legend(net.basis));
    if (net.hidden) {
      svg.appendChild(S.svg("text", { x: 12, y: H - 10, class: "axis" }, net.hidden + " weaker ties hidden"));
    }

    function focus(key, on) {
      svg.classList.toggle("focusing", on);
      edgeEls.forEach(function (x) {
        x.line.classList.toggle("hot", on && (x.e.source === key || x.e.target === key));
      });
    }

    function show(d) {
      S.clear(info);
      var links = net.edges.filter(function (e) { return e.source === d.key || e.target === d.key; })
        .sort(function (a, b) { return b.weight - a.weight; });
      info.appendChild(el("h3", null, d.name));
      info.appendChild(S.meta([["Type", d.label], ["Country", d.country], [net.basis === "events" ? "Events" : "Articles", d.articles || d.events]]));
      info.appendChild(el("ul", { class: "plain" }, links.map(function (e) {
        var other = nodes[index[e.source === d.key ? e.target : e.source]];
        return el("li", null, [
          el("span", { class: "swatch", "data-g": e.goldstein }),
          other.name + " ",
          el("span", { class: "count" }, String(e.weight)),
        ]);
      })));
      S.colourSwatches(info);
    }
    return svg;
  }

  function legend(basis) {
    var g = S.svg("g", { class: "legend-svg", transform: "translate(12,16)" });
    var keys = Object.keys(LABEL_COLOUR);
    keys.forEach(function (k, i) {
      g.appendChild(S.svg("circle", { cx: 6, cy: i * 18, r: 6, fill: LABEL_COLOUR[k] }));
      g.appendChild(S.svg("text", { x: 18, y: i * 18 + 4, class: "axis" }, k));
    });
    if (basis === "events") {
      [-10, 0, 10].forEach(function (v, i) {
        g.appendChild(S.svg("line", { x1: 0, x2: 14, y1: (keys.length + i) * 18, y2: (keys.length + i) * 18, stroke: S.goldsteinColour(v), "stroke-width": 4 }));
        g.appendChild(S.svg("text", { x: 18, y: (keys.length + i) * 18 + 4, class: "axis" }, "Goldstein " + v));
      });
    }
    return g;
  }
})();
