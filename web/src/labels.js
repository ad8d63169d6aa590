// Level-of-detail labels: at 500 nodes not every name fits on screen, so labels are placed
// greedily in screen space, most important node first (the selection, nodes on a path, expanded
// roots, then by weighted degree), and a label whose box would intersect one already shown is
// hidden. Label font sizes are kept readable in screen pixels whatever the zoom, so zooming in
// spreads the nodes apart under constant-size labels and more of them fit: hubs first, more as
// you zoom. Shown labels' nodes are drawn above the rest, so a hub's name is never under a node.
import { debounce } from "./dom.js";
import { inView } from "./graphview.js";

// Screen sizes (px) of a label: hubs a bit larger than the rest.
const HUB_PX = 13;
const BASE_PX = 11;
const HUBS = 12; // how many top-priority nodes count as hubs
const MODEL_FONT = 11; // the model-space font size at zoom >= 1 (labels then grow with zoom)

function priority(n, edgeIds) {
  let p = 0;
  if (n.selected()) p += 4e9;
  if (n.hasClass("path")) p += 2e9;
  if (n.hasClass("root")) p += 1e9;
  if (n.data("type") === "Cluster") p += 5e8;
  // Weighted degree over what is in view, then the mention count as a tie-break.
  let w = 0;
  n.connectedEdges().forEach((e) => {
    if (edgeIds.has(e.id())) w += e.data("weight") || 1;
  });
  return p + w * 1000 + (n.data("mentions") || 0);
}

// The model-space font size that renders `px` pixels at `zoom`, on a ladder of 12 % steps:
// few distinct sizes, so cytoscape's label caches are reused across zooms (and a small zoom
// changes nothing).
function fontSize(px, zoom) {
  const want = Math.max(MODEL_FONT * (px / BASE_PX), px / zoom);
  const step = Math.ceil(Math.log(want / MODEL_FONT) / Math.log(1.12) - 1e-9);
  return +(MODEL_FONT * 1.12 ** Math.max(0, step)).toFixed(3);
}

function intersects(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

// Sets each visible node's label size for the current zoom, then places labels greedily.
// Returns the number of labels shown.
export function placeLabels(cy) {
  const zoom = cy.zoom();
  const pan = cy.pan();
  const view = inView(cy);
  const edgeIds = new Set(view.edges.map((e) => e.id()));
  const nodes = view.nodes.filter((n) => n.data("label"));
  const ranked = nodes.map((n) => [n, priority(n, edgeIds)]).sort((a, b) => b[1] - a[1]).map(([n]) => n);
  cy.batch(() => {
    ranked.forEach((n, i) => {
      const px = i < HUBS ? HUB_PX : BASE_PX;
      const fs = fontSize(px, zoom);
      const scale = fs / MODEL_FONT;
      const maxw = (n.data("type") === "Claim" ? 150 : 130) * Math.min(scale, 3);
      if (n.data("fs") !== fs) {
        n.data({ fs, tmw: maxw, tmy: 4 * scale });
        // A data-mapped font size does not invalidate cytoscape's cached bounding box (3.3x);
        // setting the position again does, so the label boxes below are current.
        n.position({ ...n.position() });
      }
    });
  });
  const toScreen = (bb) => ({ x1: bb.x1 * zoom + pan.x, x2: bb.x2 * zoom + pan.x,
    y1: bb.y1 * zoom + pan.y, y2: bb.y2 * zoom + pan.y });
  const labels = [];
  const bodies = [];
  const shown = new Set();
  for (const n of ranked) {
    const lb = toScreen(n.boundingBox({ includeLabels: true, includeNodes: false,
      includeEdges: false, includeOverlays: false }));
    const body = toScreen(n.boundingBox({ includeLabels: false, includeOverlays: false }));
    const free = lb.x2 > lb.x1 && !labels.some((o) => intersects(o, lb)) &&
      !bodies.some((o) => intersects(o, lb));
    if (free) {
      labels.push(lb);
      bodies.push(body);
      shown.add(n.id());
    }
  }
  // Shown labels' nodes above the rest, the most important on top.
  const z = new Map(ranked.filter((n) => shown.has(n.id())).map((n, i) => [n.id(), 1000 - Math.min(999, i)]));
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const on = shown.has(n.id());
      n.toggleClass("lod-off", !on);
      const want = z.get(n.id()) || 0;
      if (n.data("z") !== want) n.data("z", want);
    });
  });
  cy.scratch("_labelsShown", shown.size);
  return shown.size;
}

// Re-places labels after every zoom, layout, added or removed element and dragged node.
export function initLabels(cy) {
  const again = debounce(() => placeLabels(cy), 60);
  cy.on("zoom", again);
  cy.on("layoutstop", again);
  cy.on("add remove", again);
  cy.on("dragfree", "node", again);
  cy.on("select unselect", "node", again);
  return again;
}

// For the tests and the console: the screen boxes of the labels that are shown.
export function shownLabelBoxes(cy) {
  return inView(cy).nodes.filter((n) => !n.hasClass("lod-off") && n.data("label"))
    .map((n) => ({ id: n.id(), ...n.renderedBoundingBox({ includeLabels: true, includeNodes: false,
      includeEdges: false, includeOverlays: false }) }));
}
