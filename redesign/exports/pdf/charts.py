"""The briefing PDF's charts, drawn with fpdf2's own shapes (no image, nothing fetched): bars, stacked
and grouped bars, a line chart and a waterfall. Every bar and point is labelled with its value in
words and figures (colour never carries meaning alone) and each chart is one tagged figure with its
alt text. Each ``*_height`` says how tall a chart will be, so the layout can keep it on one page."""

from __future__ import annotations

import math
from typing import Any

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from redesign.core import palette
from redesign.core.formatting import money_m
from redesign.exports.pack.model import BarChart, Bars, LineChart, Waterfall
from redesign.exports.pdf.style import CHART_ROW_H, FONT, SMALL_PT, TABLE_PT, rgb, tagged_figure

LABEL_W = 95.0  # mm for category labels at the left of bar charts
LINE_H = 4.4
LEGEND_H = 8.0
LINE_CHART_H = 56.0


def text_width(pdf: FPDF, text: str, pt: float, bold: bool = False) -> float:
    pdf.set_font(FONT, "B" if bold else "", pt)
    return float(pdf.get_string_width(text))


def _label(pdf: FPDF, text: str, x: float, y: float, w: float, h: float) -> None:
    """A category label right-aligned in its row, centred vertically, wrapped if long."""
    pdf.set_font(FONT, "", TABLE_PT)
    lines: Any = pdf.multi_cell(
        w, LINE_H, text, align="R", dry_run=True, output=MethodReturnValue.LINES
    )
    pdf.set_xy(x, y + (h - LINE_H * len(lines)) / 2)
    pdf.multi_cell(w, LINE_H, text, align="R")


def _title(pdf: FPDF, text: str) -> None:
    pdf.set_font(FONT, "", SMALL_PT)
    pdf.set_text_color(*rgb(palette.AXIS_TEXT))
    pdf.cell(pdf.epw, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*rgb(palette.TEXT))


def _legend(pdf: FPDF, items: list[tuple[str, str, str]]) -> None:
    """A row of swatches and words: (name, colour, kind) with kind "box", "line", "dash", "marker"."""
    x, y = pdf.l_margin, pdf.get_y() + 1
    pdf.set_font(FONT, "", TABLE_PT)
    for name, colour, kind in items:
        width = text_width(pdf, name, TABLE_PT)
        if x + 12 + width > pdf.l_margin + pdf.epw:
            x, y = pdf.l_margin, y + 6
        if kind == "box":
            pdf.set_fill_color(*rgb(colour))
            pdf.rect(x, y + 0.8, 6, 4, style="F")
        elif kind == "marker":
            _diamond(pdf, x + 3, y + 2.8, 2.2)
        else:
            pdf.set_draw_color(*rgb(colour))
            pdf.set_line_width(1.0)
            if kind == "dash":
                pdf.set_dash_pattern(dash=1.6, gap=1.0)
            pdf.line(x, y + 2.8, x + 7, y + 2.8)
            pdf.set_dash_pattern()
        pdf.set_text_color(*rgb(palette.TEXT))
        pdf.set_xy(x + 8.5, y)
        pdf.cell(width + 1, 5.6, name)
        x += 14 + width
    pdf.set_xy(pdf.l_margin, y + LEGEND_H - 1)


def _diamond(pdf: FPDF, cx: float, cy: float, r: float) -> None:
    pdf.set_draw_color(*rgb(palette.TEXT))
    pdf.set_fill_color(255, 255, 255)
    pdf.set_line_width(0.6)
    pdf.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], style="DF")


# --- one series ----------------------------------------------------------------------------------


def bar_chart_height(block: BarChart) -> float:
    return 7 + len(block.categories) * CHART_ROW_H + 3


def draw_bar_chart(pdf: FPDF, block: BarChart) -> None:
    value_w, row_h = 40.0, CHART_ROW_H
    area = pdf.epw - LABEL_W - value_w - 4
    top_value = max((v for v in block.values if v is not None), default=0.0) or 1.0
    with tagged_figure(pdf, block.alt):
        _title(pdf, block.value_title)
        x0 = pdf.l_margin + LABEL_W + 2
        y = pdf.get_y() + 1
        first = y
        for category, value, label, colour in zip(
            block.categories, block.values, block.labels, block.colours, strict=True
        ):
            _label(pdf, category, pdf.l_margin, y, LABEL_W - 2, row_h)
            bar_h = row_h * 0.62
            end = x0
            if value is not None and value > 0:
                length = area * value / top_value
                pdf.set_fill_color(*rgb(colour))
                pdf.rect(x0, y + (row_h - bar_h) / 2, length, bar_h, style="F")
                end = x0 + length
            pdf.set_font(FONT, "B", TABLE_PT)
            pdf.set_xy(end + 1.5, y + (row_h - 5) / 2)
            pdf.cell(value_w, 5, label)
            y += row_h
        _axis_line(pdf, x0, first, y)
        pdf.set_xy(pdf.l_margin, y + 2)


def _axis_line(pdf: FPDF, x: float, top: float, bottom: float) -> None:
    pdf.set_draw_color(*rgb(palette.AXIS_TEXT))
    pdf.set_line_width(0.3)
    pdf.line(x, top, x, bottom)


# --- several series ------------------------------------------------------------------------------


def _bars_row_h(block: Bars) -> float:
    return CHART_ROW_H + 2 if block.stacked else 6.5 * len(block.series) + 4


def bars_height(block: Bars) -> float:
    return (
        7 + LEGEND_H + 6 * (len(block.series) > 4) + len(block.categories) * _bars_row_h(block) + 3
    )


def draw_bars(pdf: FPDF, block: Bars) -> None:
    value_w = 60.0 if not block.stacked else 10.0
    area = pdf.epw - LABEL_W - value_w - 4
    if block.stacked:
        totals = [sum(s.values[i] for s in block.series) for i in range(len(block.categories))]
    else:
        totals = [max(s.values[i] for s in block.series) for i in range(len(block.categories))]
    top = max(totals, default=0.0) or 1.0
    row_h = _bars_row_h(block)
    with tagged_figure(pdf, block.alt):
        _title(pdf, block.value_title)
        _legend(pdf, [(s.name, s.colour, "box") for s in block.series])
        x0 = pdf.l_margin + LABEL_W + 2
        y = pdf.get_y() + 1
        first = y
        for i, category in enumerate(block.categories):
            label = category
            if block.stacked:
                label += "\n" + " · ".join(
                    f"{s.labels[i]} {s.name.split(' (')[0].lower()}"
                    for s in block.series
                    if s.values[i] > 0.004
                )
            _label(pdf, label, pdf.l_margin, y, LABEL_W - 2, row_h)
            if block.stacked:
                _stacked_row(pdf, block, i, x0, y, row_h, area / top)
            else:
                _grouped_row(pdf, block, i, x0, y, row_h, area / top)
            y += row_h
        _axis_line(pdf, x0, first, y)
        pdf.set_xy(pdf.l_margin, y + 2)


def _stacked_row(pdf: FPDF, block: Bars, i: int, x0: float, y: float, h: float, k: float) -> None:
    bar_h = h * 0.6
    x = x0
    for s in block.series:
        width = s.values[i] * k
        if width <= 0:
            continue
        pdf.set_fill_color(*rgb(s.colour))
        pdf.rect(x, y + (h - bar_h) / 2, width, bar_h, style="F")
        text = s.labels[i]
        if text_width(pdf, text, TABLE_PT, bold=True) + 3 <= width:
            pdf.set_text_color(*rgb(s.text_colour))
            pdf.set_xy(x, y + (h - 5) / 2)
            pdf.cell(width, 5, text, align="C")
            pdf.set_text_color(*rgb(palette.TEXT))
        x += width


def _grouped_row(pdf: FPDF, block: Bars, i: int, x0: float, y: float, h: float, k: float) -> None:
    sub = 6.5
    yy = y + 2
    for s in block.series:
        width = max(s.values[i], 0.0) * k
        pdf.set_fill_color(*rgb(s.colour))
        if width > 0:
            pdf.rect(x0, yy + 0.6, width, sub - 1.2, style="F")
        pdf.set_font(FONT, "B", TABLE_PT - 0.5)
        pdf.set_xy(x0 + width + 1.5, yy + 0.5)
        text = f"{s.labels[i]}  {s.name}"
        pdf.cell(
            pdf.l_margin + pdf.epw - (x0 + width + 1.5), 5, _fit(pdf, text, 58, TABLE_PT - 0.5)
        )
        yy += sub


def _fit(pdf: FPDF, text: str, width: float, pt: float) -> str:
    """``text`` cut (with an ellipsis) to ``width`` mm, for a scenario name beside a bar."""
    if text_width(pdf, text, pt, bold=True) <= width:
        return text
    while text and text_width(pdf, text + "…", pt, bold=True) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- line chart ----------------------------------------------------------------------------------


def line_chart_height(block: LineChart) -> float:
    return 6 + LEGEND_H + 4 + LINE_CHART_H + 15


def _nice_step(top: float) -> float:
    raw = top / 5 if top > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def draw_line_chart(pdf: FPDF, block: LineChart) -> None:
    with tagged_figure(pdf, block.alt):
        _title(pdf, block.y_title + ", by " + block.x_title[:1].lower() + block.x_title[1:])
        legend = [(ln.name, ln.colour, "dash" if ln.dashed else "line") for ln in block.lines]
        _legend(pdf, [*legend, (block.marker_name, palette.TEXT, "marker")])
        left, top = pdf.l_margin + 22, pdf.get_y() + 4
        width, height = pdf.epw - 30, LINE_CHART_H
        ys = [y for ln in block.lines for y in ln.ys] + [m.y for m in block.markers]
        ys += [r.value for r in block.references if r.axis == "y"]
        step = _nice_step(max(ys, default=1.0) * 1.1)
        y_max = step * math.ceil(max(ys, default=1.0) * 1.1 / step)
        x_min, x_max = min(block.xs), max(block.xs)

        def px(x: float) -> float:
            return left + (x - x_min) / ((x_max - x_min) or 1) * width

        def py(y: float) -> float:
            return top + height - y / (y_max or 1) * height

        pdf.set_font(FONT, "", SMALL_PT)
        pdf.set_line_width(0.2)
        value = 0.0
        while value <= y_max + 1e-9:
            pdf.set_draw_color(*rgb(palette.GRIDLINE))
            pdf.line(left, py(value), left + width, py(value))
            text = money_m(value) if block.y_label_format == "money" else f"{value:g}"
            pdf.set_text_color(*rgb(palette.AXIS_TEXT))
            pdf.set_xy(pdf.l_margin, py(value) - 2.5)
            pdf.cell(20, 5, text, align="R")
            value += step
        for x, text in zip(block.x_ticks, block.x_tick_labels, strict=True):
            pdf.set_xy(px(x) - 10, top + height + 1.5)
            pdf.cell(20, 5, text, align="C")
        pdf.set_xy(left, top + height + 6.5)
        pdf.cell(width, 5, block.x_title, align="C")
        pdf.set_text_color(*rgb(palette.TEXT))
        for ln in block.lines:
            pdf.set_draw_color(*rgb(ln.colour))
            pdf.set_line_width(1.0)
            if ln.dashed:
                pdf.set_dash_pattern(dash=2.4, gap=1.4)
            pdf.polyline([(px(x), py(y)) for x, y in zip(block.xs, ln.ys, strict=True)])
            pdf.set_dash_pattern()
        _references(pdf, block, px, py, left, top, width, height)
        for marker in block.markers:
            _diamond(pdf, px(marker.x), py(marker.y), 2.0)
        _marker_labels(pdf, block, px, py)
        pdf.set_xy(pdf.l_margin, top + height + 13)


def _references(
    pdf: FPDF,
    block: LineChart,
    px: Any,
    py: Any,
    left: float,
    top: float,
    width: float,
    height: float,
) -> None:
    pdf.set_font(FONT, "", SMALL_PT)
    for ref in block.references:
        pdf.set_draw_color(*rgb(palette.AXIS_TEXT))
        pdf.set_line_width(0.4)
        pdf.set_dash_pattern(dash=0.8, gap=0.8)
        if ref.axis == "x":
            x = px(ref.value)
            pdf.line(x, top, x, top + height)
            pdf.set_dash_pattern()
            w = text_width(pdf, ref.label, SMALL_PT) + 2
            right = x + w + 1 <= left + width
            pdf.set_xy(
                x + 1 if right else x - w - 1,
                top - 4.5 if ref.label != "Proposal" else top + height - 5,
            )
        else:
            y = py(ref.value)
            pdf.line(left, y, left + width, y)
            pdf.set_dash_pattern()
            w = text_width(pdf, ref.label, SMALL_PT) + 2
            pdf.set_xy(left + 1, y - 5)
        pdf.set_fill_color(255, 255, 255)
        pdf.set_text_color(*rgb(palette.AXIS_TEXT))
        pdf.cell(w, 4.5, ref.label, fill=True)
        pdf.set_text_color(*rgb(palette.TEXT))


def _marker_labels(pdf: FPDF, block: LineChart, px: Any, py: Any) -> None:
    """Each marker's label beside it: the higher one above, the lower one below, never meeting."""
    ordered = sorted(block.markers, key=lambda m: -m.y)
    pdf.set_font(FONT, "B", TABLE_PT)
    for n, marker in enumerate(ordered):
        x, y = px(marker.x), py(marker.y)
        w = text_width(pdf, marker.label, TABLE_PT, bold=True) + 2
        right = x + 3 + w <= pdf.l_margin + pdf.epw
        pdf.set_xy(x + 3 if right else x - 3 - w, y - 7 if n == 0 else y + 2)
        pdf.set_fill_color(255, 255, 255)
        pdf.cell(w, 5, marker.label, fill=True)


# --- waterfall -----------------------------------------------------------------------------------


def waterfall_height(block: Waterfall) -> float:
    return 7 + len(block.steps) * 8.0 + 10


def draw_waterfall(pdf: FPDF, block: Waterfall) -> None:
    row_h, value_w = 8.0, 30.0
    area = pdf.epw - LABEL_W - value_w - 4
    top = max(max(s.before, s.after) for s in block.steps)
    span = (top - block.axis_from) or 1.0

    def px(v: float) -> float:
        return (
            pdf.l_margin + LABEL_W + 2 + (max(v, block.axis_from) - block.axis_from) / span * area
        )

    with tagged_figure(pdf, block.alt):
        _title(pdf, block.value_title)
        y = pdf.get_y() + 1
        first = y
        for step in block.steps:
            _label(pdf, step.label, pdf.l_margin, y, LABEL_W - 2, row_h)
            lo, hi = (
                (block.axis_from, step.after) if step.total else sorted((step.before, step.after))
            )
            x, w = px(lo), max(px(hi) - px(lo), 0.4)
            pdf.set_fill_color(*rgb(step.colour))
            pdf.set_draw_color(*rgb(palette.TOTAL_OUTLINE if step.total else step.colour))
            pdf.set_line_width(0.4)
            pdf.rect(x, y + 1.6, w, row_h - 3.2, style="DF")
            pdf.set_font(FONT, "B", TABLE_PT)
            pdf.set_xy(x + w + 1.5, y + (row_h - 5) / 2)
            pdf.cell(value_w, 5, step.value_label)
            y += row_h
        x0 = px(block.axis_from)
        _axis_line(pdf, x0, first, y)
        pdf.set_font(FONT, "", SMALL_PT)
        pdf.set_text_color(*rgb(palette.AXIS_TEXT))
        pdf.set_xy(x0 - 15, y + 0.5)
        pdf.cell(30, 4.5, f"axis from {money_m(block.axis_from)}", align="C")
        pdf.set_text_color(*rgb(palette.TEXT))
        pdf.set_xy(pdf.l_margin, y + 7)
