"""Who is asking, from what they write (bot.nlp.roles, behind the `asker` entity)."""

from __future__ import annotations

import pytest
import yaml

from bot import ROOT
from bot.nlp.roles import detect_role


def role(text):
    found = detect_role(text)
    return found and found[0]


@pytest.mark.parametrize("text", [
    "jeg er mor til en dreng i en bande", "min søn er med i en bande", "jeg er hans moster",
    "jeg er storesøster til en der er med", "far her", "jeg er bedstemor",
    "jeg spørger for en kammerat", "jeg er stedfar", "jeg skriver på vegne af min bror",
    "jeg er paarorende", "vores dreng er kommet ind i noget skidt",
])
def test_relatives(text):
    assert role(text) == "relative"


@pytest.mark.parametrize("text", [
    "jeg er lærer", "jeg er klasselaerer i 9. klasse", "jeg er uu-vejleder",
    "jeg er underviser på en erhvervsskole", "boligsocial medarbejder her",
    "jeg er træner i en fodboldklub", "jeg spørger i kraft af mit job",
    "en af mine elever er i en bande", "jeg er ssp-konsulent",
])
def test_professionals(text):
    assert role(text) == "professional"


@pytest.mark.parametrize("text", [
    "mig selv", "det gælder mig", "jeg er den det handler om", "det er mig der er i det",
    "jeg vil ud af banden", "jeg er selv en del af miljøet",
])
def test_the_person_themselves(text):
    assert role(text) == "self"


@pytest.mark.parametrize("text", [
    "min mor ved ikke at jeg er med i en bande",   # a young person's own parent
    "min far smider mig ud hvis han finder ud af det",
    "hvad er exit", "jeg er bange", "jeg er 17", "jeg er leder i banden",
])
def test_no_role_where_none_is_said(text):
    assert role(text) in (None, "self")
    assert role(text) not in ("relative", "professional")


def test_every_inform_role_training_example_reveals_a_role():
    data = yaml.safe_load((ROOT / "data" / "nlu" / "basics.yml").read_text(encoding="utf-8"))
    examples = next(item["examples"] for item in data["nlu"]
                    if item.get("intent") == "inform_role")
    texts = [line[2:] for line in examples.splitlines() if line.startswith("- ")]
    assert len(texts) >= 25
    assert [t for t in texts if role(t) is None] == []
