// Chirp's own small script: everything works without it; with it, like, retweet,
// follow and "Load more" happen in place and the compose box counts characters.
(function () {
  "use strict";
  var FRAGMENT = { "X-Chirp-Fragment": "1" };

  function nodesFrom(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    return holder.content;
  }

  function countCharacters(area) {
    var output = document.getElementById(area.dataset.count);
    if (!output) return;
    var max = parseInt(area.dataset.max, 10);
    // Code points after NFC and trimming, as the server counts them.
    var used = Array.from(area.value.normalize("NFC").trim()).length;
    output.textContent = String(max - used);
    output.classList.toggle("over", used > max);
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-count]")) {
      countCharacters(event.target);
    }
  });
  document.querySelectorAll("textarea[data-count]").forEach(countCharacters);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-inplace]")) {
      event.preventDefault();
      var slot = form.closest("[data-fragment]") || form;
      fetch(form.action, {
        method: "POST", body: new FormData(form), headers: FRAGMENT, credentials: "same-origin"
      }).then(function (answer) {
        if (!answer.ok) { form.submit(); return null; }
        return answer.text();
      }).then(function (html) {
        if (html !== null) slot.replaceWith(nodesFrom(html));
      }).catch(function () { form.submit(); });
    } else if (form.matches("form[data-more]")) {
      event.preventDefault();
      var url = new URL(form.action || window.location.href);
      url.search = new URLSearchParams(new FormData(form)).toString();
      var more = form.closest(".more-slot");
      fetch(url, { headers: FRAGMENT, credentials: "same-origin" }).then(function (answer) {
        if (!answer.ok) { form.submit(); return null; }
        return answer.text();
      }).then(function (html) {
        if (html !== null) more.replaceWith(nodesFrom(html));
      }).catch(function () { form.submit(); });
    }
  });
})();
