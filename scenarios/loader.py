"""Reading scenario files from disk, and reporting every problem in them one line each.

The bot loads scenarios once at start and refuses to run with a broken file: a form that
silently lost a field would collect incomplete requests for days before anyone noticed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from scenarios.cross_checks import cross_field_problems
from scenarios.schema import SKIP_CROSS_CHECKS, Scenario

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class ScenarioProblem:
    """One thing wrong with a scenario file; ``field`` is None when no field is to blame."""

    file: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: field '{self.field}'" if self.field else self.file
        return f"{where}: {self.message}"


class ScenarioLoadError(Exception):
    """Scenario files are broken; the message lists every problem, one per line."""

    def __init__(self, problems: Sequence[ScenarioProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class UnknownScenarioError(KeyError):
    """A stored request or a button names a scenario that is no longer shipped."""


class ScenarioCatalog:
    """The loaded scenarios, in the order users see them."""

    def __init__(self, scenarios: Iterable[Scenario]) -> None:
        ordered = sorted(scenarios, key=lambda scenario: (scenario.order, scenario.id))
        self._by_id = {scenario.id: scenario for scenario in ordered}

    def get(self, scenario_id: str) -> Scenario:
        """The scenario with this id, or :class:`UnknownScenarioError`."""
        try:
            return self._by_id[scenario_id]
        except KeyError:
            raise UnknownScenarioError(scenario_id) from None

    def all(self) -> list[Scenario]:
        """Every scenario, ordered by ``order`` then id."""
        return list(self._by_id.values())

    @property
    def ids(self) -> list[str]:
        """Scenario ids in display order."""
        return list(self._by_id)

    def __contains__(self, scenario_id: object) -> bool:
        return scenario_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)


def load_scenarios(directory: Path | None = None) -> ScenarioCatalog:
    """Load every ``*.yaml`` in ``directory`` (the shipped ones by default).

    Raises :class:`ScenarioLoadError` listing all problems if any file is broken.
    """
    scenarios, problems = _read_directory(directory or PACKAGE_DIR)
    if problems:
        raise ScenarioLoadError(problems)
    return ScenarioCatalog(scenarios)


def check_scenarios(directory: Path | None = None) -> list[ScenarioProblem]:
    """Every problem in the scenario files of ``directory``; empty when all is well."""
    return _read_directory(directory or PACKAGE_DIR)[1]


def _read_directory(directory: Path) -> tuple[list[Scenario], list[ScenarioProblem]]:
    scenarios: list[Scenario] = []
    problems: list[ScenarioProblem] = []
    first_file: dict[str, str] = {}
    files = sorted(directory.glob("*.yaml"))
    if not files:
        problems.append(ScenarioProblem(str(directory), None, "no *.yaml scenario files"))
    for path in files:
        scenario, file_problems = _read_file(path)
        problems.extend(file_problems)
        if scenario is None:
            continue
        if scenario.id in first_file:
            message = f"scenario id '{scenario.id}' is already used in {first_file[scenario.id]}"
            problems.append(ScenarioProblem(path.name, None, message))
            continue
        first_file[scenario.id] = path.name
        scenarios.append(scenario)
    return scenarios, problems


def _read_file(path: Path) -> tuple[Scenario | None, list[ScenarioProblem]]:
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        return None, [ScenarioProblem(name, None, _yaml_message(error))]
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
        return None, [ScenarioProblem(name, None, f"cannot read: {error}")]
    if not isinstance(data, dict):
        return None, [ScenarioProblem(name, None, "the file must be a mapping of keys")]
    try:
        scenario = Scenario.model_validate(data, context={SKIP_CROSS_CHECKS: True})
    except ValidationError as error:
        return None, [_problem_from_error(name, data, item) for item in error.errors()]
    problems = [
        ScenarioProblem(name, field_id, message)
        for field_id, message in cross_field_problems(scenario)
    ]
    return (None if problems else scenario), problems


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    mark = error.problem_mark or error.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"YAML syntax error{where}: {error.problem or error.context}"


def _problem_from_error(file: str, data: dict[str, Any], item: Any) -> ScenarioProblem:
    """Turn a pydantic error into a line naming the field by its id, not by its index."""
    loc: tuple[str | int, ...] = tuple(item["loc"])
    field_id: str | None = None
    rest: Iterator[str | int] = iter(loc)
    if len(loc) >= 2 and loc[0] == "fields" and isinstance(loc[1], int):
        field_id = _field_id(data, loc[1])
        rest = iter(loc[2:])
    elif len(loc) >= 2 and loc[0] == "hot_if" and isinstance(loc[1], int):
        rest = iter(("hot_if", f"#{loc[1] + 1}", *loc[2:]))
    path = ".".join(str(part) for part in rest if not _is_type_tag(part))
    message = _short_message(item)
    return ScenarioProblem(file, field_id, f"{path}: {message}" if path else message)


def _field_id(data: dict[str, Any], index: int) -> str:
    fields = data.get("fields")
    if isinstance(fields, list) and index < len(fields):
        entry = fields[index]
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            return str(entry["id"])
    return f"#{index + 1}"


def _is_type_tag(part: str | int) -> bool:
    """Pydantic adds validator names to locations of annotated types; they mean nothing here."""
    return isinstance(part, str) and (part.startswith("function-") or "[" in part)


def _short_message(item: Any) -> str:
    message = str(item["msg"]).removeprefix("Value error, ")
    if item["type"] == "enum":
        expected = item.get("ctx", {}).get("expected", "")
        return f"unknown value {item['input']!r}; expected {expected}"
    if item["type"] == "extra_forbidden":
        return "unknown key (a typo?)"
    return message
