/* The results page of the archive's search: the query and the facets (kind, author, decade, topic, curriculum)
 * live in the address, so that a search can be shared and bookmarked; each facet value shows how many of the
 * documents found have it, given the other facets chosen. On a phone the facets fold behind the Filters button,
 * closed when the page opens, so that the results come first (search.css shows both side by side on a wide
 * screen, where the button is not shown). Uses search.js, which runs after this file.
 */
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-archive-results]");
  if (!form || !window.ArchiveSearch) return;
  const FACETS = ["kind", "author", "decade", "topic", "curriculum"];
  const LIMIT = 50;
  const input = form.querySelector("input[name=q]");
  const status = document.querySelector(".archive-results__status");
  const list = document.querySelector(".archive-results__list");
  const valueTemplate = document.getElementById("archive-facet-value");
  const results = document.querySelector(".archive-results");
  const toggle = document.querySelector(".archive-results__toggle");
  const done = document.querySelector(".archive-results__done");
  let latest = 0;

  const unfold = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    results.dataset.filters = open ? "open" : "closed";
  };
  unfold(false);
  toggle.addEventListener("click", () => unfold(toggle.getAttribute("aria-expanded") !== "true"));
  // Back from the filters to the results: the focus returns to the button that opened them, above the results.
  const fold = () => { unfold(false); toggle.focus(); };
  done.addEventListener("click", fold);
  document.getElementById("archive-results-facets").addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.offsetParent && results.dataset.filters === "open") fold();
  });

  const counted = (count) => `${count} document${count === 1 ? "" : "s"}`;
  const chosen = () => {
    const params = new URLSearchParams(location.search);
    return Object.fromEntries(FACETS.map((name) => [name, new Set(params.getAll(name))]));
  };
  const address = (text, filters) => {
    const params = new URLSearchParams();
    if (text) params.set("q", text);
    for (const name of FACETS) for (const value of [...filters[name]].sort()) params.append(name, value);
    return `${location.pathname}${params.size ? `?${params}` : ""}`;
  };

  const run = async () => {
    const asked = ++latest;
    const text = new URLSearchParams(location.search).get("q") || "";
    const filters = chosen();
    input.value = text;
    const header = document.getElementById("archive-search-query");
    if (header) header.value = text;
    if (!text.trim()) {
      status.textContent = "Type words to search the archive.";
      list.replaceChildren();
      // No query, nothing to filter: the facets of the last one go, and on a phone their panel closes.
      for (const fieldset of document.querySelectorAll("fieldset[data-facet]")) fieldset.hidden = true;
      toggle.hidden = true;
      unfold(false);
      return;
    }
    status.textContent = "Searching…";
    const facets = await window.ArchiveSearch.load("facets");
    const valuesOf = (entry, name) => facets.entries[entry][FACETS.indexOf(name)].map((code) => facets.values[FACETS.indexOf(name)][code]);
    const passes = (entry, except) => FACETS.every((name) => name === except || !filters[name].size ||
      valuesOf(entry, name).some((value) => filters[name].has(value)));
    const { query, ranked, partial } = await window.ArchiveSearch.query(text, { limit: 0 });
    const kept = ranked.filter(([, entry]) => passes(entry));
    const { found } = await window.ArchiveSearch.query(text, { limit: LIMIT, keep: (entry) => passes(entry) });
    if (asked !== latest) return;
    window.ArchiveSearch.draw(list, query, found);
    status.textContent = `${counted(kept.length)} found` +
      (kept.length > LIMIT ? `; the best ${LIMIT} are shown` : "") +
      (partial ? `. ${window.ArchiveSearch.PHRASE_IN_PART}` : "");
    for (const name of FACETS) drawFacet(name, ranked, filters, valuesOf, passes, text);
    const count = FACETS.reduce((sum, name) => sum + filters[name].size, 0);
    toggle.textContent = count ? `Filters (${count} chosen)` : "Filters";
    toggle.hidden = !document.querySelector("fieldset[data-facet]:not([hidden])");
    done.textContent = `Show ${counted(kept.length)}`;
    document.documentElement.dataset.archiveResults = String(kept.length);
  };

  const drawFacet = (name, ranked, filters, valuesOf, passes, text) => {
    const counts = new Map([...filters[name]].map((value) => [value, 0]));
    for (const [, entry] of ranked) {
      if (!passes(entry, name)) continue;
      for (const value of valuesOf(entry, name)) counts.set(value, (counts.get(value) || 0) + 1);
    }
    const fieldset = document.querySelector(`fieldset[data-facet="${name}"]`);
    const values = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 12);
    fieldset.hidden = values.length === 0;
    fieldset.querySelector("ul").replaceChildren(...values.map(([value, count]) => {
      const item = valueTemplate.content.firstElementChild.cloneNode(true);
      const box = item.querySelector("input");
      box.name = name;
      box.value = value;
      box.checked = filters[name].has(value);
      item.querySelector(".archive-facet__name").textContent = value;
      item.querySelector(".archive-facet__count").textContent = `(${count})`;
      box.addEventListener("change", () => {
        const next = chosen();
        if (box.checked) next[name].add(value); else next[name].delete(value);
        history.pushState(null, "", address(text, next));
        run().then(() => document.querySelector(`fieldset[data-facet="${name}"] input[value="${CSS.escape(value)}"]`)?.focus());
      });
      return item;
    }));
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    history.pushState(null, "", address(input.value.trim(), chosen()));
    run();
  });
  window.addEventListener("popstate", run);
  run();
});
