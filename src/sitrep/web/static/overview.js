/* sitrep web UI: the overview page (counts, stories, newest events, open flags, actors, articles). */
(function () {
  "use strict";
  var S = window.Sitrep;
  var el = S.el;

  S.views.overview = function (root) {
    S.clear(root);
    var counts = el("section", { class: "counts", "aria-label": "Counts" });
    var stories = el("div");
    var events = el("div");
    var flags = el("div");
    var actors = el("div");
    var articles = el("div", { class: "articles" });
    root.appendChild(el("h1", { class: "sr-only" }, "Overview"));
    root.appendChild(counts);
    root.appendChild(el("div", { class: "grid3" }, [
      S.panel("Stories", stories, { cls: "stories" }),
      S.panel("Newest events", events, { cls: "events" }),
      S.panel("Open flags", flags, { cls: "flags" }),
    ]));
    root.appendChild(el("div", { class: "grid-main" }, [
      S.panel("Articles", articles, { cls: "article-list" }),
      S.panel("Top actors", actors, { cls: "actors" }),
    ]));

    S.get("/api/stats").then(function (st) { renderCounts(counts, st); }, function (e) { S.error(counts, e); });
    S.list("/api/stories", { limit: 8 }).then(function (p) { renderStories(stories, p); }, function (e) { S.error(stories, e); });
    S.list("/api/events", { limit: 8 }).then(function (p) { renderEvents(events, p); }, function (e) { S.error(events, e); });
    S.list("/api/flags", { limit: 8 }).then(function (p) { renderFlags(flags, p); }, function (e) { S.error(flags, e); });
    S.list("/api/actors", { limit: 12 }).then(function (p) { renderActors(actors, p); }, function (e) { S.error(actors, e); });
    articleList(articles);
  };

  function renderCounts(node, st) {
    var cards = [
      ["Articles", st.articles, (st.first_published || "?") + " → " + (st.last_published || "?")],
      ["Sources", st.sources, S.fmt(st.exact_duplicates) + " exact duplicates"],
      ["Outlets", st.outlets, null],
      ["Near-copies", st.near_copies, Object.keys(st.links || {}).map(function (k) { return k + " " + st.links[k]; }).join(", ")],
      ["Analysed", st.analysed, S.fmt(st.actors) + " actors"],
      ["Events", st.events, S.fmt(st.canonical_events) + " canonical"],
      ["Stories", st.stories, null],
      ["Open flags", st.open_flags, null],
      ["Rejected", Object.keys(st.rejections || {}).reduce(function (n, k) { return n + st.rejections[k]; }, 0), null],
    ];
    S.clear(node);
    cards.forEach(function (c) {
      node.appendChild(el("div", { class: "card" }, [
        el("div", { class: "num" }, S.fmt(c[1])),
        el("div", { class: "card-label" }, c[0]),
        c[2] ? el("div", { class: "sub" }, c[2]) : null,
      ]));
    });
  }

  function renderStories(node, page) {
    S.clear(node);
    if (!page.items.length) {
      node.appendChild(S.empty("No stories yet. Stories appear once events are coded and grouped."));
      return;
    }
    node.appendChild(el("ul", { class: "plain" }, page.items.map(function (s) {
      return el("li", null, [
        el("strong", null, s.title || s.name || s.label || s.id),
        el("span", { class: "muted" }, " " + [s.first_date, s.last_date].filter(Boolean).join(" → ")),
        s.n_articles !== undefined ? el("span", { class: "pill" }, S.fmt(s.n_articles) + " articles, " + S.fmt(s.n_independent) + " independent") : null,
      ]);
    })));
  }

  S.eventLine = function (ev) {
    var who = [ev.source_actor || ev.source_country, ev.target_actor || ev.target_country]
      .filter(Boolean).join(" → ");
    var evidence = ev.article_id ? S.articleLink(ev.article_id, "evidence") : null;
    return el("li", { class: "event" }, [
      el("span", { class: "swatch", title: "Goldstein " + (ev.goldstein === undefined ? "?" : ev.goldstein), "data-g": ev.goldstein }),
      el("span", { class: "muted" }, (ev.date || "") + " "),
      el("strong", null, who || "(actors unknown)"),
      " ",
      el("span", null, (ev.type || "") + (ev.status && ev.status !== "asserted" ? " (" + ev.status + ")" : "")),
      evidence ? " · " : null,
      evidence,
    ]);
  };

  function renderEvents(node, page) {
    S.clear(node);
    if (!page.items.length) {
      node.appendChild(S.empty("No events yet. Events appear once the event coder has run (sitrep run)."));
      return;
    }
    var list = el("ul", { class: "plain" }, page.items.map(S.eventLine));
    node.appendChild(list);
    S.colourSwatches(list);
  }

  /* Swatches get their colour through the CSSOM (allowed by the CSP), never a style attribute. */
  S.colourSwatches = function (node) {
    Array.prototype.forEach.call(node.querySelectorAll(".swatch[data-g]"), function (sw) {
      var g = sw.getAttribute("data-g");
      sw.style.backgroundColor = S.goldsteinColour(g === "" || g === "undefined" ? null : Number(g));
    });
  };

  function renderFlags(node, page) {
    S.clear(node);
    var open = page.items.filter(function (f) { return !f.status || f.status === "open"; });
    if (!open.length) {
      node.appendChild(S.empty("No open flags. Flags appear when independent sources contradict a claim."));
      return;
    }
    node.appendChild(el("ul", { class: "plain" }, open.map(function (f) {
      return el("li", null, [
        el("span", { class: "pill flag" }, f.kind || "flag"),
        f.severity ? el("span", { class: "pill severity" }, f.severity) : null,
        " ",
        f.article_id ? S.articleLink(f.article_id, f.claim || f.id) : el("span", null, f.claim || f.id),
        f.outlet ? el("span", { class: "muted small" }, " (" + f.outlet + ")") : null,
      ]);
    })));
  }

  function renderActors(node, page) {
    S.clear(node);
    if (!page.items.length) {
      node.appendChild(S.empty("No actors yet. Actors appear once articles are read (sitrep analyze)."));
      return;
    }
    node.appendChild(el("table", { class: "table compact" }, [
      el("thead", null, el("tr", null, [el("th", null, "Actor"), el("th", null, "Type"), el("th", null, "Country"), el("th", { class: "num" }, "Articles")])),
      el("tbody", null, page.items.map(function (a) {
        var role = a.roles && a.roles.length ? a.roles[0].role : null;
        return el("tr", null, [
          el("td", null, [el("span", null, a.name), role ? el("div", { class: "muted small" }, role) : null]),
          el("td", null, el("span", { class: "label label-" + String(a.label).toLowerCase() }, a.label)),
          el("td", null, a.country || "–"),
          el("td", { class: "num" }, S.fmt(a.articles)),
        ]);
      })),
    ]));
  }

  /* The article table with its filter form and pager. */
  function articleList(node) {
    var state = { q: "", outlet: "", since: "", until: "", limit: 25, offset: 0 };
    var q = el("input", { type: "search", name: "q", placeholder: "Search text…", "aria-label": "Search text" });
    var outlet = el("select", { name: "outlet", "aria-label": "Outlet" }, el("option", { value: "" }, "All outlets"));
    var since = el("input", { type: "date", name: "since", "aria-label": "From" });
    var until = el("input", { type: "date", name: "until", "aria-label": "To" });
    var form = el("form", { class: "filters", role: "search" }, [q, outlet, since, until, el("button", { type: "submit" }, "Filter")]);
    var table = el("div");
    var pager = el("div", { class: "pager" });
    node.appendChild(form);
    node.appendChild(table);
    node.appendChild(pager);

    S.get("/api/outlets").then(function (o) {
      o.items.forEach(function (row) {
        outlet.appendChild(el("option", { value: row.outlet }, row.outlet + " (" + row.articles + ")"));
      });
    }, function () {});

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      state.q = q.value.trim();
      state.outlet = outlet.value;
      state.since = since.value;
      state.until = until.value;
      state.offset = 0;
      load();
    });

    function load() {
      S.list("/api/articles", state).then(render, function (e) { S.error(table, e); });
    }

    function render(page) {
      S.clear(table);
      if (!page.items.length) {
        table.appendChild(S.empty("No articles match."));
      } else {
        table.appendChild(el("table", { class: "table" }, [
          el("thead", null, el("tr", null, ["Published", "Outlet", "Title", "Lang", ""].map(function (h) { return el("th", null, h); }))),
          el("tbody", null, page.items.map(articleRow)),
        ]));
      }
      S.clear(pager);
      var prev = el("button", { type: "button" }, "← Newer");
      var next = el("button", { type: "button" }, "Older →");
      prev.disabled = !page.previous;
      next.disabled = !page.next;
      prev.addEventListener("click", function () { state.offset = Math.max(0, state.offset - state.limit); load(); });
      next.addEventListener("click", function () { state.offset += state.limit; load(); });
      pager.appendChild(prev);
      pager.appendChild(el("span", { class: "muted" },
        page.total ? (page.offset + 1) + "–" + (page.offset + page.items.length) + " of " + S.fmt(page.total) : "0"));
      pager.appendChild(next);
    }
    load();
  }

  function articleRow(a) {
    var marks = [];
    if (a.duplicate_of) marks.push(el("span", { class: "pill copy", title: "copy or rewrite of " + a.duplicate_of }, "copy " + Math.round((a.similarity || 0) * 100) + "%"));
    if (a.n_sources > 1) marks.push(el("span", { class: "pill", title: "the same text from several sources" }, a.n_sources + " sources"));
    if (a.analysed) marks.push(el("span", { class: "pill ok", title: "reading layers stored" }, "read"));
    return el("tr", null, [
      el("td", { class: "nowrap" }, a.published || "–"),
      el("td", null, a.outlet || "–"),
      el("td", null, S.articleLink(a.id, a.title)),
      el("td", null, a.language || "?"),
      el("td", { class: "nowrap" }, marks),
    ]);
  }
})();
