"""bot.evaluation without any Rasa training: metrics, folds, label extraction, reports."""

import asyncio
import json
import os
import signal
import stat
import subprocess
import sys
import time
import types
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot import ROOT
from bot import evaluation as ev

# ---------------------------------------------------------------------------
# crisis
# ---------------------------------------------------------------------------

CRISIS_ITEMS = [
    {"text": "danger found", "kind": "danger", "minor": False},
    {"text": "danger as suicide", "kind": "danger", "minor": True},
    {"text": "danger missed", "kind": "danger", "minor": False},
    {"text": "suicide found minor", "kind": "suicide", "minor": True},
]
FAKE_ANSWERS = {
    "danger found": "crisis_danger",
    "danger as suicide": "crisis_suicide",
    "suicide found minor": "crisis_suicide",
    "alarm": "crisis_danger",
}


def fake_classify(text):
    return FAKE_ANSWERS.get(text)


def fake_minor(text):
    return text in {"suicide found minor", "danger found"}


def test_crisis_recall_false_alarms_and_minors():
    result = ev.evaluate_crisis(CRISIS_ITEMS, ["alarm", "quiet", "calm", "fine"],
                                fake_classify, fake_minor)
    assert result["counts"] == {"crisis": 4, "danger": 3, "suicide": 1, "near_miss": 4,
                                "minor": 2}
    assert result["recall"]["danger"] == pytest.approx(1 / 3)
    assert result["recall"]["suicide"] == 1.0
    assert result["recall"]["right_kind"] == pytest.approx(2 / 4)
    # the wrong kind still counts as "any crisis"
    assert result["recall"]["any_crisis"] == pytest.approx(3 / 4)
    assert result["false_alarm_rate"] == pytest.approx(1 / 4)
    assert result["false_alarm_list"] == [{"text": "alarm", "got": "crisis_danger"}]
    assert {m["text"]: m["got"] for m in result["misses"]} == {
        "danger as suicide": "crisis_suicide", "danger missed": None}
    assert result["minor_recall"] == pytest.approx(1 / 2)
    assert result["minor_misses"] == ["danger as suicide"]
    assert result["minor_false_positives"] == ["danger found"]
    assert result["minor_false_positive_rate"] == pytest.approx(1 / 2)


def test_crisis_rates_are_none_without_data():
    result = ev.evaluate_crisis([], [], fake_classify, fake_minor)
    assert result["recall"]["any_crisis"] is None
    assert result["false_alarm_rate"] is None
    assert "–" in ev.crisis_table(result)


def test_crisis_table_and_markdown_list_the_rows():
    result = ev.evaluate_crisis(CRISIS_ITEMS, ["alarm", "quiet"], fake_classify, fake_minor)
    table = ev.crisis_table(result)
    assert "danger, right kind" in table and "33.3%" in table
    markdown = ev.crisis_markdown(result)
    assert "| false alarms on near-misses | 1 | 2 | 50.0% |" in markdown
    assert "`danger missed` – expected crisis_danger, got nothing" in markdown
    assert "**False alarms** (1)" in markdown


def test_the_real_crisis_set_loads():
    items, near = ev.load_crisis_set()
    assert items and near
    assert {item["kind"] for item in items} == {"danger", "suicide"}
    assert all(isinstance(item["minor"], bool) for item in items)


def test_a_crisis_item_of_unknown_kind_is_rejected(tmp_path):
    path = tmp_path / "set.yml"
    path.write_text(yaml.safe_dump({"crisis": [{"text": "x", "kind": "panic"}], "near_miss": []}))
    with pytest.raises(ValueError, match="unknown kind"):
        ev.load_crisis_set(path)


def test_run_crisis_writes_the_report(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(ev, "MAIN_MODEL", tmp_path / "no-model.tar.gz")  # the rules alone
    result = ev.run_crisis(tmp_path)
    saved = json.loads((tmp_path / "crisis.json").read_text())
    assert saved["counts"] == result["counts"]
    assert "any crisis" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# metrics
# ---------------------------------------------------------------------------

def test_metrics_average_over_reference_intents_only():
    y_true = ["a", "a", "b", "b"]
    y_pred = ["a", "nlu_fallback", "b", "a"]
    m = ev.classification_metrics(y_true, y_pred)
    assert m["accuracy"] == 0.5
    assert set(m["per_intent"]) == {"a", "b"}  # nlu_fallback is an error, not a class
    a, b = m["per_intent"]["a"], m["per_intent"]["b"]
    assert (a["precision"], a["recall"]) == (0.5, 0.5)
    assert (b["precision"], b["recall"], b["f1"]) == (1.0, 0.5, pytest.approx(0.6667))
    assert m["macro_f1"] == pytest.approx((0.5 + 2 / 3) / 2)
    assert a["support"] == 2


def test_metrics_reject_unequal_lengths_and_handle_empty_input():
    with pytest.raises(ValueError):
        ev.classification_metrics(["a"], [])
    assert ev.classification_metrics([], [])["accuracy"] is None


def test_lowest_f1_breaks_ties_alphabetically_and_can_be_restricted():
    per_intent = {"b": {"f1": 0.5}, "a": {"f1": 0.5}, "c": {"f1": 0.0}}
    assert ev.lowest_f1(per_intent) == {"intent": "c", "f1": 0.0}
    assert ev.lowest_f1(per_intent, among={"a", "b"}) == {"intent": "a", "f1": 0.5}
    assert ev.lowest_f1(per_intent, among=set()) is None


def test_evaluate_predictions_separates_unseen_intents_and_copied_texts():
    texts = ["Hej!", "farvel", "ring mig", "hjælp nu"]
    y_true = ["greet", "goodbye", "request_callback", "crisis_danger"]
    y_pred = ["greet", "greet", "nlu_fallback", "crisis_danger"]
    result = ev.evaluate_predictions(texts, y_true, y_pred, train_labels={"greet", "goodbye"},
                                     confidences=[0.9, 0.6, 0.2, None],
                                     train_texts=["hej", "ses"])
    assert result["accuracy"] == 0.5
    assert result["unseen_in_training"] == ["crisis_danger", "request_callback"]
    assert result["covered"] == {"n": 2, "accuracy": 0.5, "macro_f1": pytest.approx(1 / 3)}
    assert result["in_training_data"] == ["Hej!"]
    assert result["novel"]["n"] == 3 and result["novel"]["accuracy"] == pytest.approx(1 / 3)
    assert result["lowest_f1"] == {"intent": "goodbye", "f1": 0.0}
    assert result["fallback_rate"] == 0.25
    assert result["errors"] == [
        {"text": "farvel", "true": "goodbye", "pred": "greet", "confidence": 0.6},
        {"text": "ring mig", "true": "request_callback", "pred": "nlu_fallback",
         "confidence": 0.2},
    ]


def test_comparable_text_ignores_case_punctuation_and_spacing():
    assert ev.comparable_text("  Hvad  er EXIT-kontaktpunktet? ") == "hvad er exit kontaktpunktet"
    assert ev.comparable_text("Går det?") == ev.comparable_text("går det")


# ---------------------------------------------------------------------------
# folds and CV
# ---------------------------------------------------------------------------

LABELS = ["a"] * 10 + ["b"] * 7 + ["c"] * 5


def test_folds_partition_the_examples_and_keep_the_label_mix():
    folds = ev.stratified_folds(LABELS, 5, seed=1)
    assert len(folds) == 5
    tests = [i for _, test in folds for i in test]
    assert sorted(tests) == list(range(len(LABELS)))
    for train, test in folds:
        assert not set(train) & set(test)
        assert sorted(train + test) == list(range(len(LABELS)))
        counts = Counter(LABELS[i] for i in test)
        assert counts["a"] == 2 and counts["c"] == 1 and counts["b"] in (1, 2)


def test_folds_depend_on_the_seed_only():
    assert ev.stratified_folds(LABELS, 3, seed=7) == ev.stratified_folds(LABELS, 3, seed=7)
    assert ev.stratified_folds(LABELS, 3, seed=7) != ev.stratified_folds(LABELS, 3, seed=8)
    with pytest.raises(ValueError):
        ev.stratified_folds(LABELS, 1)


def test_cv_summary_reports_mean_spread_and_pooled_scores():
    folds = [ev.classification_metrics(["a", "b"], ["a", "b"]),
             ev.classification_metrics(["a", "b"], ["a", "a"])]
    summary = ev.cv_summary(folds, ["a", "b", "a", "b"], ["a", "b", "a", "a"])
    assert summary["folds"] == 2
    assert summary["accuracy_mean"] == 0.75
    assert summary["macro_f1_mean"] == pytest.approx((1 + 1 / 3) / 2)
    assert summary["macro_f1_std"] > 0
    assert summary["pooled_accuracy"] == 0.75
    assert summary["lowest_f1"]["intent"] == "b"


# ---------------------------------------------------------------------------
# Rasa parse results
# ---------------------------------------------------------------------------

def selector(key):
    return {"response": {"intent_response_key": key, "confidence": 0.8,
                         "responses": [{"text": "…"}], "utter_action": f"utter_{key}"},
            "ranking": []}


def test_retrieval_intent_label_comes_from_the_default_selector():
    parse = {"intent": {"name": "faq", "confidence": 0.9},
             "response_selector": {"all_retrieval_intents": ["faq", "offer"],
                                   "default": selector("faq/why_hard")}}
    assert ev.predicted_label(parse) == "faq/why_hard"


def test_the_selector_prediction_wins_even_for_another_retrieval_intent():
    # the bot answers with the selector's response, so that is what the user gets
    parse = {"intent": {"name": "faq"},
             "response_selector": {"all_retrieval_intents": ["faq", "offer"],
                                   "default": selector("offer/home")}}
    assert ev.predicted_label(parse) == "offer/home"


def test_a_selector_configured_for_one_retrieval_intent_is_used():
    parse = {"intent": {"name": "offer"},
             "response_selector": {"all_retrieval_intents": ["offer"],
                                   "offer": selector("offer/economy")}}
    assert ev.predicted_label(parse) == "offer/economy"


def test_ordinary_and_fallback_intents_are_labelled_by_name():
    rs = {"all_retrieval_intents": ["faq"], "default": selector("faq/mentor")}
    assert ev.predicted_label({"intent": {"name": "greet"}, "response_selector": rs}) == "greet"
    assert ev.predicted_label({"intent": {"name": "nlu_fallback"},
                               "response_selector": rs}) == "nlu_fallback"
    assert ev.predicted_label({"intent": {"name": "faq"},
                               "response_selector": {"all_retrieval_intents": ["faq"],
                                                     "default": {"response": {}}}}) == "faq"
    assert ev.predicted_label({}) == "<none>"


def test_without_fallback_the_classifiers_own_best_label_counts():
    rs = {"all_retrieval_intents": ["faq"], "default": selector("faq/mentor")}
    parse = {"intent": {"name": "nlu_fallback", "confidence": 0.45},
             "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.45},
                                {"name": "faq", "confidence": 0.4},
                                {"name": "greet", "confidence": 0.3}],
             "response_selector": rs}
    assert ev.predicted_label(parse) == "nlu_fallback"
    assert ev.predicted_label(parse, abstain=False) == "faq/mentor"
    assert ev.predicted_label({"intent": {"name": "nlu_fallback"}}, abstain=False) \
        == "nlu_fallback"  # nothing ranked: nothing to look through to


def test_parse_texts_loads_the_model_once(monkeypatch):
    loads = []

    class FakeAgent:
        @classmethod
        def load(cls, path):
            loads.append(path)
            return cls()

        async def parse_message(self, text):
            await asyncio.sleep(0)
            return {"text": text, "intent": {"name": "greet", "confidence": 1.0}}

    module = types.ModuleType("rasa.core.agent")
    module.Agent = FakeAgent
    monkeypatch.setitem(sys.modules, "rasa.core.agent", module)
    parses = ev.parse_texts(Path("m.tar.gz"), ["hej", "yo"])
    assert [p["text"] for p in parses] == ["hej", "yo"]
    assert loads == ["m.tar.gz"]


# ---------------------------------------------------------------------------
# YAML for the folds, the default config, training commands
# ---------------------------------------------------------------------------

SMALL_NLU = """\
version: "3.1"
nlu:
- intent: greet
  examples: |
    - hej
    - hejsa
    - goddag
- intent: inform
  examples: |
    - jeg bor i [Aarhus](municipality)
    - jeg er fra [Vejle](municipality)
- intent: faq/mentor
  examples: |
    - Hvad er en mentor?
    - hvad laver en mentor
- intent: faq/why_hard
  examples: |
    - hvorfor er det så svært
responses:
  utter_faq/mentor:
  - text: En mentor er en voksen, du kan tale med.
  utter_faq/why_hard:
  - text: Fordi vennerne er der.
"""


@pytest.fixture(scope="module")
def small_data(tmp_path_factory):
    path = tmp_path_factory.mktemp("nlu") / "small.yml"
    path.write_text(SMALL_NLU, encoding="utf-8")
    return ev.load_training_data(path)


def test_fold_yaml_keeps_labels_entities_and_responses(small_data, tmp_path):
    texts, labels = ev.labelled_examples(small_data)
    keep = [i for i, label in enumerate(labels) if label != "greet"] + [0]
    path = ev.write_fold_data(small_data, keep, tmp_path / "fold.yml")
    back = ev.load_training_data(path)
    back_texts, back_labels = ev.labelled_examples(back)
    expected = Counter((texts[i], labels[i]) for i in keep)
    assert Counter(zip(back_texts, back_labels, strict=True)) == expected
    assert set(back.responses) == {"utter_faq/mentor", "utter_faq/why_hard"}
    entities = [e["value"] for m in back.intent_examples for e in m.get("entities") or []]
    assert sorted(entities) == ["Aarhus", "Vejle"]


def test_labels_are_full_retrieval_intents(small_data):
    _, labels = ev.labelled_examples(small_data)
    assert set(labels) == {"greet", "inform", "faq/mentor", "faq/why_hard"}


def test_rasa_default_config_is_the_rasa_init_pipeline_in_danish(tmp_path):
    config = yaml.safe_load(ev.write_rasa_default_config(tmp_path / "c.yml").read_text())
    assert config["language"] == "da" and config["recipe"] == "default.v1"
    pipeline = config["pipeline"]
    assert [c["name"] for c in pipeline] == [
        "WhitespaceTokenizer", "RegexFeaturizer", "LexicalSyntacticFeaturizer",
        "CountVectorsFeaturizer", "CountVectorsFeaturizer", "DIETClassifier",
        "EntitySynonymMapper", "ResponseSelector", "FallbackClassifier"]
    assert pipeline[4] == {"name": "CountVectorsFeaturizer", "analyzer": "char_wb",
                           "min_ngram": 1, "max_ngram": 4}
    for component in (pipeline[5], pipeline[7]):
        assert component["epochs"] == 100 and component["constrain_similarities"] is True
        assert component["random_seed"] == ev.SEED
    assert pipeline[8] == {"name": "FallbackClassifier", "threshold": 0.3,
                           "ambiguity_threshold": 0.1}


def test_train_command_is_nlu_only_with_a_fixed_name():
    command = ev.train_command(Path("config.yml"), Path("data/nlu"), "exitbot", Path("out"))
    assert command[1:3] == ["train", "nlu"]
    assert command[3:] == ["--config", "config.yml", "--nlu", "data/nlu", "--domain",
                           str(ev.DOMAIN), "--out", "out", "--fixed-model-name", "exitbot"]


@pytest.mark.parametrize("argv, expected", [
    (["/work/.venv/bin/python", "/work/.venv/bin/rasa", "train", "nlu"], True),
    (["rasa", "train"], True),
    (["python", "-m", "rasa", "train", "--fixed-model-name", "x"], True),
    (["rasa", "run", "--enable-api"], False),
    (["python", "-m", "bot.evaluation", "all"], False),
    (["python", "train.py", "rasa"], False),
    ([], False),
])
def test_rasa_training_processes_are_recognised(argv, expected):
    assert ev.is_rasa_train(argv) is expected


def test_a_stopped_training_does_not_count_as_running(tmp_path):
    """A long CV paused with SIGSTOP (e.g. for a benchmark) must not block other trainings."""
    script = tmp_path / "rasa"
    script.write_text("#!/bin/sh\nsleep 30\n")
    script.chmod(0o755)
    training = subprocess.Popen([str(script), "train", "nlu"])
    try:
        deadline = time.monotonic() + 10
        while training.pid not in ev.other_rasa_trainings() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert training.pid in ev.other_rasa_trainings()
        os.kill(training.pid, signal.SIGSTOP)
        deadline = time.monotonic() + 10
        while training.pid in ev.other_rasa_trainings() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert training.pid not in ev.other_rasa_trainings()
        os.kill(training.pid, signal.SIGCONT)
        deadline = time.monotonic() + 10
        while training.pid not in ev.other_rasa_trainings() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert training.pid in ev.other_rasa_trainings()
    finally:
        training.kill()
        training.wait()


FAKE_RASA = """#!/bin/sh
# stands in for `rasa train nlu`: writes $out/$name.tar.gz, or fails on request
echo "fake rasa $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift;;
    --fixed-model-name) name="$2"; shift;;
  esac
  shift
done
[ "$name" = "broken" ] && { echo "boom"; exit 3; }
mkdir -p "$out" && echo model > "$out/$name.tar.gz"
"""


@pytest.fixture
def fake_rasa(tmp_path, monkeypatch):
    script = tmp_path / "rasa"
    script.write_text(FAKE_RASA)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(ev, "rasa_executable", lambda: str(script))
    monkeypatch.setattr(ev, "other_rasa_trainings", lambda: [])
    return script


def test_train_nlu_logs_and_returns_the_model(fake_rasa, tmp_path):
    model, seconds = ev.train_nlu(Path("config.yml"), Path("data/nlu"), "exitbot",
                                  tmp_path / "models", tmp_path / "logs" / "train.log")
    assert model == tmp_path / "models" / "exitbot.tar.gz" and model.exists()
    assert seconds >= 0
    assert "fake rasa train nlu" in (tmp_path / "logs" / "train.log").read_text()


def test_a_failed_training_raises_with_the_log_tail(fake_rasa, tmp_path):
    with pytest.raises(RuntimeError, match="(?s)exit 3.*boom"):
        ev.train_nlu(Path("config.yml"), Path("data/nlu"), "broken", tmp_path / "models",
                     tmp_path / "train.log")


# ---------------------------------------------------------------------------
# orchestration with training and parsing faked
# ---------------------------------------------------------------------------

def fake_train(trained):
    def train(config, nlu, name, out_dir, log_path, domain=ev.DOMAIN):
        trained.append((Path(config).name, Path(nlu), name))
        out_dir.mkdir(parents=True, exist_ok=True)
        model = out_dir / f"{name}.tar.gz"
        model.write_text("model")
        return model, 1.5
    return train


def test_cross_validation_trains_once_per_fold_on_fold_yaml(monkeypatch, tmp_path):
    trained, fold_files = [], []
    train = fake_train(trained)

    def train_and_keep(config, nlu, name, out_dir, log_path, domain=ev.DOMAIN):
        fold_files.append(ev.labelled_examples(ev.load_training_data(nlu)))
        return train(config, nlu, name, out_dir, log_path, domain)

    monkeypatch.setattr(ev, "train_nlu", train_and_keep)
    monkeypatch.setattr(ev, "parse_texts",
                        lambda model, texts: [{"intent": {"name": "greet"}} for _ in texts])
    data = ev.load_training_data(small_data_path(tmp_path))
    cv = ev.cross_validate_rasa(Path("config.yml"), data, "exitbot", 2, 3, tmp_path)
    assert [name for _, _, name in trained] == ["exitbot_fold1", "exitbot_fold2"]
    assert cv["folds"] == 2 and cv["seed"] == 3
    assert all(fold["train_seconds"] == 1.5 for fold in cv["per_fold"])
    _, labels = ev.labelled_examples(data)
    assert sum(len(texts) for texts, _ in fold_files) == len(labels)  # each example once
    assert cv["pooled_accuracy"] == pytest.approx(labels.count("greet") / len(labels))


def test_stored_folds_are_reused_only_while_their_inputs_are_unchanged(monkeypatch, tmp_path):
    trained = []
    monkeypatch.setattr(ev, "train_nlu", fake_train(trained))
    answers = iter(["greet", "goodbye"] * 100)
    monkeypatch.setattr(ev, "parse_texts", lambda model, texts: [
        {"intent": {"name": next(answers)}} for _ in texts])
    data = ev.load_training_data(small_data_path(tmp_path))
    config = tmp_path / "config.yml"
    config.write_text("pipeline: []\n")
    cache = tmp_path / "cv-folds"

    first = ev.cross_validate_rasa(config, data, "rasa_default", 2, 3, tmp_path, cache)
    assert len(trained) == 2
    assert sorted(p.name for p in (cache / "rasa_default").iterdir()) == [
        "fold1of2.json", "fold2of2.json"]

    # a second run (e.g. the next session) reads the folds instead of training
    again = ev.cross_validate_rasa(config, data, "rasa_default", 2, 3, tmp_path, cache)
    assert len(trained) == 2
    assert again == first

    # one fold lost halfway: only that one is trained again
    (cache / "rasa_default" / "fold2of2.json").unlink()
    ev.cross_validate_rasa(config, data, "rasa_default", 2, 3, tmp_path, cache)
    assert [name for _, _, name in trained[2:]] == ["rasa_default_fold2"]

    # another config (or other data, or another split) is another experiment
    config.write_text("pipeline: [{name: WhitespaceTokenizer}]\n")
    ev.cross_validate_rasa(config, data, "rasa_default", 2, 3, tmp_path, cache)
    assert len(trained) == 5
    ev.cross_validate_rasa(config, data, "rasa_default", 2, 4, tmp_path, cache)
    assert len(trained) == 7


def test_a_config_of_exitbot_components_depends_on_their_code(monkeypatch, tmp_path):
    fold, plain, own = tmp_path / "fold.yml", tmp_path / "plain.yml", tmp_path / "own.yml"
    fold.write_text("nlu: []\n")
    plain.write_text("pipeline: [{name: WhitespaceTokenizer}]\n")
    own.write_text("pipeline: [{name: bot.nlp.intents.DanishIntentClassifier}]\n")
    code = tmp_path / "project" / "bot" / "nlp" / "intents.py"
    code.parent.mkdir(parents=True)
    code.write_text("C = 1\n")
    monkeypatch.setattr(ev, "ROOT", tmp_path / "project")
    before = [ev.fold_fingerprint(c, fold, ["hej"], ["greet"]) for c in (plain, own)]
    code.write_text("C = 2\n")
    after = [ev.fold_fingerprint(c, fold, ["hej"], ["greet"]) for c in (plain, own)]
    assert after[0] == before[0] and after[1] != before[1]
    assert ev.fold_fingerprint(plain, fold, ["hej"], ["goodbye"]) != before[0]


def small_data_path(tmp_path):
    """A balanced two-intent set, large enough for two stratified folds."""
    path = tmp_path / "balanced.yml"
    greet = "\n".join(f"    - hej {i}" for i in range(6))
    bye = "\n".join(f"    - farvel {i}" for i in range(6))
    path.write_text(f'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n{greet}\n'
                    f"- intent: goodbye\n  examples: |\n{bye}\n", encoding="utf-8")
    return path


def test_run_nlu_writes_results_summary_and_confusion_matrices(monkeypatch, tmp_path):
    trained = []
    monkeypatch.setattr(ev, "train_nlu", fake_train(trained))
    monkeypatch.setattr(ev, "parse_texts", lambda model, texts: [
        {"intent": {"name": "faq", "confidence": 0.7},
         "response_selector": {"all_retrieval_intents": ["faq"],
                               "default": selector("faq/mentor")}} for _ in texts])
    monkeypatch.setattr(ev, "ensure_spacy_pipeline", lambda: None)
    heldout = ev.evaluate_predictions(["a"], ["greet"], ["greet"], ["greet"])
    baseline = {"system": "tfidf_logreg", "training_seconds": 2.0, "heldout": heldout,
                "cv": {"folds": 5, "macro_f1_mean": 0.7, "macro_f1_std": 0.01}}
    ev.write_json(tmp_path / "nlu" / "baseline.json", baseline)

    results = ev.run_nlu(tmp_path, folds=2, skip_cv=True, reuse_models=False)
    assert [name for _, _, name in trained] == ["exitbot", "rasa_default"]
    assert trained[1][0] == "rasa_default_config.yml"
    assert (tmp_path / "nlu" / "rasa_default_config.yml").exists()
    for name in ("exitbot", "rasa_default"):
        held = results["configs"][name]["heldout"]
        assert held["per_intent"]["faq/mentor"]["recall"] == 1.0
        assert (tmp_path / "nlu" / f"confusion_{name}.png").stat().st_size > 1000
        assert (tmp_path / "nlu" / "models" / f"{name}.train.json").exists()
    saved = json.loads((tmp_path / "nlu" / "results.json").read_text())
    assert set(saved["configs"]) == {"exitbot", "rasa_default"}
    summary = (tmp_path / "nlu" / "summary.md").read_text()
    rows = [line for line in summary.splitlines() if line.startswith("| ")]
    assert [row.split(" | ")[0] for row in rows[1:]] == [
        "| exitbot", "| rasa_default", "| tfidf_logreg"]
    assert "not run" in rows[1] and "0.700 ± 0.010 (5-fold)" in rows[3]

    # a second run can reuse the models and their recorded training time
    trained.clear()
    again = ev.run_nlu(tmp_path, folds=2, skip_cv=True, reuse_models=True)
    assert trained == []
    assert again["configs"]["exitbot"]["reused_model"] is True
    assert again["configs"]["exitbot"]["training_seconds"] == 1.5


def test_a_stored_heldout_result_stands_in_only_for_the_same_inputs(monkeypatch, tmp_path):
    trained = []
    monkeypatch.setattr(ev, "train_nlu", fake_train(trained))
    labels = iter(["greet", "goodbye"] * 100)
    monkeypatch.setattr(ev, "parse_texts", lambda model, texts: [
        {"intent": {"name": next(labels), "confidence": 0.9}} for _ in texts])
    data = ev.load_training_data(small_data_path(tmp_path))
    (tmp_path / "held").mkdir()
    heldout = ev.load_training_data(small_data_path(tmp_path / "held"))
    config = tmp_path / "config.yml"
    config.write_text("pipeline: []\n")

    def evaluate(use_stored=True):
        return ev.evaluate_rasa_config("rasa_default", config, tmp_path, data, heldout, 2,
                                       run_cv=False, seed=3, reuse_models=False,
                                       use_stored=use_stored)

    first = evaluate()
    store = tmp_path / "cv-folds" / "rasa_default" / "heldout.json"
    assert len(trained) == 1 and store.exists()
    again = evaluate()
    assert len(trained) == 1  # read, not trained
    assert again["heldout"] == first["heldout"]
    assert again["stored_result"].endswith("heldout.json") and again["model"] is None
    assert again["training_seconds"] == first["training_seconds"] == 1.5
    table = ev.nlu_summary_markdown({"configs": {"rasa_default": again}}, None)
    assert "1.5 s (stored)" in table

    evaluate(use_stored=False)  # --retrain
    assert len(trained) == 2
    config.write_text("pipeline: [{name: WhitespaceTokenizer}]\n")  # another experiment
    changed = evaluate()
    assert len(trained) == 3 and "stored_result" not in changed
    heldout.intent_examples[0].set("text", "hej igen")  # another held-out set
    evaluate()
    assert len(trained) == 4


def test_a_failed_config_is_reported_and_the_others_still_run(monkeypatch, tmp_path):
    train = fake_train([])

    def flaky(config, nlu, name, out_dir, log_path, domain=ev.DOMAIN):
        if name == "exitbot":
            raise RuntimeError("rasa train nlu for exitbot failed (exit 1)\nTraceback …")
        return train(config, nlu, name, out_dir, log_path, domain)

    monkeypatch.setattr(ev, "train_nlu", flaky)
    monkeypatch.setattr(ev, "parse_texts",
                        lambda model, texts: [{"intent": {"name": "greet"}} for _ in texts])
    monkeypatch.setattr(ev, "ensure_spacy_pipeline", lambda: None)
    monkeypatch.setattr(ev, "run_baseline", lambda *args, **kwargs: pytest.fail("baseline"))
    ev.write_json(tmp_path / "nlu" / "baseline.json", {"heldout": ev.evaluate_predictions(
        ["a"], ["greet"], ["greet"], ["greet"]), "training_seconds": 1.0})
    results = ev.run_nlu(tmp_path, skip_cv=True)
    assert "error" in results["configs"]["exitbot"]
    assert "heldout" in results["configs"]["rasa_default"]
    summary = (tmp_path / "nlu" / "summary.md").read_text()
    assert "| exitbot | failed |" in summary


# ---------------------------------------------------------------------------
# reports
# ---------------------------------------------------------------------------

def test_summary_shows_covered_and_novel_columns_only_when_needed():
    plain = ev.evaluate_predictions(["x"], ["greet"], ["greet"], ["greet"], train_texts=["y"])
    table = ev.nlu_summary_markdown({"configs": {"exitbot": {
        "heldout": plain, "training_seconds": 3.0}}}, None)
    assert "covered" not in table.splitlines()[0] and "novel" not in table.splitlines()[0]

    special = ev.evaluate_predictions(["x", "y"], ["greet", "skip"], ["greet", "greet"],
                                      ["greet"], train_texts=["x"])
    table = ev.nlu_summary_markdown({"configs": {"exitbot": {
        "heldout": special, "training_seconds": 3.0}}}, None)
    header = table.splitlines()[0]
    assert "covered accuracy" in header and "novel accuracy" in header
    assert "1 held-out intents have no training example" in table
    assert "**1 of the held-out texts also occur in data/nlu/**" in table


def test_confusion_matrix_png(tmp_path):
    path = ev.plot_confusion(["a", "b", "b"], ["a", "a", "c"], tmp_path / "cm.png", "test")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_markdown_combines_the_sections():
    crisis_result = ev.evaluate_crisis(CRISIS_ITEMS, ["alarm"], fake_classify, fake_minor)
    text = ev.eval_markdown(crisis_result, "| system |\n")
    assert "## Crisis detection" in text and "## NLU" in text and "| system |" in text


def test_cli_rejects_a_single_fold():
    with pytest.raises(SystemExit):
        ev.main(["nlu", "--folds", "1"])


def test_importing_sets_the_environment():
    import os

    assert os.environ["RASA_TELEMETRY_ENABLED"] == "false"
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "3"
    assert ev.ROOT == ROOT


def test_model_subcommand_scores_a_trained_model_without_training(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(ev, "train_nlu", lambda *a, **k: pytest.fail("must not train"))

    def parse(model, texts):
        seen.append(model)
        return [{"intent": {"name": "greet", "confidence": 0.9}} for _ in texts]

    monkeypatch.setattr(ev, "parse_texts", parse)
    result = ev.run_model_heldout(tmp_path, Path("models/exitbot.tar.gz"))
    held = result["heldout"]
    assert seen == [Path("models/exitbot.tar.gz")]
    assert held["n"] > 250
    # Everything read as greet: right only for the held-out greetings.
    assert held["per_intent"]["greet"]["recall"] == 1.0 and held["accuracy"] < 0.1
    saved = json.loads((tmp_path / "nlu" / "model_heldout.json").read_text())
    assert saved["heldout"]["accuracy"] == held["accuracy"]
