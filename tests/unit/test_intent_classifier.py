"""Exitbot's intent classifier, trained and loaded through Rasa's own model storage."""

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp.intents import (
    DanishIntentClassifier,
    document,
    fit_temperature,
    fold,
    per_label,
    softmax,
)

EXAMPLES = {
    "greet": ["hej", "hejsa", "goddag", "hej med dig", "hallo", "hey", "godmorgen"],
    "goodbye": ["farvel", "vi ses", "tak for nu farvel", "bye", "ses", "farvel og tak",
                "jeg smutter"],
    "faq/mentor": ["hvad er en mentor", "får jeg en mentor", "mentor hvad er det",
                   "kan jeg få en fast kontaktperson", "hvem er min mentor", "mentorordning",
                   "hvad laver en mentor"],
    "faq/why_hard": ["hvorfor er det svært at komme ud", "hvorfor er det så hårdt",
                     "det er svært at forlade banden", "hvorfor er det svaert",
                     "alle mine venner er i banden", "hvorfor kan jeg ikke bare gå",
                     "hvorfor er det så svært at stoppe"],
    "offer/housing": ["kan jeg få en ny bolig", "hjælp til at flytte", "et andet sted at bo",
                      "kan i skaffe en lejlighed", "jeg skal bo et andet sted", "ny bolig",
                      "hjælp til bolig"],
}
RESPONSES = {"utter_faq/mentor": [{"text": "En mentor er …"}],
             "utter_faq/why_hard": [{"text": "Det er svært, fordi …"}],
             "utter_offer/housing": [{"text": "Et andet sted at bo …"}]}


def tokenized(text: str, **data) -> Message:
    message = Message(data={TEXT: text, **data})
    offset, tokens = 0, []
    for word in text.split():
        start = text.index(word, offset)
        tokens.append(Token(word, start, lemma=word))
        offset = start + len(word)
    message.set(TOKENS_NAMES[TEXT], tokens)
    return message


def training_data() -> TrainingData:
    examples = []
    for label, texts in EXAMPLES.items():
        intent, _, answer = label.partition("/")
        for text in texts:
            extra = {"intent_response_key": label} if answer else {}
            examples.append(tokenized(text, intent=intent, **extra))
    return TrainingData(training_examples=examples, responses=RESPONSES)


@pytest.fixture()
def storage(tmp_path):
    return LocalModelStorage(tmp_path), Resource("intents"), ExecutionContext(GraphSchema({}),
                                                                               "test")


@pytest.fixture()
def trained(storage):
    model_storage, resource, context = storage
    DanishIntentClassifier.create({}, model_storage, resource, context).train(training_data())
    return DanishIntentClassifier.load({}, model_storage, resource, context)


def parsed(classifier, text):
    message = tokenized(text)
    classifier.process([message])
    return message


def test_folding_reads_ae_oe_aa_as_the_danish_letters():
    assert fold("Hvorfor er det SVÆRT") == fold("hvorfor er det svaert")
    assert fold("får jeg en bolig") == fold("faar jeg en bolig")
    assert fold("heeeeej") == "heej"
    assert fold("kan jeg få hjæææælp") == fold("kan jeg faa hjææælp")
    assert fold("møde") != fold("mode")


def test_a_document_is_the_folded_text_and_the_folded_lemmas():
    assert document("Får du", ["få", "du"]) == ("faar du", "faa du")
    assert document("hej med dig") == ("hej med dig", "hej med dig")


def test_softmax_rows_sum_to_one_and_temperature_sharpens():
    scores = np.array([[1.0, 0.0, -1.0]])
    warm, cold = softmax(scores, 1.0), softmax(scores, 0.1)
    assert np.allclose(warm.sum(axis=1), 1.0) and np.allclose(cold.sum(axis=1), 1.0)
    assert cold[0, 0] > warm[0, 0] > 1 / 3


def test_a_binary_score_becomes_one_column_per_label():
    assert per_label(np.array([2.0, -1.0])).tolist() == [[-2.0, 2.0], [1.0, -1.0]]
    wide = np.array([[1.0, 2.0, 3.0]])
    assert np.array_equal(per_label(wide), wide)


def test_two_intents_are_enough_to_train_and_calibrate(storage):
    model_storage, resource, context = storage
    two = TrainingData(training_examples=[
        tokenized(t, intent=i) for i in ("greet", "goodbye") for t in EXAMPLES[i]])
    DanishIntentClassifier.create({}, model_storage, resource, context).train(two)
    loaded = DanishIntentClassifier.load({}, model_storage, resource, context)
    message = parsed(loaded, "farvel og tak")
    assert message.get(INTENT)["name"] == "goodbye"
    assert abs(sum(r["confidence"] for r in message.get(INTENT_RANKING_KEY)) - 1.0) < 1e-6


def test_temperature_fits_how_often_the_best_score_is_right():
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 3, size=400)
    scores = rng.normal(size=(400, 3))
    scores[np.arange(400), truth] += 1.0
    loud = fit_temperature(scores * 10, truth)   # the same scores, ten times as loud
    assert loud == pytest.approx(10 * fit_temperature(scores, truth), rel=0.05)


def test_intent_is_the_family_and_the_answer_is_within_it(trained):
    message = parsed(trained, "hvad er en mentor egentlig")
    assert message.get(INTENT)["name"] == "faq"
    selectors = message.get("response_selector")
    assert selectors["all_retrieval_intents"] == ["faq", "offer"]  # both, proposed or not
    response = selectors["faq"]["response"]
    assert response["intent_response_key"] == "faq/mentor"
    assert response["utter_action"] == "utter_faq/mentor"
    assert "responses" not in response  # Rasa reads utter_action; the texts would be stored
    faq_ranking = selectors["faq"]["ranking"]
    assert [r["intent_response_key"] for r in faq_ranking] == ["faq/mentor", "faq/why_hard"]
    assert abs(sum(r["confidence"] for r in faq_ranking) - 1.0) < 1e-6


def test_answers_are_proposed_for_the_three_best_intents_only(trained):
    message = parsed(trained, "faar jeg en ny bolig")
    ranked = [r["name"] for r in message.get(INTENT_RANKING_KEY)]
    families = set(message.get("response_selector")) - {"all_retrieval_intents"}
    assert families == {f for f in ranked[:3] if f in ("faq", "offer")}
    assert ranked[0] == "offer" and "offer" in families


def test_family_confidence_is_the_sum_of_its_answers(trained):
    message = parsed(trained, "hvorfor er det svaert med en mentor")
    ranking = message.get(INTENT_RANKING_KEY)
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6
    assert [r["confidence"] for r in ranking] == sorted((r["confidence"] for r in ranking),
                                                         reverse=True)
    assert {r["name"] for r in ranking} == {"greet", "goodbye", "faq", "offer"}


def test_missing_danish_letters_and_typos_still_classify(trained):
    assert parsed(trained, "faar jeg en ny bolig").get(INTENT)["name"] == "offer"
    assert parsed(trained, "hvorfor er det saa svaert at komme ud").get(
        "response_selector")["faq"]["response"]["intent_response_key"] == "faq/why_hard"
    assert parsed(trained, "hejsaa").get(INTENT)["name"] == "greet"


def test_an_ordinary_intent(trained):
    message = parsed(trained, "farvel og tak for nu")
    assert message.get(INTENT)["name"] == "goodbye"
    assert message.get(INTENT)["confidence"] > 0.5


def test_a_message_without_text_gets_no_intent(trained):
    message = Message(data={TEXT: ""})
    trained.process([message])
    assert message.get(INTENT) == {"name": None, "confidence": 0.0}
    assert message.get(INTENT_RANKING_KEY) == []


def test_the_stored_model_predicts_as_the_trained_one(storage):
    model_storage, resource, context = storage
    fresh = DanishIntentClassifier.create({}, model_storage, resource, context)
    fresh.train(training_data())
    loaded = DanishIntentClassifier.load({}, model_storage, resource, context)
    texts = ["hvad er en mentor", "faar jeg en ny bolig", "hej", "noget helt andet"]
    before = fresh.label_scores([tokenized(t) for t in texts])
    after = loaded.label_scores([tokenized(t) for t in texts])
    for a, b in zip(before, after, strict=True):
        assert a.keys() == b.keys()
        assert all(abs(a[k] - b[k]) < 1e-9 for k in a)


def test_without_training_data_nothing_is_predicted(storage):
    model_storage, resource, context = storage
    DanishIntentClassifier.create({}, model_storage, resource, context).train(TrainingData())
    loaded = DanishIntentClassifier.load({}, model_storage, resource, context)
    message = parsed(loaded, "hej")
    assert message.get(INTENT) == {"name": None, "confidence": 0.0}
