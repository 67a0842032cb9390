// plotly.js, loaded once for the page by whichever of the app's chart components asks first
// (ui/components/plotly_js.py puts this at the start of each one's module): one script element,
// from the app's own server.
let plotlyPromise = null;

function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotlyPromise) {
    plotlyPromise = new Promise((resolve, reject) => {
      const existing = document.querySelector("script[data-app-plotly]");
      const script = existing || document.createElement("script");
      const failed = () => {
        plotlyPromise = null;
        // The failed element goes, so that the next chart to ask makes a new one: found by the
        // next call, it would wait for a load that never comes.
        script.remove();
        reject(new Error("plotly.js did not load"));
      };
      script.addEventListener("load", () => (window.Plotly ? resolve(window.Plotly) : failed()));
      script.addEventListener("error", failed);
      if (!existing) {
        script.src = url;
        script.dataset.appPlotly = "1";
        document.head.append(script);
      }
    });
  }
  return plotlyPromise;
}
