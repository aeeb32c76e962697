/* sitrep web UI: timeline of canonical events with filters, each linked to its evidence. */
(function () {
  "use strict";
  var S = window.Sitrep;
  var el = S.el;

  S.views.timeline = function (root) {
    S.clear(root);
    var state = { country: "", other: "", type: "", story: "", since: "", until: "", limit: 500 };
    var inputs = {
      country: el("input", { type: "text", name: "country", placeholder: "Country (e.g. RUS)", "aria-label": "Country" }),
      other: el("input", { type: "text", name: "other", placeholder: "…with (dyad, e.g. UKR)", "aria-label": "Second country of a dyad" }),
      type: el("input", { type: "text", name: "type", placeholder: "Type (e.g. ASSAULT)", "aria-label": "Event type" }),
      story: el("input", { type: "text", name: "story", placeholder: "Story id", "aria-label": "Story" }),
      since: el("input", { type: "date", name: "since", "aria-label": "From" }),
      until: el("input", { type: "date", name: "until", "aria-label": "To" }),
    };
    var form = el("form", { class: "filters", role: "search" }, Object.keys(inputs).map(function (k) { return inputs[k]; })
      .concat([el("button", { type: "submit" }, "Filter")]));
    var chart = el("div", { class: "chart" });
    var list = el("div");
    root.appendChild(el("h1", null, "Timeline of events"));
    root.appendChild(el("p", { class: "muted" }, "Canonical events (one per real-world event, merged from every report), newest first. Colour: Goldstein score, red for conflict, green for cooperation."));
    root.appendChild(form);
    root.appendChild(chart);
    root.appendChild(list);

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      Object.keys(inputs).forEach(function (k) { state[k] = inputs[k].value.trim(); });
      load();
    });

    function load() {
      var params = { country: state.country, type: state.type, story: state.story, since: state.since, until: state.until, limit: state.limit };
      S.list("/api/canonical-events", params).then(function (page) {
        var items = page.items;
        if (state.other) {
          var other = state.other.toLowerCase();
          items = items.filter(function (e) {
            return [e.source_country, e.target_country]
              .some(function (x) { return x && String(x).toLowerCase() === other; });
          });
        }
        render(items, page.total);
      }, function (e) { S.error(list, e); });
    }

    function render(items, total) {
      S.clear(chart);
      S.clear(list);
      if (!items.length) {
        list.appendChild(S.empty(total ? "No events match these filters." :
          "No canonical events yet. They appear once events are coded and merged across reports (sitrep run)."));
        return;
      }
      chart.appendChild(strip(items));
      var ul = el("ul", { class: "plain timeline-list" }, items.map(function (ev, i) {
        var li = S.eventLine(ev);
        li.setAttribute("id", "ev-" + i);
        li.appendChild(el("span", { class: "muted small" }, " · " + S.fmt(ev.n_mentions) + " reports, " + S.fmt(ev.n_independent) + " independent"));
        var evidence = evidenceOf(ev);
        if (evidence.length) {
          li.appendChild(el("ul", { class: "plain evidence-links small" }, evidence.map(function (x) {
            return el("li", null, [S.articleLink(x.article_id, x.outlet || x.title || x.article_id),
              x.span ? el("span", { class: "muted" }, " “" + x.span + "”") : null]);
          })));
        }
        return li;
      }));
      list.appendChild(ul);
      S.colourSwatches(ul);
    }
    load();
  };

  /* One link per reporting article (the first mention in each). */
  function evidenceOf(ev) {
    var seen = {};
    return (Array.isArray(ev.evidence) ? ev.evidence : []).filter(function (x) {
      if (!x || !x.article_id || seen[x.article_id]) return false;
      seen[x.article_id] = true;
      return true;
    });
  }

  /* Only dates to the day go on the axis (canonical dates may be a year, a month, a week or a season). */
  function dayOf(ev) {
    return ev.date && /^\d{4}-\d{2}-\d{2}/.test(ev.date) ? ev.date.slice(0, 10) : null;
  }

  /* One dot per event on a time axis, one lane per quad class. */
  function strip(items) {
    var dated = items.filter(dayOf);
    var W = 960, H = 170, left = 130, right = 20, top = 20, laneH = 30;
    var svg = S.svg("svg", { viewBox: "0 0 " + W + " " + H, class: "timeline-svg", role: "img", "aria-label": "Events over time" });
    if (!dated.length) return svg;
    var times = dated.map(function (e) { return Date.parse(dayOf(e)); });
    var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times);
    if (t1 === t0) { t0 -= 864e5; t1 += 864e5; }
    var x = function (t) { return left + (W - left - right) * (t - t0) / (t1 - t0); };
    [1, 2, 3, 4].forEach(function (q, i) {
      var y = top + i * laneH;
      svg.appendChild(S.svg("line", { x1: left, x2: W - right, y1: y, y2: y, stroke: "#e3e7ec" }));
      svg.appendChild(S.svg("text", { x: left - 8, y: y, "text-anchor": "end", "dominant-baseline": "middle", class: "axis" }, S.QUAD[q]));
    });
    [t0, (t0 + t1) / 2, t1].forEach(function (t) {
      svg.appendChild(S.svg("text", { x: x(t), y: H - 8, "text-anchor": "middle", class: "axis" }, new Date(t).toISOString().slice(0, 10)));
    });
    dated.forEach(function (ev) {
      var q = Number(ev.quad_class) || 0;
      var y = top + (q >= 1 && q <= 4 ? q - 1 : 3.5) * laneH;
      var dot = S.svg("circle", { cx: x(Date.parse(dayOf(ev))), cy: y, r: 6, fill: S.goldsteinColour(ev.goldstein), "fill-opacity": 0.85, stroke: "#fff" },
        S.svg("title", null, (dayOf(ev) || "") + " " + (ev.type || "") + " " + [ev.source_country, ev.target_country].filter(Boolean).join(" → ")));
      svg.appendChild(dot);
    });
    return svg;
  }
})();
