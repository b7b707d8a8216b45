// Live countdown to a call's deadline: <span data-countdown="ISO-8601">…</span>.
(function () {
  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var end = Date.parse(el.getAttribute("data-countdown"));
      var left = Math.max(0, Math.floor((end - Date.now()) / 1000));
      var d = Math.floor(left / 86400), h = Math.floor((left % 86400) / 3600),
          m = Math.floor((left % 3600) / 60), s = left % 60;
      var parts = el.dataset;
      el.textContent = d + " " + parts.days + " " + h + " " + parts.hours + " " +
        m + " " + parts.minutes + " " + s + " " + parts.seconds;
    });
  }
  tick();
  setInterval(tick, 1000);
})();
