// "How are A and B connected?": typed in the search box as "connect A and B", answered by
// GET /v1/paths (the API resolves each name to its best-matching entity), drawn as highlighted
// paths in the graph, and explained hop by hop with the evidence of every hop in the side panel.
import { apiGet, describeError } from "./api.js";
import { fmtDate, h, safeUrl } from "./dom.js";
import { TYPE_STYLE, layout, merge } from "./graphview.js";
import { highlight, showMessage } from "./panel.js";

// "connect A and B", "connect A to B", "connect A with B", "path A to B", "A <-> B".
const CONNECT = /^\s*(?:connect|path|paths|link)\s+(.+?)\s+(?:and|to|with)\s+(.+?)\s*\??\s*$/i;
const ARROW = /^\s*(.+?)\s*(?:<->|↔)\s*(.+?)\s*$/;

export function parseConnect(text) {
  const m = CONNECT.exec(text || "") || ARROW.exec(text || "");
  if (!m) return null;
  const [a, b] = [m[1].trim(), m[2].trim()];
  return a.length >= 2 && b.length >= 2 ? { a, b } : null;
}

const relName = (t) => String(t || "related").replaceAll("_", " ").toLowerCase();

function evidenceItem(ev) {
  const url = safeUrl(ev.url);
  const quote = h("blockquote", { class: "sentence-quote" });
  if (ev.sentence && Number.isInteger(ev.sentence_start) && Number.isInteger(ev.start)) {
    highlight(quote, ev.sentence, {
      sentence_start: 0, sentence_end: ev.sentence.length,
      start: ev.start - ev.sentence_start, end: (ev.end ?? ev.start) - ev.sentence_start,
    });
  } else {
    quote.append(ev.sentence || "(named in this article, not in one sentence)");
  }
  return h("li", { class: "hop-evidence" },
    h("p", { class: "source" }, h("strong", {}, ev.outlet || "Unknown outlet"),
      ev.published ? ` · ${fmtDate(ev.published)}` : "", " · ",
      url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, ev.title || url, " ↗")
        : h("span", {}, ev.title || ev.article_id)),
    quote);
}

function renderPanel(panelEl, body, { onClear, onPick }) {
  const { source, target, paths } = body;
  showMessage(`How ${source.name} and ${target.name} connect`,
    paths.length ? `${paths.length} path(s), shortest first; every hop with its evidence.`
      : "No path within 4 hops between these two entities.");
  panelEl.dataset.kind = "paths";
  const names = new Map(paths.flatMap((p) => p.nodes.map((n) => [n.id, n.name || n.id])));
  paths.forEach((p, i) => {
    const sec = h("section", { class: "path-block", "data-testid": "path" },
      h("h3", {}, `Path ${i + 1} · ${p.length} hop${p.length === 1 ? "" : "s"}`));
    const ol = h("ol", { class: "hops" });
    for (const hop of p.hops) {
      const evs = hop.evidence || [];
      const ends = [hop.source, hop.target].map((id) => {
        const node = p.nodes.find((n) => n.id === id) || {};
        const st = TYPE_STYLE[node.type] || { color: "#64748b" };
        return h("button", { type: "button", class: "link", onclick: () => onPick(id) },
          h("span", { class: "dot", style: `--c:${st.color}`, "aria-hidden": "true" }), ` ${names.get(id) || id}`);
      });
      ol.append(h("li", { class: "hop", "data-testid": "hop", "data-edge-id": hop.id },
        h("p", { class: "hop-ends" }, ends[0], h("span", { class: "muted" }, ` — ${relName(hop.type)}${hop.title ? ` (${hop.title})` : ""} — `), ends[1]),
        evs.length ? h("ul", { class: "evidence" }, evs.slice(0, 3).map(evidenceItem))
          : h("p", { class: "muted small" }, "No evidence returned for this hop."),
        evs.length > 3 ? h("p", { class: "muted small" }, `and ${evs.length - 3} more (click the edge)`) : null));
    }
    sec.append(ol);
    panelEl.append(sec);
  });
  panelEl.append(h("button", { type: "button", class: "ghost", "data-testid": "clear-path", onclick: onClear },
    "Clear path highlight"));
}

// Clears the highlight of a previous path view.
export function clearPath(cy) {
  cy.elements().removeClass("path faded");
}

// Fetches the paths between two names or ids, draws and explains them. Returns the response.
export async function showPaths(cy, panelEl, a, b, { track, afterChange, say, onPick, onClear }) {
  let body;
  try {
    body = await track(apiGet("/v1/paths", { from: a, to: b, max_hops: 4, k: 3 }));
  } catch (err) {
    say(describeError(err), { error: true });
    return null;
  }
  clearPath(cy);
  const nodes = body.paths.flatMap((p) => p.nodes);
  const hops = body.paths.flatMap((p) => p.hops);
  const first = cy.nodes().empty();
  const added = merge(cy, nodes, hops, cy.getElementById(body.source.id));
  const onPath = cy.collection();
  for (const n of nodes) onPath.merge(cy.getElementById(String(n.id)));
  for (const e of hops) onPath.merge(cy.getElementById(String(e.id)));
  onPath.addClass("path");
  cy.elements().not(onPath).addClass("faded");
  afterChange();
  if (added.nonempty()) await track(layout(cy, { incremental: !first }));
  cy.animate({ fit: { eles: onPath, padding: 60 }, duration: 250 });
  renderPanel(panelEl, body, { onPick, onClear: () => {
    clearPath(cy);
    onClear?.();
    afterChange();
  } });
  say(body.paths.length
    ? `${body.paths.length} path(s) between ${body.source.name} and ${body.target.name}, shortest ${body.paths[0].length} hop(s)`
    : `No path between ${body.source.name} and ${body.target.name} within 4 hops`);
  return body;
}
