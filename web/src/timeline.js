// The timeline of one entity: mentions per bucket as bars, claims as dots above them. Drawn as
// plain SVG; a bucket is a button (click or Enter) that sets the date filter to that bucket.
import { apiGet } from "./api.js";
import { clear, h } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";

function s(tag, attrs = {}, ...kids) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  for (const k of kids) el.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return el;
}

const count = (x) => (Array.isArray(x) ? x.length : Number(x) || 0);

// Accepts the API's shapes defensively: {buckets:[...]}, {items:[...]} or a bare list, with
// claims/mentions as counts or lists.
export function normalizeTimeline(body) {
  const rows = Array.isArray(body) ? body : body?.buckets || body?.items || [];
  return rows
    .map((r) => ({
      bucket: String(r.period ?? r.bucket ?? r.date ?? ""),
      mentions: count(r.mentions ?? r.mention_count),
      claims: r.claim_count ?? count(r.claims),
      claimList: Array.isArray(r.claims) ? r.claims : [],
    }))
    .filter((r) => r.bucket)
    .sort((a, b) => a.bucket.localeCompare(b.bucket));
}

// The profile is a fallback when /v1/timeline is unavailable: mentions_over_time plus claim dates.
export function timelineFromProfile(p) {
  const map = new Map();
  const get = (b) => map.get(b) || map.set(b, { bucket: b, mentions: 0, claims: 0, claimList: [] }).get(b);
  for (const m of p?.mentions_by_month || p?.mentions_over_time || []) {
    get(String(m.period ?? m.bucket)).mentions += count(m.mentions ?? m.count);
  }
  for (const c of [...(p?.claims_by || []), ...(p?.claims_about || [])]) {
    const d = (c.date || c.evidence?.published || "").slice(0, 10);
    if (!d) continue;
    const row = get(d);
    row.claims += 1;
    row.claimList.push(c);
  }
  return [...map.values()].sort((a, b) => a.bucket.localeCompare(b.bucket));
}

export async function loadTimeline(entityId, profile) {
  try {
    const rows = normalizeTimeline(await apiGet("/v1/timeline", { entity: entityId, bucket: "day" }));
    if (rows.length) return rows;
  } catch {
    // fall through to the profile's own series
  }
  return timelineFromProfile(profile);
}

// Turns a bucket label ("2025-03", "2025-03-17", "2025-W11") into an inclusive date range.
export function bucketRange(b) {
  if (/^\d{4}-\d{2}-\d{2}/.test(b)) return [b.slice(0, 10), b.slice(0, 10)];
  if (/^\d{4}-\d{2}$/.test(b)) {
    const [y, m] = b.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [`${b}-01`, `${b}-${String(last).padStart(2, "0")}`];
  }
  if (/^\d{4}$/.test(b)) return [`${b}-01-01`, `${b}-12-31`];
  return ["", ""];
}

export function drawTimeline(el, title, rows, onBucket) {
  clear(el);
  el.append(h("div", { class: "pane-title" }, "Timeline", title ? h("span", {}, ` · ${title}`) : null));
  if (!rows.length) {
    el.append(h("p", { class: "muted small pane-empty" }, title
      ? "No dated mentions or claims for this entity."
      : "Select an entity to see its mentions and claims over time."));
    return;
  }
  const W = Math.max(240, el.clientWidth - 16);
  const H = Math.max(110, el.clientHeight - 34);
  const pad = { l: 30, r: 10, t: 16, b: 30 };
  const maxM = Math.max(1, ...rows.map((r) => r.mentions));
  const maxC = Math.max(1, ...rows.map((r) => r.claims));
  const band = (W - pad.l - pad.r) / rows.length;
  const bw = Math.min(46, band * 0.6);
  const y = (v) => H - pad.b - (v / maxM) * (H - pad.t - pad.b);
  const svg = s("svg", { width: W, height: H, role: "group", "aria-label": `Timeline of ${title}`,
    "data-testid": "timeline-svg" });
  svg.append(s("line", { x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b, class: "axis" }));
  svg.append(s("text", { x: 4, y: pad.t + 4, class: "tick" }, String(maxM)));
  const every = Math.ceil(rows.length / Math.max(1, Math.floor((W - pad.l) / 70)));
  rows.forEach((r, i) => {
    const cx = pad.l + band * (i + 0.5);
    const g = s("g", { class: "bucket", tabindex: "0", role: "button",
      "aria-label": `${r.bucket}: ${r.mentions} mentions, ${r.claims} claims. Enter filters to this date.` });
    g.append(s("title", {}, `${r.bucket}\n${r.mentions} mention(s), ${r.claims} claim(s)`));
    g.append(s("rect", { x: cx - band / 2, y: pad.t - 6, width: band, height: H - pad.t - pad.b + 6, class: "hit" }));
    if (r.mentions) {
      g.append(s("rect", { x: cx - bw / 2, y: y(r.mentions), width: bw, height: H - pad.b - y(r.mentions), rx: 2, class: "bar" }));
    }
    if (r.claims) {
      const cr = 4 + 6 * Math.sqrt(r.claims / maxC);
      const cy = Math.max(pad.t, y(r.mentions) - cr - 3);
      g.append(s("circle", { cx, cy, r: cr, class: "claim-dot" }));
      g.append(s("text", { x: cx, y: cy + 3, class: "dot-label" }, String(r.claims)));
    }
    if (i % every === 0) g.append(s("text", { x: cx, y: H - pad.b + 14, class: "tick mid" }, r.bucket));
    const pick = () => onBucket(r);
    g.addEventListener("click", pick);
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        pick();
      }
    });
    svg.append(g);
  });
  const legend = s("g", { class: "legend", transform: `translate(${W - 170},${H - 8})` });
  legend.append(s("rect", { x: 0, y: -8, width: 10, height: 8, class: "bar" }), s("text", { x: 14, y: 0, class: "tick" }, "mentions"));
  legend.append(s("circle", { cx: 86, cy: -4, r: 4, class: "claim-dot" }), s("text", { x: 94, y: 0, class: "tick" }, "claims"));
  svg.append(legend);
  el.append(svg);
}
