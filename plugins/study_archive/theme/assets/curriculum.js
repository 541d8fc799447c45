/* Curricula: tick off readings, remembered in this browser only (localStorage), print one session,
   and write each reading's full address for paper. */
(function () {
  "use strict";

  var PREFIX = "archive-progress:";

  function store() {
    try { return window.localStorage; } catch (error) { return null; }  // Storage can be switched off.
  }

  function load(key) {
    var saved = store() && store().getItem(PREFIX + key);
    try { return saved ? JSON.parse(saved) : []; } catch (error) { return []; }
  }

  function save(key, done) {
    try { store() && store().setItem(PREFIX + key, JSON.stringify(done)); } catch (error) { /* Full or refused. */ }
  }

  function boxes(session) {
    return Array.prototype.slice.call(session.querySelectorAll("input[data-archive-done]"));
  }

  function show(session) {
    var all = boxes(session);
    var done = all.filter(function (box) { return box.checked; }).length;
    var bar = session.querySelector(".archive-progress progress");
    var label = session.querySelector(".archive-progress__label");
    if (bar) bar.value = done;
    if (label) label.textContent = done + " of " + all.length + (all.length === 1 ? " reading" : " readings") + " done";
    session.classList.toggle("archive-session--done", all.length > 0 && done === all.length);
  }

  function track(session) {
    var key = session.getAttribute("data-archive-progress");
    var done = load(key);
    boxes(session).forEach(function (box) {
      box.checked = done.indexOf(box.getAttribute("data-archive-done")) >= 0;
      box.addEventListener("change", function () {
        save(key, boxes(session).filter(function (other) { return other.checked; })
          .map(function (other) { return other.getAttribute("data-archive-done"); }));
        show(session);
      });
    });
    show(session);
  }

  function printOne(button) {
    var session = document.getElementById(button.getAttribute("data-archive-print"));
    if (!session) return;
    document.body.classList.add("archive-printing-one");
    session.classList.add("archive-session--printing");
    window.addEventListener("afterprint", function done() {
      document.body.classList.remove("archive-printing-one");
      session.classList.remove("archive-session--printing");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  }

  function spellOut(address) {
    address.textContent = new URL(address.getAttribute("data-archive-address"), window.location.href).href;
  }

  function setUp() {
    document.querySelectorAll("[data-archive-progress]").forEach(track);
    document.querySelectorAll("[data-archive-address]").forEach(spellOut);
    document.querySelectorAll("[data-archive-print]").forEach(function (button) {
      button.addEventListener("click", function () { printOne(button); });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);  // Material's instant navigation swaps pages without reloading.
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
