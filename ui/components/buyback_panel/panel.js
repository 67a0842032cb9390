// The buy-back panel (Streamlit Components v2): its controls, tiles and two charts follow every key
// press and drag in the browser; the settled scenario goes back to Python as the component's state.
//
// One panel is several mounted parts (controls, a group's controls, tiles, each chart), placed where
// the page wants them. Streamlit runs this module once per document (its text is content-hashed),
// so the parts of one panel meet in PANELS and share one scenario. The "controls" part brings the
// spec (redesign/buyback_panel.py: coefficients, constants, wording, chart skeletons) and the
// levels the page last set; it alone sends the state back.
//
// Arithmetic: redesign/buyback_panel.py's docstring, i.e. BuybackModel.evaluate operation for
// operation, with Python's round() (half-even on the exact value) and math.fsum, so the figures
// are the server's to the last digit. tests/browser/test_buyback_panel_browser.py checks them.

const PANELS = new Map();
const PARTS = new WeakMap();
let plotlyPromise = null;

export default function mount(component) {
  const { data, parentElement, setStateValue } = component;
  if (!data || typeof data.panel !== "string") return undefined;
  let panel = PANELS.get(data.panel);
  if (!panel) {
    panel = new Panel(data.panel);
    PANELS.set(data.panel, panel);
  }
  let part = PARTS.get(parentElement);
  if (!part || part.panel !== panel || part.kind !== partKind(data)) {
    if (part) part.destroy();
    part = makePart(panel, data, parentElement);
    PARTS.set(parentElement, part);
  }
  if (data.part === "controls") panel.fromPage(data, setStateValue);
  panel.add(part);
  return () => {
    part.destroy();
    panel.remove(part);
    PARTS.delete(parentElement);
  };
}

function partKind(data) {
  return data.part === "group" ? `group:${data.gid}` : data.part;
}

function makePart(panel, data, root) {
  switch (data.part) {
    case "controls":
      return new AllControl(panel, root);
    case "group":
      return new GroupControl(panel, root, String(data.gid));
    case "tiles":
      return new Tiles(panel, root);
    case "fte_chart":
      return new Chart(panel, root, "fte");
    case "curve_chart":
      return new Chart(panel, root, "curve");
    default:
      return new Nothing(panel, root);
  }
}

// --- Python's rounding and sums ---------------------------------------------------------------

// round(x, n) as Python does it: the exact binary value rounded half to even, then the nearest
// double. Exact ties only arise for values like 0.125, so the fast path decides all others.
function pyRound(x, n) {
  if (!Number.isFinite(x) || x === 0) return x;
  const scale = 10 ** n;
  const y = x * scale;
  const fl = Math.floor(y);
  const frac = y - fl;
  // y carries the product's rounding error (relative 2^-53): only a near-tie needs the exact path.
  if (Math.abs(frac - 0.5) > Math.max(1e-9, Math.abs(y) * 1e-15)) {
    return (frac < 0.5 ? fl : fl + 1) / scale;
  }
  return exactRound(x, n);
}

function exactRound(x, n) {
  const neg = x < 0;
  const digits = Math.abs(x).toFixed(100); // exact for the magnitudes this panel handles
  const [whole, frac] = digits.split(".");
  const kept = whole + frac.slice(0, n);
  const rest = frac.slice(n);
  let up = false;
  if (rest[0] > "5") up = true;
  else if (rest[0] === "5") {
    const beyond = /[1-9]/.test(rest.slice(1));
    up = beyond || Number(kept[kept.length - 1]) % 2 === 1;
  }
  let big = BigInt(kept);
  if (up) big += 1n;
  const text = big.toString().padStart(n + 1, "0");
  const value = Number(`${text.slice(0, text.length - n)}.${text.slice(text.length - n) || "0"}`);
  return neg ? -value : value;
}

// Python's round(x) for a float: to the nearest integer, ties to even.
function pyRoundInt(x) {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// math.fsum: the exactly rounded sum (Shewchuk's partials, as CPython does it).
function fsum(values) {
  const partials = [];
  for (let x of values) {
    let i = 0;
    for (let j = 0; j < partials.length; j++) {
      let y = partials[j];
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let n = partials.length;
  if (!n) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

const clean = (x, n = 6) => pyRound(x, n);
const total = (values) => pyRound(fsum(values), 6);
const quantize = (pct) => pyRoundInt((Math.min(Math.max(pct, 0), 150) / 100) * 1000) / 1000;

// --- the model (redesign/buyback_panel.py, evaluate_spec) -------------------------------------

function evaluate(spec, levels) {
  const charge = spec.charge;
  const L0 = spec.proposal_level;
  const groups = [];
  let costChange = 0;
  spec.groups.forEach((g, i) => {
    const level = levels[i];
    const retained = level * g.at_risk;
    const direct = retained * g.cost;
    const income = direct * charge;
    costChange += (retained - L0 * g.at_risk) * g.cost;
    groups.push({
      level,
      at_risk: g.at_risk,
      retained: clean(retained),
      redundant: clean(Math.max(g.at_risk - retained, 0)),
      expansion: clean(Math.max(retained - g.at_risk, 0)),
      income: clean(income, 2),
      below: 0 < retained && retained < g.min_viable - 1e-9,
      closed: retained === 0,
    });
  });
  const retained = total(groups.map((o) => o.retained));
  const redundant = total(groups.map((o) => o.redundant));
  const incomeM = total(groups.map((o) => o.income)) / 1e6;
  const serviceCost = clean(spec.proposed_cost_m + costChange / 1e6);
  const savingChange = (-costChange * (1 - charge)) / 1e6;
  return {
    groups,
    at_risk: total(spec.groups.map((g) => g.at_risk)),
    retained,
    redundant,
    expansion: total(groups.map((o) => o.expansion)),
    service_fte_after: clean(
      spec.service_fte_now - spec.confirmed_fte - spec.pool_fte + retained,
    ),
    service_cost: serviceCost,
    income: clean(incomeM),
    share: serviceCost ? clean((100 * incomeM) / serviceCost, 4) : null,
    saving: clean(spec.proposed_saving_m + savingChange),
    saving_change: clean(savingChange),
    redundancy: clean((redundant * spec.redundancy_per_fte) / 1e6),
  };
}

// --- display (redesign/formatting.py, redesign/buyback_text.py) --------------------------------

const MINUS = "\u2212";

function signAbs(x, n) {
  const r = pyRound(x, n);
  if (r === 0) return ["", 0];
  return [r < 0 ? MINUS : "+", Math.abs(r)];
}
function fte(x) {
  const [s, m] = signAbs(x, 2);
  return `${s === MINUS ? MINUS : ""}${m.toFixed(2)}`;
}
function signedFte(x) {
  const [s, m] = signAbs(x, 2);
  return `${s}${m.toFixed(2)}`;
}
function moneyM(x) {
  const [s, m] = signAbs(x, 2);
  return `${s === MINUS ? MINUS : ""}£${m.toFixed(2)}m`;
}
function signedMoneyM(x) {
  const [s, m] = signAbs(x, 2);
  return `${s}£${m.toFixed(2)}m`;
}
function pct(x, n = 1, missing = "not stated") {
  if (x === null || x === undefined) return missing;
  const [s, m] = signAbs(x, n);
  return `${s === MINUS ? MINUS : ""}${m.toFixed(n)}%`;
}
const fixed = (x, n) => pyRound(x, n).toFixed(n);
const levelPct = (level) => `${fixed(level * 100, 1).replace(/\.0$/, "")}%`;

function deltaFte(change, d) {
  return pyRound(change, 2) === 0 ? d.no_change : `${signedFte(change)} FTE`;
}
function deltaMoney(change, d) {
  return pyRound(change, 2) === 0 ? d.no_change : signedMoneyM(change);
}
function deltaPoints(change, d) {
  if (change === null) return "";
  if (pyRound(change, 1) === 0) return d.no_change;
  return `${change > 0 ? "+" : MINUS}${fixed(Math.abs(change), 1)} points`;
}

function breakEvenText(g, o) {
  const be = g.break_even;
  if (be === null) {
    return (
      "Never breaks even at this charge: the traded charge does not cover the direct" +
      " staff cost, so every post kept adds to the council's cost."
    );
  }
  if (be <= 0) {
    return "Breaks even at any level of buy-back (no fixed cost, charge covers staff cost).";
  }
  if (be > 1.5) {
    return (
      `Breaks even only at ${levelPct(be)} buy-back, beyond the ${levelPct(1.5)} this page` +
      " allows: at any level here the group costs the council more than it earns."
    );
  }
  let where;
  if (Math.abs(o.level - be) <= 1e-9) where = "this scenario is exactly at it";
  else if (o.level > be) where = "this scenario is above it, so traded income covers the group's cost";
  else where = "this scenario is below it, so the group costs the council more than it earns";
  return `Breaks even at ${levelPct(be)} buy-back (${fte(be * g.at_risk)} FTE); ${where}.`;
}

function viabilityText(g, o) {
  if (o.closed) return "Closed: no posts kept, so the traded offer stops.";
  if (o.below) {
    return (
      `Warning: below the minimum viable team. ${fte(o.retained)} FTE kept; about` +
      ` ${fte(g.min_viable)} FTE is needed to run the offer (assumption).`
    );
  }
  return (
    `Viable: ${fte(o.retained)} FTE kept, at or above the minimum of ${fte(g.min_viable)}` +
    " FTE (assumption)."
  );
}

function keptLine(o) {
  return (
    `Kept ${fte(o.retained)} FTE · redundant ${fte(o.redundant)} FTE` +
    (o.expansion > 0 ? ` · expansion ${fte(o.expansion)} FTE` : "")
  );
}

// --- the shared state of one panel --------------------------------------------------------------

class Panel {
  constructor(id) {
    this.id = id;
    this.domId = `bbp-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    this.nonce = Math.random().toString(36).slice(2, 10);
    this.seq = 0;
    this.parts = new Set();
    this.spec = null;
    this.levels = null; // fractions, one per spec.groups, quantised as the page does
    this.rev = null;
    this.all = null; // % the all-groups control set since the page's levels, or null
    this.set = {}; // group id -> % set since then
    this.dirty = false; // changed since the state was last sent
    this.frame = 0;
    this.settleTimer = 0;
    this.announceTimer = 0;
    this.sendState = null;
    this.settleMs = 250;
    this.renders = 0;
  }

  fromPage(data, setStateValue) {
    this.sendState = setStateValue;
    this.settleMs = data.settle_ms ?? 250;
    this.plotlyUrl = data.plotly_url;
    this.config = data.config || {};
    const specChanged = data.spec && data.spec !== this.spec;
    if (specChanged) {
      const sameGroups =
        this.spec && this.spec.groups.map((g) => g.id).join("\n") ===
          data.spec.groups.map((g) => g.id).join("\n");
      this.spec = data.spec;
      this.index = new Map(this.spec.groups.map((g, i) => [g.id, i]));
      this.proposal = evaluate(this.spec, this.spec.groups.map(() => this.spec.proposal_level));
      if (!sameGroups) this.rev = null;
    }
    const push = data.push;
    if (push && push.rev !== this.rev) {
      // The page set the scenario (a link, a file, a reset): it replaces anything unsent.
      this.rev = push.rev;
      this.levels = this.spec.groups.map((g) => Number(push.levels[g.id] ?? this.spec.proposal_level));
      this.all = null;
      this.set = {};
      this.dirty = false;
      clearTimeout(this.settleTimer);
    }
    for (const part of this.parts) part.specChanged?.();
    this.render(true);
  }

  add(part) {
    if (!this.parts.has(part)) {
      this.parts.add(part);
      if (this.spec && this.levels) part.update(this.context(), true);
    }
  }

  remove(part) {
    this.parts.delete(part);
    if (!this.parts.size) {
      clearTimeout(this.settleTimer);
      clearTimeout(this.announceTimer);
      PANELS.delete(this.id);
    }
  }

  setAll(pctValue) {
    const level = quantize(pctValue);
    this.levels = this.levels.map(() => level);
    this.all = pctValue;
    this.set = {};
    this.changed();
  }

  setGroup(gid, pctValue) {
    const i = this.index.get(gid);
    if (i === undefined) return;
    this.levels = this.levels.slice();
    this.levels[i] = quantize(pctValue);
    this.set = { ...this.set, [gid]: pctValue };
    this.changed();
  }

  changed() {
    this.dirty = true;
    this.render(false);
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.settle(), this.settleMs);
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => this.announce(), 1000);
  }

  // Send the scenario to Python now (a released pointer, Enter, leaving a box, or a pause).
  settle() {
    clearTimeout(this.settleTimer);
    if (!this.dirty || !this.sendState) return;
    this.dirty = false;
    this.seq += 1;
    this.sendState("scenario", {
      rev: this.rev,
      id: `${this.nonce}:${this.seq}`,
      all: this.all,
      set: this.set,
    });
  }

  context() {
    if (!this.result) this.compute();
    return this.ctx;
  }

  compute() {
    const spec = this.spec;
    const result = evaluate(spec, this.levels);
    let kept = 0;
    let pool = 0;
    spec.groups.forEach((g, i) => {
      kept += this.levels[i] * g.at_risk;
      pool += g.at_risk;
    });
    const overall = pool ? pyRound((100 * kept) / pool, 1) : pyRound(this.levels[0] * 100, 1);
    this.result = result;
    this.ctx = { spec, levels: this.levels, result, proposal: this.proposal, overall, panel: this };
  }

  // Redraw every part in the next frame (several inputs in one frame are drawn once).
  render(now) {
    if (!this.spec || !this.levels) return;
    this.result = null;
    if (now) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      this.draw(true);
      return;
    }
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw(false);
    });
  }

  draw(full) {
    const ctx = this.context();
    // Charts first: Plotly measures text as it draws, which makes the browser lay the page out
    // there and then; drawn before the tiles and controls change, that layout has nothing else
    // to redo, and the tiles' and controls' new text is laid out once, with the frame.
    for (const part of this.parts) if (part instanceof Chart) part.update(ctx, full);
    for (const part of this.parts) if (!(part instanceof Chart)) part.update(ctx, full);
    this.renders += 1;
    if (this.owner) this.owner.root.dataset.renders = String(this.renders);
  }

  announce() {
    if (!this.owner || !this.spec) return;
    const { result: r, proposal: p } = this.context();
    const d = this.spec.display;
    const change = deltaMoney(r.saving_change, d);
    this.owner.say(
      `${levelPct(this.ctx.overall / 100)} bought back across all groups:` +
        ` ${fte(r.retained)} of ${fte(r.at_risk)} FTE kept, ${fte(r.redundant)} FTE redundant.` +
        ` Saving ${moneyM(r.saving)}` +
        (change === d.no_change ? ", the same as the proposal." : ` (${change} ${d.vs}).`) +
        ` Traded income needed ${moneyM(r.income)} a year.` +
        (r.redundant !== p.redundant ? ` Redundancy cost ${moneyM(r.redundancy)} once.` : ""),
    );
  }
}

// --- parts --------------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

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
      el("span", { class: "bbp-sr", text: ` for ${boxName}` }),
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
    this.live = el("div", { class: "bbp-sr", role: "status", "aria-live": "polite" });
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
        el("span", { class: "bbp-sr", text: `About ${t.label}` }),
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

// --- charts -------------------------------------------------------------------------------------

function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotlyPromise) {
    plotlyPromise = new Promise((resolve, reject) => {
      const existing = document.querySelector("script[data-bbp-plotly]");
      const script = existing || el("script", { src: url, "data-bbp-plotly": "1" });
      script.addEventListener("load", () => resolve(window.Plotly));
      script.addEventListener("error", () => {
        plotlyPromise = null;
        reject(new Error("plotly.js did not load"));
      });
      if (!existing) document.head.append(script);
    });
  }
  return plotlyPromise;
}

function fteFigure(spec, r) {
  const sk = spec.charts.fte;
  const bars = spec.charts.bars.map((b) => {
    const os = b.members.map((i) => r.groups[i]);
    if (!b.combined) {
      const o = os[0];
      return { head: b.head, at: o.at_risk, kept: Math.min(o.retained, o.at_risk), red: o.redundant, exp: o.expansion };
    }
    return {
      head: b.head,
      at: total(os.map((o) => o.at_risk)),
      kept: total(os.map((o) => Math.min(o.retained, o.at_risk))),
      red: total(os.map((o) => o.redundant)),
      exp: total(os.map((o) => o.expansion)),
    };
  });
  const labels = bars.map(
    (b) =>
      `${b.head}<br>${fte(b.kept + b.exp)} kept · ${fte(b.red)} redundant` +
      (b.exp > 0 ? ` · ${fte(b.exp)} more` : ""),
  );
  const text = (values, word) => values.map((v) => (v >= 0.005 ? `${fte(v)} ${word}` : ""));
  const kept = bars.map((b) => b.kept);
  const red = bars.map((b) => b.red);
  const exp = bars.map((b) => b.exp);
  const data = [
    { ...sk.data[0], x: kept, y: labels, text: text(kept, "kept") },
    { ...sk.data[1], x: red, y: labels, text: text(red, "redundant") },
  ];
  if (exp.some((v) => v > 0)) data.push({ ...sk.data[2], x: exp, y: labels, text: text(exp, "more") });
  const top = bars.length ? Math.max(...bars.map((b) => b.at + b.exp)) : 1;
  const layout = { ...sk.layout, xaxis: { ...sk.layout.xaxis, range: [0, top * 1.08] } };
  const alt =
    `Stacked bar chart: of ${fte(r.at_risk)} FTE at risk, ${fte(r.retained)} FTE kept and` +
    ` ${fte(r.redundant)} FTE redundant, shown for each group.`;
  return { data, layout, alt };
}

function curveFigure(spec, r) {
  const sk = spec.charts.curve;
  const k = r.at_risk ? (100 * r.retained) / r.at_risk : 0;
  const above = r.saving >= r.income;
  const data = [
    sk.data[0],
    sk.data[1],
    {
      ...sk.data[2],
      x: [k, k],
      y: [r.saving, r.income],
      text: [`Saving ${moneyM(r.saving)}`, `Income ${moneyM(r.income)}`],
      textposition: above ? ["top right", "bottom right"] : ["bottom right", "top right"],
    },
  ];
  const [here, proposed, proposalNote] = sk.layout.annotations;
  const annotations = [
    { ...here, x: k, xanchor: k < 110 ? "left" : "right", text: `This scenario: ${fixed(k, 1)}% of at-risk FTE kept` },
    proposed,
  ];
  if (proposalNote && spec.proposal_pct !== k) annotations.push(proposalNote);
  const c = spec.curve;
  const top = Math.max(...c.saving, ...c.income, r.saving, r.income, 0.1);
  const [line, ...otherShapes] = sk.layout.shapes;
  const layout = {
    ...sk.layout,
    shapes: [{ ...line, x0: k, x1: k }, ...otherShapes],
    annotations,
    yaxis: { ...sk.layout.yaxis, range: [0, top * 1.15] },
  };
  const alt =
    "Line chart: the saving and the traded income needed rise with buy-back; this scenario" +
    ` gives a saving of ${moneyM(r.saving)} and needs ${moneyM(r.income)} of traded income.`;
  return { data, layout, alt };
}

class Chart {
  constructor(panel, root, which) {
    this.panel = panel;
    this.root = root;
    this.which = which;
    this.kind = `${which}_chart`;
    // The chart's one-sentence description as its caption (read by screen readers, not shown:
    // the page writes the title above and the table below). Not role="img": Plotly's mode bar
    // buttons inside must stay reachable.
    this.caption = el("figcaption", { class: "bbp-sr" });
    this.figure = el("figure", { class: "bbp-figure", "data-chart": which }, this.caption);
    this.gd = el("div", { class: "bbp-plot" });
    this.note = el("p", { class: "bbp-text", text: "Drawing the chart…" });
    this.figure.append(this.gd);
    root.append(this.figure, this.note);
    root.classList.add("bbp-part");
    this.plotted = false;
    this.pending = null;
    this.busy = false;
  }
  update(ctx) {
    const fig = this.which === "fte" ? fteFigure(ctx.spec, ctx.result) : curveFigure(ctx.spec, ctx.result);
    setText(this.caption, fig.alt);
    this.pending = fig;
    if (window.Plotly) this.flush();
    else if (this.panel.plotlyUrl) {
      loadPlotly(this.panel.plotlyUrl).then(
        () => this.flush(),
        () => setText(this.note, "The chart could not be drawn; its figures are in the table below."),
      );
    }
  }
  flush() {
    const fig = this.pending;
    if (!fig) return;
    this.pending = null;
    const Plotly = window.Plotly;
    const config = { ...this.panel.config };
    if (!this.plotted) {
      this.plotted = true;
      this.note.remove();
      // A fixed height lets the plot's box be laid out apart from the page (panel.css: contain).
      this.gd.style.height = `${fig.layout.height}px`;
      Plotly.newPlot(this.gd, fig.data, fig.layout, config);
    } else {
      Plotly.react(this.gd, fig.data, fig.layout, config);
    }
  }
  destroy() {
    if (this.plotted && window.Plotly) window.Plotly.purge(this.gd);
    this.root.replaceChildren();
  }
}
