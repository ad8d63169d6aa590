// Type-ahead over entities and claims: an ARIA combobox (arrow keys move, Enter picks,
// Escape closes), one request in flight at a time.
import { apiGet, describeError } from "./api.js";
import { clear, debounce, h, quoted } from "./dom.js";
import { TYPE_STYLE } from "./graphview.js";
import { parseConnect } from "./pathview.js";

export function initSearch(input, listbox, { onEntity, onClaim, onConnect }) {
  let options = [];
  let active = -1;
  let controller = null;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const setActive = (i) => {
    options.forEach((o, j) => o.el.setAttribute("aria-selected", String(j === i)));
    active = i;
    if (i >= 0 && options[i]) {
      input.setAttribute("aria-activedescendant", options[i].el.id);
      options[i].el.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const choose = (i) => {
    const o = options[i];
    if (!o) return;
    close();
    if (o.kind === "entity") {
      input.value = o.item.name;
      onEntity(o.item);
    } else if (o.kind === "connect") {
      onConnect(o.item.a, o.item.b);
    } else {
      onClaim(o.item);
    }
  };

  const render = (body, q) => {
    clear(listbox);
    options = [];
    const connect = parseConnect(q);
    const entities = body?.entities || body?.items || [];
    const claims = body?.claims || [];
    const add = (kind, item, content) => {
      const i = options.length;
      const el = h("li", { id: `search-opt-${i}`, role: "option", "aria-selected": "false",
        class: `opt opt-${kind}`, "data-kind": kind, "data-id": item.id,
        onmousedown: (e) => e.preventDefault(), onclick: () => choose(i) }, content);
      options.push({ kind, item, el });
      listbox.append(el);
    };
    if (connect) {
      listbox.append(h("li", { role: "presentation", class: "group" }, "Paths"));
      add("connect", { id: "connect", ...connect }, [
        h("span", { class: "name" }, `Connect “${connect.a}” and “${connect.b}”`),
        h("span", { class: "type" }, "shortest paths, with evidence"),
      ]);
    }
    if (entities.length) listbox.append(h("li", { role: "presentation", class: "group" }, "Entities"));
    for (const e of entities) {
      const st = TYPE_STYLE[e.type] || { color: "#64748b", label: e.type };
      add("entity", e, [
        h("span", { class: "dot", style: `--c:${st.color}`, "aria-hidden": "true" }),
        h("span", { class: "name" }, e.name),
        h("span", { class: "type" }, st.label),
        e.mentions ? h("span", { class: "count" }, `${e.mentions}`) : null,
      ]);
    }
    if (claims.length) listbox.append(h("li", { role: "presentation", class: "group" }, "Claims"));
    for (const c of claims) {
      add("claim", c, [
        h("span", { class: "who" }, `${c.speaker?.name || "Someone"} ${c.cue || "said"}: `),
        h("span", { class: "quote" }, quoted(c.content.length > 90 ? `${c.content.slice(0, 88)}…` : c.content)),
      ]);
    }
    if (!options.length) {
      listbox.append(h("li", { role: "presentation", class: "empty" }, `Nothing found for “${q}”.`));
    }
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    setActive(options.length ? 0 : -1);
  };

  const run = debounce(async () => {
    const q = input.value.trim();
    if (q.length < 2) {
      close();
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    if (parseConnect(q)) {
      // "connect A and B" is a path question, not a name: offer it without searching.
      render({}, q);
      return;
    }
    try {
      const body = await apiGet("/v1/search", { q, limit: 8 }, { signal: controller.signal });
      if (q === input.value.trim()) render(body, q);
    } catch (err) {
      if (err.name === "AbortError") return;
      clear(listbox).append(h("li", { role: "presentation", class: "empty error" }, describeError(err)));
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      options = [];
    }
  }, 180);

  input.addEventListener("input", run);
  input.addEventListener("focus", () => {
    if (options.length) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 120));
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && options.length) {
      e.preventDefault();
      if (listbox.hidden) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      setActive((active + 1) % options.length);
    } else if (e.key === "ArrowUp" && options.length) {
      e.preventDefault();
      setActive((active - 1 + options.length) % options.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (!listbox.hidden && options.length) choose(Math.max(0, active));
    } else if (e.key === "Escape") {
      if (!listbox.hidden) {
        e.stopPropagation();
        close();
      } else {
        input.value = "";
      }
    }
  });
}
