"""The deterministic crisis safety net: recall on real-world phrasing, no alarms on near-misses."""

import pytest
import yaml

from bot import ROOT
from bot.safety.crisis import DANGER, SUICIDE, classify, confirms, mentions_minor, normalise

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
    # despair and pills together; never another morning
    "orker ikke mere. sluger pillerne i nat",
    "jeg giver op og tager tabletterne i aften",
    "har fået nok, tar bare mine sovepiller nu",
    "håber bare jeg aldrig ser en ny dag",
    "vil ikke opleve en morgen mere",
]

# --- near-misses: no crisis ---------------------------------------------------------------

NEAR_MISSES = [
    "bruger man jer når det er akut eller hvad",  # how the service is used, not a crisis
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
    # medicine and mornings without despair
    "husk at tage pillerne i aften",
    "jeg er færdig med lektierne og tager mine piller nu",
    "jeg glæder mig til at se en ny dag",
    "han giver op med fodbold og tager sin medicin som han skal",
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
def test_no_crisis_training_example_is_waved_away(intent):
    # Each is caught by the rules, or believed when the classifier proposes it.
    assert [e for e in _examples(intent)
            if classify(e) != intent and not confirms(e, intent)] == []


@pytest.mark.parametrize("text,kind", [
    ("hahaha min mor slår mig ihjel når hun ser det", DANGER),
    ("jeg dør af grin lol", SUICIDE),
    ("hvad nu hvis de kommer efter mig om et år", DANGER),
    ("for to år siden blev jeg truet med en kniv", DANGER),
])
def test_the_classifier_is_not_believed_on_jokes_what_ifs_and_the_past(text, kind):
    assert not confirms(text, kind)


def test_inverted_word_order_is_still_suicide():
    # Danish inverts after a leading clause: "så gør jeg en ende på det".
    assert classify("hvis det fortsætter så gør jeg en ende på det hele") == SUICIDE


def test_suicide_questions_are_always_believed():
    assert confirms("hvor mange piller skal man tage for at dø", SUICIDE)


def test_booking_answers_do_not_raise_the_alarm():
    data = yaml.safe_load((ROOT / "data" / "nlu" / "callback.yml").read_text())
    examples = [line[2:] for b in data["nlu"] for line in b["examples"].splitlines()
                if line.strip()]
    assert [e for e in examples if classify(e)] == []


# =========================================================================================
# Phrasing families added after the first held-out evaluation. Every example here was
# written for the unit tests; none is taken from tests/safety/crisis_heldout.yml.
# =========================================================================================

DANGER_FAMILIES = {
    # a weapon in someone's hands, someone present with one, or one pointed at someone
    "weapon": [
        "han står med en kniv nede ved indgangen",
        "der sidder en fyr i bilen med en pistol",
        "en af dem har en strap på sig",
        "typen har en smed på sig",
        "han har en gun på sig",
        "der er en med en machete i opgangen",
        "de står bag netto med knive og venter",
        "han trak en pistol mod mig",
        "de holder en kniv for halsen på min bror",
        "han peger på mig med en pistol",
        "en af dem kom hen mod mig med en kniv",
        "han hev en kniv frem og råbte",
        "de viste mig en pistol og sagde jeg skal betale",
        "they have a gun",
        "hjelp de har en gun",
    ],
    # someone waits, watches, lurks, follows or hunts; the writer is on the run
    "waited for, watched, hunted": [
        "der holder en sort bil foran min opgang og de kigger herop",
        "de sidder i en bil uden for min skole og venter",
        "de har holdt øje med min lejlighed hele dagen",
        "nogen kigger ind gennem mit vindue",
        "en fyr har kigget op på min altan hele aftenen",
        "han står og lurer ved min bil",
        "de er lige bag mig",
        "jeg kan høre dem i trappeopgangen",
        "de venter på mig ude ved cykelkælderen",
        "der er en bil der kører efter mig",
        "jeg bliver fulgt efter",
        "jeg bliver jagtet af tre fyre",
        "løber fra dem lige nu",
        "jeg er på flugt",
        "kan ikke ryste ham af",
        "de har fundet mit nye hus",
        "de siger de kender min adresse",
        "hjælp hjælp de kommer",
    ],
    # held, locked in, bound, taken away, forced into a car
    "held or taken": [
        "de har taget min telefon og vil ikke lade mig gå",
        "jeg sidder låst inde i et kælderrum",
        "de holder min bror fanget i en lejlighed",
        "min søn siger han bliver holdt fast",
        "de har bundet mig fast",
        "de tvang mig ind i deres bil",
        "de har taget min søn med i en bil",
        "min kæreste er blevet hentet af nogle fra banden",
        "jeg er gidsel",
        "jeg har låst mig inde på toilettet",
    ],
    # beaten or attacked now
    "beaten now": [
        "de tæsker min lillebror lige nu",
        "han slår hende lige nu",
        "de sparker på ham nede på gaden",
        "de slår løs på min ven",
        "jeg bliver tævet",
        "de har banket ham helt til plukfisk",
        "de går løs på min far",
        "jeg blev knivstukket for 10 min siden",  # minutes ago is now, not the past
    ],
    # shots, fire, smashed doors, photos of the house
    "attack on the home": [
        "de har skudt gennem vores vindue",
        "de skyder mod huset",
        "nogen har smidt en brandbombe ind ad vinduet",
        "de har tændt ild til min bil",
        "de brænder min bil af",
        "de smadrede hoveddøren i nat",
        "de smadrer mine ruder",
        "han poster billeder af min opgang",
        "de har sendt en video af min lillesøster",
    ],
    # threats in other words
    "threat": [
        "de skriver at de kommer og stikker mig",
        "jeg får beskeder om at jeg skal dø",
        "han sagde han ville knive mig",
        "de truer med at sende mig i graven",
        "jeg blev truet med kniv i går",
        "de truer med at ringe til politiet og slå mig ihjel",
    ],
    # slang and typos
    "typos": [
        "de falger efter mig",
        "han har en pistel",
        "de star udenfoe med kniv",
    ],
    # arriving, scared now
    "arriving, scared now": [
        "de er her om lidt",
        "han kommer hertil om fem min",
        "jeg er pisse bange, han er på vej",
    ],
}

SUICIDE_FAMILIES = {
    # a rope or noose ready, pills saved, taken or bought
    "preparations": [
        "rebet hænger klar i kælderen",
        "har bundet en løkke",
        "har lagt rebet frem",
        "jeg har gemt alle mine sovepiller",
        "jeg har sparet piller op i månedsvis",
        "tænker på at tage alle pillerne",
        "jeg har slugt et helt glas panodil",
        "har taget 20 panodiler",
        "jeg har købt en masse panodil",
        "jeg har taget min fars piller",
        "har lige taget sovepiller",
    ],
    # in front of a train, off a bridge, a roof, a high floor
    "methods": [
        "vil hoppe ud foran metroen",
        "står ved skinnerne og venter på toget",
        "jeg vil lægge mig på skinnerne",
        "jeg er på vej ud til skinnerne",
        "jeg vil springe ud fra 10. sal",
        "jeg står oppe på taget",
        "sidder på kanten af broen",
        "jeg holder kniven mod min hals",
        "har fundet fars pistol og vil rette den mod mig selv",
    ],
    # farewells and last letters
    "farewell": [
        "jeg har skrevet breve til min familie så de ved hvorfor",
        "jeg har skrevet en besked til min søster til når de finder mig",
        "det her er min sidste besked",
        "jeg vil bare sige farvel til alle",
        "det her er mit farvel",
        "farvel verden",
        "det er slut med mig",
    ],
    # not being here, a burden, not waking up
    "not being here": [
        "snart er jeg her ikke mere",
        "snart er jeg væk",
        "hvis jeg ikke lever i morgen så ved i hvorfor",
        "så er jeg ikke til besvær mere",
        "så slipper i for mig",
        "gid jeg ikke vågner i morgen",
        "håber jeg bare ikke vågner op",
        "jeg vil sove og ikke vågne",
        "håber ikke jeg vågner i morgen",
        "jeg kan ikke se nogen udvej",
    ],
    # self-harm urges and habits
    "self-harm": [
        "har fået trang til at cutte igen",
        "jeg ridser mig selv med en saks",
        "brænder mig med cigaretter for at mærke noget",
        "slår mit hoved ind i væggen",
        "har lyst til at skære i mig",
        "jeg skærer mig hver aften",
    ],
    # slang, typos, English, splits
    "slang": [
        "vil doe",
        "selv mord",
        "selvmords tanker hele tiden",
        "vil unalive mig selv",
        "kms fr",
        "gør det af med mig selv",
        "orker ikke livet mere",
        "vil bare være død",
    ],
}

NEAR_MISS_FAMILIES = {
    # hyperbole: homework and other things as the subject, laughter, "dræber mig med ..."
    "hyperbole": [
        "fysiktimen slår mig ihjel",
        "matematik prøven dræber mig",
        "varmen slår mig ihjel i dag",
        "min storebror slår mig ihjel hvis han ser det her haha",
        "min far dræber mig hvis jeg kommer for sent igen",
        "lol min lærer dræber mig",
        "min bror slår mig ihjel når han ser hans cykel 😂",
        "hun kommer til at slå mig ihjel xd",
        "hun dræber mig med de jokes",
        "skolen dræber mig lol",
        "den joke slår mig ihjel hahaha",
        "jeg gemmer mig fra mine lektier haha",
    ],
    # a parent's or teacher's everyday threat
    "everyday threat": [
        "min far truer med at tage min telefon hvis jeg ikke kommer hjem",
        "mor truer med at slukke for wifi",
        "min lærer truer med at give mig eftersidning",
        "min mor truer med stuearrest",
        "min mor truer med at inddrage min mobil",
        "min far truer med at ringe til skolen",
    ],
    # games, films, sport
    "game or film": [
        "bliver hele tiden skudt i fortnite",
        "min ven har en pistol i gta",
        "vi spillede paintball og jeg blev skudt 10 gange",
        "han tæskede mig i fifa igen",
        "jeg har lige skudt ham i fortnite 😂",
        "han har en kniv i minecraft",
        "vi ser en film hvor han truer dem med kniv",
        "filmen handler om en fyr der bliver forfulgt",
    ],
    # friends, family and pets who wait, watch or follow
    "friendly company": [
        "mine venner står udenfor og venter på mig",
        "min mor venter på mig udenfor",
        "min mor holder øje med mig hele tiden",
        "min hund følger efter mig overalt",
        "min lillebror følger efter mig hele tiden",
        "vi står udenfor biografen og venter på dig",
    ],
    # ordinary uses of the new families' words
    "ordinary": [
        "han er efter mig i køen",
        "han er lige efter mig i køen",
        "der er nogen i opgangen der larmer, kan man klage",
        "jeg vil have hjælp når de kommer",
        "han kommer og henter mig kl 16",
        "min kniv er sløv, skal købe en ny",
        "vi mangler en kniv til kagen",
        "min morfar går på jagt med sit gevær",
        "vores bil blev smadret i en ulykke",
        "min mor sender billeder af huset til mægleren",
        "de truede mig med en kniv for 3 år siden",
        "jeg tog mine piller i morges",
        "jeg har lige taget mine piller",
        "jeg gemmer mine piller i skabet",
        "jeg skar mig på papiret",
        "jeg sagde farvel til alle i banden",
        "skal sige farvel til alle mine venner fra klassen",
        "det er slut for mig i banden",
        "snart er jeg færdig med skolen",
        "jeg har snart ikke flere penge",
        "jeg bor her ikke mere",
        "jeg sidder på kanten af sengen",
        "gider ikke vågne kl 6",
        "jeg har skrevet et brev til kommunen så de ikke lukker min sag",
        "jeg vil bruge mere tid på mig selv",
        "vi tager til lolland",
    ],
}

# Guards that must not swallow a real crisis: a joke word, a game, "det" for "der", a threat
# that also names violence.
STILL_A_CRISIS = [
    "de truer mig på tiktok",
    "de truede mig efter træning",
    "det står en med kniv udenfor",
    "det er ingen spøg, de vil slå mig ihjel",
    "haha nej men seriøst hjælp de står udenfor",
    "de har taget min playstation og truer mig med kniv",
    "de truer med at smide mig ud fra altanen",
    "min kone slår mig",
    "min lærer slår mig",
    "min far slår mig ihjel hvis han finder ud af at jeg har en kæreste",
    "de truer mig med beskeder hver dag",
    "jeg vil dø lol",
]

MINOR_FAMILIES = [
    "er 14 og de følger efter mig",
    "er 17, jeg gemmer mig",
    "er kun 15 og de truer mig",
    "er 13",
    "14 år og bange",
    "16 år, bor hos mine forældre",
    "16årig pige her",
    "jeg 16 og har det skidt",
    "jeg er snart 15",
    "er 17 år og bor hjemme",
    "er lige fyldt 14",
    "går i 7. klasse",
    "går i 9 klasse",
    "jeg går i 9.",
    "jeg går i 8.c",
]

NOT_MINOR_FAMILIES = [
    "er 15 min forsinket",
    "er 16.00 ok?",
    "er 12:30 fint",
    "det er 14 dage siden",
    "min søster er 15 år",
    "14 år i banden",
    "min bror går i 9.",
    "er 20 min væk",
    "har været i banden i 12 år",
    "er 25 år",
]


def _cases(families):
    return [pytest.param(text, id=f"{family}: {text}")
            for family, texts in families.items() for text in texts]


@pytest.mark.parametrize("text", _cases(DANGER_FAMILIES))
def test_danger_families(text):
    assert classify(text) == DANGER


@pytest.mark.parametrize("text", _cases(SUICIDE_FAMILIES))
def test_suicide_families(text):
    assert classify(text) == SUICIDE


@pytest.mark.parametrize("text", _cases(NEAR_MISS_FAMILIES))
def test_near_miss_families(text):
    assert classify(text) is None


@pytest.mark.parametrize("text", STILL_A_CRISIS)
def test_guards_do_not_hide_a_real_crisis(text):
    assert classify(text) is not None


@pytest.mark.parametrize("text", MINOR_FAMILIES)
def test_minor_without_jeg(text):
    assert mentions_minor(text)


@pytest.mark.parametrize("text", NOT_MINOR_FAMILIES)
def test_times_and_durations_are_not_ages(text):
    assert not mentions_minor(text)


def _all_training_examples():
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            for line in (block.get("examples") or "").splitlines():
                if line.strip():
                    yield path.name, block.get("intent", ""), line.strip()[2:]


def test_no_other_training_example_raises_the_alarm():
    """Only the crisis intents (in safety.yml) may trigger the detector."""
    alarms = [(name, intent, text) for name, intent, text in _all_training_examples()
              if not intent.startswith("crisis_") and classify(text)]
    assert alarms == []
