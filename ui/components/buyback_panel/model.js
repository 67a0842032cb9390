// The buy-back panel's arithmetic and wording (first of the five files ui/components/buyback_panel
// joins into the component's one module: model.js, charts.js, drag.js, parts.js, panel.js).
//
// Arithmetic: redesign/buyback_panel.py's docstring, i.e. BuybackModel.evaluate operation for
// operation, with Python's round() (half-even on the exact value) and math.fsum, so the figures
// are the server's to the last digit. Wording: redesign/formatting.py and buyback_text.py.
// tests/browser/test_buyback_panel_browser.py checks every figure and sentence against them.

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

