/* Mermaid diagrams that draw offline.
 *
 * Material draws every `pre.mermaid` block with a global `mermaid`, and fetches one from a CDN when
 * there is none, which fails offline. This stand-in takes its place: it keeps Material's settings and,
 * on the first diagram of a page, loads the copy shipped beside it (vendor/mermaid.min.js, Mermaid
 * 11.17.2 from the npm package `mermaid`, MIT licence), so pages without diagrams load nothing more.
 */
(() => {
  // An element with the id "mermaid" also shows as `window.mermaid`; only a real Mermaid is kept.
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) return;
  const source = new URL("vendor/mermaid.min.js", document.currentScript.src).href;
  let settings = {};
  let loading = null;

  const load = () => (loading ||= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = source;
    script.onload = () => {
      window.mermaid.initialize(settings);
      resolve(window.mermaid);
    };
    script.onerror = () => reject(new Error(`could not load ${source}`));
    document.head.append(script);
  }));

  // A map's boxes link pieces by their folders; read from files (the offline copy), a folder is its index.html.
  const CLICK_TO_FOLDER = /^(\s*click \S+ href ")(?![a-z][a-z0-9+.-]*:)([^"#?]*\/)(?=[#?"])/gim;
  const forFiles = (text) => (location.protocol === "file:" ? text.replace(CLICK_TO_FOLDER, "$1$2index.html") : text);
  // Mermaid sizes a box from its label measured in the page, where Material makes `<small>` 80 %, and draws it
  // in a shadow root, where the browser's own `<small>` is 83 %: the maps' bylines (outputs/diagram.py) would
  // run out of their boxes. The diagrams' own stylesheet says 80 % for both.
  const LABELS = "small{font-size:80%}";

  window.mermaid = {
    initialize(given) { settings = { ...given, themeCSS: (given.themeCSS || "") + LABELS }; },
    async render(id, text) { return (await load()).render(id, forFiles(text)); },
  };
})();
