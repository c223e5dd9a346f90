"""Leads pushed into amoCRM and Bitrix24: the exact request shapes, the id, stages, failures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from emulator import EmMessage
from storage.models import DeliveryStatus
from tests.conftest import ADMIN_ID
from tests.e2e.followups.conftest import next_to, take
from tests.e2e.intake.flow import fill, open_form, scenario, submit
from tests.e2e.integrations.conftest import (
    car_request,
    deliveries_of,
    delivery_counts,
    retry_now,
)
from tests.e2e.integrations.fake_crm import LIMITED
from tests.e2e.team.test_answers import request_from_dialog
from tests.harness import Person

EXPERT = 10


async def test_a_submitted_request_becomes_an_amocrm_lead_whose_id_the_brief_shows(
    crm_team: Callable[..., Any],
) -> None:
    async with crm_team(amocrm=True) as (team, crms):
        author = Person(team.tg, 600)
        team.tg.add_user(600, "Сергей", language_code="ru")
        summary, _ = await fill(
            author, scenario("it_erp"), "ru", await open_form(author, "it_erp")
        )
        number = await submit(author, summary)

        [created] = await crms.wait_for(crms.amocrm, 1)
        assert created.path == "/api/v4/leads/complex"
        [lead] = created.body
        assert lead["name"] == f"Заявка #{number} · Внедрение ИТ / ERP"
        assert lead["price"] == 1_500_000
        assert "status_id" not in lead  # "new" has no status in the form's mapping
        embedded = lead["_embedded"]
        assert embedded["tags"] == [{"name": "presale"}]
        assert embedded["companies"] == [{"name": "ООО «Ромашка»"}]
        [contact] = embedded["contacts"]
        assert contact["custom_fields_values"] == [
            {"field_code": "PHONE", "values": [{"value": "+79123456789", "enum_code": "WORK"}]},
            {
                "field_code": "EMAIL",
                "values": [{"value": "ivan@example.com", "enum_code": "WORK"}],
            },
        ]
        [delivery] = await deliveries_of(team, number)
        assert (delivery.event, delivery.status) == ("crm.create", DeliveryStatus.DELIVERED.value)

        await team.expert(EXPERT, "Пётр")
        brief = await take(team, EXPERT, number)
        briefs = [m.text for m in team.tg.transcript(EXPERT)]
        assert any("amoCRM: лид 4546" in text for text in briefs)

        await team.tg.press(EXPERT, brief, brief.callback_data_of("Выиграна"))
        [_, moved] = await crms.wait_for(crms.amocrm, 2)
        assert (moved.method, moved.path, moved.body) == (
            "PATCH",
            "/api/v4/leads/4546",
            {"status_id": 142},
        )
        assert [d.event for d in await deliveries_of(team, number)] == ["crm.create", "crm.stage"]


async def test_an_english_authors_answers_reach_the_crm_in_the_teams_russian(
    crm_team: Callable[..., Any],
) -> None:
    """One CRM, one language: the answers are drawn for the team, not as the author saw them."""
    async with crm_team(bitrix24=True) as (team, crms):
        number = await request_from_dialog(team, 600, "John", "en")

        [added] = await crms.wait_for(crms.bitrix, 1)
        fields = added.body["fields"]
        assert fields["TITLE"] == f"Заявка #{number} · Внедрение ИТ / ERP"
        notes = fields["COMMENTS"].split("\n")
        for line in (
            "Источник: Заявка с сайта",
            "Размер компании: до 15 человек",
            "ЛПР известен: Да",
            "Пользователей: 1\xa0500",
            "Бюджет: 1\xa0500\xa0000 ₽",
            "Срок: 3 марта 2026\u202fг.",
            "Компания: Northwind LLC",  # typed text stays as typed
        ):
            assert line in notes
        for english in ("Website form", "up to 15 people", "Yes", "1,500", "March"):
            assert english not in fields["COMMENTS"]
        assert fields["OPPORTUNITY"] == 1_500_000


async def test_bitrix24_says_query_limit_exceeded_the_lead_waits_and_its_stage_waits_behind_it(
    crm_team: Callable[..., Any],
) -> None:
    async with crm_team(bitrix24=True, create_on="taken") as (team, crms):
        crms.bitrix_script.append(LIMITED)
        await team.expert(EXPERT, "Пётр")
        number = await team.request()
        async with team.repo() as repo:
            assert await repo.deliveries.find() == []  # created on taking, not on posting
        brief = await take(team, EXPERT, number)
        await crms.wait_for(crms.bitrix, 1)
        [delivery] = await deliveries_of(team, number)
        assert delivery.status == DeliveryStatus.PENDING.value
        assert "QUERY_LIMIT_EXCEEDED" in (delivery.last_error or "")
        assert delivery.next_attempt_at > team.clock.now()

        await team.tg.press(EXPERT, brief, brief.callback_data_of("КП отправлено"))
        await team.settle(brief, EXPERT)
        assert len(await deliveries_of(team, number)) == 2
        assert len(crms.bitrix) == 1  # the stage change waits for the lead

        await retry_now(team, delivery)
        first, added, updated = await crms.wait_for(crms.bitrix, 3)
        # the lead is read when it goes out: the retry carries the stage the request has now
        assert first.body["fields"]["STATUS_ID"] == "IN_PROCESS"
        assert added.path == "crm.lead.add"
        assert added.body["params"] == {"REGISTER_SONET_EVENT": "Y"}
        fields = added.body["fields"]
        assert fields["TITLE"] == f"Заявка #{number} · Внедрение ИТ / ERP"
        assert fields["COMPANY_TITLE"] == "ООО «Ромашка» & Co"
        assert fields["STATUS_ID"] == "PROCESSED"
        assert fields["SOURCE_DESCRIPTION"] == f"Presale Desk, заявка #{number}"
        assert "Строительство <b>жилья</b>" in fields["COMMENTS"]
        assert (updated.path, updated.body) == (
            "crm.lead.update",
            {"id": 4546, "fields": {"STATUS_ID": "PROCESSED"}},
        )
        await deliveries_of(team, number)  # the update's answer is recorded
        counts = await delivery_counts(team)
        assert counts[("bitrix24", "retry")] == 1
        assert counts[("bitrix24", "delivered")] == 2
        assert counts[("bitrix24", "failed")] == counts[("webhook", "delivered")] == 0


async def test_a_portal_without_leads_gets_a_deal_in_its_funnel(
    crm_team: Callable[..., Any],
) -> None:
    async with crm_team(bitrix24=True, create_on="taken") as (team, crms):
        await team.expert(EXPERT, "Пётр", tags=[])
        number = await car_request(team)
        brief = await take(team, EXPERT, number)
        [added] = await crms.wait_for(crms.bitrix, 1)
        assert added.path == "crm.deal.add"
        fields = added.body["fields"]
        assert (fields["CATEGORY_ID"], fields["STAGE_ID"]) == (0, "PREPARATION")
        assert fields["OPPORTUNITY"] == 3_800_000
        await team.bot.app.deliveries.settled()
        await team.tg.press(EXPERT, brief, brief.callback_data_of("Выиграна"))
        [_, won] = await crms.wait_for(crms.bitrix, 2)
        assert (won.path, won.body) == (
            "crm.deal.update",
            {"id": 4546, "fields": {"STAGE_ID": "WON"}},
        )


async def test_a_lead_amocrm_refuses_is_shown_to_admins_and_redelivered_once(
    crm_team: Callable[..., Any],
) -> None:
    async with crm_team(amocrm=True, create_on="taken") as (team, crms):
        crms.amocrm_script.append(400)
        await team.expert(EXPERT, "Пётр")
        number = await team.request()
        await take(team, EXPERT, number)
        await crms.wait_for(crms.amocrm, 1)
        [delivery] = await deliveries_of(team, number)
        assert delivery.status == DeliveryStatus.FAILED.value
        assert (delivery.last_error or "").startswith("HTTP 400")

        await team.tg.send_message(ADMIN_ID, "/webhooks")
        listing: EmMessage = await next_to(team, ADMIN_ID, "Отправки в другие системы")
        assert "crm.create → amocrm" in listing.text
        await team.tg.press(ADMIN_ID, listing, listing.callback_data_of(f"#{delivery.id}"))
        await crms.wait_for(crms.amocrm, 2)
        [delivery] = await deliveries_of(team, number)
        assert delivery.status == DeliveryStatus.DELIVERED.value
        async with team.repo() as repo:
            [link] = await repo.crm_links.of_request(number)
        assert (link.crm, link.entity, link.crm_id) == ("amocrm", "lead", "4546")


async def test_amocrm_down_is_warned_once_and_its_give_ups_come_as_one_summary(
    crm_team: Callable[..., Any],
) -> None:
    async with crm_team(amocrm=True, create_on="taken") as (team, crms):
        crms.amocrm_script.extend([503] * 40)
        await team.expert(EXPERT, "Пётр")
        started = team.clock.now()
        for count in range(1, 4):
            await take(team, EXPERT, await team.request())
            await crms.wait_for(crms.amocrm, count)

        for hours in (1, 12, 25):
            team.clock.set(started + timedelta(hours=hours))
            await team.bot.app.deliveries.settled()
        await team.bot.app.sender.drain_now()
        told = [m.text for m in team.tg.bot_messages(ADMIN_ID) if "amocrm" in m.text]
        assert len(told) == 2, told
        assert "amocrm ничего не принимает" in told[0]
        assert "HTTP 503" in told[0]
        assert "amocrm: 3 отправки не доставлены" in told[1]
