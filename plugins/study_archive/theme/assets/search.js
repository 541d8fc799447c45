/* The archive's search: the header's field on every page and the results page with facets.
 *
 * The index (search/data/*.js, written by study_archive.outputs.search) is a set of small scripts, each handing its
 * data to ArchiveSearch.add: a query loads the shards of its terms, then the titles and paragraphs it shows, so it
 * works from file:// and downloads about the same whatever the archive's size. Words become terms as in
 * study_archive/outputs/words.py, with lunr.js (vendor/lunr.min.js, lunr 2.3.9 from the npm package `lunr`,
 * MIT licence) for the stop words and the Porter stemmer, and results are ranked as in outputs/query.py.
 */
(() => {
  const assets = new URL(".", document.currentScript.src);
  const root = new URL("../../", assets);
  const folder = new URL("search/data/", root);
  const PREFIX_WEIGHT = 0.6, PREFIX_TERMS = 20, PREFIX_SHARDS = 2, PARAGRAPHS_SHOWN = 3;
  const PHRASE_CANDIDATES = 200, PHRASE_CANDIDATES_TYPING = 32, PHRASE_BATCH = 8;
  const FACETS = ["kind", "author", "decade", "topic", "curriculum"];
  const files = new Map();
  // A page's address in the index is its folder; read from files (the offline copy), a folder is its index.html.
  const forFiles = (links) => {
    if (root.protocol !== "file:") return;
    for (const link of links) {
      const address = new URL(link.href);
      if (address.pathname.endsWith("/")) address.pathname += "index.html";
      link.href = address.href;
    }
  };

  const inject = (src) => new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
  const load = (name) => {
    if (!files.has(name)) {
      let settle;
      const promise = new Promise((resolve, reject) => { settle = { resolve, reject }; });
      files.set(name, { promise, settle });
      inject(new URL(`${name}.js`, folder).href).catch(settle.reject);
    }
    return files.get(name).promise;
  };
  let lunrLoading = null;
  // lunr.js and the manifest are requested together: neither needs the other, and both come before any query.
  const ready = () => (lunrLoading ||= Promise.all([inject(new URL("vendor/lunr.min.js", assets).href), load("manifest")])
    .then(([, manifest]) => manifest));

  window.ArchiveSearch = {
    add(name, data) {
      if (!files.has(name)) files.set(name, { promise: Promise.resolve(data), settle: null });
      else files.get(name).settle?.resolve(data);
    },
  };

  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const words = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  const termOf = (word) => {
    if (word.length < 2 || !window.lunr.stopWordFilter(new window.lunr.Token(word))) return null;
    return /^[a-z]+$/.test(word) ? window.lunr.stemmer(new window.lunr.Token(word)).toString() : word;
  };
  const parse = (text, typing) => {
    const phrases = [...text.matchAll(/"([^"]*)"?/g)].map((match) => words(match[1])).filter((p) => p.length);
    const terms = [...new Set(words(text).map(termOf).filter(Boolean))];
    const all = words(text);
    const open = typing && text && !/[\s"]$/.test(text);
    const last = open ? all[all.length - 1] : null;
    return { terms, phrases, prefix: last && last.length >= 2 ? last : null };
  };

  /* A shard holds a run of terms in order (outputs/search.py): the manifest gives each run's key, where it
     begins, with the largest number of records of its terms. A term is in the shard of the last key not after it,
     if that key is of the term's two-letter group. Keys are compared as Python compares them, by code point. */
  const before = (a, b) => {
    if (!/[\ud800-\udfff]/.test(a + b)) return a < b;
    const x = [...a].map((c) => c.codePointAt(0)), y = [...b].map((c) => c.codePointAt(0));
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i];
    return x.length < y.length;
  };
  /* The manifest lists the keys in that order, each as how many letters it shares with the one before (one
     character from code point 48) and the rest of it, and their largest numbers of records in `tops`. */
  const keysOf = (manifest) => {
    if (!manifest.shards) {
      let last = "";
      manifest.sorted = (manifest.keys ? manifest.keys.split(",") : []).map((item) =>
        (last = [...last].slice(0, item.codePointAt(0) - 48).join("") + item.slice(1)));
      manifest.shards = Object.fromEntries(manifest.sorted.map((key, i) => [key, manifest.tops[i]]));
    }
    return manifest.sorted;
  };
  const after = (keys, term) => {  // how many keys are not after the term
    let low = 0, high = keys.length;
    while (low < high) { const middle = (low + high) >> 1; if (before(term, keys[middle])) high = middle; else low = middle + 1; }
    return low;
  };
  const group = (term) => [...term].slice(0, 2).join("");
  const keyOf = (manifest, term) => {
    const keys = keysOf(manifest), at = after(keys, term) - 1;
    return at >= 0 && group(keys[at]) === group(term) ? keys[at] : null;
  };
  const hex = (key) => [...new TextEncoder().encode(key)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  const loadShard = (manifest, key) => load(manifest.names?.[key] ?? `s${hex(key)}`);
  const shardOf = async (manifest, term) => {
    const key = keyOf(manifest, term);
    return key === null ? {} : loadShard(manifest, key);
  };
  /* The shards that can hold terms beginning with a prefix (the one it falls in, then those whose key begins with
     it), the one with the most frequent term first. */
  const prefixShards = (manifest, prefix) => {
    const keys = keysOf(manifest), first = keyOf(manifest, prefix), spanned = first === null ? [] : [first];
    for (let at = after(keys, prefix); at < keys.length && keys[at].startsWith(prefix); at++) spanned.push(keys[at]);
    return spanned.sort((a, b) => manifest.shards[b] - manifest.shards[a] || (before(a, b) ? -1 : 1));
  };
  /* A term's list is its number of records, then its best records as document, paragraph, score; the score is
     the record's own (how often the term occurs in it, for its length) and is weighed here by how rare the term
     is, which only the whole archive knows (BM25's idf, as outputs/query.py computes it). */
  const rarity = (manifest, count) => Math.log(1 + (manifest.records - count + 0.5) / (count + 0.5));
  // Whether a list (its number of records, then three numbers a record) leaves records out.
  const partial = (postings) => postings[0] > Math.floor((postings.length - 1) / 3);

  /* Pairs of common terms side by side are spread over `manifest.pairFiles` files by their terms' CRC-32 checksums,
     as outputs/search.py's `pair_file` does: the manifest names none of them. */
  const CRC = Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xEDB88320 ^ (n >>> 1) : n >>> 1;
    return n >>> 0;
  });
  const crc32 = (text) => {
    let crc = 0xFFFFFFFF;
    for (const byte of new TextEncoder().encode(text)) crc = CRC[(crc ^ byte) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  };
  const PAIR_MIX = 2654435761;
  const pairFile = (first, second, files) => ((Math.imul(crc32(first), PAIR_MIX) + crc32(second)) >>> 0) % files;
  /* For each quoted phrase whose every term's list leaves records out, its terms and the list of the pair of them
     side by side that occurs in the fewest records (outputs/query.py, `Index.pairs`). */
  const pairsOf = async (manifest, query, lists) => {
    const files = manifest.pairFiles || 0;
    return (await Promise.all(query.phrases.map(async (phrase) => {
      const terms = phrase.map(termOf).filter(Boolean);
      if (!files || terms.length < 2 || !terms.every((term) => partial(lists.get(term) || [0]))) return null;
      const listed = await Promise.all(terms.slice(1).map(async (second, i) =>
        (await load(`p${pairFile(terms[i], second, files)}`))[`${terms[i]} ${second}`] || [0]));
      return { terms, postings: listed.reduce((fewest, postings) => (postings[0] < fewest[0] ? postings : fewest)) };
    }))).filter(Boolean);
  };
  /* The most frequent terms a word being typed begins: shards are loaded the one with the most frequent term first,
     until none left can hold a term more frequent than the last found, or PREFIX_SHARDS are loaded. */
  const expansions = async (manifest, prefix) => {
    const found = {};
    let best = [];
    const keys = prefixShards(manifest, prefix);
    for (let loaded = 0; loaded < keys.length; loaded++) {
      const key = keys[loaded];
      if (loaded === PREFIX_SHARDS || (best.length === PREFIX_TERMS && found[best[best.length - 1]][0] > manifest.shards[key])) break;
      const shard = await loadShard(manifest, key);
      for (const [term, postings] of Object.entries(shard)) if (term.startsWith(prefix)) found[term] = postings;
      best = Object.keys(found).sort((a, b) => found[b][0] - found[a][0] || (before(a, b) ? -1 : 1)).slice(0, PREFIX_TERMS);
    }
    return best.map((term) => [term, found[term]]);
  };
  const entry = async (manifest, number) =>
    (await load(`e${Math.floor(number / manifest.entriesPerChunk)}`))[number % manifest.entriesPerChunk];
  const paragraph = async (manifest, number, p) => {
    if (p === 0) { const values = await entry(manifest, number); return `${values[0]}. ${values[5]}`; }
    const size = manifest.paragraphsPerChunk;
    return (await load(`t${number}-${Math.floor((p - 1) / size)}`))[(p - 1) % size];
  };
  const hasPhrases = (said, phrases) => phrases.every((phrase) => said.some((_, i) =>
    phrase.every((word, j) => said[i + j] === word)));

  /* Every matching document, best first, as [score, entry, records]; `keep(entry)` filters by facets, and phrases
     are checked until `enough` documents have them or, while typing, until `current()` says a newer query came. */
  const rank = async (query, keep = () => true, enough = Infinity, current = () => true) => {
    const manifest = await ready();
    const lists = new Map();  // each term's own list
    const slots = await Promise.all(query.terms.map(async (term) => {
      const slot = new Map();
      // The term's own shard and the shards of the word being typed are requested together.
      const [shard, expanded] = await Promise.all([shardOf(manifest, term),
        query.prefix && term === termOf(query.prefix) ? expansions(manifest, query.prefix) : []]);
      lists.set(term, shard[term] || [0]);
      const choices = [[lists.get(term), 1]];
      for (const [t, postings] of expanded) if (t !== term) choices.push([postings, PREFIX_WEIGHT]);
      for (const [postings, weight] of choices) {
        const idf = rarity(manifest, postings[0]) * weight;
        for (let i = 1; i < postings.length; i += 3) {
          const key = `${postings[i]} ${postings[i + 1]}`;
          slot.set(key, Math.max(slot.get(key) || 0, postings[i + 2] * idf));
        }
      }
      return slot;
    }));
    /* A record a phrase's pair lists that the list of one of the phrase's terms left out is given, for that term,
       the pair's score: it holds the term at least as often as the pair (outputs/query.py, `Index._paired`). */
    const pairs = query.phrases.length ? await pairsOf(manifest, query, lists) : [];
    const paired = pairs.map(({ terms, postings }) => {
      const found = new Map();
      for (let i = 1; i < postings.length; i += 3) found.set(`${postings[i]} ${postings[i + 1]}`, postings[i + 2]);
      query.terms.forEach((term, i) => {
        if (!terms.includes(term)) return;
        const idf = rarity(manifest, lists.get(term)[0]);
        for (const [key, score] of found) if (!slots[i].has(key)) slots[i].set(key, score * idf);
      });
      return found;
    });
    let records = new Map();
    for (const slot of slots) for (const [key, score] of slot) records.set(key, (records.get(key) || 0) + score);
    if (query.phrases.length) records = await withPhrases(manifest, query, slots, paired, records, enough, current);
    /* A phrase whose every word is common, and whose pairs' lists leave records out too, was looked for in those
       lists only, which keep their best records: the reader is told (outputs/query.py, `Index.phrase_in_part`). */
    const needed = [...new Set(query.phrases.flat().map(termOf).filter(Boolean))];
    const inPart = needed.length > 0 && needed.every((term) => partial(lists.get(term) || [0]))
      && pairs.every(({ postings }) => partial(postings));
    const entries = new Map();
    for (const key of records.keys()) {
      const number = +key.split(" ")[0];
      if (keep(number) && !entries.has(number)) entries.set(number, { best: slots.map(() => 0), records: [] });
    }
    slots.forEach((slot, i) => {
      for (const [key, score] of slot) {
        const found = records.has(key) && entries.get(+key.split(" ")[0]);
        if (found) found.best[i] = Math.max(found.best[i], score);
      }
    });
    for (const [key, score] of records) entries.get(+key.split(" ")[0])?.records.push([+key.split(" ")[1], score]);
    const ranked = [...entries].map(([number, { best, records }]) => {
      const matched = best.filter(Boolean).length / best.length;
      return [best.reduce((a, b) => a + b, 0) * matched * matched, number, records];
    }).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    return { ranked, partial: inPart };
  };
  const withPhrases = async (manifest, query, slots, paired, records, enough, current) => {
    const needed = new Set(query.phrases.flat().map(termOf).filter(Boolean));
    // The fewest candidates: a pair's records, or the rarest word's (lists keep a term's best 300 records).
    const rarest = [...paired, ...slots.filter((_, i) => needed.has(query.terms[i]))]
      .sort((a, b) => a.size - b.size)[0] || new Map();
    const candidates = [...records].filter(([key]) => rarest.has(key))
      .sort((a, b) => b[1] - a[1]).slice(0, enough === Infinity ? PHRASE_CANDIDATES : PHRASE_CANDIDATES_TYPING);
    const kept = new Map(), entries = new Set();
    /* In order of score and a few at a time: the check downloads each candidate's paragraph, so it stops as soon as
       the reader has typed on (a phrase is typed a letter at a time, and each letter is a query of its own) or
       enough documents have the phrase. Each batch is twice the one before (8, 16, 32, …): the best candidates
       come first and cost little, and a phrase found in few of them waits for a few round trips, not one each 8. */
    for (let start = 0, size = PHRASE_BATCH; start < candidates.length && entries.size < enough && current(); start += size, size *= 2) {
      const checked = await Promise.all(candidates.slice(start, start + size).map(async ([key, score]) => {
        const [number, p] = key.split(" ").map(Number);
        return hasPhrases(words(await paragraph(manifest, number, p)), query.phrases) ? [key, score] : null;
      }));
      for (const [key, score] of checked.filter(Boolean)) { kept.set(key, score); entries.add(key.split(" ")[0]); }
    }
    return kept;
  };
  /* The top `limit` documents with their titles and best paragraphs' texts. */
  const results = async (query, ranked, limit) => {
    const manifest = await ready();
    return Promise.all(ranked.slice(0, limit).map(async ([score, number, records]) => {
      const hits = records.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, PARAGRAPHS_SHOWN);
      // The document's title and its paragraphs are requested together: a paragraph's file does not need the title's.
      const [[title, url, kind, authors, year, , sections], texts] = await Promise.all([entry(manifest, number),
        Promise.all(hits.map(([p]) => paragraph(manifest, number, p)))]);
      // A text's hit opens its paragraph; a curriculum's or a debate's, its session or piece.
      const place = (p) => !p ? ["", "Summary"] : sections ? sections[p - 1] : [`p${p}`, `¶${p}`];
      return { score, title, url, kind, authors, year,
        hits: hits.map(([p], i) => { const [anchor, label] = place(p); return { anchor, label, text: texts[i] }; }) };
    }));
  };

  const matches = (word, query) => query.terms.includes(termOf(fold(word)) || "") ||
    Boolean(query.prefix && fold(word).startsWith(query.prefix));
  const snippet = (text, query, size = 30) => {
    const pieces = text.split(/([\p{L}\p{N}]+)/u);
    const marked = pieces.map((piece, i) => i % 2 === 1 && matches(piece, query));
    const first = Math.max(1, marked.indexOf(true));
    const start = Math.max(0, first - size), end = Math.min(pieces.length, first + size);
    const nodes = pieces.slice(start, end).map((piece, i) => {
      if (!marked[start + i]) return document.createTextNode(piece);
      const mark = document.createElement("mark");
      mark.textContent = piece;
      return mark;
    });
    if (start > 0) nodes.unshift(document.createTextNode("… "));
    if (end < pieces.length) nodes.push(document.createTextNode(" …"));
    return nodes;
  };
  const draw = (list, query, found) => {
    const item = document.getElementById("archive-search-result"), hit = document.getElementById("archive-search-hit");
    list.replaceChildren(...found.map((result) => {
      const node = item.content.firstElementChild.cloneNode(true);
      const link = node.querySelector(".archive-result__link");
      link.href = new URL(result.url, root).href;
      link.textContent = result.title;
      node.querySelector(".archive-result__meta").textContent =
        [result.authors.join(", "), result.year, result.kind].filter((part) => part !== null && part !== "").join(" · ");
      node.querySelector(".archive-result__hits").replaceChildren(...result.hits.map(({ anchor, label, text }) => {
        const row = hit.content.firstElementChild.cloneNode(true);
        row.querySelector(".archive-hit__link").href = new URL(result.url + (anchor ? `#${anchor}` : ""), root).href;
        row.querySelector(".archive-hit__number").textContent = label;
        row.querySelector(".archive-hit__snippet").replaceChildren(...snippet(text, query));
        return row;
      }));
      return node;
    }));
    forFiles(list.querySelectorAll("a[href]"));
  };
  const counted = (count) => `${count} document${count === 1 ? "" : "s"} found`;
  const PHRASE_IN_PART = "Every word of the quoted phrase is common, so it was looked for only in the paragraphs where " +
    "its words weigh most: it may occur elsewhere. A rarer word beside it finds more.";
  window.ArchiveSearch.query = async (text, { typing = false, limit = 10, keep, current = () => true } = {}) => {
    await ready(); // parsing needs lunr's stemmer, which the first keystroke may outrun
    const query = parse(text, typing);
    const { ranked, partial } = query.terms.length ? await rank(query, keep, typing ? limit : Infinity, current)
      : { ranked: [], partial: false };
    // A query the reader has already typed past shows nothing: its titles and paragraphs are not downloaded.
    return { query, ranked, partial, found: current() ? await results(query, ranked, limit) : [] };
  };

  const header = (form) => {
    const input = form.querySelector("input"), popup = form.querySelector(".archive-search__popup");
    const status = form.querySelector(".archive-search__status"), list = form.querySelector(".archive-search__results");
    const all = form.querySelector(".archive-search__all");
    let latest = 0;
    const show = (open) => { popup.hidden = !open; input.setAttribute("aria-expanded", String(open)); };
    input.addEventListener("focus", () => { ready(); });
    input.addEventListener("input", async () => {
      const asked = ++latest, text = input.value;
      if (!text.trim()) { show(false); return; }
      const { query, ranked, partial, found } = await window.ArchiveSearch.query(text,
        { typing: true, limit: 5, current: () => asked === latest });
      if (asked !== latest) return;
      draw(list, query, found);
      status.textContent = counted(ranked.length) + (partial ? `. ${PHRASE_IN_PART}` : "");
      all.href = `${form.getAttribute("action")}?q=${encodeURIComponent(text)}`;
      popup.dataset.query = text;
      show(true);
    });
    form.addEventListener("keydown", (event) => {
      const links = [...popup.querySelectorAll("a")];
      const at = links.indexOf(document.activeElement);
      if (event.key === "Escape") { show(false); input.focus(); }
      else if (event.key === "ArrowDown" && !popup.hidden && links.length) links[Math.min(at + 1, links.length - 1)].focus();
      else if (event.key === "ArrowUp" && at >= 0) (at === 0 ? input : links[at - 1]).focus();
      else return;
      event.preventDefault();
    });
    document.addEventListener("keydown", (event) => {
      const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
        event.preventDefault();
        input.focus();
      }
    });
    /* Safari gives no focus to a link tapped or clicked: the field loses it to nothing, and closing the results
       then would move the link from under the finger. A press in the results keeps them open through that. */
    let pressed = false;
    popup.addEventListener("pointerdown", () => { pressed = true; });
    popup.addEventListener("pointercancel", () => { pressed = false; }); // a scroll of the results, not a tap
    const outside = (event) => { if (!form.contains(event.target)) show(false); };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("focusin", outside);
    form.addEventListener("focusout", (event) => {
      if (!pressed && !form.contains(event.relatedTarget)) show(false);
      pressed = false;
    });
  };
  window.ArchiveSearch.draw = draw;
  window.ArchiveSearch.PHRASE_IN_PART = PHRASE_IN_PART;
  window.ArchiveSearch.load = async (name) => { await ready(); return load(name); };
  document.querySelectorAll("form[data-archive-search]").forEach(header);
})();
