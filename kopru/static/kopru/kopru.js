// Köprü's small behaviours, kept out of the HTML so that the Content-Security-Policy
// needs no inline handlers or style attributes:
//   <select data-kp-autosubmit>        submits its form when changed;
//   <form data-kp-confirm="Question">  asks before it is sent;
//   <div data-kp-width="42">           gets width: 42% (progress bars, also after htmx swaps);
//   [data-kp-error-summary]            after a failed submit, takes focus and comes into view;
//   .kopru-choices-long                a long checkbox list gets a filter box (Turkish-aware);
//   [data-kp-toc] a[href^="#"]       a long form's table of contents moves focus (not only the
//                                      view) to the section, so Tab continues from there;
//   .kopru-savebar                     a field focused behind a long form's save bar is
//                                      scrolled above it;
//   .table-responsive                  a table that may scroll sideways can be reached and
//                                      scrolled by keyboard (a named, focusable region).
(function () {
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-kp-autosubmit") && el.form) {
      el.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form instanceof HTMLFormElement && form.getAttribute("data-kp-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  function widths(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("[data-kp-width]").forEach(function (el) {
      el.style.width = Math.max(0, Math.min(100, Number(el.getAttribute("data-kp-width")) || 0)) + "%";
    });
    if (root.hasAttribute && root.hasAttribute("data-kp-width")) {
      root.style.width = Math.max(0, Math.min(100, Number(root.getAttribute("data-kp-width")) || 0)) + "%";
    }
  }
  widths(document);
  document.addEventListener("htmx:load", function (event) { widths(event.target); });
  function errorSummary(root) {
    var summary = (root.querySelector ? root : document).querySelector("[data-kp-error-summary]");
    if (summary) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
      // Icons and fonts may still move the layout: bring it back into view once loaded.
      window.addEventListener("load", function () { summary.scrollIntoView({ block: "start" }); });
    }
  }
  function fold(text) {
    return text.toLocaleLowerCase("tr").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ı/g, "i");
  }
  function choiceFilters(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".kopru-choices-long").forEach(function (box) {
      if (box.hasAttribute("data-kp-filtered")) { return; }
      box.setAttribute("data-kp-filtered", "");
      var group = box.closest("fieldset");
      var legend = group && group.querySelector("legend");
      var input = document.createElement("input");
      input.type = "search";
      input.className = "form-control form-control-sm mb-2 kopru-choices-filter";
      input.placeholder = box.getAttribute("data-kp-filter-label") || "";
      input.setAttribute("aria-label", input.placeholder + (legend ? ": " + legend.textContent.replace("*", "").trim() : ""));
      box.parentNode.insertBefore(input, box);
      input.addEventListener("input", function () {
        var needle = fold(input.value.trim());
        box.querySelectorAll("label").forEach(function (label) {
          var row = label.parentElement;
          row.hidden = needle !== "" && fold(label.textContent).indexOf(needle) === -1;
        });
      });
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("[data-kp-toc] a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    if (!target.hasAttribute("tabindex")) { target.tabIndex = -1; }
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
    if (history.replaceState) { history.replaceState(null, "", "#" + target.id); }
  });
  // A field that takes focus under a long form's save bar (sticky at the bottom) is
  // scrolled up above it: scroll-padding covers focus that scrolls, not a field that was
  // already in the window but behind the bar.
  document.addEventListener("focusin", function (event) {
    var field = event.target;
    if (!(field instanceof Element) || field.closest(".kopru-savebar")) { return; }
    var form = field.closest("form");
    var bar = form && form.querySelector(".kopru-savebar");
    if (!bar) { return; }
    var covered = field.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
    if (covered > 0) { window.scrollBy({ top: covered + 16, behavior: "instant" }); }
  });
  function scrollRegions(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.hasAttribute("tabindex")) { return; }
      box.tabIndex = 0;
      if (!box.hasAttribute("role")) {
        var caption = box.querySelector("caption");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : (document.documentElement.lang === "en" ? "Table" : "Tablo"));
      }
    });
  }
  // On a phone, facet groups marked data-kp-fold-narrow start folded, so the results are
  // not pushed a screen down by the filters (their summaries stay, one line each).
  function foldOnNarrow(root) {
    if (!window.matchMedia || !window.matchMedia("(max-width: 991.98px)").matches) { return; }
    (root.querySelectorAll ? root : document).querySelectorAll("details[data-kp-fold-narrow]").forEach(function (box) {
      if (!box.querySelector("[aria-current]")) { box.open = false; }
    });
  }
  errorSummary(document);
  choiceFilters(document);
  scrollRegions(document);
  foldOnNarrow(document);
  document.addEventListener("htmx:load", function (event) {
    errorSummary(event.target);
    choiceFilters(event.target);
    scrollRegions(event.target);
  });
})();
