"""Rasa NLU components that add Exitbot's deterministic Danish knowledge to the classifier."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.build import MUNICIPALITY_LABEL
from bot.nlp.roles import detect_role
from bot.safety.crisis import classify as classify_crisis
from bot.safety.crisis import confirms as confirms_crisis
from bot.safety.crisis import mentions_minor

# Same alphabet as bot.bookings.references; kept here so the NLU needs no database code.
_REFERENCE = re.compile(
    r"\b([A-HJ-NP-Z2-9]{4})[- ]?([A-HJ-NP-Z2-9]{4})\b", re.IGNORECASE
)


class _StatelessComponent(GraphComponent):
    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config)


def _entity(name: str, value: str, start: int, end: int, extractor: str) -> Dict[str, Any]:
    return {
        "entity": name,
        "value": value,
        "start": start,
        "end": end,
        "confidence_entity": 1.0,
        "extractor": extractor,
    }


def _add_entities(message: Message, entities: List[Dict[str, Any]]) -> None:
    if entities:
        message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False, model_from="SpacyNLP"
)
class MunicipalityExtractor(_StatelessComponent, EntityExtractorMixin):
    """Finds the 98 municipalities with the pipeline's entity ruler; value = official name."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SpacyNLP]

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            doc = model.model(text)
            _add_entities(message, [
                _entity("municipality", ent.ent_id_, ent.start_char, ent.end_char,
                        type(self).__name__)
                for ent in doc.ents
                if ent.label_ == MUNICIPALITY_LABEL
            ])
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class RoleDetector(_StatelessComponent, EntityExtractorMixin):
    """Tells from wording like "min søn" or "en elev" who is asking."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = detect_role(message.get(TEXT) or "")
            if found:
                role, start, end = found
                _add_entities(message, [_entity("asker", role, start, end, type(self).__name__)])
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class ReferenceExtractor(_StatelessComponent, EntityExtractorMixin):
    """Finds a booking reference such as K7QM-4XRT, also typed in lower case or unhyphenated."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            _add_entities(message, [
                _entity("reference", f"{m.group(1)}-{m.group(2)}".upper(), m.start(), m.end(),
                        type(self).__name__)
                for m in _REFERENCE.finditer(text)
                # Without a hyphen, ordinary words ("hvad sker") would look like references.
                if "-" in m.group(0) or any(c.isdigit() for c in m.group(0))
            ])
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisDetector(_StatelessComponent):
    """Overrides the classifier when a message signals danger or suicidal thoughts.

    Recall matters more than precision here. Two independent signals, either one decides:
    the rules in bot.safety.crisis (typos, slang, guards against jokes and past events),
    and the classifier's own crisis intents at a deliberately low confidence, which catches
    phrasings no rule foresaw.
    """

    CRISIS_INTENTS = ("crisis_suicide", "crisis_danger")

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"model_threshold": 0.3}

    def model_crisis(self, text: str, ranking: List[Dict[str, Any]]) -> Optional[str]:
        threshold = float(self._config.get("model_threshold", 0.3))
        scores = {r.get("name"): r.get("confidence", 0.0) for r in ranking}
        best = max(self.CRISIS_INTENTS, key=lambda name: scores.get(name, 0.0))
        if scores.get(best, 0.0) >= threshold and confirms_crisis(text, best):
            return best
        return None

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            ranking = message.get(INTENT_RANKING_KEY, [])
            crisis: Optional[str] = classify_crisis(text) or self.model_crisis(text, ranking)
            if crisis:
                self._answer_as_crisis(message, text, crisis, ranking)
            elif (message.get(INTENT) or {}).get("name") in self.CRISIS_INTENTS:
                # Neither the rules nor the confirmation believe the classifier: the next
                # best intent answers instead of the crisis numbers.
                rest = [r for r in ranking if r.get("name") not in self.CRISIS_INTENTS]
                if rest:
                    message.set(INTENT, rest[0], add_to_output=True)
                    message.set(INTENT_RANKING_KEY, rest, add_to_output=True)
        return messages

    def _answer_as_crisis(self, message: Message, text: str, crisis: str,
                          ranking: List[Dict[str, Any]]) -> None:
        if mentions_minor(text):
            # Slot `is_minor` picks this up so the crisis answer adds BørneTelefonen.
            _add_entities(message, [_entity("minor", "yes", 0, len(text), type(self).__name__)])
        intent = {"name": crisis, "confidence": 1.0}
        ranking = [r for r in ranking if r.get("name") != crisis]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
