"""The page in a real headless Chromium: a request typed, taken, escalated, on a phone too."""

from __future__ import annotations

from pathlib import Path

from playground.team import DENIS, MANAGER, MARIA, OLGA, PETR
from tests.playground.page import GROUP, PRIVATE, Page


def test_a_typed_request_reaches_the_group_and_the_card_shows_who_took_it(page: Page) -> None:
    number = page.submit_request(OLGA.id, "ООО «СтройМонтаж»", "ivan@stroymontazh.ru")
    page.message(GROUP, f"Заявка #{number} ·", "Беру")
    page.press(GROUP, "Беру", f"Заявка #{number} ·")  # Ольга is not in the team group
    page.wait("#toast:not([hidden])", "нет в группе")

    page.pick(PETR.id)
    page.press(GROUP, "Беру", f"Заявка #{number} ·")

    page.message(GROUP, f"Заявка #{number} ·", "Взял(а) Пётр")
    page.message(PRIVATE, f"Заявка #{number}")  # the brief comes to Пётр in private
    page.pick(OLGA.id)
    page.message(PRIVATE, f"#{number}", "Пётр")  # and the author is told who has it


def test_time_travel_brings_the_escalation_to_the_manager(page: Page) -> None:
    number = page.submit_request(DENIS.id, "АО «Бетон Плюс»", "anna@betonplus.ru")
    page.message(GROUP, f"Заявка #{number} ·", "Беру")
    page.pick(MANAGER.id)
    seen = page.last_id(PRIVATE)

    for _ in range(4):  # four working hours: reminded at two, escalated at four
        page.travel("1h")

    page.message(PRIVATE, f"#{number}", "🚨", after=seen)
    page.message(GROUP, f"#{number}", "🚨")
    page.pick(MARIA.id)  # the least loaded expert with the competence gets it
    page.message(PRIVATE, f"Заявка #{number}")


def test_on_a_phone_width_window_one_pane_shows_at_a_time_and_nothing_overflows(
    page: Page,
) -> None:
    driver = page.driver
    phone = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", phone)
    try:
        assert driver.execute_script("return window.innerWidth") == 390
        assert driver.find_element("id", "private").is_displayed()
        assert not driver.find_element("id", "people-pane").is_displayed()
        assert driver.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"
        )

        page.click('#phone-nav [data-pane="people-pane"]')
        page.pick(PETR.id)  # picking a person opens their chat
        assert driver.find_element("id", "private").is_displayed()
        assert "Пётр" in driver.find_element("id", "private-sub").text

        page.click('#phone-nav [data-pane="group"]')
        assert driver.find_element("id", "group").is_displayed()
        assert not driver.find_element("id", "private").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_tour_plays_step_by_step_then_to_its_end(page: Page) -> None:
    page.click("#tours-button")
    page.click('#tour-list [data-tour="race"]')
    page.wait("#tour-caption", "Денис")
    page.wait("#tour-progress", "Шаг 1 из 3")

    page.click("#tour-next:not([disabled])")
    page.wait("#tour-progress", "Шаг 2 из 3")
    page.wait("#people .selected", "Мария")  # the tour shows the race through her eyes
    page.click("#tour-finish")

    page.wait("#tour-progress", "Готово")
    page.message(GROUP, "Взял(а)", "срочная")
    page.wait("#alert:not([hidden])", "уже взял(а)")  # the one who lost the race is told
    page.click("#alert-ok")
    page.click("#tour-close")
    page.wait("#tour[hidden]")


def test_an_attached_file_shows_in_the_chat_as_a_document_to_download(
    page: Page, tmp_path: Path
) -> None:
    spec = tmp_path / "ТЗ на внедрение.pdf"
    spec.write_bytes(b"%PDF-1.4 the client's terms of reference")
    page.pick(DENIS.id)
    seen = page.last_id(PRIVATE)

    attach = page.wait("#private-composer input[type=file]")
    attach.send_keys(str(spec))

    sent = page.message(PRIVATE, "ТЗ на внедрение.pdf", after=seen)
    assert "out" in (sent.get_attribute("class") or "")
    link = sent.find_element("css selector", "a.document").get_attribute("href") or ""
    assert "/playground/file/" in link
    page.message(PRIVATE, after=int(sent.get_attribute("data-id") or 0))  # the bot answers
