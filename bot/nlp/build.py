"""Builds the Danish spaCy pipeline from a blank model: no download from any hub."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import spacy
from spacy.language import Language

from bot.nlp import PIPELINE_NAME, PIPELINE_VERSION
from bot.nlp.municipalities import MUNICIPALITIES, spellings

MUNICIPALITY_LABEL = "MUNICIPALITY"

# Informal abbreviations the blank tokenizer would otherwise split at the dot.
TOKENIZER_EXCEPTIONS = ["bl.a.", "fx.", "f.eks.", "evt.", "ca.", "kl.", "dvs.", "mht.", "osv."]


def municipality_patterns() -> List[Dict]:
    return [
        {"label": MUNICIPALITY_LABEL, "pattern": spelling, "id": name}
        for name in MUNICIPALITIES
        for spelling in spellings(name)
    ]


def create_pipeline() -> Language:
    nlp = spacy.blank("da")
    for abbreviation in TOKENIZER_EXCEPTIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    nlp.initialize()  # loads the Danish lookup table from spacy-lookups-data
    ruler.add_patterns(municipality_patterns())
    nlp.meta.update(
        name=PIPELINE_NAME.removeprefix("da_"),
        version=PIPELINE_VERSION,
        description="Danish tokenizer, lookup lemmatizer and municipality ruler for Exitbot",
    )
    return nlp


def build_pipeline(out: str | Path) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    create_pipeline().to_disk(out)
    return out
