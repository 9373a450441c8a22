namespace SshDoctor.Cli.Rendering.Html;

/// <summary>
/// The report page's script: sorts the host table by a clicked heading, filters it by text and by outcome (a click on an
/// outcome's bar chooses it), and says how many rows are shown. It reads only the page's own cells and writes only
/// <c>textContent</c>, attributes and row order: nothing it handles becomes markup.
/// </summary>
internal static class ScanHtmlScript
{
    public const string Text = """
        "use strict";
        (function () {
          const table = document.getElementById("hosts");
          const body = table.tBodies[0];
          const rows = Array.from(body.rows);
          const filter = document.getElementById("filter");
          const outcome = document.getElementById("outcome");
          const shown = document.getElementById("shown");
          const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

          function key(row, column) {
            const cell = row.cells[column];
            return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent;
          }

          function sortBy(heading) {
            const column = heading.cellIndex;
            const descending = heading.getAttribute("aria-sort") === "ascending";
            const numeric = heading.dataset.type === "number";
            for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
            heading.setAttribute("aria-sort", descending ? "descending" : "ascending");
            const sorted = rows.slice().sort(function (a, b) {
              const x = key(a, column), y = key(b, column);
              const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
              return (descending ? -order : order) || a.dataset.index - b.dataset.index;
            });
            for (const row of sorted) body.appendChild(row);
          }

          function apply() {
            const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
            const wanted = outcome.value;
            let count = 0;
            for (const row of rows) {
              const text = row.textContent.toLowerCase();
              const visible = (wanted === "" || row.dataset.outcome === wanted) && words.every(w => text.includes(w));
              row.hidden = !visible;
              if (visible) count++;
            }
            shown.textContent = count + " / " + rows.length;
            shown.dataset.count = String(count);
          }

          for (const heading of table.tHead.rows[0].cells) {
            heading.tabIndex = 0;
            heading.addEventListener("click", function () { sortBy(heading); });
            heading.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(heading); });
          }
          filter.addEventListener("input", apply);
          outcome.addEventListener("change", apply);
          for (const bar of document.querySelectorAll("[data-outcome-filter]")) {
            bar.addEventListener("click", function () {
              outcome.value = outcome.value === bar.dataset.outcomeFilter ? "" : bar.dataset.outcomeFilter;
              apply();
              table.scrollIntoView();
            });
          }
          apply();
          document.body.dataset.ready = "true";
        })();
        """;
}
