// The buy-back panel's charts and DOM helpers (second of model.js, charts.js, drag.js, parts.js,
// panel.js): each chart is the skeleton redesign.buyback_charts drew, with the figures that move with the
// buy-back replaced, redrawn in place with Plotly.react (plotly.js loaded by plotly_load.js, joined before).

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

// --- charts -------------------------------------------------------------------------------------

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
  const numbers = bars.map(
    (b) =>
      `${fte(b.kept + b.exp)} kept · ${fte(b.red)} redundant` + (b.exp > 0 ? ` · ${fte(b.exp)} more` : ""),
  );
  const labels = bars.map((b, j) => `${b.head}<br>${numbers[j]}`);
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
  return { data, layout, alt, bars, numbers };
}

function curveFigure(spec, r) {
  const sk = spec.charts.curve;
  const k = r.at_risk ? (100 * r.retained) / r.at_risk : 0;
  const savingAbove = r.saving >= r.income;
  // Only layout moves with the buy-back (the marker and its labels are shapes and annotations,
  // matched by name): Plotly then redraws them without recomputing the lines.
  const points = {
    saving: { y: r.saving, text: `Saving ${moneyM(r.saving)}`, above: savingAbove },
    income: { y: r.income, text: `Income ${moneyM(r.income)}`, above: !savingAbove },
  };
  const shapes = sk.layout.shapes.map((s) => {
    if (s.name === "scenario_line") return { ...s, x0: k, x1: k };
    const point = points[s.name.replace(/_marker$/, "")];
    return point ? { ...s, xanchor: k, yanchor: point.y } : s;
  });
  const annotations = [];
  for (const a of sk.layout.annotations) {
    const point = points[a.name.replace(/_label$/, "")];
    if (a.name === "scenario_note") {
      annotations.push({
        ...a,
        x: k,
        xanchor: k < 110 ? "left" : "right",
        text: `This scenario: ${fixed(k, 1)}% of at-risk FTE kept`,
      });
    } else if (point) {
      annotations.push({
        ...a,
        x: k,
        y: point.y,
        text: point.text,
        xanchor: k < 110 ? "left" : "right",
        xshift: k < 110 ? 8 : -8,
        yanchor: point.above ? "bottom" : "top",
        yshift: point.above ? 6 : -6,
      });
    } else if (a.name !== "proposal_note" || spec.proposal_pct !== k) {
      annotations.push(a);
    }
  }
  const c = spec.curve;
  const top = Math.max(...c.saving, ...c.income, r.saving, r.income, 0.1);
  const layout = { ...sk.layout, shapes, annotations, yaxis: { ...sk.layout.yaxis, range: [0, top * 1.15] } };
  const alt =
    "Line chart: the saving and the traded income needed rise with buy-back; this scenario" +
    ` gives a saving of ${moneyM(r.saving)} and needs ${moneyM(r.income)} of traded income.`;
  return { data: sk.data, layout, alt };
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
    this.caption = el("figcaption", { class: "app-sr" });
    this.figure = el("figure", { class: "bbp-figure", "data-chart": which }, this.caption);
    this.gd = el("div", { class: "bbp-plot" });
    this.note = el("p", { class: "bbp-text", text: "Drawing the chart…" });
    // The plot and, while a slider is dragged, the copy of its picture over it (drag.js).
    this.figure.append(el("div", { class: "bbp-area" }, this.gd));
    root.append(this.figure, this.note);
    root.classList.add("bbp-part");
    this.plotted = false;
    this.pending = null;
  }
  update(ctx, full) {
    const fig = this.which === "fte" ? fteFigure(ctx.spec, ctx.result) : curveFigure(ctx.spec, ctx.result);
    setText(this.caption, fig.alt);
    this.pending = fig;
    if (this.panel.dragging && !full && this.drawInCopy(fig)) return;
    if (window.Plotly) this.flush();
    else if (this.panel.plotlyUrl) {
      loadPlotly(this.panel.plotlyUrl).then(
        () => this.flush(),
        () => setText(this.note, "The chart could not be drawn; its figures are in the table below."),
      );
    }
  }
  // While a slider is dragged (drag.js): true if the copy of the chart now shows fig.
  drawInCopy(fig) {
    if (!this.shown || !window.Plotly) return false;
    if (!this.copy) {
      this.copy = (this.which === "fte" ? FteDrag : CurveDrag).make(this.gd, this.shown);
      if (!this.copy) return false;
    }
    if (!this.copy.update(fig)) {
      this.copy.remove();
      this.copy = null;
      return false;
    }
    this.copy.show();
    this.panel.copies += 1;
    return true;
  }
  // The pointer was released or rests: Plotly draws the figure the copy shows.
  rest() {
    if (this.copy) this.flush();
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
    this.shown = fig;
    if (this.copy) {
      this.copy.remove();
      this.copy = null;
    }
  }
  destroy() {
    if (this.plotted && window.Plotly) window.Plotly.purge(this.gd);
    this.root.replaceChildren();
  }
}
