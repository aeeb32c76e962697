/* sitrep web UI: start the page's view; in the static report, route #/paths to views. */
(function () {
  "use strict";
  var S = window.Sitrep;

  function route(root) {
    var path = (window.location.hash || "#/").slice(1) || "/";
    var match = /^\/articles\/([^/?#]+)/.exec(path);
    var name = match ? "article" : { "/": "overview", "/timeline": "timeline", "/network": "network", "/dyad": "dyad" }[path] || "overview";
    root.className = "view-" + name;
    Array.prototype.forEach.call(document.querySelectorAll(".topbar nav a"), function (a) {
      if (a.getAttribute("href") === "#" + path) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    S.views[name](root, { id: match ? decodeURIComponent(match[1]) : null });
    window.scrollTo(0, 0);
  }

  function start() {
    var root = document.getElementById("app");
    if (!root) return;
    if (S.isReport) {
      window.addEventListener("hashchange", function () { route(root); });
      route(root);
      return;
    }
    var view = S.views[root.getAttribute("data-view")];
    if (view) view(root, { id: root.getAttribute("data-article-id") });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
