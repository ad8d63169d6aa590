// The side panel: an entity's profile and claims, a claim with its sentence highlighted in the
// article text, or an edge with its evidence. Every quote shows where it comes from.
import { apiGet, apiPost, describeError, keyRole } from "./api.js";
import { clear, fmtDate, h, quoted, safeUrl } from "./dom.js";
import { TYPE_STYLE } from "./graphview.js";

let panel;
let actions;
let token = 0; // the latest render wins when requests overlap

export function initPanel(el, acts) {
  panel = el;
  actions = acts;
  showIntro();
}

function start(title) {
  token += 1;
  clear(panel);
  panel.dataset.kind = "";
  const heading = h("h2", { class: "panel-title", tabindex: "-1" }, title);
  panel.append(heading);
  return { mine: token, heading };
}

function stale(t) {
  return t.mine !== token;
}

function badge(type) {
  const s = TYPE_STYLE[type] || { color: "#64748b", label: type || "Entity" };
  return h("span", { class: "badge", style: `--c:${s.color}` }, s.label);
}

function loading() {
  return h("p", { class: "muted loading", role: "status" }, "Loading…");
}

function errorBox(err) {
  return h("p", { class: "error", role: "alert" }, describeError(err));
}

export function showIntro() {
  start("Details");
  panel.append(
    h("p", { class: "muted" }, "Select a node or an edge to see its profile and evidence."),
    h(
      "ul",
      { class: "hints" },
      h("li", {}, "Click a node (or press Enter on it in “In view”) to expand its neighbours."),
      h("li", {}, "Claims open with their sentence highlighted in the article."),
      h("li", {}, "Escape clears the selection."),
    ),
  );
}

// ------------------------------------------------------------------------------ entities

export async function showEntity(id, fallback = {}) {
  const t = start(fallback.name || "Entity");
  panel.dataset.kind = "entity";
  panel.append(loading());
  let p;
  try {
    p = await apiGet(`/v1/entities/${encodeURIComponent(id)}`);
  } catch (err) {
    if (stale(t)) return null;
    panel.lastChild.replaceWith(errorBox(err));
    return null;
  }
  if (stale(t)) return null;
  panel.lastChild.remove();
  t.heading.textContent = p.name || id;
  t.heading.append(" ", badge(p.type));
  const where = [p.admin1, p.country].filter(Boolean).join(", ");
  const facts = h(
    "dl",
    { class: "facts" },
    p.aliases?.length ? [h("dt", {}, "Also"), h("dd", {}, p.aliases.join(" · "))] : null,
    where ? [h("dt", {}, "Where"), h("dd", {}, where)] : null,
    p.lat != null && p.lon != null
      ? [h("dt", {}, "Coords"), h("dd", {}, `${(+p.lat).toFixed(2)}, ${(+p.lon).toFixed(2)}`)]
      : null,
    p.titles?.length ? [h("dt", {}, "Titles"), h("dd", {}, p.titles.join(" · "))] : null,
    [h("dt", {}, "Mentions"), h("dd", { "data-testid": "mention-count" },
      `${p.mentions ?? p.mention_count ?? 0} in ${p.articles ?? "?"} article(s)`)],
  );
  const pinned = actions.isPinned(id);
  const tools = h(
    "div",
    { class: "row-actions" },
    h("button", { type: "button", onclick: () => actions.expand(id) }, "Expand neighbours"),
    h("button", { type: "button", "aria-pressed": String(pinned),
      onclick: (e) => {
        const on = actions.togglePin(id);
        e.currentTarget.textContent = on ? "Unpin" : "Pin";
        e.currentTarget.setAttribute("aria-pressed", String(on));
      } }, pinned ? "Unpin" : "Pin"),
    h("button", { type: "button", onclick: () => actions.hide(id) }, "Hide"),
  );
  panel.append(facts, tools);
  const judged = h("section", { class: "judgements", "data-testid": "judgements" });
  panel.append(judged);
  keyRole().then((role) => {
    if (role === "admin" && !stale(t)) judgementTools(judged, p, t);
  });
  // The API gives one role per article that states it (each with its evidence); the panel
  // shows each role once, with how many articles state it and the dates they span.
  const roles = groupRoles((p.roles || []).filter((r) => r.title || r.organization), id);
  if (roles.length) {
    panel.append(
      h("h3", {}, "Roles"),
      h(
        "ul",
        { class: "plain", "data-testid": "roles" },
        roles.map((g) =>
          h("li", { title: g.sentence },
            g.label + (g.n > 1 ? ` · ${g.n} articles` : "") + (g.span ? ` (${g.span})` : "")),
        ),
      ),
    );
  }
  claimSection("Claims by", p.claims_by, "claims-by");
  claimSection("Claims about", p.claims_about, "claims-about");
  // Each item is {entity, articles} (shared articles); older shapes put the entity inline.
  const co = (p.co_mentioned || []).map((x) => ({ ...(x.entity || x), count: x.articles ?? x.count }));
  if (co.length) {
    panel.append(
      h("h3", {}, `Mentioned with (${co.length})`),
      h(
        "div",
        { class: "chips" },
        co.slice(0, 30).map((c) =>
          h(
            "button",
            {
              type: "button",
              class: "chip",
              style: `--c:${(TYPE_STYLE[c.type] || {}).color || "#64748b"}`,
              title: `Add ${c.name} to the graph`,
              onclick: () => actions.addEntity(c.id, c),
            },
            c.name,
            c.count != null ? h("small", {}, ` ${c.count}`) : null,
          ),
        ),
      ),
    );
  }
  return p;
}

// ------------------------------------------------------------------------ judgements
// Admin keys only (the page asks GET /v1/me): merge another entity into this one, split an
// alias off, and the judgements on this entity with Undo. Each action re-renders the panel.

function judgementTools(box, p, t) {
  const id = p.id;
  const msg = h("p", { class: "muted small", role: "status", "data-testid": "judgement-status" });
  const redo = async (work, done) => {
    msg.textContent = "Working…";
    try {
      const r = await work();
      if (stale(t)) return;
      if (done) done(r);
      await showEntity(id, { name: p.name });
    } catch (err) {
      if (!stale(t)) msg.textContent = describeError(err);
    }
  };

  const query = h("input", { type: "search", placeholder: "Entity to merge into this one…",
    "aria-label": "Find an entity to merge into this one", "data-testid": "merge-search" });
  const hits = h("ul", { class: "plain merge-hits", "data-testid": "merge-hits" });
  let seq = 0;
  query.addEventListener("input", async () => {
    const mine = ++seq;
    const q = query.value.trim();
    if (q.length < 2) { clear(hits); return; }
    let page;
    try {
      page = await apiGet("/v1/entities", { q, limit: 8 });
    } catch (err) {
      if (mine === seq) clear(hits).append(h("li", { class: "error" }, describeError(err)));
      return;
    }
    if (mine !== seq || stale(t)) return;
    clear(hits).append(...(page.items || []).filter((e) => e.id !== id).map((e) =>
      h("li", {}, h("button", { type: "button", "data-entity-id": e.id,
        onclick: () => redo(() => apiPost(`/v1/entities/${encodeURIComponent(id)}/merge`,
          { other: e.id, reason: null }), () => actions.hide?.(e.id)) },
      `Merge “${e.name}” (${e.type}) into this`))));
  });

  const aliases = (p.aliases || []).filter((a) => a !== p.name);
  const pick = h("select", { "aria-label": "Alias to split off", "data-testid": "split-alias" },
    aliases.map((a) => h("option", { value: a }, a)));
  const split = h("button", { type: "button", disabled: !aliases.length,
    onclick: () => redo(() => apiPost(`/v1/entities/${encodeURIComponent(id)}/split`,
      { alias: pick.value })) }, "Split alias off");

  const list = h("ul", { class: "plain", "data-testid": "judgement-list" });
  box.append(h("h3", {}, "Judgements"), h("div", { class: "row-actions" }, query), hits,
    h("div", { class: "row-actions" }, pick, split), list, msg);
  apiGet(`/v1/entities/${encodeURIComponent(id)}/judgements`).then((items) => {
    if (stale(t)) return;
    if (!items.length) list.append(h("li", { class: "muted small" }, "No judgements yet."));
    for (const j of items) {
      const what = j.kind === "merge"
        ? `merged ${j.other_id} into ${j.entity_id}`
        : `split “${j.alias}” off ${j.entity_id}`;
      list.append(h("li", { "data-judgement-id": j.id },
        `${what} · ${fmtDate(j.created_at)}${j.undone_at ? " · undone" : ""} `,
        j.undone_at ? null : h("button", { type: "button", class: "link",
          onclick: () => redo(() => apiPost(`/v1/judgements/${encodeURIComponent(j.id)}/undo`)) },
        "Undo")));
    }
  }, (err) => { if (!stale(t)) msg.textContent = describeError(err); });
}

function claimSection(title, claims, testid) {
  const list = claims || [];
  panel.append(h("h3", {}, `${title} (${list.length})`));
  if (!list.length) {
    panel.append(h("p", { class: "muted small" }, "None in the graph."));
    return;
  }
  panel.append(h("ul", { class: "claims", "data-testid": testid }, list.map(claimItem)));
}

export function claimItem(c) {
  const ev = c.evidence || {};
  return h(
    "li",
    {},
    h(
      "button",
      {
        type: "button",
        class: "claim-item",
        "data-claim-id": c.id,
        onclick: () => actions.openClaim(c),
      },
      h("span", { class: "who" }, `${c.speaker?.name || "Someone"} ${c.cue || "said"}`),
      c.stance && c.stance !== "asserts" ? h("span", { class: "badge stance" }, c.stance) : null,
      h("span", { class: "quote" }, quoted(c.content)),
      h("span", { class: "meta" }, [ev.outlet, fmtDate(c.date || ev.published)].filter(Boolean).join(" · ")),
    ),
  );
}

// ------------------------------------------------------------------------------ claims

export async function showClaim(claim) {
  const t = start("Claim");
  panel.dataset.kind = "claim";
  let c = claim;
  let related = {};
  try {
    const detail = await apiGet(`/v1/claims/${encodeURIComponent(claim.id)}`);
    if (stale(t)) return;
    c = detail.claim || detail;
    related = detail;
  } catch {
    // The list item we already hold carries the evidence; the detail only adds context.
    if (stale(t)) return;
  }
  const sp = c.speaker || {};
  t.heading.textContent = sp.name || "Claim";
  t.heading.append(" ", badge(sp.anonymous ? "AnonymousSource" : sp.type));
  panel.append(
    h("p", { class: "cue" }, `${c.cue || "said"} · ${c.stance || "asserts"} · ${c.quote_type || ""}${c.date ? ` · ${fmtDate(c.date)}` : ""}`),
    h("blockquote", { class: "claim-quote", "data-testid": "claim-quote" }, c.content),
  );
  // The proposition on its own, read with the stance ("denies: X" is not an assertion of X);
  // the chain (outlet talked to, or who relayed the words); the figure.
  if (c.statement) {
    panel.append(h("p", { class: "statement", "data-testid": "claim-statement" },
      h("strong", {}, `${c.stance || "asserts"}: `), c.statement));
  }
  if (c.reported_by) {
    const rb = c.reported_by;
    panel.append(h("p", { class: "muted small", "data-testid": "claim-chain" },
      rb.role === "relay" ? `relayed by ${rb.name}` : `said to ${rb.name}`));
  }
  if (c.quantity) {
    const q = c.quantity;
    panel.append(h("p", { class: "muted small", "data-testid": "claim-quantity" },
      `figure: ${q.text}${q.counted && q.counted !== "other" ? ` (${q.counted.replace("_", " ")})` : ""}`));
  }
  const about = c.about || [];
  if (about.length || c.target) {
    panel.append(
      h(
        "div",
        { class: "chips" },
        c.target ? h("span", { class: "chip static target" }, `targets ${c.target.name}`) : null,
        about.map((a) =>
          h("button", { type: "button", class: "chip", onclick: () => actions.addEntity(a.id, a) }, a.name),
        ),
      ),
    );
  }
  if (c.checkworthiness != null) {
    panel.append(
      h(
        "p",
        { class: "muted small" },
        `Check-worthiness ${Math.round(c.checkworthiness * 100)}%`,
        c.checkworthiness_reasons?.length ? ` — ${c.checkworthiness_reasons.join(", ")}` : "",
      ),
    );
  }
  reviewList(c.reviews || []);
  panel.append(h("h3", {}, "Evidence"));
  await articleEvidence(c.evidence || {}, t);
  // Contested claims side by side: {reason, claim} items from /v1/claims/{id}.
  // Each dispute shows its reason (denial, denial_of_accusation, rebuttal, figures_differ).
  for (const [key, title] of [["disputes", "Disputed by"], ["same_speaker", "Same speaker, same subject"]]) {
    const rel = related[key] || [];
    if (rel.length) {
      const items = rel.map((x) => {
        const li = claimItem(x.claim || x);
        if (key === "disputes" && x.reason) li.prepend(h("span", { class: "muted small reason" }, x.reason.replaceAll("_", " ")));
        return li;
      });
      panel.append(h("h3", {}, `${title} (${rel.length})`),
        h("ul", { class: "claims", "data-testid": `claims-${key}` }, items));
    }
  }
}

// Fact-checkers' reviews (POST /v1/claims/{id}/reviews), side by side, each linking out.
function reviewList(reviews) {
  if (!reviews.length) return;
  panel.append(
    h("h3", {}, `Fact-checks (${reviews.length})`),
    h(
      "ul",
      { class: "reviews", "data-testid": "claim-reviews" },
      reviews.map((r) => {
        const url = safeUrl(r.url);
        const verdict = h("strong", {}, r.rating?.alternate_name || "");
        return h(
          "li",
          {},
          verdict,
          ` — ${r.reviewer?.name || ""}${r.date_published ? `, ${fmtDate(r.date_published)}` : ""} `,
          url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, "review") : null,
        );
      }),
    ),
  );
}

function sourceLine(ev) {
  const url = safeUrl(ev.url);
  return h(
    "p",
    { class: "source", "data-testid": "evidence-source" },
    h("strong", {}, ev.outlet || "Unknown outlet"),
    ev.published ? ` · ${fmtDate(ev.published)}` : "",
    h("br"),
    url
      ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer", "data-testid": "source-link" },
        ev.title || url, " ↗")
      : h("span", {}, ev.title || ev.article_id),
    h("span", { class: "muted small" }, ` (article ${ev.article_id}, chars ${ev.start ?? "?"}–${ev.end ?? "?"})`),
  );
}

// The article text with the sentence and the quoted span marked, using the stored offsets.
async function articleEvidence(ev, t) {
  panel.append(sourceLine(ev));
  const box = h("div", { class: "article", "data-testid": "article-text", tabindex: "0",
    "aria-label": "Article text with the evidence highlighted" });
  panel.append(box);
  if (!ev.article_id) {
    box.append(ev.sentence || "No evidence recorded.");
    return;
  }
  box.append(loading());
  let art;
  try {
    art = await apiGet(`/v1/articles/${encodeURIComponent(ev.article_id)}`);
  } catch (err) {
    if (stale(t)) return;
    clear(box).append(
      h("p", { class: "muted small" }, `Article text unavailable (${describeError(err)}); the sentence:`),
      h("mark", { class: "sentence" }, ev.sentence || ""),
    );
    return;
  }
  if (stale(t)) return;
  clear(box);
  highlight(box, art.text || "", ev);
  const mark = box.querySelector("mark.quote") || box.querySelector("mark.sentence");
  if (mark) requestAnimationFrame(() => { box.scrollTop = Math.max(0, mark.offsetTop - 60); });
}

export function highlight(box, text, ev) {
  const n = text.length;
  const clamp = (x, d) => Math.max(0, Math.min(n, Number.isInteger(x) ? x : d));
  const ss = clamp(ev.sentence_start, ev.start ?? 0);
  const se = clamp(ev.sentence_end, ev.end ?? ss);
  const cs = Math.max(ss, clamp(ev.start, ss));
  const ce = Math.min(Math.max(cs, clamp(ev.end, se)), se >= cs ? se : n);
  const sentence = h("mark", { class: "sentence", "data-testid": "evidence-sentence" },
    text.slice(ss, cs),
    h("mark", { class: "quote", "data-testid": "evidence-quote" }, text.slice(cs, ce)),
    text.slice(ce, se));
  box.append(text.slice(0, ss), sentence, text.slice(se));
}

// ------------------------------------------------------------------------------ edges

export function showEdge(edge, names) {
  start(edge.type.replaceAll("_", " ").toLowerCase());
  panel.dataset.kind = "edge";
  const evs = edge.evidence || [];
  panel.append(
    h("p", { class: "edge-ends" }, h("strong", {}, names.source), ` → `, h("strong", {}, names.target)),
    h("p", { class: "muted small" }, `Weight ${edge.weight ?? evs.length} · ${evs.length} evidence item(s)`),
  );
  if (!evs.length) {
    panel.append(h("p", { class: "muted" }, "The API returned no evidence for this edge."));
    return;
  }
  const ul = h("ul", { class: "evidence", "data-testid": "edge-evidence" });
  for (const ev of evs) {
    const quote = h("blockquote", { class: "sentence-quote" });
    if (ev.sentence && Number.isInteger(ev.sentence_start) && Number.isInteger(ev.start)) {
      highlight(quote, ev.sentence, {
        sentence_start: 0, sentence_end: ev.sentence.length,
        start: ev.start - ev.sentence_start, end: (ev.end ?? ev.start) - ev.sentence_start,
      });
    } else {
      quote.append(ev.sentence || "(no sentence)");
    }
    ul.append(h("li", {}, sourceLine(ev), quote,
      h("button", { type: "button", class: "link", onclick: () => showArticle(ev) }, "Read in the article")));
  }
  panel.append(ul);
}

export async function showArticle(ev) {
  const t = start(ev.title || "Article");
  panel.dataset.kind = "article";
  await articleEvidence(ev, t);
}

export function showMessage(title, text) {
  start(title);
  panel.append(h("p", { class: "muted" }, text));
}

function groupRoles(roles, id) {
  const groups = new Map();
  for (const r of roles) {
    const label = [r.person?.id !== id ? r.person?.name : null, r.title, r.organization?.name]
      .filter(Boolean).join(", ");
    const key = label.toLowerCase();
    const day = (r.evidence?.published || "").slice(0, 10);
    const g = groups.get(key) || { label, n: 0, first: "", last: "", sentence: r.evidence?.sentence || "" };
    g.n += 1;
    if (day && (!g.first || day < g.first)) g.first = day;
    if (day && day > g.last) g.last = day;
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, span: g.first && g.first !== g.last ? `${g.first} – ${g.last}` : g.first }))
    .sort((a, b) => b.n - a.n);
}
