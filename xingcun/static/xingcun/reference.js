/* Reference fields: Tom Select over <select data-search="URL"> (rows found by the server, at most
   20, inside the user's jurisdiction) and <select data-filter> (a short list filtered in place). */
(function () {
  "use strict";
  function enhance(root) {
    root.querySelectorAll("select[data-search]:not(.tomselected)").forEach(function (el) {
      var url = el.getAttribute("data-search");
      new TomSelect(el, {
        valueField: "value",
        labelField: "text",
        searchField: [],
        maxOptions: 20,
        loadThrottle: 250,
        placeholder: el.getAttribute("data-placeholder") || "",
        score: function () { return function () { return 1; }; },
        shouldLoad: function (query) { return query.trim().length > 0; },
        load: function (query, done) {
          var sep = url.indexOf("?") < 0 ? "?" : "&";
          fetch(url + sep + "q=" + encodeURIComponent(query), {credentials: "same-origin"})
            .then(function (r) { return r.json(); })
            .then(function (data) { this.clearOptions(); done(data.results); }.bind(this))
            .catch(function () { done(); });
        },
        render: {
          // the words come from the widget, in the page's language (core.forms.ReferenceWidget)
          no_results: function (data, escape) {
            return '<div class="no-results">' + escape(el.getAttribute("data-no-results") || "") + "</div>";
          },
          loading: function (data, escape) {
            return '<div class="spinner">' + escape(el.getAttribute("data-loading") || "") + "</div>";
          }
        }
      });
    });
    root.querySelectorAll("select[data-filter]:not(.tomselected)").forEach(function (el) {
      new TomSelect(el, {maxOptions: 400, allowEmptyOption: true});
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (e) { enhance(e.target); });
})();
