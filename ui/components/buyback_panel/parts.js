// The buy-back panel's parts other than the charts (fourth of model.js, charts.js, drag.js, parts.js,
// panel.js): the all-groups control with the live region, a group's control with its results, the
// tiles. A part builds its elements once and, on each update, changes only their text and values
// (never the element that has the focus).

class Nothing {
  constructor(panel, root) {
    this.panel = panel;
    this.root = root;
    this.kind = "none";
  }
  update() {}
  destroy() {}
}

// A slider (whole %) and an exact box (to 0.1%), as the page's own controls.
class LevelControl {
  constructor(panel, root, { id, label, hint, boxName }) {
    this.panel = panel;
    const d = `${panel.domId}-${id}`;
    this.range = el("input", {
      type: "range",
      id: `${d}-range`,
      class: "bbp-range",
      min: "0",
      max: "150",
      step: "1",
      "aria-describedby": `${d}-hint`,
    });
    this.out = el("output", { class: "bbp-out", for: `${d}-range`, "aria-hidden": "true" });
    this.box = el("input", {
      type: "number",
      id: `${d}-box`,
      class: "bbp-box",
      min: "0",
      max: "150",
      step: "0.1",
      inputmode: "decimal",
    });
    const boxLabel = el(
      "label",
      { for: `${d}-box`, class: "bbp-box-label" },
      "Exact %",
      el("span", { class: "app-sr", text: ` for ${boxName}` }),
    );
    this.node = el(
      "div",
      { class: "bbp-control" },
      el("label", { for: `${d}-range`, class: "bbp-label", text: label }),
      el("p", { id: `${d}-hint`, class: "bbp-hint", text: hint }),
      el(
        "div",
        { class: "bbp-row" },
        el("div", { class: "bbp-slider" }, this.range, this.out),
        el("div", { class: "bbp-exact" }, boxLabel, this.box),
      ),
    );
    root.append(this.node);
    this.range.addEventListener("input", () => this.moved(Number(this.range.value)));
    this.range.addEventListener("pointerdown", () => panel.dragStart());
    this.range.addEventListener("pointerup", () => panel.settle());
    this.range.addEventListener("keyup", (e) => {
      if (e.key === "Enter") panel.settle();
    });
    this.box.addEventListener("input", () => {
      const v = this.box.valueAsNumber;
      if (Number.isFinite(v)) this.moved(this.clampBox(v), true);
    });
    this.box.addEventListener("change", () => {
      const v = this.box.valueAsNumber;
      if (Number.isFinite(v)) {
        this.moved(this.clampBox(v), true);
        this.box.value = fixed(this.clampBox(v), 1);
      } else {
        this.box.value = this.boxValue ?? "";
      }
      panel.settle();
    });
    this.box.addEventListener("blur", () => panel.settle());
  }

  clampBox(v) {
    return Math.min(Math.max(pyRound(v, 1), 0), 150);
  }

  // pctShown: the level to 0.1%; the slider shows it to a whole %.
  show(pctShown, valuetext) {
    const whole = String(pyRoundInt(pctShown));
    if (this.range.value !== whole) this.range.value = whole;
    setText(this.out, `${whole}%`);
    setAttr(this.range, "aria-valuetext", valuetext);
    this.boxValue = fixed(pctShown, 1);
    // Never rewrite a box while someone types in it: its value is what they typed.
    if (document.activeElement !== this.box && this.box.value !== this.boxValue) {
      this.box.value = this.boxValue;
    }
  }
}

class AllControl {
  constructor(panel, root) {
    this.panel = panel;
    this.root = root;
    this.kind = "controls";
    panel.owner = this;
    this.control = new LevelControl(panel, root, {
      id: "all",
      label: "All groups: buy-back",
      hint:
        "Shows the buy-back across all groups (the share of at-risk FTE kept); moving it sets" +
        " every group to that level. Then fine-tune each group below.",
      boxName: "all groups",
    });
    this.control.moved = (v) => panel.setAll(v);
    this.live = el("div", { class: "app-sr", role: "status", "aria-live": "polite" });
    root.append(this.live);
    root.classList.add("bbp-part");
  }
  update(ctx) {
    const r = ctx.result;
    this.control.show(
      ctx.overall,
      `${levelPct(ctx.overall / 100)} bought back, ${fte(r.retained)} of ${fte(r.at_risk)} FTE kept`,
    );
  }
  say(text) {
    setText(this.live, text);
  }
  destroy() {
    if (this.panel.owner === this) this.panel.owner = null;
    this.root.replaceChildren();
  }
}

class GroupControl {
  constructor(panel, root, gid) {
    this.panel = panel;
    this.root = root;
    this.gid = gid;
    this.kind = `group:${gid}`;
    root.classList.add("bbp-part");
  }
  build(spec) {
    const g = spec.groups[this.panel.index.get(this.gid)];
    if (!g) return false;
    this.root.replaceChildren();
    this.g = g;
    this.control = new LevelControl(this.panel, this.root, {
      id: `g${this.panel.index.get(this.gid)}`,
      label: `${g.label}: buy-back`,
      hint:
        "% of today's at-risk posts bought back: 0% closes the group, 100% keeps every post," +
        " above 100% expands it.",
      boxName: g.label,
    });
    this.control.moved = (v) => this.panel.setGroup(this.gid, v);
    this.kept = el("p", { class: "bbp-kept" });
    this.breakEven = el("p", { class: "bbp-text" });
    this.viable = el("p", { class: "bbp-text" });
    this.root.append(this.kept, this.breakEven, this.viable);
    this.builtFor = spec;
    return true;
  }
  specChanged() {
    this.builtFor = null;
  }
  update(ctx) {
    if (this.builtFor !== ctx.spec && !this.build(ctx.spec)) return;
    const i = this.panel.index.get(this.gid);
    const o = ctx.result.groups[i];
    this.control.show(
      pyRound(o.level * 100, 1),
      `${levelPct(o.level)} bought back, ${fte(o.retained)} of ${fte(o.at_risk)} FTE kept`,
    );
    setText(this.kept, keptLine(o));
    setText(this.breakEven, breakEvenText(this.g, o));
    setText(this.viable, viabilityText(this.g, o));
    const warn = o.below || o.closed;
    this.viable.classList.toggle("bbp-warning", warn);
  }
  destroy() {
    this.root.replaceChildren();
  }
}

class Tiles {
  constructor(panel, root) {
    this.panel = panel;
    this.root = root;
    this.kind = "tiles";
    root.classList.add("bbp-part");
  }
  build(spec) {
    this.root.replaceChildren();
    this.grid = el("div", { class: "bbp-tiles" });
    this.tiles = new Map();
    for (const t of spec.tiles) {
      const id = `${this.panel.domId}-tile-${t.id}`;
      const help = el("p", { id: `${id}-help`, class: "bbp-help", hidden: true, text: t.help });
      const button = el(
        "button",
        { type: "button", class: "bbp-help-btn", "aria-expanded": "false", "aria-controls": `${id}-help` },
        el("span", { "aria-hidden": "true", text: "?" }),
        el("span", { class: "app-sr", text: `About ${t.label}` }),
      );
      button.addEventListener("click", () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        help.hidden = !open;
      });
      const value = el("p", { class: "bbp-value", "data-tile": t.id });
      const arrow = el("span", { class: "bbp-arrow", "aria-hidden": "true" });
      const delta = el("span", { class: "bbp-delta-text" });
      const deltaLine = el("p", { class: "bbp-delta" }, arrow, delta);
      const tile = el(
        "section",
        { class: "bbp-tile", "aria-labelledby": `${id}-label`, "data-tile": t.id },
        el("div", { class: "bbp-tile-head" }, el("h4", { id: `${id}-label`, class: "bbp-tile-label", text: t.label }), button),
        value,
        deltaLine,
        help,
      );
      this.grid.append(tile);
      this.tiles.set(t.id, { value, arrow, delta, deltaLine });
    }
    this.root.append(this.grid);
    this.builtFor = spec;
    this.width = null;
  }
  update(ctx) {
    if (this.builtFor !== ctx.spec) this.build(ctx.spec);
    const { result: r, proposal: p, spec } = ctx;
    const d = spec.display;
    const shareChange = r.share === null || p.share === null ? null : r.share - p.share;
    const values = {
      redundant: [fte(r.redundant), r.redundant - p.redundant, deltaFte(r.redundant - p.redundant, d)],
      kept: [`${fte(r.retained)} of ${fte(r.at_risk)}`, r.retained - p.retained, deltaFte(r.retained - p.retained, d)],
      income: [moneyM(r.income), r.income - p.income, deltaMoney(r.income - p.income, d)],
      share: [pct(r.share), shareChange ?? 0, deltaPoints(shareChange, d)],
      saving: [moneyM(r.saving), r.saving_change, deltaMoney(r.saving_change, d)],
      redundancy: [moneyM(r.redundancy), r.redundancy - p.redundancy, deltaMoney(r.redundancy - p.redundancy, d)],
      service_fte: [
        fte(r.service_fte_after),
        r.service_fte_after - p.service_fte_after,
        deltaFte(r.service_fte_after - p.service_fte_after, d),
      ],
      service_cost: [
        moneyM(r.service_cost),
        r.service_cost - p.service_cost,
        deltaMoney(r.service_cost - p.service_cost, d),
      ],
    };
    // One width for every tile, wide enough for the longest value (as ui/buyback.py tile_width:
    // 205 px, or 14 px a character plus 12).
    const longest = Math.max(...Object.values(values).map((v) => v[0].length));
    const width = `${Math.max(205, 14 * longest + 12 + 32)}px`;
    if (width !== this.width) {
      this.width = width;
      this.grid.style.setProperty("--bbp-tile-min", width);
    }
    for (const [id, parts] of this.tiles) {
      const [value, change, delta] = values[id];
      setText(parts.value, value);
      const same = !delta || delta === d.no_change;
      setText(parts.arrow, same ? "" : change > 0 ? "↑ " : "↓ ");
      setText(parts.delta, delta ? `${delta} ${d.vs}` : "");
      parts.deltaLine.hidden = !delta;
    }
  }
  destroy() {
    this.root.replaceChildren();
  }
}

