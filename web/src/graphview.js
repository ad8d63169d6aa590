// The graph canvas: cytoscape with fcose (readable at a few hundred nodes), styles per node
// type, and the merge/filter/layout operations the rest of the page calls.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

import { NODE_TYPES, inDateRange, state } from "./state.js";

cytoscape.use(fcose);

// Colour and shape per type; colour-blind-safe hues (Okabe-Ito) and distinct shapes, so the
// type is readable without colour too.
export const TYPE_STYLE = {
  Person: { color: "#0072B2", shape: "ellipse", label: "Person" },
  Organization: { color: "#7E57C2", shape: "round-rectangle", label: "Organization" },
  Place: { color: "#009E73", shape: "round-triangle", label: "Place" },
  Group: { color: "#E69F00", shape: "round-hexagon", label: "Group" },
  Facility: { color: "#56B4E9", shape: "barrel", label: "Facility" },
  Equipment: { color: "#8D6E15", shape: "tag", label: "Equipment" },
  Claim: { color: "#D55E00", shape: "round-diamond", label: "Claim" },
  Outlet: { color: "#CC79A7", shape: "round-rectangle", label: "Outlet" },
  AnonymousSource: { color: "#6B7280", shape: "ellipse", label: "Anonymous source" },
};

export const REL_STYLE = {
  CO_MENTIONED: { color: "#CBD5E1", style: "solid", arrow: false },
  CLAIM_ABOUT: { color: "#D55E00", style: "solid" },
  SAID: { color: "#D55E00", style: "solid" },
  ABOUT: { color: "#94A3B8", style: "dashed" },
  TARGETS: { color: "#B91C1C", style: "solid" },
  HAS_ROLE: { color: "#7E57C2", style: "solid" },
  LOCATED_IN: { color: "#009E73", style: "dotted" },
  DISPUTES: { color: "#B91C1C", style: "dashed" },
};

function nodeSize(mentions) {
  return Math.round(26 + Math.min(46, 9 * Math.sqrt(Math.max(0, mentions || 0))));
}

function shortLabel(n) {
  const raw = n.type === "Claim" ? `“${n.content || n.name || ""}”` : n.name || n.id;
  return raw.length > 42 ? `${raw.slice(0, 40)}…` : raw;
}

const styles = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      width: "data(size)",
      height: "data(size)",
      "background-color": "#64748b",
      "border-width": 2,
      "border-color": "#ffffff",
      // Label size, width and stacking are set per node by labels.js (level of detail).
      "font-size": "data(fs)",
      "font-family": "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
      color: "#1e293b",
      "text-valign": "bottom",
      "text-margin-y": "data(tmy)",
      "text-wrap": "ellipsis",
      "text-max-width": "data(tmw)",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "text-background-padding": 1,
      "text-background-shape": "round-rectangle",
      "z-index": "data(z)",
    },
  },
  ...Object.entries(TYPE_STYLE).map(([type, s]) => ({
    selector: `node[type = "${type}"]`,
    style: { "background-color": s.color, shape: s.shape },
  })),
  {
    selector: 'node[type = "Claim"]',
    style: { color: "#7c2d12", "font-style": "italic" },
  },
  {
    // A collapsed group (by type or community): one node standing for its members.
    selector: 'node[type = "Cluster"]',
    style: { shape: "round-rectangle", "background-color": "#e2e8f0", "border-color": "#475569",
      "border-width": 2, "border-style": "double", "font-weight": 600 },
  },
  {
    selector: 'node[type = "AnonymousSource"]',
    style: { "border-style": "dashed", "border-color": "#374151", "border-width": 2 },
  },
  { selector: "node.root", style: { "border-color": "#0f172a", "border-width": 3 } },
  { selector: "node.pinned", style: { "border-color": "#111827", "border-style": "double", "border-width": 5 } },
  {
    selector: "node:selected",
    style: { "overlay-color": "#2563eb", "overlay-opacity": 0.18, "overlay-padding": 6, "z-index": 10 },
  },
  {
    selector: "edge",
    style: {
      width: "data(width)",
      "line-color": "#cbd5e1",
      "curve-style": "bezier",
      opacity: 0.85,
      "target-arrow-shape": "none",
    },
  },
  ...Object.entries(REL_STYLE).map(([type, s]) => ({
    selector: `edge[type = "${type}"]`,
    style: {
      "line-color": s.color,
      "line-style": s.style,
      "target-arrow-shape": s.arrow === false ? "none" : "triangle",
      "target-arrow-color": s.color,
      "arrow-scale": 0.8,
    },
  })),
  {
    selector: "edge:selected",
    style: { "line-color": "#2563eb", "target-arrow-color": "#2563eb", width: 4, opacity: 1 },
  },
  { selector: ".filtered, .hidden, .collapsed", style: { display: "none" } },
  { selector: ".faded", style: { opacity: 0.2 } },
  { selector: "node.path", style: { "border-color": "#f59e0b", "border-width": 5 } },
  {
    selector: "edge.path",
    style: { "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", width: 6, opacity: 1, "z-index": 5 },
  },
  { selector: "node.lod-off", style: { "text-opacity": 0 } },
  { selector: "edge.grouped", style: { "line-color": "#94a3b8", "line-style": "dashed", opacity: 0.7 } },
];

export function createGraph(container) {
  const cy = cytoscape({
    container,
    style: styles,
    wheelSensitivity: 0.3,
    minZoom: 0.1,
    maxZoom: 3,
    boxSelectionEnabled: false,
  });
  return cy;
}

export function nodeData(n) {
  const type = NODE_TYPES.includes(n.type) ? n.type : n.anonymous ? "AnonymousSource" : n.type;
  return {
    ...n,
    id: String(n.id),
    type: type || "Entity",
    label: shortLabel({ ...n, type }),
    mentions: n.mentions ?? n.mention_count ?? 0,
    fs: 11, tmw: 130, tmy: 4, z: 0, // label defaults until labels.js places them
    size: type === "Claim" ? 22 : nodeSize(n.mentions ?? n.mention_count),
  };
}

export function edgeData(e) {
  const id = e.id || `${e.source}|${e.type}|${e.target}`;
  return {
    ...e,
    id: String(id),
    source: String(e.source),
    target: String(e.target),
    type: e.type || "RELATED",
    weight: e.weight ?? (e.evidence ? e.evidence.length : 1),
    width: Math.min(8, 1.2 + Math.sqrt(e.weight ?? 1)),
    evidence: e.evidence || [],
  };
}

// Merge nodes and edges into the graph; returns the newly added nodes. New nodes start on a
// ring around `around` so the incremental layout only needs to relax them.
export function merge(cy, nodes, edges, around) {
  const centre = around && around.nonempty() ? around.position() : { x: 0, y: 0 };
  // The same node may come twice in one answer (two paths through it): add it once.
  const seen = new Set();
  const fresh = nodes.filter((n) => {
    const id = String(n.id);
    if (seen.has(id) || cy.getElementById(id).nonempty()) return false;
    seen.add(id);
    return true;
  });
  // One add() per kind: adding element by element restyles the graph each time.
  const r = 90 + 6 * Math.sqrt(fresh.length);
  const added = cy.add(fresh.map((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
    return { group: "nodes", data: nodeData(n),
      position: { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) } };
  }));
  cy.batch(() => {
    for (const n of nodes) {
      const el = cy.getElementById(String(n.id));
      // Keep the richer record when the same node comes back from another expansion.
      if (el.nonempty() && !added.contains(el) && (n.mentions ?? 0) > (el.data("mentions") ?? 0)) {
        el.data(nodeData(n));
      }
    }
  });
  const edgeIds = new Set();
  const newEdges = [];
  for (const e of edges) {
    const d = edgeData(e);
    if (edgeIds.has(d.id) || cy.getElementById(d.id).nonempty()) continue;
    if (cy.getElementById(d.source).empty() || cy.getElementById(d.target).empty()) continue;
    edgeIds.add(d.id);
    newEdges.push({ group: "edges", data: d });
  }
  cy.add(newEdges);
  return added;
}

function edgeDates(edge) {
  return (edge.data("evidence") || []).map((ev) => ev.published).filter(Boolean);
}

// Applies type / relationship / date filters and the hidden set as classes (display: none).
export function applyFilters(cy) {
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const t = n.data("type");
      let out = !state.types.has(t) && NODE_TYPES.includes(t);
      if (!out && t === "Claim" && !n.hasClass("root")) {
        out = !inDateRange(n.data("date") || n.data("published"));
      }
      n.toggleClass("filtered", out);
      n.toggleClass("hidden", state.hidden.has(n.id()));
      n.toggleClass("pinned", state.pinned.has(n.id()));
      if (state.pinned.has(n.id())) n.lock();
      else n.unlock();
    });
    cy.edges().not(".grouped").forEach((e) => {
      let out = state.rels ? !state.rels.has(e.data("type")) : false;
      const dates = edgeDates(e);
      if (!out && dates.length && (state.dateFrom || state.dateTo)) {
        out = !dates.some((d) => inDateRange(d));
      }
      e.toggleClass("filtered", out);
    });
    // A neighbour whose every edge is filtered out has lost its reason to be in view (roots
    // stay: the analyst asked for them).
    cy.nodes().forEach((n) => {
      if (n.hasClass("root") || n.hasClass("filtered")) return;
      const edges = n.connectedEdges();
      const shown = edges.filter((e) => !e.hasClass("filtered") &&
        !e.source().hasClass("filtered") && !e.target().hasClass("filtered"));
      if (edges.nonempty() && shown.empty()) n.addClass("filtered");
    });
  });
}

let running = null;
let queued = null; // the next layout: { promise, resolve, incremental }

// Layouts asked for in a burst (rapid expansions, a restored view) run once, after it: at a
// few hundred nodes one layout takes a noticeable moment, and each would undo the previous.
export function layout(cy, { incremental = false } = {}) {
  if (queued) {
    queued.incremental = queued.incremental && incremental;
    return queued.promise;
  }
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  queued = { promise, incremental };
  setTimeout(() => {
    const q = queued;
    queued = null;
    runLayout(cy, { incremental: q.incremental }).then(resolve);
  }, 120);
  return promise;
}

// fcose keeps a few hundred nodes readable; pinned nodes stay where the analyst put them.
function runLayout(cy, { incremental = false } = {}) {
  const { nodes: vn, edges: ve } = inView(cy);
  const visible = vn.union(ve);
  if (visible.nodes().empty()) return Promise.resolve();
  if (running) {
    // A stopped layout may not report layoutstop: settle its promise here.
    const { layout: prev, done } = running;
    running = null;
    prev.stop();
    done();
  }
  const fixed = visible
    .nodes()
    .filter((n) => state.pinned.has(n.id()))
    .map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
  const n = visible.nodes().length;
  const opts = {
    name: "fcose",
    // "draft" is spectral only: the leaves of one hub all land on one spot. Keep the force step.
    quality: "default",
    randomize: !incremental,
    animate: n < 300,
    animationDuration: 450,
    fit: true,
    padding: 40,
    nodeDimensionsIncludeLabels: true,
    uniformNodeDimensions: false,
    packComponents: true,
    // Co-mention stars are dense: strong repulsion and long co-mention edges keep hubs apart,
    // short claim edges keep each claim next to its speaker.
    nodeRepulsion: () => 22000,
    idealEdgeLength: (e) => (e.data("type") === "CO_MENTIONED" ? 170 : 90),
    edgeElasticity: (e) => (e.data("type") === "CO_MENTIONED" ? 0.2 : 0.6),
    nestingFactor: 0.1,
    gravity: 0.3,
    numIter: 2500,
    tile: true,
    fixedNodeConstraint: fixed.length ? fixed : undefined,
  };
  return new Promise((resolve) => {
    let settled = false;
    const done = () => {
      if (!settled) resolve();
      settled = true;
    };
    const lay = visible.layout(opts);
    running = { layout: lay, done };
    lay.one("layoutstop", () => {
      if (running?.layout === lay) running = null;
      // A handful of nodes would otherwise be fitted at giant size.
      if (!settled && cy.zoom() > 1.3) {
        cy.zoom(1.3);
        cy.center(visible);
      }
      done();
    });
    lay.run();
  });
}

const OUT = ".filtered, .hidden, .collapsed";

// What is in view, from the classes rather than from `visible()`: an edge's visibility follows
// its ends' display only once cytoscape has restyled them, so it lags right after a filter.
export function inView(cy) {
  const nodes = cy.nodes().not(OUT);
  const ids = new Set(nodes.map((n) => n.id()));
  const edges = cy.edges().not(OUT).filter(
    (e) => ids.has(e.source().id()) && ids.has(e.target().id()),
  );
  return { nodes, edges };
}

// The visible subgraph as plain records (for export, the map and the node list).
export function visibleElements(cy) {
  const { nodes, edges } = inView(cy);
  const strip = ({ label, size, width, fs, tmw, tmy, z, ...rest }) => rest;
  return {
    nodes: nodes.map((n) => strip(n.data())),
    edges: edges.map((e) => strip(e.data())),
  };
}
