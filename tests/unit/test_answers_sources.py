"""Everything the assistant says about exit work must come from the two source files.

Checked on every response (domain.yml, the answers in data/nlu/, the routing reasons): phone
numbers, web addresses, figures and names (capitalised words inside a sentence).
"""

import re

import pytest
import yaml

from bot import ROOT

SHARED = ROOT.parent / "shared"
SOURCES = (SHARED / "source" / "exit-fra-bander.txt").read_text(encoding="utf-8") + \
    (SHARED / "FACTS.md").read_text(encoding="utf-8")

CRISIS_NUMBERS = {"112", "114", "70 201 201", "116 111"}
# The assistant's own facts about itself (README "Safety and privacy"), not about exit work.
PRODUCT_NUMBERS = {"30", "90", "14", "15", "17", "18", "24", "25", "8"}  # + age groups
# Names the product itself uses; everything else must be in the sources.
PRODUCT_NAMES = {"Exitbot", "K7QM-4XRT", "CPR", "SSP", "Danmark"}
INFLECTIONS = ("ets", "ens", "et", "en", "s", "e")


def responses():
    texts = []

    def collect(mapping, origin):
        for name, variants in (mapping or {}).items():
            for variant in variants:
                texts.append((f"{origin}:{name}", variant.get("text", "")))
                texts.extend((f"{origin}:{name}:button", b["title"])
                             for b in variant.get("buttons") or [])

    collect(yaml.safe_load((ROOT / "domain.yml").read_text())["responses"], "domain.yml")
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        collect(yaml.safe_load(path.read_text()).get("responses"), path.name)
    routing = yaml.safe_load((ROOT / "config" / "contact_points.yml").read_text())["routing"]
    texts += [("contact_points.yml", rule["reason"]) for rule in routing]
    return texts


RESPONSES = responses()
ENGLISH = {"domain.yml:utter_english", "domain.yml:utter_english:button"}


def test_there_are_many_responses_to_check():
    assert len(RESPONSES) > 150


@pytest.mark.parametrize("origin,text", RESPONSES)
def test_no_web_address(origin, text):
    assert not re.search(r"https?://|www\.|\b[\w-]+\.(?:dk|com|org|net)\b", text), text


@pytest.mark.parametrize("origin,text", RESPONSES)
def test_phone_numbers_only_from_the_facts(origin, text):
    for number in re.findall(r"\d(?:[ .-]?\d){5,}", text):
        assert number in CRISIS_NUMBERS, f"{origin}: {number}"


@pytest.mark.parametrize("origin,text", RESPONSES)
def test_figures_only_from_the_sources(origin, text):
    without_phones = text
    for number in CRISIS_NUMBERS | PRODUCT_NAMES:
        without_phones = without_phones.replace(number, "")
    for figure in re.findall(r"\d+", without_phones):
        assert figure in PRODUCT_NUMBERS or re.search(rf"\b{figure}\b", SOURCES), \
            f"{origin}: the figure {figure} is in neither source"


@pytest.mark.parametrize("origin,text", [r for r in RESPONSES if r[0] not in ENGLISH])
def test_names_only_from_the_sources(origin, text):
    for sentence in re.split(r"(?<=[.!?:])\s+|\n+|[–(\"]", text):
        words = re.findall(r"[\wÆØÅæøå-]+", sentence)
        for word in words[1:]:
            if word[0].isupper() and word.split("-")[0] not in PRODUCT_NAMES:
                assert _named_in_sources(word), f"{origin}: '{word}' is in neither source"


def _named_in_sources(word):
    """The name, or its stem without a Danish ending ("Kommunes", "EXIT-kontaktpunktet")."""
    stems = [word] + [word[: -len(e)] for e in INFLECTIONS if word.endswith(e)]
    return any(re.search(rf"\b{re.escape(stem)}", SOURCES) for stem in stems)
