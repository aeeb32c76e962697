/* sitrep web UI: one article, its text with layers highlighted, and the side panels. */
(function () {
  "use strict";
  var S = window.Sitrep;
  var el = S.el;

  var LAYERS = [
    ["m", "Entities"], ["q", "Quotes"], ["role", "Roles"], ["t", "Dates"], ["ev", "Events"], ["flag", "Flags"],
  ];

  S.views.article = function (root, params) {
    S.clear(root);
    root.appendChild(el("p", { class: "loading" }, "Loading…"));
    S.get("/api/articles/" + encodeURIComponent(params.id)).then(function (a) {
      render(root, a);
    }, function (e) { S.error(root, e); });
  };

  function render(root, a) {
    S.clear(root);
    var layers = a.layers || {};
    var entities = {};
    (layers.entities || []).forEach(function (e) { entities[e.id] = e; });
    var spans = collectSpans(a, layers, entities);

    var text = el("div", { class: "article-text", lang: a.language || null });
    text.appendChild(S.highlight(a.text, spans));
    var diffBox = el("div", { class: "diff-box" });

    var head = el("header", { class: "article-head" }, [
      el("p", { class: "crumbs" }, [el("a", { href: S.href("/") }, "Overview"), " / article " + a.id]),
      el("h1", null, a.title || "(no title)"),
      S.meta([
        ["Outlet", a.outlet],
        ["By", a.byline],
        ["Published", a.published ? a.published + (a.published_from ? " (" + a.published_from + ")" : "") : "unknown"],
        ["Language", a.language],
        ["Wire", (a.wire_credits || []).join(", ")],
        ["Analysed", a.analysis ? a.analysis.pipeline + " " + a.analysis.version : "not yet"],
        ["URL", a.url && /^https?:\/\//i.test(a.url) ? el("a", { href: a.url, rel: "noopener noreferrer nofollow" }, a.url) : a.url],
      ]),
      (a.warnings || []).length ? el("ul", { class: "warnings" }, a.warnings.map(function (w) { return el("li", null, w); })) : null,
    ]);

    var main = el("article", { class: "article-main" }, [head, legend(text, spans), diffBox, text]);
    var side = el("aside", { class: "article-side" }, [
      S.flagPanel(a, a.flags || []),
      entityPanel(layers, entities, text),
      quotePanel(layers, entities),
      rolePanel(layers),
      timexPanel(layers),
      eventPanel(a.events || []),
      linkPanel(a, diffBox),
      sourcePanel(a),
      removedPanel(a),
    ]);
    root.appendChild(el("div", { class: "article-layout" }, [main, side]));
  }

  function collectSpans(a, layers, entities) {
    var spans = [];
    (layers.mentions || []).forEach(function (m) {
      var ent = m.entity_id ? entities[m.entity_id] : null;
      spans.push({
        start: m.start, end: m.end, cls: "m m-" + String(m.label).toLowerCase(), id: "m" + m.seq + (m.entity_id ? " " + m.entity_id : ""),
        title: m.label + (ent ? ": " + ent.name + (ent.country ? " (" + ent.country + ")" : "") : "") + (m.kind && m.kind !== "name" ? " · " + m.kind : ""),
      });
    });
    (layers.quotes || []).forEach(function (q) {
      spans.push({ start: q.start, end: q.end, cls: "q" + (q.direct ? " q-direct" : " q-indirect"), title: "quote" + (q.speaker_text ? " by " + q.speaker_text : "") });
      if (q.speaker_start !== null && q.speaker_end !== null && q.speaker_start !== undefined) {
        spans.push({ start: q.speaker_start, end: q.speaker_end, cls: "q speaker", title: "speaker" });
      }
    });
    (layers.roles || []).forEach(function (r) {
      spans.push({ start: r.start, end: r.end, cls: "role", title: r.role + (r.country ? ", " + r.country : "") + (r.org ? ", " + r.org : "") });
    });
    (layers.timexes || []).forEach(function (t) {
      spans.push({ start: t.start, end: t.end, cls: "t", title: "date: " + (t.value || "?") + (t.warning ? " ⚠ " + t.warning : "") });
    });
    (a.events || []).forEach(function (ev) {
      if (typeof ev.start === "number" && typeof ev.end === "number") {
        spans.push({ start: ev.start, end: ev.end, cls: "ev", title: "event " + (ev.type || "") + (ev.cameo ? " (CAMEO " + ev.cameo + ")" : "") + (ev.status && ev.status !== "asserted" ? " · " + ev.status : "") });
      }
    });
    (a.flags || []).forEach(function (f) {
      if (typeof f.start === "number" && typeof f.end === "number") {
        spans.push({ start: f.start, end: f.end, cls: "flag", title: "flagged (" + (f.severity || "?") + "): " + (f.kind || "claim") + (f.expected ? "; sources say " + f.expected : ""), id: "flag-" + f.id });
      }
    });
    return spans;
  }

  function legend(text, spans) {
    var box = el("div", { class: "legend", "aria-label": "Highlight layers" });
    LAYERS.forEach(function (pair) {
      var n = spans.filter(function (s) { return s.cls.split(" ").indexOf(pair[0]) >= 0; }).length;
      var box1 = el("input", { type: "checkbox" });
      box1.checked = true;
      box1.disabled = n === 0;
      box1.addEventListener("change", function () { text.classList.toggle("hide-" + pair[0], !box1.checked); });
      box.appendChild(el("label", { class: "key key-" + pair[0] }, [box1, " " + pair[1] + " ", el("span", { class: "count" }, String(n))]));
    });
    return box;
  }

  /* Each flag beside the passages of the independent sources (other articles, or the knowledge base) it contradicts. */
  S.flagPanel = function (a, flags) {
    var body = el("div", { class: "flag-list" });
    if (!flags.length) {
      body.appendChild(S.empty("No flags on this article."));
    }
    flags.forEach(function (f) {
      var claim = f.claim || (typeof f.start === "number" ? a.text.slice(f.start, f.end) : "");
      var evidence = (Array.isArray(f.evidence) ? f.evidence : []).filter(function (ev) {
        return ev && ev.article_id !== a.id;
      });
      body.appendChild(el("div", { class: "flag-item severity-" + (f.severity || "unknown"), id: f.id ? "flag-" + f.id : null }, [
        el("div", { class: "flag-head" }, [
          el("span", { class: "pill flag" }, f.kind || "flag"),
          f.severity ? el("span", { class: "pill severity" }, f.severity) : null,
          f.status ? el("span", { class: "pill" }, f.status) : null,
        ]),
        el("div", { class: "claim-box" }, [
          el("div", { class: "muted small" }, "This article says"),
          el("blockquote", { class: "claim" }, claim || "(claim)"),
          f.expected ? el("div", { class: "small" }, [fromOriginal(f) ? "The original says: " : "Independent sources say: ", el("strong", null, f.expected)]) : null,
        ]),
        f.message ? el("p", { class: "muted small" }, f.message) : null,
        el("div", { class: "evidence" }, evidence.length ? evidence.map(function (ev) {
          var source = ev.article_id
            ? S.articleLink(ev.article_id, [ev.outlet, ev.title].filter(Boolean).join(": ") || ev.article_id)
            : el("span", null, ev.source === "kb" ? "Knowledge base" : (ev.source || "source"));
          return el("div", { class: "passage" + (ev.source === "kb" ? " passage-kb" : "") }, [
            el("div", { class: "passage-src" }, [
              source,
              ev.published ? el("span", { class: "muted" }, " " + ev.published) : null,
            ]),
            el("blockquote", null, ev.span || ev.text || ""),
          ]);
        }) : S.empty("No independent passages listed.")),
      ]));
    });
    return S.panel("Flags", body, { cls: "flags", count: flags.length });
  };

  function entityPanel(layers, entities, text) {
    var list = layers.entities || [];
    var counts = {};
    (layers.mentions || []).forEach(function (m) { if (m.entity_id) counts[m.entity_id] = (counts[m.entity_id] || 0) + 1; });
    var body = list.length ? el("ul", { class: "plain entities" }, list.map(function (e) {
      var item = el("li", { class: "entity", tabindex: null, "data-entity": e.id }, [
        el("span", { class: "label label-" + String(e.label).toLowerCase() }, e.label),
        " ",
        el("strong", null, e.name),
        e.country ? el("span", { class: "muted" }, " " + e.country) : null,
        el("span", { class: "count" }, String(counts[e.id] || 0)),
        e.kb_id ? el("div", { class: "muted small" }, "KB " + e.kb_id) : null,
      ]);
      item.addEventListener("mouseenter", function () { focus(text, e.id, true); });
      item.addEventListener("mouseleave", function () { focus(text, e.id, false); });
      return item;
    })) : S.empty("Not read yet: run `sitrep analyze`.");
    return S.panel("Entities", body, { count: list.length });
  }

  function focus(text, entityId, on) {
    Array.prototype.forEach.call(text.querySelectorAll("mark[data-spans]"), function (m) {
      if (m.getAttribute("data-spans").split(" ").indexOf(entityId) >= 0) m.classList.toggle("focus", on);
    });
  }

  function quotePanel(layers, entities) {
    var list = layers.quotes || [];
    var body = list.length ? el("ul", { class: "plain quotes" }, list.map(function (q) {
      var who = q.speaker_entity && entities[q.speaker_entity] ? entities[q.speaker_entity].name : q.speaker_text;
      return el("li", null, [
        el("strong", null, who || "unknown speaker"),
        q.cue ? el("span", { class: "muted" }, " " + q.cue) : null,
        el("blockquote", { class: q.direct ? "direct" : "indirect" }, q.text),
      ]);
    })) : S.empty("No quotes found.");
    return S.panel("Quotes", body, { count: list.length });
  }

  function rolePanel(layers) {
    var list = layers.roles || [];
    var body = list.length ? el("ul", { class: "plain" }, list.map(function (r) {
      return el("li", null, [el("strong", null, r.person), " — " + r.role + [r.country, r.org].filter(Boolean).map(function (x) { return ", " + x; }).join("")]);
    })) : S.empty("No offices found.");
    return S.panel("Roles", body, { count: list.length });
  }

  function timexPanel(layers) {
    var list = layers.timexes || [];
    var body = list.length ? el("ul", { class: "plain" }, list.map(function (t) {
      return el("li", null, [el("code", null, t.value || "?"), " " + t.text, t.warning ? el("span", { class: "warn" }, " ⚠ " + t.warning) : null]);
    })) : S.empty("No dates found.");
    return S.panel("Dates", body, { count: list.length });
  }

  function eventPanel(events) {
    var body = events.length ? el("ul", { class: "plain" }, events.map(S.eventLine)) : S.empty("No events coded from this article yet.");
    if (events.length) S.colourSwatches(body);
    return S.panel("Events", body, { count: events.length });
  }

  /* A rewrite flag: its expected value is the wording of the copy's original. */
  function fromOriginal(f) {
    return (f.evidence || []).some(function (e) { return e && e.source === "original"; });
  }

  function linkPanel(a, diffBox) {
    var links = a.links || [];
    var body = links.length ? el("ul", { class: "plain links" }, links.map(function (l) {
      var item = el("li", null, [
        el("span", { class: "pill copy" }, l.kind),
        " ",
        el("span", { class: "muted" }, l.other_role === "original" ? "copies " : "copied by "),
        S.articleLink(l.other_id, (l.other_outlet ? l.other_outlet + ": " : "") + (l.other_title || l.other_id)),
        el("div", { class: "muted small" }, "similarity " + pct(l.similarity) + " · containment " + pct(l.containment) + " · paragraphs " + pct(l.paragraph_overlap)),
      ]);
      var button = el("button", { type: "button", class: "small-button" }, l.other_role === "original" ? "Diff against the original" : "Diff against this copy");
      button.addEventListener("click", function () { showDiff(a, l, diffBox); });
      item.appendChild(button);
      return item;
    })) : S.empty("No copies or rewrites linked.");
    return S.panel("Copies and rewrites", body, { count: links.length });
  }

  function showDiff(a, link, box) {
    S.clear(box);
    box.appendChild(el("p", { class: "loading" }, "Comparing…"));
    S.get("/api/articles/" + encodeURIComponent(link.other_id)).then(function (other) {
      var original = link.other_role === "original" ? other : a;
      var copy = link.other_role === "original" ? a : other;
      S.clear(box);
      var close = el("button", { type: "button", class: "small-button" }, "Close");
      close.addEventListener("click", function () { S.clear(box); });
      box.appendChild(el("div", { class: "diff-head" }, [
        el("strong", null, "Changes from the original"),
        el("span", { class: "muted" }, " (" + (original.outlet || original.id) + " → " + (copy.outlet || copy.id) + "): "),
        el("del", null, "removed"), " ", el("ins", null, "added"), " ", close,
      ]));
      var edits = el("div", { class: "diff-edits" }, el("p", { class: "loading" }, "Classifying the edits…"));
      box.appendChild(edits);
      box.appendChild(S.renderDiff(S.diff(original.text, copy.text)));
      S.get("/api/articles/" + encodeURIComponent(copy.id) + "/diff?against=" + encodeURIComponent(original.id))
        .then(function (d) { S.clear(edits); edits.appendChild(editList(d)); }, function (e) { S.error(edits, e); });
    }, function (e) { S.error(box, e); });
  }

  /* The rewrite diff's edits: fact-changing ones listed, harmless rewording folded away. */
  function editLine(e) {
    return el("li", { class: "edit " + (e.fact_changing ? "fact" : "harmless") }, [
      el("span", { class: "pill sev-" + e.severity }, e.kind.replace(/_/g, " ")), " ",
      el("del", null, e.original.text || "∅"), " → ", el("ins", null, e.copy.text || "∅"),
      el("div", { class: "muted small" }, e.message),
    ]);
  }

  function editList(d) {
    var all = Array.isArray(d.edits) ? d.edits : [];
    var facts = all.filter(function (e) { return e.fact_changing; });
    var other = all.filter(function (e) { return !e.fact_changing; });
    var out = el("div", null, [
      el("strong", null, facts.length ? facts.length + " fact-changing edit" + (facts.length === 1 ? "" : "s") : "No fact-changing edit"),
      el("span", { class: "muted" }, " · " + Math.round(100 * (d.matched_share || 0)) + "% of the original's sentences reproduced word for word"),
    ]);
    if (facts.length) out.appendChild(el("ul", { class: "plain fact-edits" }, facts.map(editLine)));
    if (other.length) {
      out.appendChild(el("details", { class: "harmless-edits" }, [
        el("summary", null, other.length + " other edit" + (other.length === 1 ? "" : "s") + " (rewording, added or dropped material)"),
        el("ul", { class: "plain" }, other.map(editLine)),
      ]));
    }
    return out;
  }

  function sourcePanel(a) {
    var body = el("ul", { class: "plain sources" }, (a.sources || []).map(function (s) {
      return el("li", null, [el("code", null, s.source + s.locator)]);
    }));
    return S.panel("Sources", body, { count: (a.sources || []).length });
  }

  function removedPanel(a) {
    var list = a.removed || [];
    var body = list.length ? el("details", null, [
      el("summary", null, "What cleaning removed (" + list.length + ")"),
      el("ul", { class: "plain removed" }, list.map(function (r) {
        return el("li", null, [el("span", { class: "pill" }, r.reason), " ", el("span", { class: "muted" }, r.text)]);
      })),
    ]) : S.empty("Nothing was removed.");
    return S.panel("Removed", body, { count: list.length });
  }

  function pct(x) {
    return x === null || x === undefined ? "–" : Math.round(x * 100) + "%";
  }
})();
