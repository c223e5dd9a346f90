"""A request closed as junk closes its CRM lead or deal as lost; reopening moves the lead back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storage.models import Role, Stage
from tests.e2e.followups.conftest import Presses, take
from tests.e2e.integrations.conftest import car_request, deliveries_of
from tests.e2e.process.conftest import MANAGER, stage_of, steer
from tests.e2e.team.conftest import Team

EXPERT = 10


async def junk_as_manager(team: Team, number: int) -> None:
    """A manager closes request ``number`` as spam from its panel, as the process does."""
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    boss = Presses(team, MANAGER)
    await boss.press(await steer(team, number), "Закрыть как мусор")
    await boss.press(await boss.next("мусор?"), "Спам")
    assert await stage_of(team, number) == Stage.JUNK


async def test_junk_closes_the_amocrm_and_bitrix24_leads_as_lost_and_reopening_moves_one_back(
    crm_team: Callable[..., Any],
) -> None:
    async with crm_team(amocrm=True, bitrix24=True, create_on="taken") as (team, crms):
        await team.expert(EXPERT, "Пётр")
        number = await team.request()
        await take(team, EXPERT, number)
        await crms.wait_for(crms.amocrm, 1)
        await crms.wait_for(crms.bitrix, 1)
        await team.bot.app.deliveries.settled()
        async with team.repo() as repo:
            links = {link.crm: link.crm_id for link in await repo.crm_links.of_request(number)}

        await junk_as_manager(team, number)

        [_, closed] = await crms.wait_for(crms.amocrm, 2)
        assert (closed.method, closed.path, closed.body) == (
            "PATCH",
            f"/api/v4/leads/{links['amocrm']}",
            {"status_id": 143},
        )
        [_, junked] = await crms.wait_for(crms.bitrix, 2)
        assert (junked.path, junked.body) == (
            "crm.lead.update",
            {"id": int(links["bitrix24"]), "fields": {"STATUS_ID": "JUNK"}},
        )
        delivered = await deliveries_of(team, number)
        assert sorted((d.target, d.event, d.status) for d in delivered) == [
            ("amocrm", "crm.create", "delivered"),
            ("amocrm", "crm.stage", "delivered"),
            ("bitrix24", "crm.create", "delivered"),
            ("bitrix24", "crm.stage", "delivered"),
        ]

        boss = Presses(team, MANAGER)
        await boss.press(await steer(team, number), "Переоткрыть")
        await boss.next("Почему переоткрываете")
        await boss.type("Это не спам, клиент настоящий")
        assert await stage_of(team, number) == Stage.TAKEN
        [*_, reopened] = await crms.wait_for(crms.bitrix, 3)
        assert (reopened.path, reopened.body) == (
            "crm.lead.update",
            {"id": int(links["bitrix24"]), "fields": {"STATUS_ID": "IN_PROCESS"}},
        )
        await team.bot.app.deliveries.settled()
        assert len(crms.amocrm) == 2  # the amoCRM mapping names no status for "taken"


async def test_a_deal_closed_as_junk_goes_to_the_lost_stage_of_its_funnel(
    crm_team: Callable[..., Any],
) -> None:
    async with crm_team(bitrix24=True, create_on="taken") as (team, crms):
        await team.expert(EXPERT, "Пётр", tags=[])
        number = await car_request(team)
        await take(team, EXPERT, number)
        await crms.wait_for(crms.bitrix, 1)
        await team.bot.app.deliveries.settled()

        await junk_as_manager(team, number)

        [_, lost] = await crms.wait_for(crms.bitrix, 2)
        assert (lost.path, lost.body) == (
            "crm.deal.update",
            {"id": 4546, "fields": {"STAGE_ID": "LOSE"}},
        )
