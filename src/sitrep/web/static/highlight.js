/* sitrep web UI: article text with highlighted spans, and word diffs (text only, via textContent). */
(function () {
  "use strict";
  var S = window.Sitrep;

  /* Render text with spans [{start, end, cls, title, id}] (offsets into text; may overlap).
   * The text is cut at every span boundary; each piece becomes a text node or a <mark> carrying the
   * classes of every span covering it, so overlapping layers stay visible. */
  S.highlight = function (text, spans) {
    var frag = document.createDocumentFragment();
    var cuts = { 0: true };
    cuts[text.length] = true;
    spans.forEach(function (s) {
      if (s.start >= 0 && s.end <= text.length && s.start < s.end) {
        cuts[s.start] = true;
        cuts[s.end] = true;
      }
    });
    var points = Object.keys(cuts).map(Number).sort(function (a, b) { return a - b; });
    var valid = spans.filter(function (s) { return s.start >= 0 && s.end <= text.length && s.start < s.end; });
    for (var i = 0; i + 1 < points.length; i++) {
      var a = points[i], b = points[i + 1];
      var piece = text.slice(a, b);
      var covering = valid.filter(function (s) { return s.start <= a && s.end >= b; });
      if (!covering.length) {
        frag.appendChild(document.createTextNode(piece));
        continue;
      }
      var cls = [], titles = [], ids = [];
      covering.forEach(function (s) {
        s.cls.split(" ").forEach(function (c) { if (cls.indexOf(c) < 0) cls.push(c); });
        if (s.title && titles.indexOf(s.title) < 0) titles.push(s.title);
        if (s.id) ids.push(s.id);
      });
      frag.appendChild(S.el("mark", { class: cls.join(" "), title: titles.join(" · "), "data-spans": ids.join(" ") }, piece));
    }
    return frag;
  };

  /* Word-level diff of two texts: [{op: "=", "+", "-", text}]; paragraphs are aligned first so the
   * quadratic step runs on small pieces. */
  S.diff = function (before, after) {
    var pa = before.split(/\n+/), pb = after.split(/\n+/);
    var ops = [];
    lcs(pa, pb, function (x) { return x.trim(); }, true).forEach(function (step) {
      if (step.op === "=") {
        ops.push({ op: "=", text: step.a + "\n" });
      } else if (step.op === "~") {
        words(step.a, step.b).forEach(function (w) { ops.push(w); });
        ops.push({ op: "=", text: "\n" });
      } else {
        ops.push({ op: step.op, text: (step.op === "-" ? step.a : step.b) + "\n" });
      }
    });
    return ops;
  };

  function words(a, b) {
    var wa = a.split(/(\s+)/), wb = b.split(/(\s+)/);
    if (wa.length * wb.length > 4e6) return [{ op: "-", text: a }, { op: "+", text: b }];
    return lcs(wa, wb, function (x) { return x; }, false).map(function (s) {
      return s.op === "=" ? { op: "=", text: s.a } : { op: s.op, text: s.op === "-" ? s.a : s.b };
    });
  }

  /* Longest common subsequence alignment. Paragraph mode pairs a removed and an added paragraph that
   * share most words as a change ("~") so they are diffed word by word. */
  function lcs(a, b, key, pairChanges) {
    var n = a.length, m = b.length, i, j;
    var t = [];
    for (i = 0; i <= n; i++) t.push(new Int32Array(m + 1));
    for (i = n - 1; i >= 0; i--)
      for (j = m - 1; j >= 0; j--)
        t[i][j] = key(a[i]) === key(b[j]) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
    var out = [];
    i = 0; j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && key(a[i]) === key(b[j])) { out.push({ op: "=", a: a[i], b: b[j] }); i++; j++; }
      else if (j < m && (i === n || t[i][j + 1] >= t[i + 1][j])) { out.push({ op: "+", b: b[j] }); j++; }
      else { out.push({ op: "-", a: a[i] }); i++; }
    }
    if (!pairChanges) return out;
    var merged = [];
    for (var k = 0; k < out.length; k++) {
      var cur = out[k], nxt = out[k + 1];
      if (cur.op === "-" && nxt && nxt.op === "+" && similar(cur.a, nxt.b)) {
        merged.push({ op: "~", a: cur.a, b: nxt.b });
        k++;
      } else merged.push(cur);
    }
    return merged;
  }

  function similar(a, b) {
    var sa = {}, shared = 0, nb = 0;
    a.toLowerCase().split(/\W+/).forEach(function (w) { if (w) sa[w] = true; });
    b.toLowerCase().split(/\W+/).forEach(function (w) { if (w) { nb++; if (sa[w]) shared++; } });
    return nb > 0 && shared / nb >= 0.4;
  }

  S.renderDiff = function (ops) {
    var box = S.el("div", { class: "diff" });
    ops.forEach(function (o) {
      if (o.op === "=") box.appendChild(document.createTextNode(o.text));
      else box.appendChild(S.el(o.op === "+" ? "ins" : "del", null, o.text));
    });
    return box;
  };
})();
