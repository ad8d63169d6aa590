// The page's wiring: search -> graph -> side panel, filters, timeline, map, export and sharing.
// Data comes only from the /v1 API; the view state lives in the URL fragment (state.js).
import { apiGet, describeError, getKey, setKey, setUnauthorizedHandler } from "./api.js";
import { clear, debounce, h } from "./dom.js";
import { exportGraphml, exportJson, exportPng, viewGraphml, viewJson } from "./exporters.js";
import { REL_STYLE, TYPE_STYLE, applyFilters, createGraph, inView, layout, merge } from "./graphview.js";
import { grouping, openGroup, regroup, setMode } from "./grouping.js";
import { initLabels, shownLabelBoxes } from "./labels.js";
import { drawMap, loadOutlines } from "./map.js";
import * as panel from "./panel.js";
import { clearPath, showPaths } from "./pathview.js";
import { initSearch } from "./search.js";
import { NODE_TYPES, readFragment, shareUrl, state, syncUrl } from "./state.js";
import { bucketRange, drawTimeline, loadTimeline } from "./timeline.js";

const $ = (sel) => document.querySelector(sel);
const ENTITY_TYPES = new Set(["Person", "Organization", "Place", "Group", "Facility",
  "Equipment", "Outlet"]);
const NEIGHBOR_LIMIT = 60;

let cy;
let relabel = () => {};
let pending = 0;
let timelineFor = null; // {id, name, rows}
let authFailed = false; // a 401 since the last restore()

function busy(delta) {
  pending = Math.max(0, pending + delta);
  document.body.dataset.busy = pending ? "1" : "0";
}

async function track(promise) {
  busy(1);
  try {
    return await promise;
  } finally {
    busy(-1);
  }
}

function say(text, { error = false } = {}) {
  const el = $("#status");
  el.textContent = text;
  el.classList.toggle("error", error);
  el.setAttribute("role", error ? "alert" : "status");
}

function summary(extra = "") {
  const view = inView(cy);
  const nodes = view.nodes.length;
  const edges = view.edges.length;
  const hidden = state.hidden.size ? ` · ${state.hidden.size} hidden` : "";
  say(`${nodes} nodes · ${edges} edges in view${hidden}${extra ? ` · ${extra}` : ""}`);
}

// ------------------------------------------------------------------------ graph operations

async function expand(id, { select = false, relayout = true } = {}) {
  const node = cy.getElementById(id);
  if (node.nonempty() && !ENTITY_TYPES.has(node.data("type"))) {
    if (select) selectElement(id);
    return;
  }
  let sub;
  try {
    sub = await track(fetchNeighbors(id));
  } catch (err) {
    say(describeError(err), { error: true });
    return;
  }
  const first = cy.nodes().empty();
  const around = cy.getElementById(id);
  const added = merge(cy, sub.nodes || [], sub.edges || [], around);
  const root = cy.getElementById(id);
  root.addClass("root");
  if (!state.expanded.includes(id)) state.expanded.push(id);
  afterChange();
  if (relayout && (added.nonempty() || first)) await track(layout(cy, { incremental: !first }));
  if (select) selectElement(id);
  summary();
  if (sub.truncated) say(`${$("#status").textContent} · neighbours truncated at ${NEIGHBOR_LIMIT}`);
}

function fetchNeighbors(id) {
  return apiGet(`/v1/entities/${encodeURIComponent(id)}/neighbors`, {
    depth: 1, limit: NEIGHBOR_LIMIT, include_claims: true,
    date_from: state.dateFrom, date_to: state.dateTo,
  });
}

// Several entities at once (a shared view, a date change): the requests run in parallel and
// the graph is merged once, in the given order, then laid out once by the caller.
async function expandMany(ids) {
  const subs = await track(Promise.all(ids.map((id) =>
    fetchNeighbors(id).then((sub) => ({ id, sub }), (err) => ({ id, err })))));
  const failed = subs.find((r) => r.err);
  if (failed) say(describeError(failed.err), { error: true });
  cy.batch(() => {
    for (const { id, sub } of subs) {
      if (!sub) continue;
      merge(cy, sub.nodes || [], sub.edges || [], cy.getElementById(id));
      cy.getElementById(id).addClass("root");
      if (!state.expanded.includes(id)) state.expanded.push(id);
    }
  });
  afterChange();
}

// Re-fetches every expanded entity (after a date filter change: the server filters evidence).
async function rebuild() {
  const ids = [...state.expanded];
  cy.elements().remove();
  state.expanded = [];
  await expandMany(ids);
  if (cy.nodes().nonempty()) await track(layout(cy));
  if (state.selected && cy.getElementById(state.selected).nonempty()) {
    cy.getElementById(state.selected).select();
  }
  afterChange();
}

function addClaimToGraph(c) {
  if (!c?.speaker?.id) return;
  const nodes = [
    { id: c.id, type: "Claim", name: c.content, content: c.content, date: c.date,
      published: c.evidence?.published },
    { id: c.speaker.id, name: c.speaker.name, type: c.speaker.anonymous ? "AnonymousSource" : c.speaker.type },
    ...(c.about || []).map((a) => ({ id: a.id, name: a.name, type: a.type })),
  ];
  const ev = c.evidence ? [c.evidence] : [];
  const edges = [
    { id: `said:${c.id}`, source: c.speaker.id, target: c.id, type: "SAID", evidence: ev },
    ...(c.about || []).map((a) => ({ id: `about:${c.id}:${a.id}`, source: c.id, target: a.id,
      type: "ABOUT", evidence: ev })),
  ];
  const added = merge(cy, nodes, edges, cy.getElementById(c.speaker.id));
  afterChange();
  if (added.nonempty()) track(layout(cy, { incremental: cy.nodes().length > added.length }));
}

async function openClaim(c) {
  state.selected = c.id;
  syncUrl();
  if (cy.getElementById(c.id).empty()) {
    let claim = c;
    if (!c.speaker) {
      try {
        const d = await track(apiGet(`/v1/claims/${encodeURIComponent(c.id)}`));
        claim = d.claim || d;
      } catch (err) {
        say(describeError(err), { error: true });
        return;
      }
    }
    addClaimToGraph(claim);
    c = claim;
  }
  cy.elements().unselect();
  cy.getElementById(c.id).select();
  await track(panel.showClaim(c));
}

async function showEntityDetails(id, data) {
  const profile = await track(panel.showEntity(id, data));
  const name = profile?.name || data?.name || id;
  const rows = await track(loadTimeline(id, profile));
  timelineFor = { id, name, rows };
  renderTimeline();
}

function selectElement(id) {
  const el = cy.getElementById(id);
  if (el.empty()) return;
  cy.elements().unselect();
  el.select();
  state.selected = id;
  syncUrl();
  if (el.isEdge()) {
    panel.showEdge(el.data(), { source: el.source().data("name"), target: el.target().data("name") });
  } else if (el.data("type") === "Claim") {
    openClaim({ id, ...el.data(), speaker: undefined });
  } else if (ENTITY_TYPES.has(el.data("type"))) {
    showEntityDetails(id, el.data());
  } else {
    const d = el.data();
    panel.showMessage(d.name || "Anonymous source",
      [d.description, d.affiliation && `affiliation: ${d.affiliation}`].filter(Boolean).join(" · ") ||
        "An anonymous source: kept apart from named people on purpose.");
  }
  cy.animate({ center: { eles: el }, duration: 250 });
}

function addEntity(id, data) {
  const known = state.expanded.includes(id);
  return known ? selectElement(id) : expand(id, { select: true });
}

function clearSelection() {
  cy.elements().unselect();
  state.selected = "";
  syncUrl();
  panel.showIntro();
}

function togglePin(id) {
  const on = !state.pinned.has(id);
  if (on) state.pinned.add(id);
  else state.pinned.delete(id);
  afterChange();
  say(`${cy.getElementById(id).data("name") || id} ${on ? "pinned: layouts leave it in place" : "unpinned"}`);
  return on;
}

function hide(id) {
  state.hidden.add(id);
  if (state.selected === id) clearSelection();
  afterChange();
}

function connect(a, b) {
  state.path = { a, b };
  syncUrl();
  return showPaths(cy, $("#panel"), a, b, { track, afterChange, say,
    onPick: (id) => selectElement(id),
    onClear: () => { state.path = null; syncUrl(); } });
}

function setGrouping(mode) {
  state.group = mode;
  $("#group-mode").value = mode;
  setMode(cy, mode);
}

function reset() {
  clearPath(cy);
  state.path = null;
  setGrouping("none");
  cy.elements().remove();
  Object.assign(state, { expanded: [], selected: "", dateFrom: "", dateTo: "", rels: null,
    types: new Set(NODE_TYPES), pinned: new Set(), hidden: new Set() });
  timelineFor = null;
  syncFilterInputs();
  panel.showIntro();
  afterChange();
}

// ------------------------------------------------------------------------ views around the graph

const refreshPanes = debounce(() => {
  renderMap();
  renderNodeList();
}, 120);

function afterChange() {
  applyFilters(cy);
  regroup(cy);
  renderRelFilters();
  syncUrl();
  $("#empty-state").hidden = cy.nodes().nonempty();
  summary();
  refreshPanes();
  relabel();
}

function renderTimeline() {
  drawTimeline($("#timeline"), timelineFor?.name, timelineFor?.rows || [], (row) => {
    const [from, to] = bucketRange(row.bucket);
    if (!from) return;
    $("#date-from").value = from;
    $("#date-to").value = to;
    applyDates();
  });
}

function renderMap() {
  const visible = inView(cy).nodes.filter((n) => n.data("type") === "Place");
  const places = visible.filter((n) => n.data("lat") != null && n.data("lon") != null).map((n) => n.data());
  // Countries and regions often come without a point: shade their outline instead.
  const areas = visible.filter((n) => n.data("lat") == null).map((n) => n.data());
  drawMap($("#map"), places, (id) => selectElement(id), areas);
}

function renderNodeList() {
  // Keep keyboard focus on the same node across re-renders (the graph changes under it).
  const focusedId = document.activeElement?.closest?.("#node-list li")?.dataset.nodeId;
  const ul = clear($("#node-list"));
  const nodes = inView(cy).nodes.sort((a, b) =>
    NODE_TYPES.indexOf(a.data("type")) - NODE_TYPES.indexOf(b.data("type")) ||
    (b.data("mentions") || 0) - (a.data("mentions") || 0));
  $("#node-count").textContent = nodes.length ? `(${nodes.length})` : "";
  nodes.forEach((n, i) => {
    const st = TYPE_STYLE[n.data("type")] || { color: "#64748b", label: n.data("type") };
    const li = h("li", { role: "option", tabindex: i === 0 ? "0" : "-1", "data-node-id": n.id(),
      "aria-selected": String(n.selected()),
      "aria-label": `${n.data("label")}, ${st.label}. Enter expands, P pins, Delete hides.` },
      h("span", { class: "dot", style: `--c:${st.color}`, "aria-hidden": "true" }),
      h("span", { class: "name" }, n.data("label")),
      state.expanded.includes(n.id()) ? h("span", { class: "tag" }, "expanded") : null);
    li.addEventListener("click", () => activateNode(n.id()));
    ul.append(li);
  });
  if (!nodes.length) ul.append(h("li", { class: "muted small" }, "Nothing in view yet."));
  const again = focusedId && [...ul.children].find((li) => li.dataset.nodeId === focusedId);
  if (again) {
    ul.querySelectorAll("li").forEach((li) => { li.tabIndex = li === again ? 0 : -1; });
    again.focus();
  }
}

function activateNode(id) {
  const el = cy.getElementById(id);
  if (el.empty()) return;
  if (openGroup(cy, id)) {
    afterChange();
    summary(`group opened: ${el.data("members").length} nodes back in view`);
    track(layout(cy, { incremental: true }));
    return;
  }
  if (ENTITY_TYPES.has(el.data("type")) && !state.expanded.includes(id)) {
    expand(id, { select: true });
  } else {
    selectElement(id);
  }
}

// The "In view" list is one tab stop; arrows move inside it (roving tabindex).
function nodeListKeys(e) {
  const items = [...$("#node-list").querySelectorAll("li[data-node-id]")];
  const i = items.indexOf(document.activeElement);
  if (i < 0) return;
  const move = (j) => {
    items[i].tabIndex = -1;
    items[j].tabIndex = 0;
    items[j].focus();
  };
  const id = items[i].dataset.nodeId;
  if (e.key === "ArrowDown") move(Math.min(items.length - 1, i + 1));
  else if (e.key === "ArrowUp") move(Math.max(0, i - 1));
  else if (e.key === "Home") move(0);
  else if (e.key === "End") move(items.length - 1);
  else if (e.key === "Enter") activateNode(id);
  else if (e.key === "Delete" || e.key === "Backspace") hide(id);
  else if (e.key.toLowerCase() === "p") togglePin(id);
  else return;
  e.preventDefault();
}

// ------------------------------------------------------------------------ filters

function renderTypeFilters() {
  const box = clear($("#type-filters"));
  for (const t of NODE_TYPES) {
    const st = TYPE_STYLE[t];
    const id = `type-${t}`;
    box.append(h("label", { class: "check", for: id },
      h("input", { type: "checkbox", id, value: t, checked: state.types.has(t),
        onchange: (e) => {
          if (e.target.checked) state.types.add(t);
          else state.types.delete(t);
          afterChange();
        } }),
      h("span", { class: `swatch shape-${t}`, style: `--c:${st.color}`, "aria-hidden": "true" }),
      st.label));
  }
}

function renderRelFilters() {
  const seen = new Set(cy.edges().not(".grouped").map((e) => e.data("type")));
  const types = [...new Set([...Object.keys(REL_STYLE).filter((t) => seen.has(t)), ...seen])];
  const box = $("#rel-filters");
  if (box.dataset.types === types.join(",")) {
    box.querySelectorAll("input").forEach((i) => { i.checked = !state.rels || state.rels.has(i.value); });
    return;
  }
  clear(box).dataset.types = types.join(",");
  if (!types.length) box.append(h("p", { class: "muted small" }, "Appear once the graph has edges."));
  for (const t of types) {
    const id = `rel-${t}`;
    box.append(h("label", { class: "check", for: id },
      h("input", { type: "checkbox", id, value: t, checked: !state.rels || state.rels.has(t),
        onchange: (e) => {
          const all = new Set(types);
          const cur = new Set(state.rels || types);
          if (e.target.checked) cur.add(t);
          else cur.delete(t);
          state.rels = cur.size === all.size ? null : cur;
          afterChange();
        } }),
      h("span", { class: "line", style: `--c:${(REL_STYLE[t] || {}).color || "#94a3b8"}`, "aria-hidden": "true" }),
      t.replaceAll("_", " ").toLowerCase()));
  }
}

function syncFilterInputs() {
  $("#date-from").value = state.dateFrom;
  $("#date-to").value = state.dateTo;
  renderTypeFilters();
}

async function applyDates() {
  const from = $("#date-from").value;
  const to = $("#date-to").value;
  if (from && to && from > to) {
    say("The start date is after the end date.", { error: true });
    return;
  }
  state.dateFrom = from;
  state.dateTo = to;
  $("#date-state").textContent = from || to ? `Showing ${from || "…"} to ${to || "…"}` : "";
  await rebuild();
}

// ------------------------------------------------------------------------ start-up

async function showRecentClaims() {
  const ul = clear($("#recent-claims"));
  try {
    const page = await track(apiGet("/v1/claims", { limit: 6 }));
    for (const c of page.items || []) ul.append(panel.claimItem(c));
    if (!(page.items || []).length) ul.append(h("li", { class: "muted" }, "The graph holds no claims yet: ingest articles with `kg ingest`."));
  } catch (err) {
    ul.append(h("li", { class: "error" }, describeError(err)));
  }
}

function askForKey(message) {
  const form = $("#key-form");
  form.hidden = false;
  $("#key-message").textContent = message || "";
  $("#key-input").focus();
}

async function restore() {
  syncFilterInputs();
  $("#date-state").textContent = state.dateFrom || state.dateTo
    ? `Showing ${state.dateFrom || "…"} to ${state.dateTo || "…"}` : "";
  const ids = [...state.expanded];
  const selected = state.selected;
  state.expanded = [];
  authFailed = false;
  if (ids.length) await expandMany(ids);
  if (authFailed) {
    // Keep the shared view intact until a key is given; restore() runs again then.
    state.expanded = ids;
    state.selected = selected;
    syncUrl();
    return;
  }
  if (cy.nodes().nonempty()) await track(layout(cy));
  if (selected) {
    if (cy.getElementById(selected).nonempty()) selectElement(selected);
    else openClaim({ id: selected });
  }
  if (state.group !== "none") setGrouping(state.group);
  afterChange();
  if (state.path) await connect(state.path.a, state.path.b);
  if (!ids.length && !state.path) showRecentClaims();
}

function wireControls() {
  $("#btn-layout").addEventListener("click", () => track(layout(cy)));
  $("#group-mode").addEventListener("change", (e) => {
    setGrouping(e.target.value);
    afterChange();
    const groups = cy.nodes('[type = "Cluster"]').length;
    track(layout(cy, { incremental: true }));
    summary(grouping.mode === "none" ? "" : `${groups} group(s): click one to open it`);
  });
  $("#btn-fit").addEventListener("click", () => cy.animate({ fit: { padding: 40 }, duration: 250 }));
  $("#btn-pin").addEventListener("click", () => state.selected && togglePin(state.selected));
  $("#btn-hide").addEventListener("click", () => state.selected && hide(state.selected));
  $("#btn-unhide").addEventListener("click", () => { state.hidden.clear(); afterChange(); });
  $("#btn-reset").addEventListener("click", () => { reset(); showRecentClaims(); });
  $("#date-form").addEventListener("submit", (e) => { e.preventDefault(); applyDates(); });
  $("#btn-dates-clear").addEventListener("click", () => {
    $("#date-from").value = "";
    $("#date-to").value = "";
    applyDates();
  });
  $("#btn-png").addEventListener("click", () => exportPng(cy));
  $("#btn-json").addEventListener("click", () => exportJson(cy));
  $("#btn-graphml").addEventListener("click", () => exportGraphml(cy));
  $("#btn-share").addEventListener("click", async () => {
    const url = shareUrl();
    $("#share-url").value = url;
    $("#share-box").hidden = false;
    $("#share-url").select();
    try {
      await navigator.clipboard.writeText(url);
      say("Link copied: it restores this view (without your API key).");
    } catch {
      say("Copy the link from the field: it restores this view (without your API key).");
    }
  });
  $("#node-list").addEventListener("keydown", nodeListKeys);
  $("#key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const key = $("#key-input").value.trim();
    if (!key) return;
    setKey(key);
    $("#key-input").value = "";
    $("#key-form").hidden = true;
    say("Key saved for this tab.");
    restore();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    if (!$("#share-box").hidden) $("#share-box").hidden = true;
    else if (document.activeElement?.id !== "search-input") clearSelection();
  });
  cy.on("tap", "node", (e) => activateNode(e.target.id()));
  cy.on("tap", "edge", (e) => selectElement(e.target.id()));
  cy.on("select unselect", "node", () => refreshPanes()); // aria-selected in the In-view list
  cy.on("tap", (e) => { if (e.target === cy) clearSelection(); });
  cy.on("dragfree", "node", (e) => {
    if (state.pinned.has(e.target.id())) e.target.lock();
  });
  window.addEventListener("resize", debounce(() => { renderMap(); renderTimeline(); }, 200));
}

async function main() {
  const key = readFragment();
  if (key) setKey(key);
  syncUrl(); // drops #key=... from the address bar (and from anything copied from it)
  document.body.dataset.busy = "0";
  cy = createGraph($("#cy"));
  relabel = initLabels(cy);
  panel.initPanel($("#panel"), { expand: (id) => expand(id, { select: true }), openClaim, addEntity,
    togglePin, hide, isPinned: (id) => state.pinned.has(id) });
  initSearch($("#search-input"), $("#search-results"), {
    onEntity: (e) => addEntity(e.id, e),
    onClaim: (c) => openClaim(c),
    onConnect: (a, b) => connect(a, b),
  });
  setUnauthorizedHandler(() => {
    authFailed = true;
    askForKey(getKey() ? "That key was refused." : "This API needs a key.");
  });
  wireControls();
  renderTimeline();
  loadOutlines().then(renderMap);
  // For the browser tests and for analysts at the console: the live graph and exports.
  window.kgExplorer = { cy, state, viewJson: () => viewJson(cy), viewGraphml: () => viewGraphml(cy),
    labelBoxes: () => shownLabelBoxes(cy), expand: (id) => expand(id, { relayout: false }),
    expandMany: async (ids) => { await expandMany(ids); await track(layout(cy)); },
    connect,
    layout: () => track(layout(cy)) };
  await restore();
  document.body.dataset.ready = "1";
}

main();
