"""The playground's page, with the verbs a visitor's story needs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from selenium import webdriver
from selenium.common.exceptions import (
    ElementNotInteractableException,
    StaleElementReferenceException,
)
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

from tests.playground.browser import WAIT, wait_for

PRIVATE = "#private-messages"
GROUP = "#group-messages"


def erp_answers(company: str, email: str) -> tuple[tuple[str, str], ...]:
    """The IT / ERP form answer by answer, as a sales manager would fill it in.

    "contact" is the reply keyboard's share-contact button; a new company and e-mail keep
    the request from being taken for a duplicate of an earlier one.
    """
    return (
        ("type", company),
        ("type", "Строительство жилья"),
        ("press", "16–100 человек"),
        ("type", "45"),
        ("type", "Себестоимость по объектам"),
        ("type", "Учёт в 1С и таблицах"),
        ("press", "Нет"),
        ("type", "через 3 недели"),
        ("type", "1,5 млн"),
        ("press", "Рекомендация клиента"),
        ("contact", ""),
        ("type", email),
        ("press", "Пропустить"),
    )


@dataclass
class Page:
    """A browser showing the playground."""

    driver: webdriver.Chrome

    @classmethod
    def open(cls, driver: webdriver.Chrome, url: str) -> Page:
        driver.get(url)
        wait_for(driver, "body[data-ready]")
        return cls(driver)

    def wait(self, selector: str, *needles: str, after: int = 0) -> WebElement:
        return wait_for(self.driver, selector, *needles, after=after)

    def pick(self, user_id: int) -> None:
        """Look through this person's eyes."""
        self.click(f'#people [data-user="{user_id}"]')
        self.wait(f'#people .selected[data-user="{user_id}"]')

    def click(self, selector: str, *needles: str, after: int = 0) -> None:
        """Click an element once it shows; one redrawn under the click is found again, and
        one not laid out yet (hidden, or without a size) is clicked once it is."""
        for _ in range(3):
            try:
                element = self.wait(selector, *needles, after=after)
                shows = WebDriverWait(self.driver, WAIT)
                shows.until(lambda _, shown=element: shown.is_displayed())
                element.click()
            except (StaleElementReferenceException, ElementNotInteractableException):
                continue
            return
        raise AssertionError(f"{selector!r} kept changing under the click")

    def say(self, text: str, *, composer: str = "#private-composer") -> None:
        """Type into a chat's box and press Enter."""
        box = self.wait(f"{composer} textarea")
        box.send_keys(text)
        box.send_keys("\n")

    def message(self, pane: str, *needles: str, after: int = 0) -> WebElement:
        """The latest message in a pane that shows every needle (newer than ``after``)."""
        return self.wait(f"{pane} .msg", *needles, after=after)

    def last_id(self, pane: str) -> int:
        """The id of the newest message in a pane, 0 when it is empty."""
        found = self.driver.find_elements("css selector", f"{pane} .msg")
        return max((int(m.get_attribute("data-id") or 0) for m in found), default=0)

    def press(self, pane: str, button: str, *needles: str, after: int = 0) -> None:
        """Press the button of the latest message with every needle.

        A message redrawn between finding and clicking (edited by the bot) is found again.
        """
        for _ in range(3):
            message = self.message(pane, button, *needles, after=after)
            try:
                message.find_element("xpath", f'.//button[contains(., "{button}")]').click()
            except StaleElementReferenceException:
                continue
            return
        raise AssertionError(f"the message with {button!r} kept changing under the click")

    def travel(self, move: str) -> str:
        """Press a time-travel button; returns the clock shown afterwards."""
        before = self.wait("#now").text
        self.wait(f'#moves [data-move="{move}"]').click()
        self.driver.execute_async_script(
            """const [before, done] = arguments; const clock = document.getElementById("now");
            if (clock.textContent !== before) { done(); return; }
            new MutationObserver((_, o) => { o.disconnect(); done(); })
              .observe(clock, {childList: true, characterData: true, subtree: true});""",
            before,
        )
        return self.wait("#now").text

    def submit_request(self, author: int, company: str, email: str) -> int:
        """Type a whole IT / ERP request as ``author``; returns its number from the receipt."""
        self.pick(author)
        start = self.last_id(PRIVATE)
        self.say("/start it_erp")
        for step, (kind, value) in enumerate(erp_answers(company, email), 1):
            question = f"Шаг {step} из"
            self.message(PRIVATE, question, after=start)
            if kind == "press":
                self.press(PRIVATE, value, question, after=start)
            elif kind == "contact":
                self.click('#reply-keyboard button[data-contact="1"]')
            else:
                self.say(value)
        self.press(PRIVATE, "Отправить", after=start)
        receipt = self.message(PRIVATE, "принята", after=start)
        found = re.search(r"[№#](\d+)", receipt.text)
        assert found is not None, receipt.text
        return int(found.group(1))
