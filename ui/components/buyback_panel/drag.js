// The charts while a slider is dragged (third of model.js, charts.js, drag.js, parts.js, panel.js).
// Plotly redraws one of these charts in about 20 ms, too slow to follow a hand 30 times a second.
// While the pointer is held, each chart shows a copy of the picture Plotly last drew, and only
// what moves with the buy-back changes in the copy: the posts chart's bars, their text, the
// figures in its group labels and its FTE axis; the curve chart's marker, line and labels. When
// the pointer is released or rests, Plotly draws the exact figure and the copy goes.
//
// This is the one file that reads Plotly's SVG (its class names, a bar's path); a Plotly whose
// picture differs makes make() return null and the chart is drawn by Plotly on every move, as
// before. tests/browser/test_buyback_panel_drag_browser.py fails if that happens.

const SVG_NS = "http://www.w3.org/2000/svg";
const BAR_TEXT_PAD = 3; // Plotly's space around a bar's text inside the bar
const LINE = 1.2; // a line of text's height, in font sizes
const NUMBER = "([-+]?[0-9]*\\.?[0-9]+(?:e[-+]?[0-9]+)?)";
const BAR_PATH = new RegExp(`^M${NUMBER},${NUMBER}V${NUMBER}H`);
const TRANSLATE = new RegExp(`translate\\(${NUMBER}[, ]`);
let measurer = null;

function textWidth(text, font) {
  if (!measurer) measurer = document.createElement("canvas").getContext("2d");
  measurer.font = font;
  return measurer.measureText(text).width;
}

function px(v) {
  return Math.round(v * 100) / 100;
}

function plotArea(box) {
  const r = box.querySelector(".draglayer .nsewdrag");
  if (!r) return null;
  const area = ["x", "y", "width", "height"].map((a) => Number(r.getAttribute(a)));
  return area.every(Number.isFinite) && area[2] > 0 && area[3] > 0 ? area : null;
}

// A copy of the SVG layers Plotly drew last, to lay over the chart.
function copyOf(gd) {
  const layers = gd.querySelectorAll(".svg-container > svg.main-svg");
  if (!layers.length) return null;
  const box = el("div", { class: "bbp-drag", "aria-hidden": "true" });
  for (const svg of layers) box.append(svg.cloneNode(true));
  // Ids stay unique in the document: the copy's clip paths and patterns get their own.
  const ids = new Set();
  for (const n of box.querySelectorAll("[id]")) {
    ids.add(n.id);
    n.id = `${n.id}-drag`;
  }
  if (ids.size) {
    const ref = /url\(\s*(["']?)#([^"')]+)\1\s*\)/g;
    const rename = (v) => v.replace(ref, (m, q, id) => (ids.has(id) ? `url(${q}#${id}-drag${q})` : m));
    for (const n of box.querySelectorAll("[clip-path], [style], [fill], [mask]")) {
      for (const name of ["clip-path", "style", "fill", "mask"]) {
        const v = n.getAttribute(name);
        if (v && v.includes("url(")) n.setAttribute(name, rename(v));
      }
    }
  }
  return box;
}

// Beside the plot, not in it: Plotly looks for its own class names in the whole plot.
class DragCopy {
  constructor(gd, box) {
    this.holder = gd.parentElement;
    this.box = box;
  }
  show() {
    if (!this.box.isConnected) {
      this.holder.append(this.box);
      this.holder.classList.add("bbp-dragging");
    }
  }
  remove() {
    this.box.remove();
    this.holder.classList.remove("bbp-dragging");
  }
}

// --- the posts chart: stacked horizontal bars ---------------------------------------------------

class FteDrag extends DragCopy {
  static make(gd, shown) {
    const box = copyOf(gd);
    const area = box && plotArea(box);
    if (!area) return null;
    const n = shown.bars.length;
    const traces = [...box.querySelectorAll(".barlayer .trace.bars")];
    const ticks = [...box.querySelectorAll(".yaxislayer-above .ytick text")];
    if (traces.length !== shown.data.length || ticks.length !== n) return null;
    const paths = traces.map((t) => [...t.querySelectorAll(".point > path")]);
    if (paths.some((p) => p.length !== n)) return null;
    const bands = [];
    for (const p of paths[0]) {
      const m = BAR_PATH.exec(p.getAttribute("d") || "");
      if (!m) return null;
      bands.push([Number(m[2]), Number(m[3])]);
    }
    const numbers = ticks.map((t) => {
      const lines = t.querySelectorAll(":scope > tspan.line");
      return lines.length ? lines[lines.length - 1] : null;
    });
    if (numbers.some((x) => !x)) return null;
    const axis = [
      ...box.querySelectorAll(".xaxislayer-above .xtick > text, .gridlayer .x > path"),
    ].map((node) => ({ node, x: Number(TRANSLATE.exec(node.getAttribute("transform") || "")?.[1]) }));
    if (axis.some((a) => !Number.isFinite(a.x))) return null;
    return new FteDrag(gd, box, shown, { plotBox: area, paths, bands, numbers, axis });
  }

  constructor(gd, box, shown, parts) {
    super(gd, box);
    Object.assign(this, parts);
    this.range = shown.layout.xaxis.range[1];
    this.traceCount = shown.data.length;
    const family = shown.layout.font.family;
    // Plotly's text in the bars is replaced by the copy's own, one per bar segment.
    for (const t of box.querySelectorAll(".barlayer .bartext")) t.remove();
    this.texts = this.paths.map((ps, i) => {
      const font = shown.data[i].insidetextfont;
      return ps.map((p) => {
        const t = document.createElementNS(SVG_NS, "text");
        t.setAttribute("text-anchor", "middle");
        t.setAttribute("dominant-baseline", "central");
        t.setAttribute(
          "style",
          `font-family: ${family}; font-size: ${font.size}px; fill: ${font.color}; white-space: pre;`,
        );
        p.after(t);
        return { node: t, font: `${font.size}px ${family}`, size: font.size, shown: null };
      });
    });
  }

  // Draws fig in the copy; false if fig's shape differs from the copy's (Plotly must draw it).
  update(fig) {
    const n = this.bands.length;
    if (fig.data.length !== this.traceCount || fig.bars.length !== n) return false;
    const [left, , width] = this.plotBox;
    const range = fig.layout.xaxis.range[1];
    if (!(range > 0)) return false;
    const scale = width / range;
    if (range !== this.range) {
      // The axis stretches with the bars; its ticks keep their values until Plotly draws.
      for (const a of this.axis) {
        const x = left + ((a.x - left) * this.range) / range;
        a.node.setAttribute("transform", `translate(${px(x)},0)`);
        a.node.style.display = x > left + width + 0.5 ? "none" : "";
        a.x = x;
      }
      this.range = range;
    }
    const min = fig.layout.uniformtext?.minsize ?? 0;
    const placed = [];
    let uniform = 1;
    for (let j = 0; j < n; j += 1) {
      const [y0, y1] = this.bands[j];
      let at = 0;
      for (let i = 0; i < this.traceCount; i += 1) {
        const v = fig.data[i].x[j];
        const x0 = at * scale;
        const x1 = (at + v) * scale;
        at += v;
        setAttr(this.paths[i][j], "d", `M${px(x0)},${y0}V${y1}H${px(x1)}V${y0}Z`);
        const t = this.texts[i][j];
        const text = fig.data[i].text[j];
        // As Plotly's uniformtext: each text as large as fits (turned upright if that fits it
        // larger), one that would be smaller than the minimum hidden, the rest at one size.
        const w = x1 - x0 - 2 * BAR_TEXT_PAD;
        const h = Math.abs(y0 - y1) - 2 * BAR_TEXT_PAD;
        const long = text ? textWidth(text, t.font) : 0;
        const tall = t.size * LINE;
        const flat = text ? Math.min(1, w / long, h / tall) : 0;
        const upright = text ? Math.min(1, h / long, w / tall) : 0;
        const fit = Math.max(flat, upright);
        if (fit * t.size < min || fit <= 0) {
          if (t.shown !== false) t.node.style.display = "none";
          t.shown = false;
          continue;
        }
        if (t.shown !== true) t.node.style.display = "";
        t.shown = true;
        setText(t.node, text);
        uniform = Math.min(uniform, fit);
        placed.push([t, (x0 + x1) / 2, (y0 + y1) / 2, upright > flat ? 90 : 0]);
      }
      setText(this.numbers[j], fig.numbers[j]);
    }
    for (const [t, cx, cy, turn] of placed) {
      const at = `translate(${px(cx)},${px(cy)}) rotate(${turn}) scale(${px(uniform)})`;
      setAttr(t.node, "transform", at);
    }
    return true;
  }
}

// --- the buy-back curve: the scenario's line, markers and labels --------------------------------

const CURVE_SHAPES = ["scenario_line", "saving_marker", "income_marker"];
const CURVE_NOTES = ["scenario_note", "saving_label", "income_label"];

function curvePoint(item) {
  if (item.name === "scenario_line") return [item.x0, null];
  if (item.xanchor !== undefined && item.type === "path") return [item.xanchor, item.yanchor];
  return [item.x, item.yref === "paper" ? null : item.y];
}

function curveShape(fig) {
  const a = fig.layout.annotations;
  return JSON.stringify([
    fig.layout.yaxis.range,
    fig.layout.xaxis.range,
    fig.layout.shapes.map((s) => s.name),
    a.map((x) => [x.name, CURVE_NOTES.includes(x.name) ? [x.xanchor, x.yanchor] : x.x]),
  ]);
}

class CurveDrag extends DragCopy {
  static make(gd, shown) {
    const box = copyOf(gd);
    const area = box && plotArea(box);
    if (!area) return null;
    const items = [];
    const { shapes, annotations } = shown.layout;
    for (const [list, names, selector] of [
      [shapes, CURVE_SHAPES, (i) => `.shapelayer path[data-index="${i}"]`],
      [annotations, CURVE_NOTES, (i) => `.annotation[data-index="${i}"]`],
    ]) {
      for (const name of names) {
        const i = list.findIndex((x) => x.name === name);
        const node = i < 0 ? null : box.querySelector(selector(i));
        if (!node) return null;
        const text = node.querySelector(".annotation-text");
        items.push({ name, index: i, node, text, at: curvePoint(list[i]) });
      }
    }
    return new CurveDrag(gd, box, shown, area, items);
  }

  constructor(gd, box, shown, area, items) {
    super(gd, box);
    this.items = items;
    this.shape = curveShape(shown);
    const [x0, x1] = shown.layout.xaxis.range;
    const [y0, y1] = shown.layout.yaxis.range;
    this.kx = area[2] / (x1 - x0);
    this.ky = area[3] / (y1 - y0);
  }

  update(fig) {
    if (curveShape(fig) !== this.shape) return false;
    const { shapes, annotations } = fig.layout;
    for (const item of this.items) {
      const now = (item.text ? annotations : shapes)[item.index];
      const [x, y] = curvePoint(now);
      const dx = (x - item.at[0]) * this.kx;
      const dy = y === null ? 0 : -(y - item.at[1]) * this.ky;
      setAttr(item.node, "transform", `translate(${px(dx)},${px(dy)})`);
      if (item.text) setText(item.text, now.text);
    }
    return true;
  }
}
