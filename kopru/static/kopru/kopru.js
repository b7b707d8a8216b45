// Köprü's small behaviours, kept out of the HTML so that the Content-Security-Policy
// needs no inline handlers or style attributes:
//   <select data-kp-autosubmit>        submits its form when changed;
//   <form data-kp-confirm="Question">  asks before it is sent;
//   <div data-kp-width="42">           gets width: 42% (progress bars, also after htmx swaps).
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
})();
