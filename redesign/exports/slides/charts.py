"""The deck's charts as native PowerPoint charts (editable, their numbers in the embedded sheet): bars,
stacked and grouped bars, a line chart and a waterfall. Each has alt text on its graphic frame,
every bar or point its value written on it, 24 pt text, and a slide of its own; its data table
follows on the next slide, and the speaker notes say what it shows."""

from __future__ import annotations

from typing import Any

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from redesign.core import palette
from redesign.core.formatting import money_m
from redesign.exports.pack.model import (
    FTE_LABEL_FORMAT,
    MONEY_LABEL_FORMAT,
    BarChart,
    Bars,
    LineChart,
    Waterfall,
)
from redesign.exports.slides.deck import Deck
from redesign.exports.slides.text import (
    BODY_PT,
    BODY_W,
    CHART_PT,
    FONT,
    MARGIN,
    _rgb,
    add_paragraph,
    add_run,
    label_every_category,
    nice_max,
    no_wrap,
    style_run,
    text_height,
    textbox,
)

Chart = BarChart | Bars | LineChart | Waterfall
NOTES_ON_SLIDE = 1.0  # inches: two lines at 24 pt
WATERFALL_LABEL = 40  # characters of a waterfall step's name on a slide


def chart_slide(deck: Deck, block: Chart, heading: str) -> None:
    """A slide with the chart and its notes under it. At 24 pt a chart needs most of a slide: notes
    longer than NOTES_ON_SLIDE go to the speaker notes, as do a line chart's reference lines."""
    lines = list(block.notes)
    speaker = [f"The chart: {block.alt}"]
    if isinstance(block, LineChart):
        speaker += ["; ".join(r.label for r in block.references) + ".", *lines]
        lines = []
    elif isinstance(block, Waterfall):
        speaker += lines
        lines = [f"The axis starts at {money_m(block.axis_from)}, not zero."]
    notes = "\n".join(lines)
    notes_h = text_height(notes, BODY_W - 0.1, BODY_PT) + 0.1 if notes else 0.0
    if notes_h > NOTES_ON_SLIDE:
        speaker += lines
        lines, notes, notes_h = [], "", 0.0
    speaker_text = "\n\n".join(speaker)
    deck.new_slide(heading or block.heading or deck.slide_title, speaker_text)
    height = deck.room() - notes_h
    if isinstance(block, BarChart):
        frame = _bar_chart(deck, block, height)
    elif isinstance(block, Bars):
        frame = _bars(deck, block, height)
    elif isinstance(block, LineChart):
        frame = _line_chart(deck, block, height)
    else:
        frame = _waterfall(deck, block, height)
    c_nv_pr = frame._element.nvGraphicFramePr.cNvPr
    c_nv_pr.set("descr", block.alt)
    c_nv_pr.set("title", block.heading or heading)
    deck.y += height
    deck.slide_has_content = True
    if notes:
        _box, text = textbox(deck.slide, MARGIN, deck.y + 0.05, BODY_W, notes_h)
        for n, note in enumerate(lines):
            style_run(add_run(add_paragraph(text, n == 0), note), BODY_PT)
        deck.y += notes_h + 0.1


def _frame(deck: Deck, kind: Any, data: Any, height: float) -> Any:
    frame = deck.slide.shapes.add_chart(
        kind, Inches(MARGIN), Inches(deck.y), Inches(BODY_W), Inches(height), data
    )
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(CHART_PT)
    chart.font.name = FONT
    chart.font.color.rgb = _rgb(palette.TEXT)
    return frame


def _labels(plot: Any, number_format: str, position: Any, colour: str = palette.TEXT) -> None:
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = number_format
    labels.number_format_is_linked = False
    if position is not None:
        labels.position = position
    labels.show_value = True
    labels.font.size = Pt(CHART_PT)
    labels.font.bold = True
    labels.font.color.rgb = _rgb(colour)
    no_wrap(labels._element.find(qn("c:txPr")))


def _category_axis(chart: Any) -> None:
    category = chart.category_axis
    category.reverse_order = True  # the first category at the top
    category.tick_labels.font.size = Pt(CHART_PT)
    category.format.line.color.rgb = _rgb(palette.AXIS_TEXT)
    category.has_major_gridlines = False
    label_every_category(category._element)


def _hidden_value_axis(chart: Any, top: float) -> None:
    value = chart.value_axis
    value.has_major_gridlines = False
    value.minimum_scale = 0
    value.maximum_scale = nice_max(top * 1.3) if top > 0 else 1
    value.visible = False  # every bar carries its value; no axis numbers to read across


def _fill(target: Any, colour: str) -> None:
    target.format.fill.solid()
    target.format.fill.fore_color.rgb = _rgb(colour)


def _no_label(point: Any) -> None:
    """No label on this point (a zero segment of a stacked bar): ``c:dLbl`` with ``c:delete``."""
    d_lbl = point.data_label._get_or_add_dLbl()
    for child in list(d_lbl):
        if child.tag != qn("c:idx"):
            d_lbl.remove(child)
    d_lbl.append(d_lbl.makeelement(qn("c:delete"), {"val": "1"}))


def _bar_chart(deck: Deck, block: BarChart, height: float) -> Any:
    data = CategoryChartData(number_format=block.number_format)
    data.categories = list(block.categories)
    data.add_series(block.value_title, list(block.values))
    frame = _frame(deck, XL_CHART_TYPE.BAR_CLUSTERED, data, height)
    chart = frame.chart
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width = 50
    plot.vary_by_categories = False
    series = plot.series[0]
    _fill(series, block.colours[0])
    series.invert_if_negative = False
    for i, colour in enumerate(block.colours):
        if colour != block.colours[0]:
            _fill(series.points[i], colour)
    _labels(plot, block.number_format, XL_LABEL_POSITION.OUTSIDE_END)
    _category_axis(chart)
    _hidden_value_axis(chart, max(block.values, default=0.0))
    return frame


def _bars(deck: Deck, block: Bars, height: float) -> Any:
    data = CategoryChartData(number_format=block.number_format)
    data.categories = list(block.categories)
    for s in block.series:
        data.add_series(s.name, list(s.values))
    kind = XL_CHART_TYPE.BAR_STACKED if block.stacked else XL_CHART_TYPE.BAR_CLUSTERED
    frame = _frame(deck, kind, data, height)
    chart = frame.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(CHART_PT)
    plot = chart.plots[0]
    plot.gap_width = 40
    if block.stacked:
        plot.overlap = 100
    for series, spec in zip(plot.series, block.series, strict=True):
        _fill(series, spec.colour)
        series.invert_if_negative = False
        # Each series' labels in the colour that reads on its bars (or on white, outside them).
        colour = spec.text_colour if block.stacked else palette.TEXT
        position = XL_LABEL_POSITION.CENTER if block.stacked else XL_LABEL_POSITION.OUTSIDE_END
        series.data_labels.show_value = True
        series.data_labels.number_format = block.number_format
        series.data_labels.number_format_is_linked = False
        series.data_labels.position = position
        series.data_labels.font.size = Pt(CHART_PT)
        series.data_labels.font.bold = True
        series.data_labels.font.color.rgb = _rgb(colour)
        no_wrap(series.data_labels._element.find(qn("c:txPr")))
        for i, value in enumerate(spec.values):
            if block.stacked and value < 0.005:
                _no_label(series.points[i])
    _category_axis(chart)
    if block.stacked:
        top = max(sum(s.values[i] for s in block.series) for i in range(len(block.categories)))
        value = chart.value_axis
        value.minimum_scale = 0
        value.maximum_scale = top * 1.02 if top > 0 else 1
        value.has_major_gridlines = False
        value.visible = False
    else:
        _hidden_value_axis(chart, max((v for s in block.series for v in s.values), default=0.0))
    return frame


def _line_chart(deck: Deck, block: LineChart, height: float) -> Any:
    data = XyChartData()
    for line in block.lines:
        series = data.add_series(line.name, number_format=MONEY_LABEL_FORMAT)
        for x, y in zip(block.xs, line.ys, strict=True):
            series.add_data_point(x, y)
    marks = data.add_series(block.marker_name, number_format=MONEY_LABEL_FORMAT)
    for marker in block.markers:
        marks.add_data_point(marker.x, marker.y)
    top = max([*(y for ln in block.lines for y in ln.ys), *(m.y for m in block.markers)])
    y_max = nice_max(top * 1.15)
    frame = _frame(deck, XL_CHART_TYPE.XY_SCATTER_LINES, data, height)
    chart = frame.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(CHART_PT)
    all_series = list(chart.plots[0].series)
    n_lines = len(block.lines)
    for series, line in zip(all_series[:n_lines], block.lines, strict=True):
        series.format.line.color.rgb = _rgb(line.colour)
        series.format.line.width = Pt(4)
        if line.dashed:
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.NONE
    marker_series = all_series[n_lines]
    # A dotted line joins the scenario's two points (same buy-back, saving and income).
    marker_series.format.line.color.rgb = _rgb(palette.TEXT)
    marker_series.format.line.width = Pt(1.5)
    marker_series.format.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT
    marker_series.marker.style = XL_MARKER_STYLE.DIAMOND
    marker_series.marker.size = 16
    marker_series.marker.format.fill.solid()
    marker_series.marker.format.fill.fore_color.rgb = _rgb(palette.BACKGROUND)
    marker_series.marker.format.line.color.rgb = _rgb(palette.TEXT)
    highest = max(range(len(block.markers)), key=lambda i: block.markers[i].y, default=0)
    for i, marker in enumerate(block.markers):
        label = marker_series.points[i].data_label
        label.has_text_frame = True
        label.text_frame.text = marker.label
        label.text_frame.word_wrap = False
        # The higher point's label above it, the lower one's below, so they never meet.
        label.position = XL_LABEL_POSITION.ABOVE if i == highest else XL_LABEL_POSITION.BELOW
        label.font.size = Pt(CHART_PT)
        label.font.bold = True
    value = chart.value_axis
    value.minimum_scale = 0
    value.maximum_scale = y_max
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = _rgb(palette.GRIDLINE)
    value.tick_labels.font.size = Pt(CHART_PT)
    value.tick_labels.number_format = MONEY_LABEL_FORMAT
    value.tick_labels.number_format_is_linked = False
    x_axis = chart.category_axis
    x_axis.minimum_scale = min(block.xs)
    x_axis.maximum_scale = max(block.xs)
    x_axis.major_unit = block.x_ticks[1] - block.x_ticks[0] if len(block.x_ticks) > 1 else None
    x_axis.tick_labels.font.size = Pt(CHART_PT)
    x_axis.tick_labels.number_format = '0"%"'
    x_axis.tick_labels.number_format_is_linked = False
    x_axis.has_title = True
    x_axis.axis_title.text_frame.text = block.x_title
    x_axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(CHART_PT)
    x_axis.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    return frame


def _short(label: str, limit: int = WATERFALL_LABEL) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _waterfall(deck: Deck, block: Waterfall, height: float) -> Any:
    """A stacked bar chart: a first series with no fill lifts each step to where it starts, the
    second draws it, and a third with no fill carries the step's value and name just beyond its
    end. Data labels, unlike axis labels, are never skipped when rows are close at 24 pt, and
    stacked bars cannot have labels outside them."""
    # The axis starts where the page's zoomed axis does (said under the chart).
    base, size = [], []
    for step in block.steps:
        lo, hi = (block.axis_from, step.after) if step.total else sorted((step.before, step.after))
        base.append(max(lo - block.axis_from, 0.0))
        size.append(max(hi - lo, 0.0))
    reach = max(b + s for b, s in zip(base, size, strict=True)) or 1.0
    room = reach * 1.25  # the bars take the left part of the chart, their labels the rest
    data = CategoryChartData(number_format=FTE_LABEL_FORMAT)
    data.categories = [_short(s.label) for s in block.steps]
    data.add_series("Level before the step (not drawn)", base)
    data.add_series(block.value_title, size)
    data.add_series("Value (label only)", [room] * len(size))
    frame = _frame(deck, XL_CHART_TYPE.BAR_STACKED, data, height)
    chart = frame.chart
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width = 30
    plot.overlap = 100
    lift, bars, carrier = plot.series
    for hidden in (lift, carrier):
        hidden.format.fill.background()
        hidden.format.line.fill.background()
    for i, step in enumerate(block.steps):
        point = bars.points[i]
        _fill(point, step.colour)
        point.format.line.color.rgb = _rgb(palette.TOTAL_OUTLINE if step.total else step.colour)
        label = carrier.points[i].data_label
        label.has_text_frame = True
        label.text_frame.text = f"{step.value_label}  {_short(step.label)}"
        label.text_frame.word_wrap = False
        label.position = XL_LABEL_POSITION.INSIDE_BASE
        label.font.size = Pt(CHART_PT)
        label.font.color.rgb = _rgb(palette.TEXT)
    category = chart.category_axis
    category.reverse_order = True
    category.tick_label_position = XL_TICK_LABEL_POSITION.NONE  # the names are on the bars
    category.format.line.color.rgb = _rgb(palette.AXIS_TEXT)
    value = chart.value_axis
    value.minimum_scale = 0
    value.maximum_scale = reach + room
    value.has_major_gridlines = False
    value.visible = False
    return frame
