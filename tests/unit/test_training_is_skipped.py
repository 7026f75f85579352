"""`make run` trains only when something the model depends on changed."""

import subprocess

import pytest

from bot import ROOT

MODEL = "models/exitbot.tar.gz"


def make_question(*args):
    # `make -q` answers without doing anything: exit 0 when the target is up to date.
    return subprocess.run(["make", "-q", *args, MODEL], cwd=ROOT, capture_output=True).returncode


def test_an_up_to_date_model_is_not_retrained():
    if not (ROOT / MODEL).exists():
        pytest.fail("no model: make test trains it before running pytest")
    assert make_question() == 0


@pytest.mark.parametrize("changed", ["domain.yml", "config.yml", "data/nlu/leaving.yml",
                                     "data/rules/booking.yml"])
def test_a_changed_input_means_retraining(changed):
    assert make_question("-W", changed) == 1


@pytest.mark.parametrize("unchanged", ["README.md", "bot/dialogue/booking_form.py",
                                       "bot/safety/crisis.py"])
def test_code_loaded_at_run_time_does_not_retrain(unchanged):
    assert make_question("-W", unchanged) == 0
