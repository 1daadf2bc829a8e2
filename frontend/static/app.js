// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');

  // JSON API calls from the page carry the session's CSRF token.
  window.cabinet = {
    csrfToken: meta ? meta.content : "",
    api: function (path, options) {
      options = options || {};
      var headers = Object.assign({ Accept: "application/json" }, options.headers || {});
      if (options.body && typeof options.body !== "string") {
        headers["Content-Type"] = "application/json";
        options.body = JSON.stringify(options.body);
      }
      headers["X-CSRF-Token"] = window.cabinet.csrfToken;
      return fetch(path, Object.assign({}, options, { headers: headers, credentials: "same-origin" }));
    },
  };

  document.addEventListener("change", function (event) {
    var box = event.target.closest("[data-select-all]");
    if (box) {
      var form = box.form || box.closest("form");
      var name = box.getAttribute("data-select-all");
      form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (b) {
        b.checked = box.checked;
      });
    }
    var auto = event.target.closest("[data-autosubmit]");
    if (auto && auto.form) auto.form.submit();
  });

  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
