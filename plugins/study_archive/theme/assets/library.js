/* The library's table: each column header becomes a button that sorts the rows by that column (again to reverse),
 * with aria-sort on the header sorted by, and a filter field hides the rows that do not contain every word typed.
 * Each cell's `data-sort` is its sort key; an empty one (an undated text, an unknown author) sorts last whichever
 * way the column runs, and rows that tie keep the page's own order (oldest first). Without JavaScript the table
 * stays as the page wrote it, oldest first, and the filter stays hidden.
 */
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table[data-archive-sortable]")) sortable(table);
  for (const filter of document.querySelectorAll("[data-archive-filter]")) filterable(filter);
});

function sortable(table) {
  const body = table.tBodies[0];
  const headers = [...table.tHead.rows[0].cells];
  const rows = [...body.rows];
  rows.forEach((row, index) => { row.dataset.order = index; });
  const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });

  const key = (row, column) => row.cells[column].dataset.sort ?? row.cells[column].textContent.trim();
  const sortBy = (column, direction) => {
    const numeric = headers[column].dataset.sortType === "number";
    const sign = direction === "descending" ? -1 : 1;
    const sorted = [...body.rows].sort((a, b) => {
      const [x, y] = [key(a, column), key(b, column)];
      if (!x !== !y) return x ? -1 : 1;  // The empty last, in both directions.
      const order = !x ? 0 : numeric ? Number(x) - Number(y) : collator.compare(x, y);
      return sign * order || a.dataset.order - b.dataset.order;
    });
    body.append(...sorted);
    headers.forEach((header, index) => {
      if (index === column) header.setAttribute("aria-sort", direction);
      else header.removeAttribute("aria-sort");
    });
  };

  headers.forEach((header, column) => {
    if (!header.dataset.sortBy) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "archive-sort";
    button.append(...header.childNodes);
    header.append(button);
    button.addEventListener("click", () => {
      sortBy(column, header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
    });
  });
  if (rows.length) table.classList.add("is-sortable");
}

function filterable(filter) {
  const input = filter.querySelector("input");
  const table = document.getElementById(input.getAttribute("aria-controls"));
  const status = filter.querySelector("[role=status]");
  const rows = [...table.tBodies[0].rows];
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  const haystacks = new Map(rows.map((row) => [row, fold(row.dataset.filter || row.textContent)]));
  const apply = () => {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const match = words.every((word) => haystacks.get(row).includes(word));
      row.hidden = !match;
      shown += match;
    }
    status.textContent = words.length ? `${shown} of ${rows.length} texts shown` : "";
  };
  input.addEventListener("input", apply);
  filter.hidden = false;
  apply();  // A value the browser restored on going back filters at once.
}
