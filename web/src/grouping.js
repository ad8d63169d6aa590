// Grouping: collapse what is in view by node type, or by community (Louvain modularity from
// graphology-communities-louvain over the weighted edges in view), into one node per group.
// A group node expands back into its members on click; edges between groups are summed.
import Graph from "graphology";
import louvain from "graphology-communities-louvain";

import { TYPE_STYLE, inView } from "./graphview.js";

export const grouping = {
  mode: "none", // "none" | "type" | "community"
  open: new Set(), // group keys the analyst expanded again
};

// A small deterministic generator, so that the same view gives the same communities.
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function communities(nodes, edges) {
  const g = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  nodes.forEach((n) => g.addNode(n.id()));
  edges.forEach((e) => {
    const [a, b] = [e.source().id(), e.target().id()];
    if (a === b) return;
    const w = Number(e.data("weight")) || 1;
    if (g.hasEdge(a, b)) g.updateEdgeAttribute(a, b, "weight", (x) => x + w);
    else g.addEdge(a, b, { weight: w });
  });
  return louvain(g, { getEdgeWeight: "weight", rng: seeded(7) });
}

function ungroup(cy) {
  cy.nodes('[type = "Cluster"]').remove(); // removes the summed edges with them
  cy.nodes(".collapsed").removeClass("collapsed");
}

// Recomputes the groups for what is in view (after any change of the graph or the filters).
export function regroup(cy) {
  cy.batch(() => {
    ungroup(cy);
    if (grouping.mode === "none") return;
    const { nodes, edges } = inView(cy);
    // Expanded roots and path nodes stay out of groups: the analyst is looking at them.
    const free = nodes.filter((n) => !n.hasClass("root") && !n.hasClass("path"));
    const key = new Map();
    if (grouping.mode === "type") {
      free.forEach((n) => key.set(n.id(), `type:${n.data("type")}`));
    } else {
      const parts = communities(nodes, edges);
      free.forEach((n) => key.set(n.id(), `community:${parts[n.id()]}`));
    }
    const groups = new Map();
    free.forEach((n) => {
      const k = key.get(n.id());
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(n);
    });
    const owner = new Map();
    const add = [];
    for (const [k, members] of groups) {
      if (members.length < 3 || grouping.open.has(k)) continue;
      members.sort((a, b) => (b.data("mentions") || 0) - (a.data("mentions") || 0));
      const id = `cluster:${k}`;
      const type = members[0].data("type");
      const name = grouping.mode === "type"
        ? `${(TYPE_STYLE[type] || { label: type }).label} ×${members.length}`
        : `${members[0].data("name") || members[0].id()} +${members.length - 1}`;
      const x = members.reduce((s, n) => s + n.position("x"), 0) / members.length;
      const y = members.reduce((s, n) => s + n.position("y"), 0) / members.length;
      members.forEach((n) => owner.set(n.id(), id));
      add.push({ group: "nodes", position: { x, y }, data: {
        id, type: "Cluster", key: k, name, label: name, members: members.map((n) => n.id()),
        mentions: members.reduce((s, n) => s + (n.data("mentions") || 0), 0),
        size: Math.round(30 + 6 * Math.sqrt(members.length)), fs: 11, tmw: 130, tmy: 4, z: 0,
      } });
    }
    if (!add.length) return;
    const summed = new Map();
    edges.forEach((e) => {
      const a = owner.get(e.source().id()) || e.source().id();
      const b = owner.get(e.target().id()) || e.target().id();
      if (a === b || (a === e.source().id() && b === e.target().id())) return;
      const [s, t] = a < b ? [a, b] : [b, a];
      const id = `grouped:${s}|${t}`;
      const cur = summed.get(id) || { id, source: s, target: t, type: "GROUPED", weight: 0, evidence: [] };
      cur.weight += Number(e.data("weight")) || 1;
      summed.set(id, cur);
    });
    cy.add(add);
    owner.forEach((_, id) => cy.getElementById(id).addClass("collapsed"));
    cy.add([...summed.values()].map((d) => ({ group: "edges", classes: "grouped",
      data: { ...d, width: Math.min(8, 1.2 + Math.sqrt(d.weight)) } })));
  });
}

// Opens a group node: its members come back where they were.
export function openGroup(cy, id) {
  const el = cy.getElementById(id);
  if (el.empty() || el.data("type") !== "Cluster") return false;
  grouping.open.add(el.data("key"));
  regroup(cy);
  return true;
}

export function setMode(cy, mode) {
  grouping.mode = mode;
  grouping.open.clear();
  regroup(cy);
}
