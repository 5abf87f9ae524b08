/* xingcun: the pages' small behaviours, from one static file (the Content-Security-Policy allows no
   inline script, no inline event handler and no style attribute).
   - data-toggle-nav: a button that opens and closes the side navigation;
   - data-autosubmit: a select that submits its form when changed;
   - data-confirm: a form that asks before it is submitted;
   - data-width / data-height: a bar's width (percent) or a chart's height (pixels), set through the
     CSSOM, which the policy allows;
   - data-open-wide: a <details> element that starts open on a wide screen (768px and more);
   - data-chart: an ECharts chart whose options are the JSON of the json_script element with that
     id (or that id without its "chart-" prefix); a data item's url is its drill-down. */
(function () {
  "use strict";

  function sizes(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      el.style.width = parseFloat(el.dataset.width) + "%";
    });
    root.querySelectorAll("[data-height]").forEach(function (el) {
      el.style.height = parseInt(el.dataset.height, 10) + "px";
    });
  }

  function charts(root) {
    if (typeof window.echarts === "undefined") { return; }
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var name = el.dataset.chart;
      var source = document.getElementById(name) || document.getElementById(name.replace(/^chart-/, ""));
      if (!source) { return; }
      var old = window.echarts.getInstanceByDom(el);
      if (old) { old.dispose(); }
      var chart = window.echarts.init(el);
      chart.setOption(JSON.parse(source.textContent));
      chart.on("click", function (params) {
        if (params.data && params.data.url) { window.location.href = params.data.url; }
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  function openWide(root) {
    if (!window.matchMedia("(min-width: 768px)").matches) { return; }
    root.querySelectorAll("details[data-open-wide]").forEach(function (el) { el.open = true; });
  }

  function enhance(root) {
    openWide(root);
    sizes(root);
    charts(root);
  }

  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-toggle-nav]")) {
      document.body.classList.toggle("nav-open");
    }
  });
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) {
      if (el.form.requestSubmit) { el.form.requestSubmit(); } else { el.form.submit(); }
    }
  });
  document.addEventListener("submit", function (e) {
    var message = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { e.preventDefault(); }
  }, true);
  document.addEventListener("htmx:afterSwap", function (e) { enhance(e.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
