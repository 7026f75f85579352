"""Hygiene of the held-out NLU set (tests/nlu/heldout.yml).

The held-out set only measures generalisation if it is kept apart from the training data,
so these checks guard that:

1. no held-out message equals a training example (data/nlu/*.yml) after normalisation
   (lowercase, keep only letters, digits and whitespace -- incl. æøå -- and collapse spaces);
2. every intent / retrieval sub-intent with training examples has enough held-out messages;
3. the held-out set has a minimum total size.

Run it on its own after editing either side:
    .venv/bin/python -m pytest -q tests/unit/test_heldout_hygiene.py
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import List, Tuple

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TRAINING_FILES = sorted((ROOT / "data" / "nlu").glob("*.yml"))
HELDOUT_FILE = ROOT / "tests" / "nlu" / "heldout.yml"

MIN_PER_INTENT = 5
MIN_TOTAL = 300

# "[text](entity)" / "[text]{...}" annotations -> "text", as Rasa reads them.
_ENTITY = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")

Example = Tuple[str, str]  # (intent or retrieval sub-intent, message)


def normalise(text: str) -> str:
    """Lowercase, drop everything but letters, digits and whitespace, collapse spaces."""
    text = _ENTITY.sub(r"\1", text).lower()
    kept = "".join(ch for ch in text if ch.isalnum() or ch.isspace())
    return " ".join(kept.split())


def load_examples(path: Path) -> List[Example]:
    """All (intent, message) pairs of the `nlu:` section of a Rasa NLU YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    examples: List[Example] = []
    for item in data.get("nlu") or []:
        intent = item.get("intent")
        if not intent:
            continue  # synonym / regex / lookup entries
        block = item.get("examples") or ""
        lines = block.splitlines() if isinstance(block, str) else [f"- {x}" for x in block]
        for line in lines:
            line = line.strip()
            if line.startswith("- "):
                examples.append((str(intent), line[2:].strip()))
    return examples


@pytest.fixture(scope="module")
def training() -> List[Example]:
    assert TRAINING_FILES, "no training files found in data/nlu/"
    return [example for path in TRAINING_FILES for example in load_examples(path)]


@pytest.fixture(scope="module")
def heldout() -> List[Example]:
    return load_examples(HELDOUT_FILE)


def test_no_heldout_message_is_a_training_example(training, heldout):
    seen = {normalise(text) for _, text in training}
    leaks = [f"{intent}: {text}" for intent, text in heldout if normalise(text) in seen]
    assert not leaks, (
        f"{len(leaks)} held-out message(s) equal a training example after normalisation:\n"
        + "\n".join(leaks)
    )


def test_every_trained_intent_has_enough_heldout_messages(training, heldout):
    counts = Counter(intent for intent, _ in heldout)
    short = {
        intent: counts[intent]
        for intent in sorted({intent for intent, _ in training})
        if counts[intent] < MIN_PER_INTENT
    }
    assert not short, f"intents with fewer than {MIN_PER_INTENT} held-out messages: {short}"


def test_heldout_set_is_large_enough(heldout):
    assert len(heldout) >= MIN_TOTAL, f"{len(heldout)} held-out messages, need {MIN_TOTAL}"
