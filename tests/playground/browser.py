"""Headless Chromium driven through chromedriver, with waits that watch the DOM change."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webelement import WebElement

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT = 20.0
"""How long a DOM condition may take: the bot answers in milliseconds, a busy CI in seconds."""

# Resolves with the last element matching the CSS selector whose text contains every
# needle (and whose data-id, if any, is above ``after``), as soon as the DOM shows one:
# a MutationObserver, not a polling loop.
_WAIT_FOR = """
const [selector, needles, after, done] = arguments;
const find = () => [...document.querySelectorAll(selector)].reverse().find(
  (node) => needles.every((needle) => node.textContent.includes(needle))
    && !(Number(node.dataset.id) <= after));
const found = find();
if (found) { done(found); return; }
const observer = new MutationObserver(() => {
  const hit = find();
  if (hit) { observer.disconnect(); done(hit); }
});
observer.observe(document.body, {childList: true, subtree: true, characterData: true,
  attributes: true});
"""


def chromium(profile: Path, *, width: int = 1400, height: int = 900) -> webdriver.Chrome:
    """A fresh headless Chromium that never reaches for the network on its own."""
    if shutil.which(CHROMIUM) is None or shutil.which(CHROMEDRIVER) is None:
        raise AssertionError("chromium and chromium-driver are not installed (see .ci/run)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        "--lang=ru",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_script_timeout(WAIT)
    return driver


def wait_for(driver: webdriver.Chrome, selector: str, *needles: str, after: int = 0) -> WebElement:
    """The last element matching ``selector`` whose text has every needle, once there is one.

    Messages carry their id in ``data-id``; ``after`` skips those up to that id.
    """
    try:
        found: Any = driver.execute_async_script(_WAIT_FOR, selector, list(needles), after)
    except TimeoutException as error:
        raise AssertionError(
            f"no {selector!r} with {needles} on the page within {WAIT}s"
        ) from error
    assert isinstance(found, WebElement)
    return found
