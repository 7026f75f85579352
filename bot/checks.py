"""`python -m bot.checks validate-log LOG`: fails on any warning of `rasa data validate`.

Rasa 3.6 warns in a few cases that are not problems, and the check proves each one instead of
ignoring it: responses used outside stories (a form's `utter_ask_<slot>`, or a response an
action sends by name), and retrieval intents that the domain must list for the rules while
Rasa also derives them from the answers in data/nlu/.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import List

import yaml

from bot import ROOT

_WARNING = re.compile(r"UserWarning: (.*?)(?=\x1b\[0m|More info at|\Z)", re.S)
_UNUSED = re.compile(r"The utterance '(utter_[\w/]+)' is not used in any story or rule\.")
_DUPLICATES = re.compile(r"The following duplicated intents have been found across multiple "
                         r"domain files: (.*)")


def _used_outside_stories(utterance: str) -> bool:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    form_slots = {slot for form in domain.get("forms", {}).values()
                  for slot in form.get("required_slots", [])}
    if utterance.startswith("utter_ask_") and utterance[len("utter_ask_"):] in form_slots:
        return True
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot").rglob("*.py"))
    return f'"{utterance}"' in code


def _retrieval_intents() -> set:
    intents = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        intents |= {key.split("/")[0].removeprefix("utter_") for key in data.get("responses", {})}
    return intents


def problems_in(log: str) -> List[str]:
    problems = []
    retrieval = _retrieval_intents()
    for warning in _WARNING.findall(log):
        text = " ".join(warning.split())
        if text.startswith("Slot auto-fill has been removed"):
            continue  # printed for every domain by Rasa 3.6 itself
        if text.startswith("You have set 'TF_DETERMINISTIC_OPS' to 1"):
            continue  # set on purpose for reproducible training; the warning is about GPUs
        unused = _UNUSED.search(text)
        if unused and _used_outside_stories(unused.group(1)):
            continue
        duplicates = _DUPLICATES.search(text)
        if duplicates and {d.strip() for d in duplicates.group(1).split(",")} <= retrieval:
            continue
        problems.append(text)
    return problems


def main(argv: List[str]) -> int:
    if len(argv) != 2 or argv[0] != "validate-log":
        print(__doc__)
        return 2
    problems = problems_in(Path(argv[1]).read_text(encoding="utf-8", errors="replace"))
    for problem in problems:
        print(f"warning: {problem}")
    print(f"rasa data validate: {len(problems)} warning(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
