// The buy-back panel (Streamlit Components v2): its controls, tiles and two charts follow every key
// press and drag in the browser; the settled scenario goes back to Python as the component's state.
//
// One panel is several mounted parts (controls, a group's controls, tiles, each chart), placed where
// the page wants them. Streamlit runs this module once per document (its text is content-hashed),
// so the parts of one panel meet in PANELS and share one scenario. The "controls" part brings the
// spec (redesign/buyback_panel.py: coefficients, constants, wording, chart skeletons) and the
// levels the page last set; it alone sends the state back.
//
// Last of the five files ui/components/buyback_panel joins into this module: model.js (arithmetic,
// wording), charts.js, drag.js, parts.js, panel.js (the mount function and the panel's shared state).

const PANELS = new Map();
// A held slider that has not moved for this long rests: Plotly draws the charts' exact figures.
const REST_MS = 200;
const PARTS = new WeakMap();

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
    this.dragging = false; // a slider held by the pointer
    this.restTimer = 0;
    this.copies = 0; // charts drawn in their copies (drag.js), for tests
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
      clearTimeout(this.restTimer);
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

  // A slider held by the pointer: the charts follow it in their copies (drag.js), and Plotly
  // draws them when it is released or rests.
  dragStart() {
    if (this.dragging) return;
    this.dragging = true;
    const end = () => {
      window.removeEventListener("pointerup", end, true);
      window.removeEventListener("pointercancel", end, true);
      window.removeEventListener("blur", end);
      this.dragEnd();
    };
    window.addEventListener("pointerup", end, true);
    window.addEventListener("pointercancel", end, true);
    window.addEventListener("blur", end);
  }

  dragEnd() {
    this.dragging = false;
    // A frame still to come draws with Plotly now; else the charts' copies go now.
    if (!this.frame) this.rest();
  }

  rest() {
    clearTimeout(this.restTimer);
    for (const part of this.parts) if (part instanceof Chart) part.rest();
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
    if (this.owner) {
      this.owner.root.dataset.renders = String(this.renders);
      this.owner.root.dataset.copies = String(this.copies);
    }
    if (this.dragging) {
      clearTimeout(this.restTimer);
      this.restTimer = setTimeout(() => this.rest(), REST_MS);
    }
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

