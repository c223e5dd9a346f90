"""The report's charts as PNG images, drawn headless with matplotlib.

matplotlib takes about half a second to import, so it is imported here, when the first
chart is drawn, and never on the bot's start-up path. Every label arrives translated:
this module knows nothing of languages.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Colours that stay apart for readers with the common kinds of colour blindness.
BLUE, ORANGE, GREEN, GREY, RED = "#0072B2", "#E69F00", "#009E73", "#999999", "#D55E00"
SIZE = (8.0, 4.5)
DPI = 100


@dataclass(frozen=True, slots=True)
class FunnelChart:
    """Bars of requests reaching each stage, labelled with the conversion from the first."""

    title: str
    stages: Sequence[str]
    reached: Sequence[int]
    labels: Sequence[str]
    targets: Sequence[float | None]
    target_label: str


@dataclass(frozen=True, slots=True)
class TrendChart:
    """Lines of submitted, taken and won per week."""

    title: str
    weeks: Sequence[str]
    series: Sequence[tuple[str, Sequence[int]]]


@dataclass(frozen=True, slots=True)
class ClaimChart:
    """A histogram of minutes to claim with the form's limit as a line."""

    title: str
    minutes: Sequence[float]
    limit: float | None
    x_label: str
    limit_label: str


@dataclass(frozen=True, slots=True)
class PeopleChart:
    """Grouped bars per expert: load now, taken and won in the period."""

    title: str
    people: Sequence[str]
    series: Sequence[tuple[str, Sequence[int]]]


Chart = FunnelChart | TrendChart | ClaimChart | PeopleChart


def draw(chart: Chart) -> bytes:
    """One chart as PNG bytes."""
    # Deferred: see the module's docstring. Agg draws to memory, no display needed.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE, dpi=DPI)
    FigureCanvasAgg(figure)
    if isinstance(chart, FunnelChart):
        _funnel(figure, chart)
    elif isinstance(chart, TrendChart):
        _trend(figure, chart)
    elif isinstance(chart, ClaimChart):
        _claims(figure, chart)
    else:
        _people(figure, chart)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _axes(figure: Figure, title: str) -> Any:
    from matplotlib.ticker import MaxNLocator

    axes = figure.add_subplot()
    axes.set_title(title)
    axes.spines[["top", "right"]].set_visible(False)
    # Counts of requests: whole numbers on the count axis.
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return axes


def _funnel(figure: Figure, chart: FunnelChart) -> None:
    from matplotlib.ticker import MaxNLocator

    axes = _axes(figure, chart.title)
    positions = list(range(len(chart.stages)))[::-1]
    axes.barh(positions, chart.reached, color=BLUE)
    axes.set_yticks(positions, chart.stages)
    top = max([*chart.reached, 1])
    for position, value, label in zip(positions, chart.reached, chart.labels, strict=True):
        axes.text(value + top * 0.01, position, label, va="center")
    first = chart.reached[0] if chart.reached else 0
    shown = False
    for position, target in zip(positions, chart.targets, strict=True):
        if target is None or not first:
            continue
        axes.plot(
            [first * target] * 2,
            [position - 0.4, position + 0.4],
            color=RED,
            linewidth=2,
            label=None if shown else chart.target_label,
        )
        shown = True
    axes.set_xlim(0, top * 1.25)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if shown:
        axes.legend(loc="lower right")


def _trend(figure: Figure, chart: TrendChart) -> None:
    axes = _axes(figure, chart.title)
    for (name, values), colour in zip(chart.series, (BLUE, ORANGE, GREEN), strict=False):
        axes.plot(chart.weeks, values, marker="o", color=colour, label=name)
    axes.set_ylim(bottom=0)
    axes.legend(loc="upper left")


def _claims(figure: Figure, chart: ClaimChart) -> None:
    axes = _axes(figure, chart.title)
    if chart.minutes:
        axes.hist(chart.minutes, bins=min(20, max(5, len(chart.minutes))), color=BLUE)
    if chart.limit is not None:
        axes.axvline(chart.limit, color=RED, linewidth=2, label=chart.limit_label)
        axes.legend(loc="upper right")
    axes.set_xlabel(chart.x_label)


def _people(figure: Figure, chart: PeopleChart) -> None:
    axes = _axes(figure, chart.title)
    count = len(chart.series) or 1
    width = 0.8 / count
    colours = (GREY, BLUE, GREEN)
    for index, (name, values) in enumerate(chart.series):
        offsets = [person + (index - (count - 1) / 2) * width for person in range(len(values))]
        axes.bar(offsets, values, width=width, color=colours[index % len(colours)], label=name)
    # People's names as they wrote them: "Cash$$" is a name, not mathtext to typeset.
    axes.set_xticks(
        range(len(chart.people)), chart.people, rotation=20, ha="right", parse_math=False
    )
    axes.legend(loc="upper right")
