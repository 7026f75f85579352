"""The offline Danish spaCy pipeline: tokens, lemmas and municipalities."""

import pytest
import spacy
import yaml

from bot import ROOT
from bot.nlp import PIPELINE_DIR
from bot.nlp.build import MUNICIPALITY_LABEL, create_pipeline
from bot.nlp.municipalities import MUNICIPALITIES, canonical, suggestions


@pytest.fixture(scope="module")
def nlp():
    path = ROOT / PIPELINE_DIR
    return spacy.load(path) if path.exists() else create_pipeline()


def municipalities_in(nlp, text):
    return [(ent.text, ent.ent_id_) for ent in nlp(text).ents if ent.label_ == MUNICIPALITY_LABEL]


def test_config_loads_the_versioned_pipeline():
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    spacy_nlp = next(c for c in config["pipeline"] if c["name"] == "SpacyNLP")
    assert spacy_nlp["model"] == PIPELINE_DIR
    assert config["language"] == "da"


def test_danish_letters_and_abbreviations_stay_whole(nlp):
    tokens = [t.text for t in nlp("Bl.a. mødte jeg fx min søster på Nørrebro, bl.a. i går.")]
    assert "Bl.a." in tokens and "bl.a." in tokens
    assert "fx" in tokens and "mødte" in tokens and "søster" in tokens and "Nørrebro" in tokens


def test_lookup_lemmas_for_common_words(nlp):
    lemmas = {t.text: t.lemma_ for t in nlp("banden politiet mødre blev hjælpen pigerne")}
    assert lemmas == {"banden": "bande", "politiet": "politi", "mødre": "mor",
                      "blev": "blive", "hjælpen": "hjælp", "pigerne": "pige"}


@pytest.mark.parametrize("message,expected", [
    ("jeg bor i århus", "Aarhus"),
    ("jeg bor i Aarhus", "Aarhus"),
    ("jeg er fra kbh", "København"),
    ("bor på nørrebro i københavn", "København"),
    ("odense", "Odense"),
    ("hoeje taastrup kommune", "Høje-Taastrup"),
    ("vi bor i Ikast-Brande", "Ikast-Brande"),
    ("ålborg", "Aalborg"),
])
def test_municipality_entity_in_messages(nlp, message, expected):
    assert expected in [name for _, name in municipalities_in(nlp, message)]


def test_every_one_of_the_98_municipalities_is_found(nlp):
    assert len(set(MUNICIPALITIES)) == 98
    missed = [name for name in MUNICIPALITIES
              if name not in [n for _, n in municipalities_in(nlp, f"jeg bor i {name}")]]
    assert missed == []


def test_no_municipality_in_ordinary_sentences(nlp):
    assert municipalities_in(nlp, "jeg vil gerne ud af banden og have et job") == []


def test_canonical_and_suggestions_for_typos():
    assert canonical("Aarhus kommune") == "Aarhus"
    assert canonical("Paris") is None
    assert suggestions("Silkebrog")[0] == "Silkeborg"
    assert suggestions("Odnese")[0] == "Odense"
