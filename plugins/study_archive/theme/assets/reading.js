/* Reading a text: paragraph links and citations, annotation layers, sidenotes and popovers.
   Everything here enhances a page that already works without it: paragraph numbers are
   drawn by CSS, and annotations are numbered endnotes linked from their phrases. */
(function () {
  "use strict";

  var LAYERS_KEY = "archive.layers.hidden";
  var WIDE = window.matchMedia("(min-width: 76.25em)");

  function readHidden() {
    try { return JSON.parse(localStorage.getItem(LAYERS_KEY) || "[]"); } catch (error) { return []; }
  }

  function writeHidden(layers) {
    try { localStorage.setItem(LAYERS_KEY, JSON.stringify(layers.sort())); } catch (error) { /* private mode */ }
  }

  function announce(text, message) {
    var status = text.querySelector(".archive-status");
    if (status) { status.textContent = ""; status.textContent = message; }
  }

  /* Paragraph tools: a permalink and a copy-citation button beside every numbered paragraph. */
  function addParagraphTools(text) {
    var cite = text.getAttribute("data-cite");
    text.querySelectorAll(".archive-paragraph").forEach(function (paragraph) {
      var number = paragraph.getAttribute("data-paragraph");
      var tools = document.createElement("div");
      tools.className = "archive-para-tools";
      var link = document.createElement("a");
      link.href = "#p" + number;
      link.className = "archive-para-tools__link";
      link.textContent = "¶";
      link.setAttribute("aria-label", "Link to paragraph " + number);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "archive-para-tools__cite";
      button.textContent = "Cite";
      button.setAttribute("aria-label", "Cite paragraph " + number);  // Begins with what it shows (WCAG 2.5.3).
      button.title = "Copy a citation of paragraph " + number;
      button.addEventListener("click", function () {
        var url = location.origin + location.pathname + "#p" + number;
        var citation = cite + ", ¶" + number + ", " + url;
        copy(citation).then(function () {
          announce(text, "Citation of paragraph " + number + " copied: " + citation);
        });
      });
      tools.append(link, button);
      paragraph.before(tools);
    });
  }

  function copy(value) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(value);
    }
    var area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    return Promise.resolve();
  }

  /* Layers: readers switch each layer of notes on and off; the choice is kept in this browser. */
  function setUpLayers(text) {
    var box = document.querySelector(".archive-layers");
    if (!box) return;
    box.hidden = false;
    var hidden = readHidden();
    box.querySelectorAll("input[data-layer]").forEach(function (input) {
      var layer = input.getAttribute("data-layer");
      input.checked = hidden.indexOf(layer) < 0;
      input.addEventListener("change", function () {
        var now = readHidden().filter(function (name) { return name !== layer; });
        if (!input.checked) now.push(layer);
        writeHidden(now);
        showLayers(text);
        placeSidenotes(text);
      });
    });
    showLayers(text);
  }

  function showLayers(text) {
    var hidden = readHidden();
    text.querySelectorAll("[data-layer]").forEach(function (element) {
      element.classList.toggle("is-off", hidden.indexOf(element.getAttribute("data-layer")) >= 0);
    });
  }

  /* Sidenotes: on wide screens each note sits in the margin beside its phrase. */
  function buildSidenotes(text) {
    text.querySelectorAll(".archive-note").forEach(function (note) {
      var aside = document.createElement("aside");
      aside.className = "archive-sidenote";
      aside.id = "side-" + note.id;
      aside.tabIndex = -1;
      aside.setAttribute("data-layer", note.getAttribute("data-layer"));
      aside.setAttribute("aria-label", "Note " + note.getAttribute("value"));
      var number = document.createElement("span");
      number.className = "archive-sidenote__number";
      number.textContent = note.getAttribute("value");
      aside.append(number);
      note.querySelectorAll(".archive-note__meta, .archive-note__body, .archive-note__back").forEach(function (part) {
        aside.append(part.cloneNode(true));
      });
      text.append(aside);
    });
  }

  function placeSidenotes(text) {
    var wide = WIDE.matches && text.querySelector(".archive-note");
    text.classList.toggle("archive-text--sidenotes", !!wide);
    text.style.minHeight = "";
    if (!wide) return;
    var origin = text.getBoundingClientRect().top;
    var floor = 0;
    text.querySelectorAll(".archive-sidenote").forEach(function (aside) {
      var reference = document.getElementById("noteref-" + aside.id.replace("side-note-", ""));
      if (!reference || aside.classList.contains("is-off")) return;
      var top = Math.max(reference.getBoundingClientRect().top - origin, floor);
      aside.style.top = top + "px";
      floor = top + aside.offsetHeight + 12;
    });
    text.style.minHeight = floor + "px";  // The last notes must not run over what follows the text.
  }

  /* From a sidenote, Escape or its back link returns the keyboard to the phrase it annotates. */
  function returnFromSidenote(event) {
    var aside = event.target.closest(".archive-sidenote");
    var asked = event.type === "keydown" ? event.key === "Escape" : !!event.target.closest(".archive-note__back");
    var reference = aside && asked && document.getElementById("noteref-" + aside.id.replace("side-note-", ""));
    if (!reference) return;
    event.preventDefault();
    reference.focus();
  }

  /* Popovers: on narrow screens a note opens over the text instead of jumping to the end. */
  function popover() {
    var existing = document.getElementById("archive-popover");
    if (existing) return existing;
    var element = document.createElement("div");
    element.id = "archive-popover";
    element.className = "archive-popover md-typeset";
    element.setAttribute("popover", "auto");
    element.setAttribute("role", "dialog");
    element.setAttribute("aria-label", "Note");
    document.body.append(element);
    return element;
  }

  function openNote(event) {
    var link = event.target.closest(".archive-noteref a");
    if (!link) return;
    var note = document.getElementById(link.getAttribute("href").slice(1));
    if (!note) return;
    event.preventDefault();
    if (WIDE.matches) {
      var aside = document.getElementById("side-" + note.id);
      if (aside) { aside.focus({ preventScroll: false }); return; }
    }
    var box = popover();
    box.replaceChildren();
    var close = document.createElement("button");
    close.type = "button";
    close.className = "archive-popover__close";
    close.textContent = "Close";
    close.addEventListener("click", function () { box.hidePopover(); link.focus(); });
    box.append(close);
    note.querySelectorAll(".archive-note__meta, .archive-note__body").forEach(function (part) {
      box.append(part.cloneNode(true));
    });
    box.setAttribute("aria-label", "Note " + note.getAttribute("value"));
    box.showPopover();
    close.focus();
  }

  function setUp() {
    var text = document.querySelector(".archive-text");
    if (!text || text.hasAttribute("data-ready")) return;
    text.setAttribute("data-ready", "");
    addParagraphTools(text);
    if (text.querySelector(".archive-note")) {
      buildSidenotes(text);
      setUpLayers(text);
      placeSidenotes(text);
      text.addEventListener("click", openNote);
      text.addEventListener("click", returnFromSidenote);
      text.addEventListener("keydown", returnFromSidenote);
      WIDE.addEventListener("change", function () { placeSidenotes(text); });
      window.addEventListener("resize", function () { placeSidenotes(text); });
      window.addEventListener("load", function () { placeSidenotes(text); });
    }
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
