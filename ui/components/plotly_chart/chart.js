// One Plotly chart of a page (ui/components/plotly_chart): the figure Python made, drawn by the
// plotly.js the app serves (plotly_load.js, joined before). Streamlit's own chart element loads
// its plotly.js inside the page's render, and the whole first screen waited for it; this one
// draws once the page is on screen, and the figures above it do not wait.

const CHARTS = new WeakMap();

// A page's first drawing of its charts, one chart a frame, those on screen first. Drawn together
// (every chart's plotly.js promise resolves in the same task), a page's charts kept the browser
// from painting any of them until the last was drawn: on the SEN page the chart on screen waited
// for the four below it. A redraw (new figures for a drawn chart) is not queued: it is drawn at
// once, as a key press expects.
const FIRST_DRAWS = new Set();
let drawing = false;

function queueFirstDraw(chart) {
  FIRST_DRAWS.add(chart);
  if (!drawing) {
    drawing = true;
    // Not at once: the page's other charts, mounted in the same render, join the queue first, so
    // that the one on screen can go first whichever of them mounted first.
    afterPaint(drawQueued);
  }
}

function drawQueued() {
  const next = nextToDraw();
  if (!next) {
    drawing = false;
    return;
  }
  FIRST_DRAWS.delete(next);
  try {
    next.draw();
  } finally {
    // A chart Plotly could not draw does not keep the others waiting.
    afterPaint(drawQueued);
  }
}

// The waiting chart on screen nearest the top, else the one nearest the top of the page.
function nextToDraw() {
  let best = null;
  let bestKey = null;
  for (const chart of FIRST_DRAWS) {
    if (!chart.root.isConnected) {
      FIRST_DRAWS.delete(chart);
      continue;
    }
    const box = chart.gd.getBoundingClientRect();
    const onScreen = box.bottom > 0 && box.top < window.innerHeight;
    const key = [onScreen ? 0 : 1, box.top];
    if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
      best = chart;
      bestKey = key;
    }
  }
  return best;
}

// After the next frame has been painted. A tab in the background gets no frames: there, at once
// (a tab hidden while waiting for its frame draws when it is shown again).
function afterPaint(callback) {
  if (document.visibilityState === "hidden") setTimeout(callback, 0);
  else requestAnimationFrame(() => setTimeout(callback, 0));
}

export default function mount(component) {
  const { data, parentElement } = component;
  if (!data || !data.figure) return undefined;
  let chart = CHARTS.get(parentElement);
  if (!chart) {
    chart = new Chart(parentElement);
    CHARTS.set(parentElement, chart);
  }
  chart.update(data);
  return () => {
    chart.destroy();
    CHARTS.delete(parentElement);
  };
}

class Chart {
  constructor(root) {
    this.root = root;
    // The chart's description as its figure's caption, read by a screen reader (the page shows
    // the title above and the table below). Not role="img": the mode bar's buttons stay reachable.
    this.caption = document.createElement("figcaption");
    this.caption.className = "app-sr";
    this.gd = document.createElement("div");
    this.gd.className = "app-chart-plot";
    this.figure = document.createElement("figure");
    this.figure.className = "app-chart";
    this.figure.append(this.caption, this.gd);
    this.note = document.createElement("p");
    this.note.className = "app-chart-note";
    this.note.textContent = "Drawing the chart…";
    root.append(this.figure, this.note);
    this.plotted = false;
    this.data = null;
  }

  update(data) {
    this.data = data;
    if (this.caption.textContent !== data.alt) this.caption.textContent = data.alt || "";
    const height = data.figure.layout?.height ?? 450;
    // The chart's height is held from the start, so nothing below moves when it is drawn.
    this.gd.style.height = `${height}px`;
    loadPlotly(data.plotly_url).then(
      () => (this.plotted ? this.draw() : queueFirstDraw(this)),
      () => {
        this.note.textContent = "The chart could not be drawn; its figures are in the table below.";
      },
    );
  }

  draw() {
    const data = this.data;
    if (!data || !this.root.isConnected) return;
    const { figure, config } = data;
    if (!this.plotted) {
      this.plotted = true;
      this.note.remove();
      window.Plotly.newPlot(this.gd, figure.data, figure.layout, config);
    } else {
      window.Plotly.react(this.gd, figure.data, figure.layout, config);
    }
  }

  destroy() {
    FIRST_DRAWS.delete(this);
    if (this.plotted && window.Plotly) window.Plotly.purge(this.gd);
    this.root.replaceChildren();
  }
}
