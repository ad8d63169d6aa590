// The view state that a shared URL restores: expanded entities, filters, selection, pins and
// hidden nodes. It lives in the URL fragment (never sent to the server, so ids of what an analyst
// explores stay out of access logs), next to — but never including — the API key.

export const NODE_TYPES = [
  "Person", "Organization", "Place", "Group", "Facility", "Equipment", "Outlet", "Claim",
  "AnonymousSource",
];

export const state = {
  expanded: [], // entity ids whose neighbours were fetched, in order
  types: new Set(NODE_TYPES), // node types shown
  rels: null, // Set of relationship types shown, or null = all
  dateFrom: "",
  dateTo: "",
  selected: "", // node or edge id
  pinned: new Set(),
  hidden: new Set(),
  path: null, // { a, b }: the path view's two names, or null
  group: "none", // grouping: "none" | "type" | "community"
};

const list = (v) => (v ? v.split(",").filter(Boolean) : []);

// Reads #key=... and the view from the fragment; returns the key (or "").
export function readFragment(hash = window.location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  state.expanded = list(params.get("e"));
  state.types = params.has("types") ? new Set(list(params.get("types"))) : new Set(NODE_TYPES);
  state.rels = params.has("rels") ? new Set(list(params.get("rels"))) : null;
  state.dateFrom = params.get("from") || "";
  state.dateTo = params.get("to") || "";
  state.selected = params.get("sel") || "";
  state.pinned = new Set(list(params.get("pin")));
  state.hidden = new Set(list(params.get("hide")));
  const path = (params.get("path") || "").split("|");
  state.path = path.length === 2 && path[0] && path[1] ? { a: path[0], b: path[1] } : null;
  state.group = ["type", "community"].includes(params.get("group")) ? params.get("group") : "none";
  return params.get("key") || "";
}

export function fragment() {
  const p = new URLSearchParams();
  if (state.expanded.length) p.set("e", state.expanded.join(","));
  if (state.types.size !== NODE_TYPES.length) p.set("types", [...state.types].join(","));
  if (state.rels) p.set("rels", [...state.rels].join(","));
  if (state.dateFrom) p.set("from", state.dateFrom);
  if (state.dateTo) p.set("to", state.dateTo);
  if (state.selected) p.set("sel", state.selected);
  if (state.pinned.size) p.set("pin", [...state.pinned].join(","));
  if (state.hidden.size) p.set("hide", [...state.hidden].join(","));
  if (state.path) p.set("path", `${state.path.a}|${state.path.b}`);
  if (state.group !== "none") p.set("group", state.group);
  const s = p.toString();
  return s ? `#${s}` : "";
}

// The shareable URL: this page plus the view, without the key.
export function shareUrl() {
  return `${window.location.origin}${window.location.pathname}${fragment()}`;
}

// Keep the address bar in step with the view (replaceState: no history entry per click).
export function syncUrl() {
  const url = `${window.location.pathname}${window.location.search}${fragment()}`;
  window.history.replaceState(null, "", url || window.location.pathname);
}

export function inDateRange(iso) {
  if (!iso) return true; // undated evidence is never hidden by a date filter
  const d = String(iso).slice(0, 10);
  if (state.dateFrom && d < state.dateFrom) return false;
  if (state.dateTo && d > state.dateTo) return false;
  return true;
}
