// Export the current view, entirely client-side: PNG (cytoscape), JSON and GraphML of the
// visible subgraph, each edge with its evidence so an export stays checkable.
import { download } from "./dom.js";
import { visibleElements } from "./graphview.js";
import { shareUrl, state } from "./state.js";

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");

export function exportPng(cy) {
  const blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff", maxWidth: 6000 });
  download(`conflict-kg-${stamp()}.png`, blob);
}

export function viewJson(cy) {
  const { nodes, edges } = visibleElements(cy);
  return {
    exported_at: new Date().toISOString(),
    view: shareUrl(),
    filters: {
      types: [...state.types],
      rel_types: state.rels ? [...state.rels] : null,
      date_from: state.dateFrom || null,
      date_to: state.dateTo || null,
    },
    nodes,
    edges,
  };
}

export function exportJson(cy) {
  const text = JSON.stringify(viewJson(cy), null, 2);
  download(`conflict-kg-${stamp()}.json`, new Blob([text], { type: "application/json" }));
}

const xml = (v) =>
  String(v).replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);

const NODE_KEYS = [
  ["name", "string"], ["type", "string"], ["mentions", "int"], ["lat", "double"], ["lon", "double"],
  ["country", "string"], ["content", "string"],
];
const EDGE_KEYS = [["type", "string"], ["weight", "double"], ["evidence", "string"]];

// GraphML that Gephi, yEd and networkx read; evidence goes in as a JSON string per edge.
export function viewGraphml(cy) {
  const { nodes, edges } = visibleElements(cy);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...NODE_KEYS.map(([k, t]) => `  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${t}"/>`),
    ...EDGE_KEYS.map(([k, t]) => `  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${t}"/>`),
    '  <graph id="view" edgedefault="directed">',
  ];
  for (const n of nodes) {
    out.push(`    <node id="${xml(n.id)}">`);
    for (const [k, t] of NODE_KEYS) {
      let v = n[k];
      if (v === undefined || v === null || v === "") continue;
      if (t === "int") v = Math.round(Number(v)) || 0;
      out.push(`      <data key="n_${k}">${xml(v)}</data>`);
    }
    out.push("    </node>");
  }
  for (const e of edges) {
    out.push(`    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}">`);
    out.push(`      <data key="e_type">${xml(e.type)}</data>`);
    out.push(`      <data key="e_weight">${xml(Number(e.weight) || 0)}</data>`);
    out.push(`      <data key="e_evidence">${xml(JSON.stringify(e.evidence || []))}</data>`);
    out.push("    </edge>");
  }
  out.push("  </graph>", "</graphml>");
  return out.join("\n");
}

export function exportGraphml(cy) {
  download(`conflict-kg-${stamp()}.graphml`, new Blob([viewGraphml(cy)], { type: "application/xml" }));
}
