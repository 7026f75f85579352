"""Intent vote: DIET with the ResponseSelector, and a TF-IDF + logistic regression model.

The two learn differently: DIET from dense embeddings trained end to end, the linear model
from character n-grams, which are robust to typos and missing æøå. Measured on the held-out
set, each gets a different part of the messages wrong, and the vote of both gets fewer wrong
than either (`make eval`). The weight is fixed at an even vote, not tuned on the test set.

The vote is over full labels ("faq/why_hard", "greet"), so a knowledge answer always belongs to
the recognised intent: the intent and the selector's answer are set from the same winner.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

SELECTOR = "response_selector"
DEFAULT_SELECTOR = "default"
RANKING_LENGTH = 10
VOTERS = "intent_vote"


def tfidf_classifier(seed: int = 20261124):
    """Word 1-2-grams and char_wb 2-5-grams, TF-IDF, multinomial logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion([
        # \w+ rather than \w\w+: "i" (you, plural) matters in Danish
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                 token_pattern=r"(?u)\b\w+\b")),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
    ])
    classifier = LogisticRegression(C=10.0, max_iter=5000, random_state=seed)
    return Pipeline([("tfidf", features), ("clf", classifier)])


def model_scores(intent_ranking: List[Dict[str, Any]],
                 selector_ranking: List[Dict[str, Any]]) -> Dict[str, float]:
    """DIET and the selector as one distribution over full labels.

    A retrieval label gets its family's intent confidence times the selector's confidence,
    renormalised within the family (one shared selector ranks the answers of all families).
    """
    intents = {r["name"]: float(r.get("confidence") or 0.0) for r in intent_ranking
               if r.get("name")}
    answers: Dict[str, Dict[str, float]] = {}
    for r in selector_ranking:
        key = r.get("intent_response_key") or ""
        if "/" in key:
            answers.setdefault(key.split("/", 1)[0], {})[key] = float(r.get("confidence") or 0)
    scores: Dict[str, float] = {}
    for intent, confidence in intents.items():
        family = answers.get(intent)
        if not family:
            scores[intent] = confidence
            continue
        total = sum(family.values()) or 1.0
        for key, value in family.items():
            scores[key] = confidence * value / total
    return scores


def vote(model: Dict[str, float], linear: Dict[str, float], weight: float) -> Dict[str, float]:
    labels = set(model) | set(linear)
    return {label: weight * model.get(label, 0.0) + (1 - weight) * linear.get(label, 0.0)
            for label in labels}


def intent_ranking(scores: Dict[str, float]) -> List[Dict[str, Any]]:
    """Per intent (family): the summed score of its labels, best first."""
    intents: Dict[str, float] = {}
    for label, score in scores.items():
        intent = label.split("/", 1)[0]
        intents[intent] = intents.get(intent, 0.0) + score
    ranked = sorted(intents.items(), key=lambda item: -item[1])
    return [{"name": name, "confidence": score} for name, score in ranked]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class IntentVote(GraphComponent, IntentClassifier):
    """After DIETClassifier and ResponseSelector (both with `ranking_length: 0`)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"weight": 0.5, "random_seed": 20261124}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, model: Any = None,
                 responses: Optional[Dict[Text, Any]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._model = model
        self._responses = responses or {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "IntentVote":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        texts = [m.get(TEXT) for m in examples]
        labels = [m.get_full_intent() for m in examples]
        if len(set(labels)) < 2:
            logger.warning("IntentVote needs at least two intents; it will leave DIET alone.")
            return self._resource
        self._model = tfidf_classifier(int(self._config["random_seed"])).fit(texts, labels)
        self._responses = training_data.responses
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as path:
            joblib.dump(self._model, path / "tfidf_logreg.joblib")
            (path / "responses.json").write_text(json.dumps(self._responses), encoding="utf-8")

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "IntentVote":
        try:
            with model_storage.read_from(resource) as path:
                model = joblib.load(path / "tfidf_logreg.joblib")
                responses = json.loads((path / "responses.json").read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            logger.warning("IntentVote has no trained model; DIET decides alone.")
            model, responses = None, {}
        return cls(config, model_storage, resource, model, responses)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._vote(message)
        return messages

    def _vote(self, message: Message) -> None:
        text = message.get(TEXT)
        ranking = message.get(INTENT_RANKING_KEY) or []
        if self._model is None or not text or not ranking:
            return
        probabilities = self._model.predict_proba([text])[0]
        linear = dict(zip(self._model.classes_, map(float, probabilities), strict=True))
        selectors = message.get(SELECTOR) or {}
        selector = selectors.get(DEFAULT_SELECTOR) or {}
        model = model_scores(ranking, selector.get("ranking") or [])
        scores = vote(model, linear, float(self._config["weight"]))
        winner = max(scores, key=scores.get)
        # What each voter alone would have said: `make eval` scores them separately.
        message.set(VOTERS, {"diet_and_selector": max(model, key=model.get) if model else None,
                             "linear": max(linear, key=linear.get), "vote": winner},
                    add_to_output=True)
        intents = intent_ranking(scores)
        top = next(i for i in intents if i["name"] == winner.split("/", 1)[0])
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [top] + [i for i in intents if i is not top]
                    [:RANKING_LENGTH - 1], add_to_output=True)
        if "/" in winner and selector:
            answers = sorted(((k, v) for k, v in scores.items() if "/" in k),
                             key=lambda item: -item[1])[:RANKING_LENGTH]
            selectors = {**selectors, DEFAULT_SELECTOR: {
                "response": {
                    "responses": self._responses.get(f"utter_{winner}") or [{"text": winner}],
                    "confidence": scores[winner],
                    "intent_response_key": winner,
                    "utter_action": f"utter_{winner}",
                },
                "ranking": [{"confidence": v, "intent_response_key": k} for k, v in answers],
            }}
            message.set(SELECTOR, selectors, add_to_output=True)
