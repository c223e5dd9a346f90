"""Loading scenario files and reporting broken ones, one clear line per problem."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scenarios.loader import (
    ScenarioLoadError,
    ScenarioProblem,
    UnknownScenarioError,
    check_scenarios,
    load_scenarios,
)

HEADER = """\
id: {id}
version: 1
title: {{ru: Тест, en: Test}}
description: {{ru: Тест, en: Test}}
topic: {{key: test}}
fields:
"""
CLIENT_TYPE = """\
  - id: client_type
    type: single_choice
    label: {ru: Клиент, en: Client}
    options:
      - {id: company, label: {ru: Компания, en: Company}}
      - {id: person, label: {ru: Частное лицо, en: Person}}
"""
COMPANY = """\
  - id: company
    type: short_text
    role: company
    label: {ru: Компания, en: Company}
    show_if: {field: client_type, equals: company}
"""


def write(directory: Path, name: str, body: str, scenario_id: str = "test") -> Path:
    path = directory / name
    path.write_text(HEADER.format(id=scenario_id) + textwrap.dedent(body), encoding="utf-8")
    return path


def only_problem(directory: Path) -> ScenarioProblem:
    problems = check_scenarios(directory)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_good_file_loads(tmp_path: Path) -> None:
    write(tmp_path, "test.yaml", CLIENT_TYPE + COMPANY)
    assert check_scenarios(tmp_path) == []
    catalog = load_scenarios(tmp_path)
    assert catalog.ids == ["test"]
    assert [field.id for field in catalog.get("test").fields] == ["client_type", "company"]


def test_unknown_field_type_names_file_and_field(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", CLIENT_TYPE + COMPANY.replace("short_text", "sentence"))
    problem = only_problem(tmp_path)
    assert (problem.file, problem.field) == ("bad.yaml", "company")
    assert "unknown value 'sentence'" in problem.message
    assert str(problem).startswith("bad.yaml: field 'company': type: unknown value 'sentence'")
    assert "\n" not in str(problem)


def test_missing_field_type_names_file_and_field(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", CLIENT_TYPE + COMPANY.replace("    type: short_text\n", ""))
    problem = only_problem(tmp_path)
    assert (problem.file, problem.field) == ("bad.yaml", "company")
    assert problem.message == "type: Field required"


def test_show_if_pointing_at_a_later_field(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", COMPANY + CLIENT_TYPE)
    problem = only_problem(tmp_path)
    assert (problem.file, problem.field) == ("bad.yaml", "company")
    assert problem.message == "show_if refers to a later field 'client_type'"


def test_show_if_pointing_at_an_unknown_field(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", CLIENT_TYPE + COMPANY.replace("field: client_type", "field: kind"))
    assert only_problem(tmp_path).message == "show_if refers to an unknown field 'kind'"


def test_show_if_with_an_option_the_field_does_not_have(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", CLIENT_TYPE + COMPANY.replace("equals: company", "equals: firm"))
    problem = only_problem(tmp_path)
    assert problem.field == "company"
    assert "'client_type' has no option 'firm'" in problem.message


def test_duplicate_field_id(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", CLIENT_TYPE + COMPANY + COMPANY.replace("    role: company\n", ""))
    problem = only_problem(tmp_path)
    assert (problem.file, problem.field, problem.message) == (
        "bad.yaml",
        "company",
        "duplicate field id",
    )


def test_duplicate_scenario_id_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", CLIENT_TYPE)
    write(tmp_path, "b.yaml", CLIENT_TYPE)
    problem = only_problem(tmp_path)
    assert problem.file == "b.yaml"
    assert problem.message == "scenario id 'test' is already used in a.yaml"


def test_missing_english_text(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", CLIENT_TYPE + COMPANY.replace(", en: Company}", "}", 1))
    problem = only_problem(tmp_path)
    assert (problem.field, problem.message) == ("company", "label: missing en text")


def test_missing_russian_title(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", CLIENT_TYPE)
    path.write_text(path.read_text().replace("title: {ru: Тест, en: Test}", "title: {en: Test}"))
    problem = only_problem(tmp_path)
    assert (problem.field, problem.message) == (None, "title: missing ru text")


def test_choice_without_options(tmp_path: Path) -> None:
    body = "  - id: size\n    type: single_choice\n    label: {ru: Размер, en: Size}\n"
    write(tmp_path, "bad.yaml", body)
    problem = only_problem(tmp_path)
    assert problem.field == "size"
    assert "needs at least one option" in problem.message


def test_priority_rule_on_an_unknown_field(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", CLIENT_TYPE + "hot_if:\n  - {field: budget, at_least: 5}\n")
    problem = only_problem(tmp_path)
    assert (problem.field, problem.message) == (
        "budget",
        "priority rule refers to an unknown field",
    )


def test_priority_rule_of_the_wrong_kind(tmp_path: Path) -> None:
    write(
        tmp_path, "bad.yaml", CLIENT_TYPE + "hot_if:\n  - {field: client_type, within_days: 3}\n"
    )
    assert "within_days needs a date" in only_problem(tmp_path).message


def test_yaml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: test\nfields: [\n  - id: x\n", encoding="utf-8")
    problem = only_problem(tmp_path)
    assert problem.file == "broken.yaml"
    assert problem.message.startswith("YAML syntax error at line")


def test_a_typo_in_a_key_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", CLIENT_TYPE.replace("    type:", "    requred: false\n    type:"))
    problem = only_problem(tmp_path)
    assert (problem.field, problem.message) == ("client_type", "requred: unknown key (a typo?)")


def test_every_broken_file_is_reported_and_loading_refuses(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", COMPANY + CLIENT_TYPE, scenario_id="a")
    write(tmp_path, "b.yaml", CLIENT_TYPE.replace("single_choice", "radio"), scenario_id="b")
    write(tmp_path, "c.yaml", CLIENT_TYPE, scenario_id="c")
    assert [problem.file for problem in check_scenarios(tmp_path)] == ["a.yaml", "b.yaml"]
    with pytest.raises(ScenarioLoadError) as raised:
        load_scenarios(tmp_path)
    assert str(raised.value).count("\n") == 1


def test_an_empty_directory_is_a_problem(tmp_path: Path) -> None:
    assert only_problem(tmp_path).message == "no *.yaml scenario files"


def test_catalog_orders_by_order_then_id_and_refuses_unknown_ids(tmp_path: Path) -> None:
    write(tmp_path, "b.yaml", CLIENT_TYPE, scenario_id="b")
    write(tmp_path, "a.yaml", CLIENT_TYPE, scenario_id="a")
    path = write(tmp_path, "z.yaml", CLIENT_TYPE, scenario_id="z")
    path.write_text("order: 1\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    catalog = load_scenarios(tmp_path)
    assert catalog.ids == ["z", "a", "b"]
    assert [scenario.id for scenario in catalog.all()] == ["z", "a", "b"]
    assert "a" in catalog
    with pytest.raises(UnknownScenarioError):
        catalog.get("missing")


CRM = """\
crm:
  amocrm:
    statuses: {won: 142}
    fields: {company: 294471}
  bitrix24:
    entity: deal
    category_id: 0
    statuses: {won: WON}
"""


def test_a_crm_mapping_loads_with_stages_and_fields(tmp_path: Path) -> None:
    write(tmp_path, "test.yaml", CLIENT_TYPE + COMPANY + CRM)
    assert check_scenarios(tmp_path) == []
    crm = load_scenarios(tmp_path).get("test").crm
    assert crm is not None
    assert crm.amocrm is not None
    assert crm.amocrm.fields == {"company": 294471}
    assert crm.bitrix24 is not None
    assert crm.bitrix24.statuses == {"won": "WON"}


def test_a_crm_mapping_of_an_unknown_field_is_named(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", CLIENT_TYPE + COMPANY + CRM.replace("{company:", "{firm:"))
    problem = only_problem(tmp_path)
    assert problem.field == "firm"
    assert "crm.amocrm.fields maps an unknown field" in problem.message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("won: 142", "finished: 142"), "finished"),
        (("entity: deal", "entity: lead"), "category_id is a deal funnel"),
        (("entity: deal", "entity: contact"), "entity"),
    ],
)
def test_a_wrong_crm_mapping_is_refused(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    write(tmp_path, "bad.yaml", CLIENT_TYPE + COMPANY + CRM.replace(*change))
    assert message in str(only_problem(tmp_path))


def test_a_source_option_too_long_for_a_report_button_is_refused(tmp_path: Path) -> None:
    source = f"""\
  - id: lead_source
    type: single_choice
    role: source
    label: {{ru: Источник, en: Source}}
    options:
      - {{id: site, label: {{ru: Сайт, en: Website}}}}
      - {{id: {"r" * 40}, label: {{ru: Рекомендация, en: Referral}}}}
"""
    write(tmp_path, "long.yaml", source, scenario_id="f" * 16)
    problem = only_problem(tmp_path)
    assert problem.field == "lead_source"
    assert f"option '{'r' * 40}'" in problem.message
    assert "56 characters together" in problem.message
