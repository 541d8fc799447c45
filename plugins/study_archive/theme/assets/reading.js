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

  /* Sidenotes: on wide screens each note sits in the margin beside its phrase. A long note shows its first
     lines and a "More" button, so that it does not push the notes after it far below their phrases. */
  var NOTE_GAP = 12;  // Pixels between two stacked sidenotes.

  function buildSidenotes(text) {
    text.querySelectorAll(".archive-note").forEach(function (note) {
      var number = note.getAttribute("value");
      var aside = document.createElement("aside");
      aside.className = "archive-sidenote";
      aside.id = "side-" + note.id;
      aside.tabIndex = -1;
      aside.setAttribute("data-layer", note.getAttribute("data-layer"));
      aside.setAttribute("aria-label", "Note " + number);
      var meta = note.querySelector(".archive-note__meta").cloneNode(true);
      var label = document.createElement("span");
      label.className = "archive-sidenote__number";
      label.textContent = number;
      meta.prepend(label);
      var body = note.querySelector(".archive-note__body").cloneNode(true);
      body.id = aside.id + "-body";
      body.classList.add("archive-sidenote__body");
      var more = document.createElement("button");
      more.type = "button";
      more.className = "archive-sidenote__more";
      more.setAttribute("aria-controls", body.id);
      more.addEventListener("click", function () { openSidenote(aside, !aside.classList.contains("is-open")); });
      aside.append(meta, body, more, note.querySelector(".archive-note__back").cloneNode(true));
      aside.addEventListener("focus", function () { openSidenote(aside, true); });
      text.append(aside);
      showOpen(aside, false);
    });
  }

  function showOpen(aside, open) {
    var more = aside.querySelector(".archive-sidenote__more");
    aside.classList.toggle("is-open", open);
    more.setAttribute("aria-expanded", String(open));
    more.textContent = open ? "Less" : "More";
    // Lines cut off by the clamp must not take the keyboard's focus while they cannot be seen.
    aside.querySelector(".archive-sidenote__body").inert = !open && more.hidden === false;
  }

  function openSidenote(aside, open) {
    if (aside.classList.contains("is-open") === open) return;
    showOpen(aside, open);
    placeSidenotes(aside.closest(".archive-text"));
  }

  /* Where a note's phrase begins: its first highlighted piece, or its paragraph if the phrase was not found. */
  function anchorOf(aside) {
    var number = aside.id.replace("side-note-", "");
    var mark = document.getElementById("mark-" + number) || document.getElementById("noteref-" + number);
    if (mark) return mark;
    var place = aside.querySelector(".archive-note__meta a[href^='#p']");
    return place && document.getElementById(place.getAttribute("href").slice(1));
  }

  function placeSidenotes(text) {
    var wide = WIDE.matches && text.querySelector(".archive-note");
    text.classList.toggle("archive-text--sidenotes", !!wide);
    text.style.minHeight = "";
    if (!wide) return;
    // Every size is read before anything is moved, in three rounds, so that a long text with hundreds of notes
    // is laid out three times, not once per note.
    var asides = Array.prototype.slice.call(text.querySelectorAll(".archive-sidenote:not(.is-off)"));
    var origin = text.getBoundingClientRect().top;
    var places = asides.map(function (aside) {
      var body = aside.querySelector(".archive-sidenote__body");
      var anchor = anchorOf(aside);
      return {
        aside: aside, body: body, more: aside.querySelector(".archive-sidenote__more"),
        clamped: !aside.classList.contains("is-open"), long: body.scrollHeight > body.clientHeight + 1,
        anchor: anchor ? anchor.getBoundingClientRect().top - origin : null,
      };
    });
    places.forEach(function (place) {  // A "More" button only where a closed note has more to show.
      place.more.hidden = place.clamped && !place.long;
      place.body.inert = place.clamped && place.long;
    });
    places.forEach(function (place) { place.height = place.aside.offsetHeight; });
    var floor = 0;
    places.forEach(function (place) {
      var top = Math.max(place.anchor === null ? floor : place.anchor, floor);
      place.aside.style.top = top + "px";
      floor = top + place.height + NOTE_GAP;
    });
    text.style.minHeight = floor + "px";  // The last notes must not run over what follows the text.
  }

  /* Placing again whenever a paragraph changes size covers resizes, fonts arriving, a new font size and
     pictures loading; layers and "More" place at once. One placing per frame. */
  function keepPlaced(text) {
    var pending = false;
    function soon() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; placeSidenotes(text); });
    }
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(soon);
      text.querySelectorAll(".archive-paragraph").forEach(function (paragraph) { observer.observe(paragraph); });
    }
    WIDE.addEventListener("change", soon);
    window.addEventListener("resize", soon);
    window.addEventListener("load", soon);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(soon);
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

  /* Popovers: on narrow screens a note opens over the text instead of jumping to the end; a glossary term's
     definition opens in one on every screen. Escape or Close hides it and the focus goes back where it was. */
  var opener = null;

  function popover() {
    var existing = document.getElementById("archive-popover");
    if (existing) return existing;
    var element = document.createElement("div");
    element.id = "archive-popover";
    element.className = "archive-popover md-typeset";
    element.setAttribute("popover", "auto");
    element.setAttribute("role", "dialog");
    element.setAttribute("aria-label", "Note");
    // "beforetoggle" comes at once, before the next popover opens, where "toggle" would come after it.
    element.addEventListener("beforetoggle", function (event) {
      if (event.newState !== "closed" || !opener) return;
      var from = opener;
      opener = null;
      from.setAttribute("aria-expanded", "false");
      if (!document.activeElement || document.activeElement === document.body || element.contains(document.activeElement)) {
        from.focus();
      }
    });
    document.body.append(element);
    return element;
  }

  /* Open the popover with `parts` for the element `from`; `anchored` places it under `from` on wide screens. */
  function showPopover(from, label, parts, anchored) {
    var box = popover();
    if (box.matches(":popover-open")) box.hidePopover();
    box.replaceChildren();
    var close = document.createElement("button");
    close.type = "button";
    close.className = "archive-popover__close";
    close.textContent = "Close";
    close.addEventListener("click", function () { box.hidePopover(); });
    box.append(close);
    parts.forEach(function (part) { box.append(part); });
    box.setAttribute("aria-label", label);
    box.classList.toggle("archive-popover--anchored", !!anchored && WIDE.matches);
    box.style.top = box.style.left = "";
    opener = from;
    from.setAttribute("aria-expanded", "true");
    box.showPopover();
    if (anchored && WIDE.matches) {
      var place = from.getBoundingClientRect();
      var room = document.documentElement.clientWidth - box.offsetWidth - 8;
      box.style.top = Math.min(place.bottom + 6, window.innerHeight - box.offsetHeight - 8) + "px";
      box.style.left = Math.max(8, Math.min(place.left, room)) + "px";
    }
    close.focus();
  }

  /* A note number, or a highlighted phrase, opens its note: the sidenote on wide screens, a popover on phones. */
  function openNote(event) {
    if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") return;
    var link = event.target.closest(".archive-noteref a");
    var mark = !link && event.target.closest("mark.archive-mark");
    if (mark && event.target.closest("a")) return;  // A link inside a highlight keeps its own way.
    if (event.type === "keydown" && !(mark && event.target === mark)) return;
    var number = link ? link.id.replace("noteref-", "") : mark && mark.getAttribute("data-note");
    var note = number && document.getElementById("note-" + number);
    if (!note) return;
    event.preventDefault();
    var from = link || document.getElementById("noteref-" + number) || mark;
    if (WIDE.matches) {
      var aside = document.getElementById("side-" + note.id);
      if (aside) { showOpen(aside, true); placeSidenotes(aside.closest(".archive-text")); aside.focus(); return; }
    }
    var parts = [];
    note.querySelectorAll(".archive-note__meta, .archive-note__body").forEach(function (part) {
      parts.push(part.cloneNode(true));
    });
    showPopover(from, "Note " + note.getAttribute("value"), parts, false);
  }

  /* Highlighted phrases answer a tap and, from the keyboard, Enter on their first piece. */
  function readyMarks(text) {
    text.querySelectorAll("mark.archive-mark[id^='mark-']").forEach(function (mark) {
      mark.tabIndex = 0;
      mark.setAttribute("aria-controls", "note-" + mark.getAttribute("data-note"));
      mark.title = "Show note " + mark.getAttribute("data-note");
    });
  }

  /* Glossary terms: their definition opens in a popover with a link to the whole entry. Without this script
     the definition is the link's tooltip (`title`), which touch screens never show; with it, the popover takes
     the tooltip's place, so that the two do not cover each other. */
  function readyTerms(text) {
    var terms = text.querySelectorAll("a.archive-term[title]");
    if (terms.length) popover();  // Made now, so that every `aria-controls` names an element that exists.
    terms.forEach(function (link) {
      link.setAttribute("data-definition", link.title);
      link.removeAttribute("title");
      link.setAttribute("aria-haspopup", "dialog");
      link.setAttribute("aria-expanded", "false");
      link.setAttribute("aria-controls", "archive-popover");
    });
  }

  function openTerm(event) {
    var link = event.target.closest("a.archive-term[data-definition]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var title = document.createElement("p");
    title.className = "archive-popover__title";
    title.textContent = link.getAttribute("data-term") || link.textContent;
    var definition = document.createElement("p");
    definition.textContent = link.getAttribute("data-definition");
    var more = document.createElement("a");
    more.setAttribute("href", link.getAttribute("href"));
    more.textContent = "The glossary entry";
    var line = document.createElement("p");
    line.append(more);
    showPopover(link, "Glossary: " + title.textContent, [title, definition, line], true);
  }

  function setUp() {
    var text = document.querySelector(".archive-text");
    if (!text || text.hasAttribute("data-ready")) return;
    text.setAttribute("data-ready", "");
    addParagraphTools(text);
    readyTerms(text);
    text.addEventListener("click", openTerm);
    if (text.querySelector(".archive-note")) {
      readyMarks(text);
      buildSidenotes(text);
      setUpLayers(text);
      placeSidenotes(text);
      text.addEventListener("click", openNote);
      text.addEventListener("keydown", openNote);
      text.addEventListener("click", returnFromSidenote);
      text.addEventListener("keydown", returnFromSidenote);
      keepPlaced(text);
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
