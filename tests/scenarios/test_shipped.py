"""The forms that ship with the bot load, cover every field type and match the process."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from domain.flow import visible_fields
from domain.priority import evaluate_priority
from scenarios.loader import check_scenarios, load_scenarios
from scenarios.request_rules import Priority
from scenarios.schema import FieldRole, FieldType, FormField, Scenario, localized
from tests.scenarios.helpers import NOW, TZ

SHIPPED = ["it_erp", "car_import", "workshop_parts"]


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Scenario]:
    return {scenario.id: scenario for scenario in load_scenarios().all()}


def test_shipped_files_have_no_problems() -> None:
    assert check_scenarios() == []


def test_all_three_ship_in_menu_order() -> None:
    assert load_scenarios().ids == SHIPPED


def test_every_field_type_is_used(scenarios: dict[str, Scenario]) -> None:
    used = {field.type for scenario in scenarios.values() for field in scenario.fields}
    assert used == set(FieldType)


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_each_form_is_short_uses_show_if_and_asks_for_a_phone(
    scenarios: dict[str, Scenario], scenario_id: str
) -> None:
    scenario = scenarios[scenario_id]
    assert 10 <= len(scenario.fields) <= 14
    assert any(field.show_if for field in scenario.fields)
    assert scenario.field_with_role(FieldRole.PHONE) is not None
    assert scenario.hot_if


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_typed_field_has_a_hint_in_both_locales(
    scenarios: dict[str, Scenario], scenario_id: str
) -> None:
    buttons = {FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE, FieldType.YES_NO}
    for field in scenarios[scenario_id].fields:
        if field.type not in buttons:
            assert field.hint is not None, field.id


def test_it_erp_asks_for_the_decision_maker_only_when_known(
    scenarios: dict[str, Scenario],
) -> None:
    scenario = scenarios["it_erp"]
    shown = [field.id for field in visible_fields(scenario, {"decision_maker_known": True})]
    hidden = [field.id for field in visible_fields(scenario, {"decision_maker_known": False})]
    assert "decision_maker" in shown
    assert "decision_maker" not in hidden


def test_it_erp_with_a_close_deadline_is_hot(scenarios: dict[str, Scenario]) -> None:
    scenario = scenarios["it_erp"]
    assert evaluate_priority(scenario, {"deadline": "2026-03-10"}, NOW, TZ) is Priority.HOT
    assert evaluate_priority(scenario, {"deadline": "2026-06-01"}, NOW, TZ) is Priority.NORMAL
    assert scenario.claim_limits.hot.minutes == 15
    assert scenario.claim_limits.normal.minutes == 120
    assert scenario.claim_limits.normal.working_time


def test_car_import_excluded_countries_follow_any_country(
    scenarios: dict[str, Scenario],
) -> None:
    scenario = scenarios["car_import"]
    gearbox = scenario.field("gearbox")
    assert gearbox is not None
    assert gearbox.option("automatic_no_cvt") is not None
    ids = [field.id for field in visible_fields(scenario, {"countries": ["any_country"]})]
    assert "countries_excluded" in ids
    ids = [field.id for field in visible_fields(scenario, {"countries": ["korea"]})]
    assert "countries_excluded" not in ids


def test_workshop_urgency_within_days_is_hot(scenarios: dict[str, Scenario]) -> None:
    scenario = scenarios["workshop_parts"]
    assert evaluate_priority(scenario, {"urgency": "few_days"}, NOW, TZ) is Priority.HOT
    assert evaluate_priority(scenario, {"urgency": "not_urgent"}, NOW, TZ) is Priority.NORMAL


def test_workshop_asks_delivery_only_for_parts(scenarios: dict[str, Scenario]) -> None:
    scenario = scenarios["workshop_parts"]
    part = [field.id for field in visible_fields(scenario, {"request_kind": "part"})]
    repair = [field.id for field in visible_fields(scenario, {"request_kind": "repair"})]
    assert "delivery" in part
    assert "service_visit" not in part
    assert "delivery" not in repair
    assert "service_visit" in repair


def test_the_readme_example_is_a_valid_scenario(tmp_path: Path) -> None:
    readme = Path(__file__).resolve().parents[2] / "scenarios" / "README.md"
    example = re.search(r"```yaml\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    assert example is not None
    (tmp_path / "example.yaml").write_text(example[1], encoding="utf-8")
    assert check_scenarios(tmp_path) == []


def test_the_shipped_forms_keep_contacts_private_under_short_labels() -> None:
    for scenario in load_scenarios().all():
        for field in scenario.fields:
            assert field.private == (field.type in (FieldType.PHONE, FieldType.EMAIL)), field.id
            assert len(localized(field.label, "en")) <= 25, field.id  # a label, not a question
            assert field.question is not None, field.id  # the dialog asks its own words


def test_a_field_written_without_a_question_is_asked_with_its_label() -> None:
    field = FormField.model_validate(
        {"id": "budget", "type": "short_text", "label": {"ru": "Бюджет?", "en": "Budget?"}}
    )
    assert field.question is None
    assert field.asked == field.label
    assert not field.private
