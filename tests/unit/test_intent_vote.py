"""IntentVote: DIET and the ResponseSelector vote with a TF-IDF + logistic regression model."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp.vote import IntentVote, intent_ranking, model_scores, vote

DIET = [{"name": "faq", "confidence": 0.6}, {"name": "greet", "confidence": 0.3},
        {"name": "offer", "confidence": 0.1}]
SELECTOR = [{"intent_response_key": "faq/mentor", "confidence": 0.2},
            {"intent_response_key": "faq/why_hard", "confidence": 0.2},
            {"intent_response_key": "offer/home", "confidence": 0.6}]


def test_model_scores_are_intent_times_answer_within_its_family():
    scores = model_scores(DIET, SELECTOR)
    assert scores == pytest.approx({"faq/mentor": 0.3, "faq/why_hard": 0.3, "greet": 0.3,
                                    "offer/home": 0.1})
    assert sum(scores.values()) == pytest.approx(1.0)


def test_an_even_vote_can_overturn_the_model_only_with_a_confident_linear_model():
    model = model_scores(DIET, SELECTOR)
    weak = vote(model, {"greet": 0.3, "faq/mentor": 0.45, "offer/home": 0.25}, 0.5)
    assert max(weak, key=weak.get) == "faq/mentor"      # the two together
    strong = vote(model, {"greet": 0.9, "faq/mentor": 0.1}, 0.5)
    assert max(strong, key=strong.get) == "greet"
    assert vote(model, {"greet": 1.0}, 1.0) == pytest.approx({**model, "greet": 0.3})


def test_intent_ranking_sums_the_answers_of_a_family():
    ranking = intent_ranking({"faq/mentor": 0.3, "faq/why_hard": 0.25, "greet": 0.4,
                              "offer/home": 0.05})
    assert [r["name"] for r in ranking] == ["faq", "greet", "offer"]
    assert ranking[0]["confidence"] == pytest.approx(0.55)


def examples():
    data = {
        "greet": ["hej", "hejsa", "goddag", "hallo", "hey med dig", "godmorgen"],
        "faq/mentor": ["hvad er en mentor", "kan jeg få en mentor", "hvad laver en mentor",
                       "mentor hvad er det", "får man en fast kontaktperson", "en mentor?"],
        "faq/why_hard": ["hvorfor er det svært at komme ud", "hvorfor er det så hårdt",
                         "er det svært at stoppe", "hvorfor kan man ikke bare gå",
                         "hvorfor er exit svært", "det er svært at komme ud hvorfor"],
    }
    messages = []
    for label, texts in data.items():
        intent, _, key = label.partition("/")
        for text in texts:
            values = {TEXT: text, INTENT: intent}
            if key:
                values["intent_response_key"] = label
            messages.append(Message(data=values))
    responses = {"utter_faq/mentor": [{"text": "En mentor er …"}],
                 "utter_faq/why_hard": [{"text": "Det er svært fordi …"}]}
    return TrainingData(training_examples=messages, responses=responses)


@pytest.fixture()
def trained(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("vote")
    context = ExecutionContext(GraphSchema({}), "test")
    component = IntentVote.create({}, storage, resource, context)
    component.train(examples())
    return IntentVote.load({}, storage, resource, context)


def parsed(text, ranking, selector):
    message = Message(data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    message.set("response_selector", {"all_retrieval_intents": ["faq"], "default": {
        "response": {"intent_response_key": selector[0]["intent_response_key"]},
        "ranking": selector}})
    return message


def test_a_trained_vote_survives_persisting_and_sets_intent_and_answer_together(trained):
    # DIET wavers between greet and faq and the selector picks the wrong answer; the linear
    # model knows the message and the vote fixes both, consistently.
    message = parsed("hvorfor er det svært at komme ud",
                     [{"name": "greet", "confidence": 0.5}, {"name": "faq", "confidence": 0.5}],
                     [{"intent_response_key": "faq/mentor", "confidence": 0.55},
                      {"intent_response_key": "faq/why_hard", "confidence": 0.45}])
    trained.process([message])
    assert message.get(INTENT)["name"] == "faq"
    answer = message.get("response_selector")["default"]["response"]
    assert answer["intent_response_key"] == "faq/why_hard"
    assert answer["utter_action"] == "utter_faq/why_hard"
    assert answer["responses"] == [{"text": "Det er svært fordi …"}]
    confidences = [r["confidence"] for r in message.get(INTENT_RANKING_KEY)]
    assert confidences == sorted(confidences, reverse=True)


def test_a_plain_intent_leaves_the_selector_alone(trained):
    selector = [{"intent_response_key": "faq/mentor", "confidence": 1.0}]
    message = parsed("hejsa", [{"name": "greet", "confidence": 0.9},
                               {"name": "faq", "confidence": 0.1}], selector)
    trained.process([message])
    assert message.get(INTENT)["name"] == "greet"
    assert message.get("response_selector")["default"]["ranking"] == selector


def test_without_a_trained_model_diet_decides(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    untrained = IntentVote.load({}, storage, Resource("none"), context)
    message = parsed("hej", [{"name": "faq", "confidence": 0.7}],
                     [{"intent_response_key": "faq/mentor", "confidence": 1.0}])
    untrained.process([message])
    assert message.get(INTENT) == {"name": "faq", "confidence": 0.7}
