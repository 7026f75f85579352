"""The deterministic crisis safety net: recall on real-world phrasing, no alarms on near-misses."""

import pytest
import yaml

from bot import ROOT
from bot.safety.crisis import DANGER, SUICIDE, classify, mentions_minor, normalise

# --- acute danger: present threats, being followed, violence now -------------------------

DANGER_MESSAGES = [
    # someone outside / waiting
    "de står udenfor min dør",
    "Der står nogen udenfor og venter på mig",
    "to fyre står nede på gaden og kigger op",
    "de holder ude foran i en sort bil",
    "han står og venter ved min opgang",
    "de staar udenfor doeren",          # aa/oe instead of å/ø
    "de star udenfor doren",            # å/ø dropped
    "de står uden for huset lige nu!!!",
    "der er nogen i opgangen",
    "dem fra banden venter på mig ved skolen",
    "de venter på mig nede på gaden",
    "nogen banker på døren og råber mit navn",
    "hjælp de er her",
    "de er på vej hertil",
    # followed / hunted
    "nogen følger efter mig",
    "hjaelp de folger efter mig",
    "der er en bil der har fulgt efter mig hele vejen",
    "ham der er efter mig igen",
    "han er ude efter mig",
    "gutterne jagter mig",
    "de har fundet ud af hvor jeg bor",
    "de har fundet mig",
    # threats, present or recent
    "de truer mig",
    "han truer min søn",
    "de har truet med at slå mig ihjel",
    "de truer med at komme hjem til mig",
    "jeg får trusler hele tiden",
    "jeg har fået dødstrusler",
    "fået dodstrusler på snap",         # typo-free compound, æøå-less
    "jeg bliver truet",
    "jeg er blevet truet på livet",
    "de afpresser mig",
    "de siger de slår mig ihjel hvis jeg går",
    "han sagde han ville stikke mig ned",
    # violence now / intended
    "han har en kniv",
    "han står med en pistol",
    "de har knive med",
    "de vil slaa mig ihjel",
    "de vil sla mig ihel",
    "han vil dræbe mig",
    "de vil skyde min bror",
    "min kæreste slår mig",
    "min far banker mig hver dag",
    "jeg bliver slået",
    "jeg er lige blevet stukket",
    "min ven er blevet skudt og bløder",
    "jeg blev lige overfaldet",
    "der bliver skudt udenfor",
    "jeg har lige hørt skud",
    "de skyder på huset",
    "de holder mig fast",
    "de har låst mig inde",
    # danger, hiding
    "jeg er i fare",
    "mit liv er i fare",
    "jeg gemmer mig på et toilet",
    "jeg tør ikke gå hjem",
    "jeg tør ik gå ud af lejligheden",
    "SOS",
    "ring 112",
    "help they are outside",
    "de er inde i min lejlighed",
    "han sidder i en bil nede på gaden og venter",
    "der er nogen efter mig",
    "de har omringet mig",
    "de siger jeg er en død mand",
    "de har lige stukket min bror",
    "nogen står og kigger ind ad mit vindue",
    "de truer med at skade min familie",
    "han truer mig paa snap",
    "jeg blir truet",
]

# --- suicidal thoughts or self-harm, direct and indirect --------------------------------

SUICIDE_MESSAGES = [
    "jeg orker ikke mere at leve",
    "vil bare væk fra det hele for altid",
    "jeg skærer i mig selv",
    "selvmord",
    "selvmor",
    "tænker på selvmoord",
    "har slevmordstanker",
    "jeg tænker på selvmord hver dag",
    "har haft selvmordstanker længe",
    "jeg vil ikke leve mere",
    "jeg vil ikk leve mer",
    "gider ikke leve længere",
    "jeg har ikke lyst til at leve",
    "jeg vil bare dø",
    "jeg vil dø",
    "har lyst til at dø",
    "ønsker at dø",
    "jeg vil tage mit eget liv",
    "ta livet af mig",
    "jeg vil slå mig selv ihjel",
    "vil gøre en ende på det hele",
    "jeg vil ende mit liv",
    "jeg har skrevet et afskedsbrev",
    "jeg har samlet piller",
    "jeg har taget en masse piller",
    "alle ville have det bedre uden mig",
    "der er ingen grund til at leve",
    "jeg har intet at leve for",
    "livet er ikke værd at leve",
    "jeg ser ingen anden udvej",
    "vil bare sove og aldrig vågne op igen",
    "jeg vil ikke være her mere",
    "jeg er træt af at leve",
    "ville ønske jeg var død",
    "jeg tænker på at springe ud fra broen",
    "jeg cutter igen",
    "jeg gør mig selv skade",
    "har skaaret i armene",
    "jeg vil bare forsvinde",
    "vil gerne sove for evigt",
    "der er ingen mening med livet",
    "alt er sort og jeg kan ikke mere",
    "kms",
    "min søn snakker om at tage sit eget liv",
    "hun skærer i sig selv",
    "jeg orker ikke mere",
    "jeg orker ik mer",
    "jeg vil ikke vågne op",
    "jeg er færdig med livet",
    "ingen ville savne mig",
    "det ville være nemmere hvis jeg ikke var her",
    "jeg har købt reb",
    "jeg orker ikke at være til",
    # suicide wins when both appear
    "de truer mig og jeg vil ikke leve mere",
]

# --- near-misses: no crisis ---------------------------------------------------------------

NEAR_MISSES = [
    "jeg vil dø af grin",
    "jeg var ved at dø af skræk",
    "min ven døde sidste år",
    "min morfar døde af kræft",
    "han blev skudt for to år siden og det fik mig til at ville ud",
    "min ven blev skudt",
    "jeg er bange for at sige det til min mor",
    "er det farligt at forlade banden?",
    "hvad hvis de truer mig når jeg går ud?",
    "hvad gør jeg hvis de kommer efter mig",
    "hvad gør jeg hvis nogen følger efter mig",
    "kan man blive slået ihjel hvis man forlader en bande?",
    "bliver jeg truet hvis jeg går ud?",
    "får man trusler når man går ud?",
    "hvordan slipper jeg ud uden at de slår mig ihjel",
    "kan politiet beskytte mig mod trusler?",
    "de truede ham for flere år siden",
    "min far slog mig da jeg var lille",
    "jeg har været truet før men det er længe siden",
    "det er rent selvmord at sladre",
    "jeg står uden for banden nu",
    "jeg er fanget i banden",
    "jeg vil ikke leve sådan her mere",
    "jeg kan ikke leve uden min familie",
    "jeg vil gerne leve et normalt liv",
    "jeg vil bare væk fra miljøet",
    "jeg vil forsvinde fra det miljø",
    "jeg er træt af banden",
    "jeg gider ikke mere",
    "jeg tør ikke sige det til nogen",
    "jeg tør ikke gå ud af banden",
    "jeg er ikke i fare, jeg vil bare vide noget",
    "ingen følger efter mig, jeg er bare nysgerrig",
    "de ved ikke hvor jeg bor",
    "det slår mig at ingen spørger",
    "han slog op med mig",
    "jeg skar mig på en kniv i køkkenet",
    "jeg har en kniv på mig for at beskytte mig, er det ulovligt?",
    "hvornår skal jeg ringe 112",
    "hvem ringer jeg til i en nødsituation",
    "kan jeg komme i exit selvom jeg er spærret inde",
    "jeg vil gerne ud",
    "min bror sad inde for vold",
    "jeg prøver at komme ind på en uddannelse",
    "min søn er 15 og hænger ud med de forkerte",
    "jeg er død træt",
    "jeg orker ikke mere at være i banden",
    "hvor mange bliver slået ihjel i bandekonflikter",
    "de står og sælger udenfor skolen",
    "min lærer truer med at ringe til mine forældre",
    "jeg vil dø før jeg sladrer",
    "jeg er klar til at dø for mine brødre",
    "jeg har fået trusler før, men ikke længere",
    "det er lang tid siden de truede mig",
    "mine forældre er ved at dø af bekymring",
    "jeg dør af sult",
    "min søn har en kniv, hvad gør jeg",
    "hvad er en mentor?",
    "ring til mig",
    "jeg bor i odense",
]

MINORS = [
    "jeg er 14",
    "jeg er kun 16 år",
    "jeg går i 8. klasse",
    "jeg er under 18",
    "Jeg er 15 og de står udenfor",
    "er kun 13 år",
    "jeg er femten",
    "jeg har lige fyldt 16",
    "jeg er en dreng på 14",
    "jeg går i 9.b",
    "jeg går på efterskole",
    "jeg er ikke fyldt 18",
    "jeg er mindreårig",
    "jeg er 17 år gammel",
    "i'm 15",
]

NOT_MINORS = [
    "jeg er 18",
    "jeg er 25 år",
    "min søn er 14",
    "min lillebror går i 8. klasse",
    "jeg er 10 min væk",
    "vi er 15 mand i gruppen",
    "jeg har været i banden i 3 år",
    "jeg er 100 procent sikker",
    "de står udenfor",
]


@pytest.mark.parametrize("text", DANGER_MESSAGES)
def test_acute_danger_is_recognised(text):
    assert classify(text) == DANGER


@pytest.mark.parametrize("text", SUICIDE_MESSAGES)
def test_suicidal_thoughts_and_self_harm_are_recognised(text):
    assert classify(text) == SUICIDE


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_do_not_raise_the_alarm(text):
    assert classify(text) is None


@pytest.mark.parametrize("text", MINORS)
def test_minor_is_recognised(text):
    assert mentions_minor(text)


@pytest.mark.parametrize("text", NOT_MINORS)
def test_adult_or_someone_else_is_not_a_minor(text):
    assert not mentions_minor(text)


def test_empty_and_none_are_safe():
    assert classify("") is None
    assert classify(None) is None  # type: ignore[arg-type]
    assert mentions_minor("") is False


@pytest.mark.parametrize("a, b", [
    ("står udenfor døren", "staar udenfor doeren"),
    ("står udenfor døren", "STAR UDENFOR DOREN"),
    ("jeg vil ikke", "jeg viiil ikkkke"),
    ("hjælp", "hjææælp"),
    ("selv-mord", "selvmord"),
])
def test_normalisation_folds_spelling_variants(a, b):
    assert normalise(a) == normalise(b)


def _examples(intent):
    data = yaml.safe_load((ROOT / "data" / "nlu" / "safety.yml").read_text())
    block = next(b for b in data["nlu"] if b["intent"] == intent)
    return [line[2:] for line in block["examples"].splitlines() if line.strip()]


@pytest.mark.parametrize("intent", [DANGER, SUICIDE])
def test_training_examples_agree_with_the_detector(intent):
    assert [e for e in _examples(intent) if classify(e) != intent] == []


def test_booking_answers_do_not_raise_the_alarm():
    data = yaml.safe_load((ROOT / "data" / "nlu" / "callback.yml").read_text())
    examples = [line[2:] for b in data["nlu"] for line in b["examples"].splitlines()
                if line.strip()]
    assert [e for e in examples if classify(e)] == []
