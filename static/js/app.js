// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  // Ask before a destructive action: <form data-confirm="Are you sure?">
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // A button that copies a field's text (a secret address): <button data-copy="field-id"
  // data-copied="Copied." hidden>; shown only where the browser may write to the clipboard.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copy);
      var status = button.parentElement.querySelector("[role=status]");
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) status.textContent = button.dataset.copied;
      });
    });
  });

  // A form sent back with errors opens with its error summary (forms/error_summary.html)
  // focused, so it is read first; each of its links puts the focus in the field it names.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("[data-error-summary] a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus();
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({ block: "center" });
  });

  // htmx swaps a form that comes back with errors (400, see htmx-config in base.html); the
  // button that was pressed went with the swap, so the focus goes to the form's error summary
  // (as when a page opens), or, in a form without one, to the first field to correct.
  document.addEventListener("htmx:afterSettle", function (event) {
    var status = event.detail.xhr && event.detail.xhr.status;
    if (status !== 400 && status !== 422) return;
    var target = event.detail.target;
    var scope = (target && target.id && document.getElementById(target.id)) || document;
    var next = scope.querySelector("[data-error-summary]") || scope.querySelector('[aria-invalid="true"]');
    if (next) next.focus();
  });

  // An answer htmx does not swap (403, 404, 500 ...): send the form again the ordinary way, so
  // the person sees the page the server gives, with its explanation, instead of nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var elt = event.detail.elt;
    var form = elt instanceof HTMLFormElement ? elt : elt && elt.closest && elt.closest("form");
    if (form) HTMLFormElement.prototype.submit.call(form);
  });
})();
