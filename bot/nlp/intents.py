"""Exitbot's intent classifier: a linear model over Danish-normalised words and characters.

It replaces DIET and the ResponseSelector. On this data a linear SVM over the lemmas' word
n-grams and the characters of the folded text (æ/ae, ø/oe, å/aa read alike) is the most
accurate classifier measured (`make eval`), and it trains in seconds instead of minutes. It
predicts full labels (`faq/mentor`): the intent ranking sums them per family, and the answer
within the recognised family is reported in the ResponseSelector's format, so every answer
belongs to the intent the dialogue sees.

Confidences are the SVM's scores through a softmax whose temperature is fitted on
out-of-fold scores of the training data (temperature scaling), so the fallback and crisis
thresholds read probabilities that held on messages the model had not seen.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import defaultdict
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

RESPONSE_SELECTOR = "response_selector"
RETRIEVAL_INTENTS = "all_retrieval_intents"
MODEL_FILE = "classifier.npz"
META_FILE = "classifier.json"

_FOLDING = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe",
                          "ä": "ae"})
_STRETCHED = re.compile(r"(.)\1{2,}")


def fold(text: str) -> str:
    """Lower case with æ/ø/å written as ae/oe/aa, and "heeeej" as "heej".

    People without a Danish keyboard type "aa" for "å"; folding both ways to one spelling
    lets either match the other.
    """
    text = _STRETCHED.sub(r"\1\1", unicodedata.normalize("NFC", text or "").lower())
    return text.translate(_FOLDING)


Document = Tuple[str, str]  # (folded text, folded lemmas)


def document(text: str, lemmas: Optional[Sequence[str]] = None) -> Document:
    words = lemmas if lemmas is not None else (text or "").split()
    return fold(text), " ".join(fold(word) for word in words)


def _surface(doc: Document) -> str:
    return doc[0]


def _lemmas(doc: Document) -> str:
    return doc[1]


def family_of(label: str) -> str:
    return label.split("/", 1)[0]


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def per_label(scores: np.ndarray) -> np.ndarray:
    """One column per label: a binary SVM gives a single score, the second label's."""
    scores = scores.reshape(len(scores), -1)
    return np.column_stack([-scores[:, 0], scores[:, 0]]) if scores.shape[1] == 1 else scores


def fit_temperature(scores: np.ndarray, truth: np.ndarray) -> float:
    """The softmax temperature that makes out-of-fold scores most likely (least NLL)."""
    from scipy.optimize import minimize_scalar

    rows = np.arange(len(truth))

    def nll(log_t: float) -> float:
        return float(-np.log(softmax(scores, np.exp(log_t))[rows, truth] + 1e-12).mean())

    best = minimize_scalar(nll, bounds=(np.log(1e-3), np.log(1e2)), method="bounded")
    return float(np.exp(best.x))


class LinearIntentModel:
    """TF-IDF word n-grams of the lemmas and char_wb n-grams of the text, a linear SVM.

    Stored as plain arrays and JSON (no pickle), so loading a model runs no code from it.
    """

    def __init__(self, config: Dict[str, Any]) -> None:
        self.config = config
        self.word, self.char = self._vectorizers()
        self.labels: List[str] = []
        self.coef: Optional[np.ndarray] = None
        self.intercept: Optional[np.ndarray] = None
        self.temperature = float(config["temperature"])

    def _vectorizers(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        low, high = self.config["word_ngrams"]
        char_low, char_high = self.config["char_ngrams"]
        # \w+ rather than \w\w+: "i" (you, plural) matters in Danish
        word = TfidfVectorizer(analyzer="word", ngram_range=(low, high), sublinear_tf=True,
                               token_pattern=r"(?u)\b\w+\b", min_df=self.config["min_df"],
                               preprocessor=_lemmas, lowercase=False)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(char_low, char_high),
                               sublinear_tf=True, min_df=self.config["min_df"],
                               preprocessor=_surface, lowercase=False)
        return word, char

    def _features(self, docs: Sequence[Document]):
        from scipy.sparse import hstack

        return hstack([self.word.transform(docs), self.char.transform(docs)]).tocsr()

    def _svm(self):
        from sklearn.svm import LinearSVC

        return LinearSVC(C=self.config["C"], random_state=self.config["random_seed"])

    def fit(self, docs: Sequence[Document], labels: Sequence[str]) -> "LinearIntentModel":
        from scipy.sparse import hstack

        features = hstack([self.word.fit_transform(docs), self.char.fit_transform(docs)]).tocsr()
        svm = self._svm().fit(features, list(labels))
        self.labels = [str(c) for c in svm.classes_]
        self.coef, self.intercept = svm.coef_, svm.intercept_
        if self.config["calibration_folds"] >= 2:
            self.temperature = self._calibrate(features, labels)
        return self

    def _calibrate(self, features, labels: Sequence[str]) -> float:
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        smallest = min(labels.count(label) for label in self.labels) if self.labels else 0
        folds = min(int(self.config["calibration_folds"]), smallest)
        if folds < 2 or len(self.labels) < 2:
            return self.temperature
        # The vectorizers saw every example, which makes out-of-fold scores a little too sure;
        # refitting them per fold would double the training time for little.
        splitter = StratifiedKFold(folds, shuffle=True, random_state=self.config["random_seed"])
        scores = per_label(cross_val_predict(self._svm(), features, list(labels), cv=splitter,
                                             method="decision_function"))
        index = {label: i for i, label in enumerate(self.labels)}
        return fit_temperature(scores, np.array([index[label] for label in labels]))

    def predict_proba(self, docs: Sequence[Document]) -> np.ndarray:
        scores = self._features(docs) @ self.coef.T + self.intercept
        return softmax(per_label(np.asarray(scores)), self.temperature)

    def save(self, folder) -> None:
        np.savez(folder / MODEL_FILE, coef=self.coef, intercept=self.intercept,
                 word_idf=self.word.idf_, char_idf=self.char.idf_)
        meta = {"labels": self.labels, "temperature": self.temperature,
                "word_vocabulary": {k: int(v) for k, v in self.word.vocabulary_.items()},
                "char_vocabulary": {k: int(v) for k, v in self.char.vocabulary_.items()}}
        (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def restore(cls, config: Dict[str, Any], folder) -> "LinearIntentModel":
        model = cls(config)
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        with np.load(folder / MODEL_FILE, allow_pickle=False) as arrays:
            model.coef, model.intercept = arrays["coef"], arrays["intercept"]
            for vectorizer, name in ((model.word, "word"), (model.char, "char")):
                vectorizer.vocabulary_ = meta[f"{name}_vocabulary"]
                vectorizer.idf_ = arrays[f"{name}_idf"]
        model.labels, model.temperature = meta["labels"], float(meta["temperature"])
        return model


def rank(scores: Dict[str, float], length: int) -> List[Dict[str, Any]]:
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [{"name": name, "confidence": float(c)} for name, c in ordered[:length]]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class DanishIntentClassifier(GraphComponent):
    """Intents and retrieval answers from one linear model over full labels."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "C": 1.0,
            "word_ngrams": [1, 2],
            "char_ngrams": [2, 5],
            "min_df": 2,              # n-grams seen once are mostly typos of one example
            "calibration_folds": 5,
            "temperature": 0.1,       # used only when there is too little data to fit one
            "ranking_length": 10,
            "answer_ranking_length": 3,
            # Rasa's training cache keys on the config, not on this code: bump it when the
            # training changes, or a cached model of the old code is reused.
            "training_version": 1,
            "random_seed": 20261124,
        }

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, model: Optional[LinearIntentModel] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "DanishIntentClassifier":
        return cls(config, model_storage, resource)

    @staticmethod
    def _document(message: Message) -> Document:
        tokens = message.get(TOKENS_NAMES[TEXT])
        text = message.get(TEXT) or ""
        return document(text, [t.lemma or t.text for t in tokens] if tokens else None)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        labels = [e.get_full_intent() for e in examples]
        if len(set(labels)) < 2:
            logger.debug("DanishIntentClassifier: fewer than two intents, nothing to learn")
            return self._resource
        self._model = LinearIntentModel(self._config).fit(
            [self._document(e) for e in examples], labels)
        logger.info("DanishIntentClassifier: %d labels, softmax temperature %.4f",
                    len(self._model.labels), self._model.temperature)
        with self._storage.write_to(self._resource) as folder:
            self._model.save(folder)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "DanishIntentClassifier":
        merged = {**cls.get_default_config(), **config}
        try:
            with model_storage.read_from(resource) as folder:
                model = LinearIntentModel.restore(merged, folder)
        except ValueError:
            logger.debug("DanishIntentClassifier: nothing was trained")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, model)

    def label_scores(self, messages: Sequence[Message]) -> List[Dict[str, float]]:
        rows = self._model.predict_proba([self._document(m) for m in messages])
        return [dict(zip(self._model.labels, map(float, row), strict=True)) for row in rows]

    def _classifies(self, message: Message) -> bool:
        return self._model is not None and bool((message.get(TEXT) or "").strip())

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if not self._classifies(message):  # as DIET does for a message without text
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        texts = [m for m in messages if self._classifies(m)]
        if not texts:
            return messages
        for message, scores in zip(texts, self.label_scores(texts), strict=True):
            families: Dict[str, float] = defaultdict(float)
            for label, score in scores.items():
                families[family_of(label)] += score
            ranking = rank(families, int(self._config["ranking_length"]))
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            self._select_answers(message, scores, ranking)
        return messages

    def _select_answers(self, message: Message, scores: Dict[str, float],
                        ranking: List[Dict[str, Any]]) -> None:
        """The best answer of each retrieval family among the three best intents.

        Keyed by the family, as Rasa's per-family selectors are. Three, because the crisis
        override may pass the turn from the two crisis intents to the next best. Rasa's
        retrieval actions read only `utter_action`; the answer texts, long rankings and other
        families that Rasa's own selector adds would be stored with every message and read
        back at every turn (16 KB a message instead of about 1 KB), so they are left out.
        """
        members: Dict[str, Dict[str, float]] = defaultdict(dict)
        for label, score in scores.items():
            if "/" in label:
                members[family_of(label)][label] = score
        selectors: Dict[str, Any] = {RETRIEVAL_INTENTS: sorted(members)}
        length = int(self._config["answer_ranking_length"])
        for family in [r["name"] for r in ranking[:3] if r["name"] in members]:
            answers = members[family]
            total = sum(answers.values()) or 1.0
            ranking = [{"intent_response_key": r["name"], "confidence": r["confidence"] / total}
                       for r in rank(answers, length)]
            best = ranking[0]["intent_response_key"]
            utter = f"utter_{best}"
            selectors[family] = {
                "response": {"confidence": ranking[0]["confidence"],
                             "intent_response_key": best, "utter_action": utter},
                "ranking": ranking,
            }
        message.set(RESPONSE_SELECTOR, selectors, add_to_output=True)
