"""The lexical vote in the NLU pipeline, trained and loaded through Rasa's own model storage."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp.ensemble import IntentEnsemble, blend, within

EXAMPLES = {
    "greet": ["hej", "hejsa", "goddag", "hej med dig", "hallo", "hey"],
    "goodbye": ["farvel", "vi ses", "hej hej", "tak for nu farvel", "bye", "ses"],
    "faq/mentor": ["hvad er en mentor", "får jeg en mentor", "mentor hvad er det",
                   "kan jeg få en fast kontaktperson", "hvem er min mentor", "mentorordning"],
    "faq/why_hard": ["hvorfor er det svært at komme ud", "hvorfor er det så hårdt",
                     "det er svært at forlade banden", "hvorfor er det svaert",
                     "alle mine venner er i banden", "hvorfor kan jeg ikke bare gå"],
}
RESPONSES = {"utter_faq/mentor": [{"text": "En mentor er …"}],
             "utter_faq/why_hard": [{"text": "Det er svært, fordi …"}]}


def training_data() -> TrainingData:
    examples = []
    for label, texts in EXAMPLES.items():
        intent, _, answer = label.partition("/")
        for text in texts:
            data = {TEXT: text, INTENT: intent}
            if answer:
                data["intent_response_key"] = label
            examples.append(Message(data=data))
    return TrainingData(training_examples=examples, responses=RESPONSES)


@pytest.fixture()
def trained(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("intent_ensemble")
    context = ExecutionContext(GraphSchema({}), "test")
    IntentEnsemble.create({}, storage, resource, context).train(training_data())
    return IntentEnsemble.load({}, storage, resource, context)


def parsed(text, diet, selector_ranking=None):
    message = Message(data={TEXT: text})
    ranking = [{"name": n, "confidence": c} for n, c in diet.items()]
    message.set(INTENT, ranking[0])
    message.set(INTENT_RANKING_KEY, ranking)
    if selector_ranking is not None:
        best = selector_ranking[0]
        message.set("response_selector", {"all_retrieval_intents": ["faq"], "default": {
            "response": {"intent_response_key": best[0], "utter_action": f"utter_{best[0]}",
                         "confidence": best[1], "responses": []},
            "ranking": [{"intent_response_key": k, "confidence": c}
                        for k, c in selector_ranking]}})
    return message


def test_blend_weighs_both_and_sorts():
    assert blend({"a": 1.0}, {"b": 1.0}, 0.75) == [("a", 0.75), ("b", 0.25)]
    assert blend({"a": 0.4, "b": 0.6}, {"a": 1.0}, 0.5)[0] == ("a", 0.7)


def test_within_rescales_one_family():
    assert within("faq", {"faq/a": 0.2, "faq/b": 0.2, "greet": 0.6}) == {"faq/a": 0.5,
                                                                          "faq/b": 0.5}
    assert within("greet", {"faq/a": 1.0, "greet": 1.0}) == {}


def test_a_loaded_model_overrules_an_unsure_diet(trained):
    message = parsed("hejsa med dig", {"goodbye": 0.55, "greet": 0.45})
    trained.process([message])
    assert message.get(INTENT)["name"] == "greet"
    ranking = message.get(INTENT_RANKING_KEY)
    assert ranking[0]["confidence"] > ranking[1]["confidence"]
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6


def test_a_sure_diet_keeps_its_intent(trained):
    message = parsed("hejsa med dig", {"goodbye": 1.0})
    trained.process([message])
    assert message.get(INTENT)["name"] == "goodbye"


def test_the_answer_is_voted_within_the_recognised_family(trained):
    # The selector proposes another family's answer first; the vote keeps to `faq`.
    message = parsed("hvad er en mentor egentlig", {"faq": 0.9, "greet": 0.1},
                     [("chitchat/name", 0.6), ("faq/why_hard", 0.25), ("faq/mentor", 0.15)])
    trained.process([message])
    response = message.get("response_selector")["default"]["response"]
    assert response["intent_response_key"] == "faq/mentor"
    assert response["utter_action"] == "utter_faq/mentor"
    assert response["responses"] == RESPONSES["utter_faq/mentor"]
    keys = [r["intent_response_key"] for r in message.get("response_selector")["default"]
            ["ranking"]]
    assert all(k.startswith("faq/") for k in keys)


def test_an_ordinary_intent_leaves_the_selector_alone(trained):
    message = parsed("hej", {"greet": 0.9, "faq": 0.1}, [("faq/why_hard", 1.0)])
    trained.process([message])
    assert message.get(INTENT)["name"] == "greet"
    assert message.get("response_selector")["default"]["response"]["intent_response_key"] \
        == "faq/why_hard"


def test_without_training_data_diet_decides_alone(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("empty")
    context = ExecutionContext(GraphSchema({}), "test")
    IntentEnsemble.create({}, storage, resource, context).train(TrainingData())
    loaded = IntentEnsemble.load({}, storage, resource, context)
    message = parsed("hej", {"goodbye": 0.6, "greet": 0.4})
    loaded.process([message])
    assert message.get(INTENT)["name"] == "goodbye"


def test_without_a_selector_the_lexical_classifier_answers_in_rasas_format(trained):
    message = parsed("hvad er en mentor egentlig", {"faq": 0.9, "greet": 0.1})
    trained.process([message])
    selectors = message.get("response_selector")
    assert selectors["all_retrieval_intents"] == ["faq"]
    response = selectors["default"]["response"]
    assert response["intent_response_key"] == "faq/mentor"
    assert response["utter_action"] == "utter_faq/mentor"
    assert response["responses"] == RESPONSES["utter_faq/mentor"]


def test_without_a_selector_an_ordinary_intent_still_gets_a_proposal(trained):
    # Rasa's selector always proposes; Exitbot uses it only when the intent is its family.
    message = parsed("hej med dig", {"greet": 0.9, "faq": 0.1})
    trained.process([message])
    assert message.get(INTENT)["name"] == "greet"
    key = message.get("response_selector")["default"]["response"]["intent_response_key"]
    assert key.startswith("faq/")
