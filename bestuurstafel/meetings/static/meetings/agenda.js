// Drag-and-drop ordering of the agenda (SortableJS). Without JavaScript the "Up" and "Down"
// buttons do the same; they also serve keyboard users.
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function save(list) {
    var body = new URLSearchParams();
    body.append("parent", list.dataset.parent || "");
    Array.prototype.forEach.call(list.children, function (li) {
      if (li.dataset.code) {
        body.append("item", li.dataset.code);
      }
    });
    var status = document.getElementById("builder-status");
    fetch(list.dataset.reorderUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "X-CSRFToken": csrfToken(),
        "X-Requested-With": "fetch",
        "Content-Type": "application/x-www-form-urlencoded"
      },
      body: body
    }).then(function (response) {
      return response.text().then(function (text) {
        return { ok: response.ok, text: text };
      });
    }).then(function (result) {
      if (result.ok) {
        var wrapper = document.createElement("div");
        wrapper.innerHTML = result.text;
        var fresh = wrapper.querySelector("#builder");
        document.getElementById("builder").replaceWith(fresh);
        init(fresh);
        if (status) {
          status.textContent = status.dataset.saved;
        }
      } else if (status) {
        status.textContent = result.text;
        status.classList.remove("visually-hidden");
      }
    });
  }

  function init(root) {
    if (typeof window.Sortable === "undefined") {
      return;
    }
    root.querySelectorAll("ol[data-reorder-url]").forEach(function (list) {
      window.Sortable.create(list, {
        handle: ".bt-drag",
        draggable: ".bt-builder__item",
        animation: 150,
        // Mouse and touch events rather than native drag and drop: the same on every browser.
        forceFallback: true,
        onEnd: function (event) {
          if (event.from === list && event.oldIndex !== event.newIndex) {
            save(list);
          }
        }
      });
    });
    document.querySelectorAll(".bt-drag").forEach(function (handle) {
      handle.classList.add("bt-drag--active");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("builder");
    if (root) {
      init(root);
    }
  });
})();
