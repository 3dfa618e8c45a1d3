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
    function tell(text) {
      if (status) {
        status.textContent = text;
        status.classList.remove("visually-hidden");
      }
    }
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
      if (response.redirected) {
        // The session ended (sent to the login page): load the agenda again; the login leads
        // back here, with the order as it was saved.
        window.location.reload();
        return null;
      }
      return response.text().then(function (text) {
        return { ok: response.ok, status: response.status, text: text };
      });
    }).then(function (result) {
      if (!result) {
        return;
      }
      var fresh = null;
      if (result.ok) {
        var wrapper = document.createElement("div");
        wrapper.innerHTML = result.text;
        fresh = wrapper.querySelector("#builder");
      }
      if (fresh) {
        document.getElementById("builder").replaceWith(fresh);
        init(fresh);
        if (status) {
          status.textContent = status.dataset.saved;
        }
      } else if (result.status === 409) {
        tell(result.text);  // the service's own message, in plain text
      } else {
        tell(status && status.dataset.failed);
      }
    }).catch(function () {
      tell(status && status.dataset.failed);  // no connection
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
