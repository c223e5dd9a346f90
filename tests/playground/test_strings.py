"""Every word the page shows exists in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from playground.actions import ERROR_CODES, MOVES
from playground.strings import page_strings
from playground.team import TEAM
from playground.view import SERVICE_KINDS

STATIC = Path(__file__).resolve().parents[2] / "playground" / "static"


def test_both_languages_have_every_key_and_arguments_stay_for_the_page() -> None:
    strings = page_strings()
    assert strings["ru"].keys() == strings["en"].keys()
    assert strings["en"]["playground-not-member"].startswith("{name} ")


def test_every_fixed_key_the_page_names_is_in_the_files() -> None:
    keys = page_strings()["ru"].keys()
    named: set[str] = set()
    for path in STATIC.glob("*.*"):
        named |= set(re.findall(r'"(playground-[a-z0-9_-]+)"', path.read_text(encoding="utf-8")))
    assert named, "the page names its words"
    assert named <= keys, named - keys


def test_every_move_role_service_line_and_refusal_has_its_words() -> None:
    keys = page_strings()["en"].keys()
    wanted = {f"playground-move-{move}" for move in MOVES}
    wanted |= {f"playground-role-{person.role}" for person in TEAM}
    wanted |= {f"playground-service-{kind}" for kind in SERVICE_KINDS}
    wanted |= {f"playground-error-{code}" for code in ERROR_CODES}
    assert wanted <= keys, wanted - keys
