// The map of the places in view: Natural Earth country outlines bundled from world-atlas
// (served from /web/countries.json — no tile server), drawn with d3-geo, fitted to the markers.
import { geoGraticule10, geoNaturalEarth1, geoPath } from "d3-geo";
import { feature } from "topojson-client";

import { clear, h } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
let countries = null;
let loadError = null;

function s(tag, attrs = {}, ...kids) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  for (const k of kids) el.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return el;
}

export async function loadOutlines() {
  if (countries || loadError) return;
  try {
    const resp = await fetch("/web/countries.json");
    if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
    const topo = await resp.json();
    countries = feature(topo, topo.objects.countries);
  } catch (err) {
    loadError = err;
  }
}

// A box around the markers, at least `minSpan` degrees wide, as a GeoJSON polygon to fit.
function extent(places, minSpan = 14) {
  let [x0, y0, x1, y1] = [180, 90, -180, -90];
  for (const p of places) {
    x0 = Math.min(x0, p.lon);
    x1 = Math.max(x1, p.lon);
    y0 = Math.min(y0, p.lat);
    y1 = Math.max(y1, p.lat);
  }
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hw = Math.max(minSpan, (x1 - x0) * 1.3) / 2;
  const hh = Math.max(minSpan * 0.6, (y1 - y0) * 1.3) / 2;
  const c = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  const [a, b, cc, d] = [c(cx - hw, -180, 180), c(cy - hh, -85, 85), c(cx + hw, -180, 180), c(cy + hh, -85, 85)];
  return {
    type: "Feature",
    geometry: { type: "Polygon", coordinates: [[[a, b], [a, d], [cc, d], [cc, b], [a, b]]] },
  };
}

// Natural Earth names that differ from the gazetteer's (GeoNames) country names.
const NE_NAMES = { "United States": "United States of America", "Czech Republic": "Czechia",
  "Democratic Republic of the Congo": "Dem. Rep. Congo", "Bosnia and Herzegovina": "Bosnia and Herz.",
  "Central African Republic": "Central African Rep.", "South Sudan": "S. Sudan",
  "Palestinian Territory": "Palestine", "Western Sahara": "W. Sahara" };

// The analyst's zoom and pan (scale k, then translate x, y in pixels), kept across redraws.
const view = { k: 1, x: 0, y: 0 };
const MAX_ZOOM = 60;

function clampView(W, H) {
  view.k = Math.max(1, Math.min(MAX_ZOOM, view.k));
  // Keep some of the fitted extent on screen.
  view.x = Math.min(W * 0.8, Math.max(W * 0.2 - W * view.k, view.x));
  view.y = Math.min(H * 0.8, Math.max(H * 0.2 - H * view.k, view.y));
}

function zoomAt(px, py, factor, W, H) {
  const k = Math.max(1, Math.min(MAX_ZOOM, view.k * factor));
  view.x = px - (px - view.x) * (k / view.k);
  view.y = py - (py - view.y) * (k / view.k);
  view.k = k;
  clampView(W, H);
}

const overlap = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

// Places labels greedily, the most mentioned place first: right of its marker, else left,
// above or below; a label that fits nowhere without touching another label or marker is
// left out (the marker keeps its tooltip and its accessible name).
function placeLabels(items, measure) {
  const taken = items.map((it) => ({ x1: it.x - it.r, x2: it.x + it.r, y1: it.y - it.r, y2: it.y + it.r }));
  for (const it of items) {
    const w = measure(it.p.name);
    const hgt = 13;
    const options = [
      { x: it.x + it.r + 3, y: it.y + 4, anchor: "start", box: { x1: it.x + it.r + 2, x2: it.x + it.r + 4 + w, y1: it.y - hgt / 2, y2: it.y + hgt / 2 } },
      { x: it.x - it.r - 3, y: it.y + 4, anchor: "end", box: { x1: it.x - it.r - 4 - w, x2: it.x - it.r - 2, y1: it.y - hgt / 2, y2: it.y + hgt / 2 } },
      { x: it.x, y: it.y - it.r - 4, anchor: "middle", box: { x1: it.x - w / 2, x2: it.x + w / 2, y1: it.y - it.r - 3 - hgt, y2: it.y - it.r - 3 } },
      { x: it.x, y: it.y + it.r + 12, anchor: "middle", box: { x1: it.x - w / 2, x2: it.x + w / 2, y1: it.y + it.r + 1, y2: it.y + it.r + 1 + hgt } },
    ];
    const own = taken[items.indexOf(it)];
    const pick = options.find((o) => !taken.some((t) => t !== own && overlap(t, o.box)));
    if (pick) {
      it.label = pick;
      taken.push(pick.box);
    }
  }
}

export function drawMap(el, places, onPick, areas = []) {
  clear(el);
  const n = places.length + areas.length;
  el.append(h("div", { class: "pane-title" }, "Map", h("span", {}, ` · ${n} place(s) in view`)));
  const W = Math.max(240, el.clientWidth - 16);
  const H = Math.max(110, el.clientHeight - 34);
  const svg = s("svg", { width: W, height: H, role: "group", "aria-label": "Map of places in view",
    "data-testid": "map-svg", class: "map-svg" });
  const shaded = new Map(areas.map((a) => [NE_NAMES[a.name] || a.name, a]));
  const shadedFeatures = (countries?.features || []).filter((f) => shaded.has(f.properties?.name));
  const proj = geoNaturalEarth1();
  const box = [[8, 8], [W - 8, H - 8]];
  if (places.length) proj.fitExtent(box, extent(places));
  else if (shadedFeatures.length) proj.fitExtent(box, { type: "FeatureCollection", features: shadedFeatures });
  else proj.fitExtent(box, { type: "Sphere" });
  clampView(W, H);
  const path = geoPath(proj);
  // The outlines are drawn once at the fitted scale and moved as one group (strokes stay thin:
  // vector-effect); markers and labels are re-placed in screen space on every zoom and pan.
  const geo = s("g", { class: "geo" });
  geo.append(s("path", { d: path({ type: "Sphere" }), class: "sea" }));
  geo.append(s("path", { d: path(geoGraticule10()), class: "graticule" }));
  if (countries) {
    const g = s("g", { class: "countries" });
    for (const f of countries.features) {
      const d = path(f);
      if (!d) continue;
      const area = shaded.get(f.properties?.name);
      const el2 = s("path", { d, class: area ? "in-view" : null, "data-node-id": area?.id },
        s("title", {}, f.properties?.name || ""));
      if (area) el2.addEventListener("click", () => onPick(area.id));
      g.append(el2);
    }
    geo.append(g);
  }
  svg.append(geo);
  const layer = s("g", { class: "markers" });
  svg.append(layer);
  const maxM = Math.max(1, ...places.map((p) => p.mentions || 0));
  const sorted = [...places].sort((a, b) => (b.mentions || 0) - (a.mentions || 0));
  const base = sorted.map((p) => ({ p, xy: proj([p.lon, p.lat]),
    r: 4 + 7 * Math.sqrt((p.mentions || 0) / maxM) })).filter((it) => it.xy);
  let measureCtx = null;
  const measure = (text) => {
    measureCtx = measureCtx || document.createElement("canvas").getContext("2d");
    measureCtx.font = "600 11px Inter, system-ui, sans-serif";
    return measureCtx.measureText(text).width;
  };

  const paint = () => {
    geo.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
    clear(layer);
    const items = base.map((it) => ({ ...it, x: it.xy[0] * view.k + view.x, y: it.xy[1] * view.k + view.y }))
      .filter((it) => it.x > -20 && it.x < W + 20 && it.y > -20 && it.y < H + 20);
    placeLabels(items, measure);
    // Small markers drawn last so that a big one never covers them.
    for (const it of [...items].reverse()) {
      const { p } = it;
      const g = s("g", { class: "marker", tabindex: "0", role: "button", "data-node-id": p.id,
        "aria-label": `${p.name}, ${p.mentions || 0} mentions. Enter selects it in the graph.` });
      g.append(s("title", {}, `${p.name}${p.country ? ` (${p.country})` : ""} — ${p.mentions || 0} mention(s)`));
      g.append(s("circle", { cx: it.x, cy: it.y, r: it.r }));
      if (it.label) {
        g.append(s("text", { x: it.label.x, y: it.label.y, "text-anchor": it.label.anchor,
          "data-testid": "map-label" }, p.name));
      }
      g.addEventListener("click", () => onPick(p.id));
      g.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onPick(p.id);
        }
      });
      layer.append(g);
    }
    svg.dataset.zoom = view.k.toFixed(3);
  };
  paint();

  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    zoomAt(e.clientX - r.left, e.clientY - r.top, Math.exp(-e.deltaY * 0.0015), W, H);
    paint();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (e) => {
    if (e.button !== 0 || e.target.closest?.(".marker")) return;
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    svg.setPointerCapture(e.pointerId);
    svg.classList.add("dragging");
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    view.x = drag.vx + e.clientX - drag.x;
    view.y = drag.vy + e.clientY - drag.y;
    clampView(W, H);
    paint();
  });
  const endDrag = () => {
    drag = null;
    svg.classList.remove("dragging");
  };
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  const button = (label, text, act) => h("button", { type: "button", class: "map-btn", "aria-label": label,
    title: label, onclick: () => { act(); paint(); } }, text);
  el.append(svg, h("div", { class: "map-controls", role: "group", "aria-label": "Map zoom" },
    button("Zoom in", "+", () => zoomAt(W / 2, H / 2, 1.6, W, H)),
    button("Zoom out", "−", () => zoomAt(W / 2, H / 2, 1 / 1.6, W, H)),
    button("Reset map view", "⟲", () => Object.assign(view, { k: 1, x: 0, y: 0 }))));
  if (loadError) {
    el.append(h("p", { class: "muted small pane-note" }, "Country outlines unavailable; markers only."));
  } else if (!n) {
    el.append(h("p", { class: "muted small pane-note" }, "No places in view."));
  }
}
