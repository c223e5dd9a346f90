"""The result table: one row per figure, printed as text and optionally saved as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

NOT_BUILT = "n/a (not built yet)"


@dataclass
class Row:
    """One figure: where it belongs, its value as shown, the target and the verdict."""

    section: str
    metric: str
    value: str
    target: str = ""
    met: bool | None = None
    raw: float | None = None


@dataclass
class Report:
    """Everything one ``python -m bench`` run found."""

    machine: dict[str, str]
    command: str
    rows: list[Row] = field(default_factory=list)

    def add(
        self,
        section: str,
        metric: str,
        value: str,
        *,
        target: str = "",
        met: bool | None = None,
        raw: float | None = None,
    ) -> None:
        self.rows.append(Row(section, metric, value, target, met, raw))

    def not_built(self, section: str, what: str) -> None:
        """A part of the bot this section measures has not been built yet."""
        self.add(section, what, NOT_BUILT)

    def render(self) -> str:
        """The machine block, then the table."""
        lines = [f"Presale Desk benchmark — {self.machine.get('date', '')}"]
        lines += [f"  {key:<10} {value}" for key, value in self.machine.items() if key != "date"]
        lines.append(f"  command    {self.command}")
        lines.append("")
        headers = ("section", "metric", "value", "target", "")
        table = [(r.section, r.metric, r.value, r.target, _verdict(r.met)) for r in self.rows]
        widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(headers)]
        lines.append(_line(headers, widths))
        lines.append(_line(tuple("-" * w for w in widths), widths))
        lines += [_line(row, widths) for row in table]
        return "\n".join(line.rstrip() for line in lines)

    def save(self, path: Path) -> None:
        data = {
            "machine": self.machine,
            "command": self.command,
            "rows": [asdict(row) for row in self.rows],
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _verdict(met: bool | None) -> str:
    return "" if met is None else ("ok" if met else "MISSED")


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))


def percentile(values: list[float], share: float) -> float:
    """The ``share`` (0..1) percentile, nearest rank; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
