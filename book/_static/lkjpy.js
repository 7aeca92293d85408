/* Small reading aids for the book's pages.
   - Source viewer: a link to "#L<first>-L<last>" highlights the whole range of lines and scrolls
     to its first line (a single "#L<n>" is highlighted by CSS :target alone).
   - Disclosure triangles of the navigation (<summary> holding only an icon) get a name, so that
     screen readers announce what they open. */
(function () {
  "use strict";

  function markCitedRange() {
    var view = document.querySelector("pre.src-view");
    if (!view) return;
    view.querySelectorAll(".src-cited").forEach(function (el) { el.classList.remove("src-cited"); });
    var m = /^#L(\d+)(?:-L?(\d+))?$/.exec(window.location.hash);
    if (!m) return;
    var first = parseInt(m[1], 10);
    var last = Math.max(first, parseInt(m[2] || m[1], 10));
    for (var n = first; n <= last; n++) {
      var line = document.getElementById("L" + n);
      if (line) line.classList.add("src-cited");
    }
    var start = document.getElementById("L" + first);
    if (start && m[2]) start.scrollIntoView({ block: "start" });
  }

  function nameDisclosures() {
    document.querySelectorAll("summary").forEach(function (summary) {
      if (summary.textContent.trim() || summary.getAttribute("aria-label")) return;
      var item = summary.closest("li");
      var link = item ? item.querySelector("a") : null;
      var what = link ? link.textContent.trim() : "section";
      summary.setAttribute("aria-label", "Show or hide the pages under " + what);
    });
  }

  function ready() {
    markCitedRange();
    nameDisclosures();
  }

  if (document.readyState !== "loading") ready();
  else document.addEventListener("DOMContentLoaded", ready);
  window.addEventListener("load", markCitedRange);  // again once the theme's scripts have run
  window.addEventListener("hashchange", markCitedRange);
})();
