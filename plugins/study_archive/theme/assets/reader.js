/* The reader's own settings for long texts: a text size in a few steps and a reading mode without the
   navigation around the text, both kept in this browser. The light or dark scheme is Material's palette
   toggle in the header. A small script in the text page's head applies the kept settings before the page
   is drawn, so that it never jumps; this one wires the buttons. */
(function () {
  "use strict";

  var SIZE_KEY = "archive.reader.size";
  var FOCUS_KEY = "archive.reader.focus";
  var SIZES = ["90", "100", "112", "125", "140"];  // Percent of the site's text size; CSS has one rule per step.

  function read(key) {
    try { return localStorage.getItem(key); } catch (error) { return null; }  // Storage can be switched off.
  }

  function write(key, value) {
    try {
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value);
    } catch (error) { /* Full or refused: the setting lasts for this page only. */ }
  }

  function currentSize() {
    var size = document.documentElement.getAttribute("data-archive-size");
    return SIZES.indexOf(size) >= 0 ? size : "100";
  }

  function setSize(size) {
    document.documentElement.setAttribute("data-archive-size", size);
    write(SIZE_KEY, size === "100" ? null : size);
  }

  function setFocus(on) {
    document.documentElement.toggleAttribute("data-archive-focus", on);
    write(FOCUS_KEY, on ? "on" : null);
  }

  function show(box) {
    var step = SIZES.indexOf(currentSize());
    box.querySelector("[data-reader-size='-1']").disabled = step === 0;
    box.querySelector("[data-reader-size='1']").disabled = step === SIZES.length - 1;
    box.querySelector(".archive-reader__size").textContent = currentSize() + "%";
    box.querySelector("[data-reader-focus]").setAttribute("aria-pressed",
      String(document.documentElement.hasAttribute("data-archive-focus")));
  }

  function setUp() {
    var box = document.querySelector(".archive-reader");
    if (!box || box.hasAttribute("data-ready")) return;
    box.setAttribute("data-ready", "");
    box.hidden = false;
    box.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-reader-size")) {
        var step = SIZES.indexOf(currentSize()) + Number(button.getAttribute("data-reader-size"));
        setSize(SIZES[Math.max(0, Math.min(SIZES.length - 1, step))]);
      } else if (button.hasAttribute("data-reader-focus")) {
        setFocus(!document.documentElement.hasAttribute("data-archive-focus"));
      }
      show(box);
    });
    show(box);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
