"""Inline SVG charts for the report, drawn from finished numbers (no computing of emissions).

Every chart is an ``<svg>`` element with ``data-chart`` (the kind) and ``data-series``
(how many series) attributes; every bar or point carries its value in ``data-value``
and a ``<title>`` tooltip. All text is escaped.

Examples
--------
>>> svg = stacked_bars(["2021", "2022"], [("El", [1.0, 2.0]), ("Värme", [3.0, 1.5])], title="t CO2e")
>>> svg.count("<rect class=\\"seg\\""), 'data-chart="stacked-bar"' in svg
(4, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from .fmt import is_missing, number

__all__ = ["PALETTE", "nice_ticks", "stacked_bars", "line_chart", "hbars"]

#: Colours (colour-blind-safe Okabe–Ito first, then muted extras).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#8C8C8C", "#7F3C8D", "#11A579", "#3969AC", "#F2B701", "#E73F74"]


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering ``lo``–``hi``.

    Examples
    --------
    >>> nice_ticks(0, 83)
    [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    """
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    v = start
    while v < hi + step * 0.999:
        ticks.append(round(v, 10))
        v += step
    return [float(x) for x in ticks]


def _svg_open(kind: str, title: str, w: int, h: int, n_series: int) -> str:
    # never drawn narrower than keeps the smallest text (11 px) at 9 px: a phone scrolls the chart's box instead
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" '
            f'height="{h}" style="min-width:{math.ceil(w * MIN_TEXT_PX / AXIS_FONT_PX)}px" '
            f'role="img" data-chart="{escape(kind)}" data-series="{n_series}" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title>')


#: Font size of axis text, the smallest in a chart, in the report's CSS (``.chart .ax``) [px].
AXIS_FONT_PX = 11.0

#: The smallest rendered chart text the report allows (a phone included) [px].
MIN_TEXT_PX = 9.0

#: Font size of legend text in the report's CSS (``.chart .lg``) [px].
LEGEND_FONT_PX = 11.5

_NARROW = set("iljtfrI.,:;|!'()[] ")
_WIDE = set("mwMWÅÄÖåäö@%")


def text_width(text: str, font_px: float = LEGEND_FONT_PX) -> float:
    """A generous estimate of the rendered width of ``text`` in the report's sans-serif font [px].

    Per character, in em: narrow letters and punctuation 0.36, wide letters (m, w, M, W, Å ...)
    0.95, other capitals and digits 0.72, other lower-case 0.6. Wider than Arial and Segoe UI
    measure (capitals about 0.67, digits 0.56, lower-case about 0.5), so labels laid out with
    it do not run into the next item; the browser test measures the real boxes.

    Examples
    --------
    >>> round(text_width("HVO100"), 1)
    49.7
    """
    em = 0.0
    for ch in str(text):
        if ch in _NARROW:
            em += 0.36
        elif ch in _WIDE:
            em += 0.95
        elif ch.isupper() or ch.isdigit():
            em += 0.72
        else:
            em += 0.6
    return em * font_px


def _legend(items: Sequence[tuple[str, str, bool]], x: float, y: float, w: float) -> tuple[str, float]:
    """Legend rows below a chart; returns the SVG and the height used.

    Each item is a swatch (or a dashed line) and its label; an item's width is the swatch,
    the label's estimated width (:func:`text_width`) and a gap of 16 px, and an item that
    does not fit the row starts the next one.
    """
    out, cx, cy = [], x, y
    for label, colour, dashed in items:
        text = str(label)
        width = 17 + text_width(text) + 16
        if cx + width > x + w and cx > x:
            cx, cy = x, cy + 18
        if dashed:
            out.append(f'<line x1="{cx:.1f}" y1="{cy + 5:.1f}" x2="{cx + 14:.1f}" y2="{cy + 5:.1f}" '
                       f'stroke="{colour}" stroke-width="2" stroke-dasharray="4 3" class="lg-swatch"/>')
        else:
            out.append(f'<rect x="{cx:.1f}" y="{cy:.1f}" width="12" height="10" fill="{colour}" class="lg-swatch"/>')
        out.append(f'<text x="{cx + 17:.1f}" y="{cy + 9:.1f}" class="lg">{escape(text)}</text>')
        cx += width
    return "".join(out), cy - y + 18


def tick_decimals(ticks: Sequence[float]) -> int:
    """Decimals for every tick of one axis, from the step between ticks: one format per axis.

    Examples
    --------
    >>> tick_decimals([0.0, 5000.0, 10000.0]), tick_decimals([0.0, 2.5, 5.0]), tick_decimals([0.0, 0.02, 0.04])
    (0, 1, 2)
    """
    if len(ticks) < 2:
        return 0
    step = abs(ticks[1] - ticks[0])
    for d in range(6):
        if abs(round(step, d) - step) < 1e-9 * max(1.0, step):
            return d
    return 6


def _tick_text(ticks: Sequence[float], lang: str) -> list[str]:
    d = tick_decimals(ticks)
    return [number(tv, d, lang) for tv in ticks]


def _unit_label(unit: str | None, x: float, y: float, anchor: str = "start") -> str:
    if not unit:
        return ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="ax axis-unit">{escape(unit)}</text>'


def _yaxis(ticks: list[float], y_of, x0: float, x1: float, lang: str) -> str:
    out = []
    for tv, text in zip(ticks, _tick_text(ticks, lang)):
        y = y_of(tv)
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" class="ax tick">{escape(text)}</text>')
    return "".join(out)


def stacked_bars(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *, title: str,
                 lang: str = "sv", width: int = 760, height: int = 340, colours: Sequence[str] | None = None,
                 unit: str | None = None) -> Markup:
    """Stacked bars: one bar per category (year), one segment per series (area, scope).

    Negative values (corrections) stack below zero. Missing values are left out.

    Examples
    --------
    >>> 'data-value="3.0"' in stacked_bars(["2024"], [("A", [3.0])], title="x")
    True
    """
    colours = list(colours or PALETTE)
    ml, mr, mt, plot_h = 70, 12, 12 + (16 if unit else 0), height - 60
    n = max(len(categories), 1)
    pos_tot = [sum(max(v, 0.0) for _, vals in series for v in [vals[i]] if not is_missing(v))
               for i in range(len(categories))]
    neg_tot = [sum(min(v, 0.0) for _, vals in series for v in [vals[i]] if not is_missing(v))
               for i in range(len(categories))]
    ticks = nice_ticks(min([0.0, *neg_tot]), max([0.0, *pos_tot]))
    lo, hi = ticks[0], ticks[-1]
    plot_w = width - ml - mr

    def y_of(v: float) -> float:
        return mt + plot_h - (v - lo) / (hi - lo) * plot_h

    legend, lh = _legend([(label, colours[i % len(colours)], False) for i, (label, _) in enumerate(series)],
                         ml, mt + plot_h + 30, plot_w)
    total_h = int(mt + plot_h + 30 + lh + 6)
    out = [_svg_open("stacked-bar", title, width, total_h, len(series)), _unit_label(unit, 4, 12),
           _yaxis(ticks, y_of, ml, width - mr, lang)]
    slot = plot_w / n
    bw = min(slot * 0.6, 70)
    for i, cat in enumerate(categories):
        x = ml + slot * i + (slot - bw) / 2
        up, down = 0.0, 0.0
        for j, (label, vals) in enumerate(series):
            v = vals[i]
            if is_missing(v) or v == 0:
                continue
            v = float(v)
            if v > 0:
                y0, y1 = y_of(up + v), y_of(up)
                up += v
            else:
                y0, y1 = y_of(down), y_of(down + v)
                down += v
            tip = f"{label} {cat}: {number(v, None, lang)}"
            out.append(f'<rect class="seg" x="{x:.1f}" y="{y0:.1f}" width="{bw:.1f}" height="{max(y1 - y0, 0.5):.1f}" '
                       f'fill="{colours[j % len(colours)]}" data-series="{escape(label)}" '
                       f'data-category="{escape(cat)}" '
                       f'data-value="{v!r}"><title>{escape(tip)}</title></rect>')
        out.append(f'<text x="{x + bw / 2:.1f}" y="{mt + plot_h + 16}" text-anchor="middle" class="ax">'
                   f'{escape(cat)}</text>')
    out.append(f'<line x1="{ml}" y1="{y_of(0):.1f}" x2="{width - mr}" y2="{y_of(0):.1f}" class="zero"/>')
    out.append(legend)
    out.append("</svg>")
    return Markup("".join(out))


def line_chart(series: Sequence[dict[str, Any]], *, title: str, lang: str = "sv", width: int = 560, height: int = 260,
               x_domain: Sequence[int] | None = None, unit: str | None = None) -> Markup:
    """Lines over years: each series is ``{"label", "points": [(year, value)], "dashed", "colour"}``.

    Used for target trajectories: the actual series (solid, with points) against the
    straight line to the target (dashed).

    Examples
    --------
    >>> svg = line_chart([{"label": "Utfall", "points": [(2021, 10.0), (2024, 8.0)]},
    ...                   {"label": "Bana", "points": [(2021, 10.0), (2028, 7.0)], "dashed": True}], title="x")
    >>> svg.count("<circle"), 'data-chart="line"' in svg
    (2, True)

    A series of one point is drawn as a marked point with its value:

    >>> one = line_chart([{"label": "Index", "points": [(2024, 5.38)], "dashed": True}], title="x")
    >>> one.count('class="single"'), "5,38" in one
    (1, True)
    """
    pts = [(x, y) for s in series for x, y in s["points"] if not is_missing(y)]
    xs = [x for x, _ in pts] + list(x_domain or [])
    if not xs:
        xs = [0, 1]
    x0, x1 = min(xs), max(xs)
    if x1 == x0:
        x1 = x0 + 1
    ys = [y for _, y in pts] or [0.0, 1.0]
    ticks = nice_ticks(min(0.0, min(ys)), max(ys) if max(ys) > 0 else 1.0)
    lo, hi = ticks[0], ticks[-1]
    ml, mr, mt, plot_h = 70, 16, 12 + (16 if unit else 0), height - 56
    plot_w = width - ml - mr

    def x_of(x: float) -> float:
        return ml + (x - x0) / (x1 - x0) * plot_w

    def y_of(v: float) -> float:
        return mt + plot_h - (v - lo) / (hi - lo) * plot_h

    items = [(s["label"], s.get("colour") or PALETTE[i % len(PALETTE)], bool(s.get("dashed")))
             for i, s in enumerate(series)]
    legend, lh = _legend(items, ml, mt + plot_h + 28, plot_w)
    out = [_svg_open("line", title, width, int(mt + plot_h + 28 + lh + 4), len(series)), _unit_label(unit, 4, 12),
           _yaxis(ticks, y_of, ml, width - mr, lang)]
    step = 1 if x1 - x0 <= 10 else 2
    for x in range(int(x0), int(x1) + 1, step):
        out.append(f'<text x="{x_of(x):.1f}" y="{mt + plot_h + 16}" text-anchor="middle" class="ax">{x}</text>')
    for (label, colour, dashed), s in zip(items, series):
        p = [(x, float(y)) for x, y in s["points"] if not is_missing(y)]
        if not p:
            continue
        d = " ".join(f"{'M' if k == 0 else 'L'}{x_of(x):.1f},{y_of(y):.1f}" for k, (x, y) in enumerate(p))
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"{dash} '
                   f'data-series="{escape(label)}"/>')
        if len(p) == 1:      # one point draws no line: a marked point with its value, so the series is seen
            (x, y), fill = p[0], ("#fff" if dashed else colour)
            out.append(f'<circle cx="{x_of(x):.1f}" cy="{y_of(y):.1f}" r="4.5" fill="{fill}" stroke="{colour}" '
                       f'stroke-width="2" class="single" data-value="{y!r}" data-year="{x}"><title>{escape(label)} '
                       f'{x}: {escape(number(y, None, lang))}</title></circle>')
            out.append(f'<text x="{x_of(x) + 8:.1f}" y="{y_of(y) - 7:.1f}" class="ax pt-label">'
                       f'{escape(number(y, None, lang))}</text>')
            continue
        if not dashed:
            for x, y in p:
                out.append(f'<circle cx="{x_of(x):.1f}" cy="{y_of(y):.1f}" r="3.5" fill="{colour}" '
                           f'data-value="{y!r}" data-year="{x}"><title>{escape(label)} {x}: '
                           f'{escape(number(y, None, lang))}</title></circle>')
    out.append(legend)
    out.append("</svg>")
    return Markup("".join(out))


def hbars(labels: Sequence[str], values: Sequence[float], *, title: str, lang: str = "sv", width: int = 760,
          colours: Sequence[str] | None = None, unit: str | None = None, names: bool = False) -> Markup:
    """Horizontal bars, one per label (scenarios, portfolio vs index); negative values go left.

    Examples
    --------
    >>> hbars(["A", "B"], [2.5, -1.0], title="x").count('class="bar"')
    2
    """
    colours = list(colours or PALETTE)
    ml = min(20 + 7 * max([len(str(l)) for l in labels] or [4]), 330)
    mr, mt, bh, gap = 60, 8, 20, 10
    vals = [0.0 if is_missing(v) else float(v) for v in values]
    ticks = nice_ticks(min([0.0, *vals]), max([0.0, *vals]) or 1.0)
    lo, hi = ticks[0], ticks[-1]
    plot_w = width - ml - mr
    plot_h = len(labels) * (bh + gap)
    height = int(mt + plot_h + 26 + (16 if unit else 0))

    def x_of(v: float) -> float:
        return ml + (v - lo) / (hi - lo) * plot_w

    out = [_svg_open("hbar", title, width, height, len(labels))]
    for tv, text in zip(ticks, _tick_text(ticks, lang)):
        x = x_of(tv)
        out.append(f'<line x1="{x:.1f}" y1="{mt}" x2="{x:.1f}" y2="{mt + plot_h}" class="grid"/>')
        out.append(f'<text x="{x:.1f}" y="{mt + plot_h + 16}" text-anchor="middle" class="ax tick">'
                   f'{escape(text)}</text>')
    out.append(_unit_label(unit, width - mr, mt + plot_h + 32, "end"))
    for i, (label, v, raw) in enumerate(zip(labels, vals, values)):
        y = mt + i * (bh + gap) + gap / 2
        xa, xb = sorted((x_of(0.0), x_of(v)))
        mark = ' translate="no"' if names else ""      # the labels are names (scenarios), not words to translate
        out.append(f'<text x="{ml - 6}" y="{y + bh * 0.7:.1f}" text-anchor="end" class="ax"{mark}>'
                   f'{escape(label)}</text>')
        if not is_missing(raw):
            out.append(f'<rect class="bar" x="{xa:.1f}" y="{y:.1f}" width="{max(xb - xa, 0.5):.1f}" height="{bh}" '
                       f'fill="{colours[i % len(colours)]}" data-value="{v!r}"><title>{escape(label)}: '
                       f'{escape(number(v, None, lang))}</title></rect>')
            out.append(f'<text x="{xb + 4:.1f}" y="{y + bh * 0.7:.1f}" class="ax">'
                       f'{escape(number(v, None, lang))}</text>')
    out.append(f'<line x1="{x_of(0):.1f}" y1="{mt}" x2="{x_of(0):.1f}" y2="{mt + plot_h}" class="zero"/>')
    out.append("</svg>")
    return Markup("".join(out))
