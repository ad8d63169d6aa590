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

export function drawMap(el, places, onPick, areas = []) {
  clear(el);
  const n = places.length + areas.length;
  el.append(h("div", { class: "pane-title" }, "Map", h("span", {}, ` · ${n} place(s) in view`)));
  const W = Math.max(240, el.clientWidth - 16);
  const H = Math.max(110, el.clientHeight - 34);
  const svg = s("svg", { width: W, height: H, role: "group", "aria-label": "Map of places in view",
    "data-testid": "map-svg" });
  const shaded = new Map(areas.map((a) => [NE_NAMES[a.name] || a.name, a]));
  const shadedFeatures = (countries?.features || []).filter((f) => shaded.has(f.properties?.name));
  const proj = geoNaturalEarth1();
  const box = [[8, 8], [W - 8, H - 8]];
  if (places.length) proj.fitExtent(box, extent(places));
  else if (shadedFeatures.length) proj.fitExtent(box, { type: "FeatureCollection", features: shadedFeatures });
  else proj.fitExtent(box, { type: "Sphere" });
  const path = geoPath(proj);
  svg.append(s("path", { d: path({ type: "Sphere" }), class: "sea" }));
  svg.append(s("path", { d: path(geoGraticule10()), class: "graticule" }));
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
    svg.append(g);
  }
  const maxM = Math.max(1, ...places.map((p) => p.mentions || 0));
  const sorted = [...places].sort((a, b) => (b.mentions || 0) - (a.mentions || 0));
  for (const p of sorted) {
    const xy = proj([p.lon, p.lat]);
    if (!xy) continue;
    const r = 4 + 7 * Math.sqrt((p.mentions || 0) / maxM);
    const g = s("g", { class: "marker", tabindex: "0", role: "button", "data-node-id": p.id,
      "aria-label": `${p.name}, ${p.mentions || 0} mentions. Enter selects it in the graph.` });
    g.append(s("title", {}, `${p.name}${p.country ? ` (${p.country})` : ""} — ${p.mentions || 0} mention(s)`));
    g.append(s("circle", { cx: xy[0], cy: xy[1], r }));
    g.append(s("text", { x: xy[0] + r + 3, y: xy[1] + 4 }, p.name));
    g.addEventListener("click", () => onPick(p.id));
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        onPick(p.id);
      }
    });
    svg.append(g);
  }
  el.append(svg);
  if (loadError) {
    el.append(h("p", { class: "muted small pane-note" }, "Country outlines unavailable; markers only."));
  } else if (!n) {
    el.append(h("p", { class: "muted small pane-note" }, "No places in view."));
  }
}
