/* sitrep web UI: shared helpers.
 *
 * Every piece of text from the store reaches the page through textContent or
 * an attribute set with setAttribute on a known-safe name, never through
 * innerHTML. Data comes from the JSON API (served pages) or from the
 * embedded, non-executed <script type="application/json" id="sitrep-data">
 * block (the static report), through the same Sitrep.get() call.
 */
(function () {
  "use strict";
  var S = (window.Sitrep = window.Sitrep || {});
  S.views = S.views || {};

  var dataEl = document.getElementById("sitrep-data");
  S.embedded = dataEl ? JSON.parse(dataEl.textContent) : null;
  S.isReport = !!S.embedded;

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  /* GET a JSON API path; in the report, look it up in the embedded data. */
  S.get = function (path) {
    if (S.isReport) {
      if (has(S.embedded.api, path)) return Promise.resolve(S.embedded.api[path]);
      return Promise.reject(new Error("This report does not include " + path + "."));
    }
    return fetch(path, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.error ? body.error.message : r.status + " " + r.statusText);
        return body;
      });
    });
  };

  S.query = function (path, params) {
    var parts = [];
    Object.keys(params || {}).forEach(function (k) {
      var v = params[k];
      if (v !== null && v !== undefined && v !== "") parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(v));
    });
    return parts.length ? path + "?" + parts.join("&") : path;
  };

  /* A filtered, paged list. Served: the API does it. Report: filter the embedded full list the same way. */
  S.list = function (path, params) {
    params = params || {};
    if (!S.isReport) return S.get(S.query(path, params));
    return S.get(path).then(function (all) {
      var items = all.items.filter(function (item) {
        return S.matches(item, params);
      });
      var limit = Number(params.limit || 50);
      var offset = Number(params.offset || 0);
      return {
        items: items.slice(offset, offset + limit),
        total: items.length,
        limit: limit,
        offset: offset,
        next: offset + limit < items.length ? "more" : null,
        previous: offset > 0 ? "less" : null,
      };
    });
  };

  /* The report's client-side version of the API filters. */
  S.matches = function (item, params) {
    var day = item.published || item.date || item.last_date || item.first_date || "";
    for (var key in params) {
      if (!has(params, key)) continue;
      var want = params[key];
      if (want === null || want === undefined || want === "" || key === "limit" || key === "offset") continue;
      var w = String(want).toLowerCase();
      if (key === "since") { if (!day || day < want) return false; continue; }
      if (key === "until") { if (!day || day > want) return false; continue; }
      if (key === "q") {
        var hay = [item.title, item.outlet, item.snippet, item.text].join(" ").toLowerCase();
        var words = w.split(/\s+/).filter(Boolean);
        for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return false;
        continue;
      }
      var fields = {
        outlet: ["outlet"], language: ["language"], status: ["status"], story: ["story_id"],
        type: ["type"], kind: ["kind"], severity: ["severity"], actor: ["source_actor", "target_actor"],
        country: ["source_country", "target_country"], article: ["article_id"],
      }[key] || [key];
      var ok = fields.some(function (f) {
        return item[f] !== null && item[f] !== undefined && String(item[f]).toLowerCase() === w;
      });
      if (!ok) return false;
    }
    return true;
  };

  /* Link target for an app path: a real URL when served, a #route in the report. */
  S.href = function (path) {
    return S.isReport ? "#" + path : path;
  };
  S.articleHref = function (id) {
    return S.href("/articles/" + encodeURIComponent(id));
  };

  var SAFE_ATTRS = /^(class|id|href|rel|tabindex|title|role|type|name|value|placeholder|for|min|max|step|colspan|lang|datetime|open|list|aria-[a-z]+|data-[a-z-]+)$/;

  /* Create an element; attrs are set with setAttribute (names checked), children are nodes or text. */
  S.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    S.fill(node, attrs, children);
    return node;
  };

  var SVG_NS = "http://www.w3.org/2000/svg";
  var SVG_ATTRS = /^(class|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|d|fill|stroke|stroke-width|stroke-opacity|fill-opacity|opacity|text-anchor|dominant-baseline|transform|viewBox|preserveAspectRatio|points|font-size|role|aria-label|data-[a-z-]+)$/;
  S.svg = function (tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (!SVG_ATTRS.test(k)) throw new Error("attribute not allowed: " + k);
      if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, String(attrs[k]));
    });
    S.append(node, children);
    return node;
  };

  S.fill = function (node, attrs, children) {
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (!SAFE_ATTRS.test(k)) throw new Error("attribute not allowed: " + k);
      if (k === "href") v = S.safeUrl(String(v));
      node.setAttribute(k, v === true ? "" : String(v));
    });
    S.append(node, children);
    return node;
  };

  S.append = function (node, children) {
    if (children === null || children === undefined) return node;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    });
    return node;
  };

  /* Only http(s), same-app paths and #routes are ever used as link targets. */
  S.safeUrl = function (url) {
    if (/^(https?:\/\/|\/(?!\/)|#)/i.test(url)) return url;
    return "#";
  };

  S.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  };

  S.fmt = function (n) {
    return n === null || n === undefined ? "–" : Number(n).toLocaleString("en");
  };

  S.panel = function (title, body, opts) {
    opts = opts || {};
    return S.el("section", { class: "panel " + (opts.cls || ""), "aria-label": title }, [
      S.el("h2", null, [title, opts.count !== undefined ? S.el("span", { class: "count" }, S.fmt(opts.count)) : null]),
      body,
    ]);
  };

  S.empty = function (text) {
    return S.el("p", { class: "empty" }, text);
  };

  S.error = function (node, err) {
    S.clear(node);
    node.appendChild(S.el("p", { class: "error" }, "Could not load: " + (err && err.message ? err.message : err)));
  };

  S.articleLink = function (id, title) {
    return S.el("a", { href: S.articleHref(id) }, title || "(no title) " + id);
  };

  /* A row of label/value chips. */
  S.meta = function (pairs) {
    return S.el(
      "dl",
      { class: "meta" },
      pairs
        .filter(function (p) { return p[1] !== null && p[1] !== undefined && p[1] !== ""; })
        .map(function (p) {
          return S.el("div", null, [S.el("dt", null, p[0]), S.el("dd", null, p[1])]);
        })
    );
  };

  /* Colour of a Goldstein score (-10 conflict .. +10 cooperation); grey when unknown. */
  S.goldsteinColour = function (g) {
    if (g === null || g === undefined || isNaN(g)) return "#9aa5b1";
    var t = Math.max(-1, Math.min(1, g / 10));
    if (t < 0) return mix([150, 160, 170], [200, 40, 40], -t);
    return mix([150, 160, 170], [30, 140, 80], t);
  };
  function mix(a, b, t) {
    var c = a.map(function (x, i) { return Math.round(x + (b[i] - x) * t); });
    return "rgb(" + c.join(",") + ")";
  }

  S.QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  S.QUAD_COLOUR = { 1: "#6fb07f", 2: "#2e8b57", 3: "#e39a5b", 4: "#c0392b" };
})();
