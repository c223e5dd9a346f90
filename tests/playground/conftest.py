"""One playground process and one headless Chromium for the page's stories."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver

from tests.playground.browser import chromium
from tests.playground.page import Page
from tests.playground.process import PlaygroundProcess


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlaygroundProcess]:
    """`presale-bot playground`, stopped with Ctrl-C at the end."""
    process = PlaygroundProcess(tmp_path_factory.mktemp("playground"))
    yield process
    process.interrupt()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    driver = chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture
def page(playground: PlaygroundProcess, browser: webdriver.Chrome) -> Page:
    """The page freshly opened and drawn from the live feed."""
    return Page.open(browser, playground.url)
