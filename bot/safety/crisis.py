"""Recognises messages that need the crisis numbers before anything else.

A deterministic safety net that runs after the classifier and overrides it, so recall
matters most: people write on phones, in slang, with typos and often without æ/ø/å.
Every message and every pattern is therefore *folded* the same way before matching:

* lower case, accents stripped, hyphens joined ("selv-mord" -> "selvmord");
* æ/ae -> e, ø/oe -> o, å/aa -> a (so "står", "staar" and "star" are one word);
* repeated letters collapsed ("ikke" -> "ike", "hjææælp" -> "hjelp");
* punctuation reduced to clause marks " . " and " , ".

Patterns below are written in ordinary Danish and folded by `_compile`, so they must
not contain character classes such as ``[ae]`` (folding would change them).

Precision guards, for danger only: a match is ignored when the clause before it asks
about a hypothetical ("hvad hvis de truer mig når jeg går ud?"), is about people in
general ("kan man blive slået ..."), is negated ("ingen følger efter mig"), or, for
patterns that can describe the past, when the clause dates it ("for to år siden").
Suicide patterns have no such guards: a false alarm there costs a kind message.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, List, Optional, Pattern, Tuple

DANGER = "crisis_danger"
SUICIDE = "crisis_suicide"

__all__ = ["DANGER", "SUICIDE", "classify", "mentions_minor", "normalise"]


# ---------------------------------------------------------------------------
# Folding
# ---------------------------------------------------------------------------

_LETTERS = (("æ", "e"), ("ø", "o"), ("å", "a"), ("ae", "e"), ("oe", "o"), ("aa", "a"))


def _fold_letters(text: str) -> str:
    for src, dst in _LETTERS:
        text = text.replace(src, dst)
    return text


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Chat spellings of a few words the patterns rely on (already folded: "ikke" is "ike").
_CHAT_WORDS = {"ik": "ike", "ikek": "ike", "mer": "mere", "mej": "mig", "ka": "kan",
               "lenger": "lengere", "nogn": "nogen", "dm": "dem", "hjlp": "hjelp"}


def normalise(text: str) -> str:
    """The folded form that all patterns are matched against."""
    text = unicodedata.normalize("NFC", text or "").lower()
    text = _fold_letters(text)  # before stripping accents, so ø is not turned into o+stroke
    text = _strip_accents(text)
    text = re.sub(r"(?<=\w)[-‐‑–_](?=\w)", "", text)  # selv-mord, uden-for
    text = re.sub(r"[.!?;:\n\r]+", " . ", text)
    text = re.sub(r",+", " , ", text)
    text = re.sub(r"[^a-z0-9., ]+", " ", text)
    text = _fold_letters(text)  # again: accents stripped may have produced new pairs
    text = re.sub(r"([a-z])\1+", r"\1", text)
    words = [_CHAT_WORDS.get(w, w) for w in text.split()]
    return " " + " ".join(words) + " "


def _fold_pattern(pattern: str) -> str:
    pattern = _fold_letters(pattern.lower())
    # Collapse doubled letters, but never the letter of an escape such as \b or \s.
    return re.sub(r"(?<!\\)([a-z])\1+", r"\1", pattern)


def _compile(*alternatives: str) -> Pattern[str]:
    return re.compile("|".join(f"(?:{_fold_pattern(a)})" for a in alternatives))


# ---------------------------------------------------------------------------
# Building blocks (Danish, folded when compiled)
# ---------------------------------------------------------------------------

# One filler word that is never a negation.
_W = r"(?:(?!ikke\b|ik\b|aldrig\b|ingen\b)\w+ )"
# Someone other than the writer. "dem" for "de" is common in chat.
_THEY = (r"\b(?:de|dem|han|hun|nogen|nogle|der|fyrene|fyren|drengene|gutterne|folk|"
         r"typerne|typen|manden|mændene|en fyr|en mand|to fyre|tre fyre|ham der|ham fra|"
         r"banden|gruppen|min ex|min eks)")
# Who can be in danger: me, us, or (written by a relative) him/her.
_VICTIM = (r"(?:mig|os|ham|hende|min søn|min bror|min lillebror|min datter|min familie|"
           r"min mor|min far|min kæreste|mit barn|vores søn|min ven|min veninde|min kammerat|"
           r"min søster|min lillesøster|min storebror|min bedste ven)")
_ME = r"(?:mig|os)"
# Words that may stand between "står/venter" and the place ("står og venter udenfor",
# "står to fyre udenfor"), but not "står og sælger udenfor skolen".
_STAND_FILL = (r"(?:(?:nogen|nogle|folk|to|tre|fire|fem|flere|mænd|fyre|typer|drenge|de|dem|"
               r"han|hun|der|og|venter|råber|kigger|glor|lurer|lige|bare|stadig|nu|igen|her|"
               r"en|bil|sort|mand|fyr|hele|tiden|i) ){0,4}")
_DOOR = (r"(?:min dør|mit hus|vores dør|hans dør|hendes dør|døren|hoveddøren|huset|opgangen|"
         r"min opgang|vores opgang|min hoveddør|vores hoveddør|mit vindue|min skole|"
         r"porten|lejligheden|mit vindue|vinduet|hjemme|min lejlighed|vores lejlighed|mit værelse)")
_OUTSIDE = (rf"(?:uden ?for|ude ?for|ude foran|nede ?for|neden ?for|neden ?under|nede på gaden|"
            rf"nede ved|ude på gaden|ved {_DOOR}|foran {_DOOR}|i opgangen|på trappen|"
            rf"på trapperne|under vinduet|ved vinduet|derude|dernede|herude)")
# "uden for banden" is about leaving, not about a door.
_NOT_MILIEU = (r"(?! (?:banden|bande|miljøet|miljø|bandemiljøet|gruppen|kriminalitet|"
               r"det kriminelle|klikken|rockermiljøet|det hele|samfundet|familien))")
_KILL_VERB = (r"(?:slå|slår|slog|banke|banker|bankede|tæske|tæsker|tæskede|smadre|smadrer|"
              r"gennembanke|gennembanker)")
_IHJEL = r"i ?(?:hj|h|j)el\b"


# ---------------------------------------------------------------------------
# Suicide and self-harm
# ---------------------------------------------------------------------------

_SUICIDE = _compile(
    # the word itself, with common typos ("selvmor", "selmord", "slevmord")
    r"\bs(?:e|i)l(?:v|f|w|)m(?:o|u|)r(?:d|t|)",
    r"\bslevmor",
    r"\bsuicid",
    r"\bselvskad",
    r"\bafskedsbrev",
    r"\boverdosis",
    r"\b(?:kill myself|kms|want to die|wanna die|end it all|end my life|self harm)\b",
    # taking one's life
    r"\b(?:tage|tager|ta|tog) (?:mit|sit|mit eget|sit eget) liv\b",
    r"\b(?:tage|tager|ta|tog) livet af (?:mig|sig)\b",
    r"\b(?:slå|slår|dræbe|dræber|skyde|skyder|hænge|hænger) (?:mig|sig) selv\b",
    r"\bhænge (?:mig|sig)\b",
    r"\bgøre det af med (?:mig|sig) selv\b",
    r"\b(?:gøre|gør) en ende på (?:det|det hele|mit liv|livet|alting|alt|mig selv)\b",
    r"\b(?:ende|afslutte) (?:mit liv|livet|det hele|alting)\b",
    r"\b(?:slutte|stoppe) (?:mit liv|livet)\b",
    r"\bvil (?:bare |)ende det\b(?! med| her| nu med)",
    r"\bgive op på livet\b|\bgiver op på livet\b",
    # methods
    r"\b(?:springe|springer|hoppe|hopper|kaste mig|kaster mig|smide mig|køre) (?:ud |)"
    r"(?:fra|foran|ud fra|ud foran|ned fra|ud over) (?:\w+ |)"
    r"(?:broen|bro|taget|tag|toget|tog|altanen|bygningen|et højhus|højhuset|vinduet|en bil|"
    r"en lastbil|bilerne|motorvejen|skinnerne)\b",
    r"\b(?:tage|tager|taget|tog|ta|sluge|sluger|slugt|slugte|æde) (?:\w+ |)"
    r"(?:alle|en masse|mange|hele glasset med|"
    r"hele pakken med) (?:mine |de |)piller",
    r"\b(?:samlet|samler) (?:på |)piller\b",
    # self-harm
    r"\b(?:skære|skærer|skar|skåret|kradse|kradser|brænde|brænder|brændt|skade|skader|"
    r"skadet|slå|slår) (?:i |på |)(?:mig|sig) selv\b",
    r"\b(?:skære|skærer|skar|skåret) (?:i |mig i |sig i )(?:mine |sine |min |sin |)"
    r"(?:arme|armene|armen|håndled|håndleddet|håndleddene|lår|låret|lårene|ben|benene|huden)\b",
    r"\b(?:gøre|gør|gjort) (?:mig|sig) selv (?:noget|skade|fortræd|ondt)\b",
    r"\b(?:jeg|han|hun) (?:har |er begyndt at |)cutt(?:er|et|e)\b",
    r"\bcutte (?:mig|sig)\b",
    # wanting to die / not to live
    r"\b(?:vil|ville|lyst til at|ønsker at|ønsker bare at|kunne|bare|gerne|hellere) "
    r"dø\b(?! (?:af|for|med|i|som|på|end|hvis|inden|før|når|grine|griner|ung|gammel))",
    r"\b(?:tænker|tænkte|tænkt|overvejer|overvejet) (?:\w+ ){0,2}på (?:at dø|døden|at tage mit|"
    r"at tage sit|at ende det|at forsvinde|at ta mit|at ta livet)\b",
    r"\bkøbt (?:et |noget |)reb\b",
    r"\bkøre (?:ind i|ud foran|foran|galt med vilje i) (?:en |et |)"
    r"(?:lastbil|bus|tog|træ|mur|bil)\b",
    r"\b(?:ønsker|ønske|ønskede|håber|gid|bare) (?:at |)(?:jeg|han|hun) (?:bare |snart |)"
    r"(?:dør|døde|var død|kunne dø|aldrig var født|aldrig blev født|ikke fandtes|ikke levede|"
    r"ikke var her)\b(?! af)",
    r"\b(?:bedre|nemmere|lettere) (?:for alle |for dem |for min familie |)(?:hvis|at|om) "
    r"(?:jeg|han|hun) (?:var død|døde|ikke var her|ikke fandtes|"
    r"ikke levede|forsvandt)\b",
    r"\b(?:bedre|nemmere|lettere) (?:\w+ ){0,4}uden mig\b",
    r"\b(?:vil|gider|orker|kan|magter|tør|gad) ikke (?:mere |længere |)(?:at |)leve\b"
    r"(?! (?:sådan|som|det|på|med|i|et|af|uden|her|der|mit|sammen|videre|normalt|ordentligt))",
    r"\b(?:ikke|ingen) (?:lyst|kræfter|overskud|mod|energi) til at leve\b",
    r"\b(?:træt|tret) af (?:at leve|livet|at være i live|at være til|mit liv)\b",
    r"\bikke (?:være her|være til|eksistere|findes|leve) (?:mere|længere)\b",
    r"\bvil (?:bare |)ikke (?:være her|være til|eksistere|findes)(?: mere| længere|)\s*(?:[.,]|$)",
    r"\b(?:ingen|ikke nogen|ikke noget|intet|ikke mere) (?:grund|mening) "
    r"(?:til at|at|i at) (?:leve|være her|være til)\b",
    r"\b(?:intet|ikke noget|ingenting|ikke mere) at leve for\b",
    r"\b(?:livet|mit liv) (?:er ikke værd at leve|giver ingen mening|har ingen mening|"
    r"er meningsløst|"
    r"er slut|er forbi)\b",
    r"\bikke værd at leve\b",
    r"\b(?:orker|gider|vil|kan|magter) ikke (?:mere |længere |)(?:at |)(?:være til|eksistere|"
    r"være i live)\b",
    r"\b(?:hvordan|måde at|måder at|bedste måde at|nemmeste måde at) (?:jeg skal |man kan |)dø\b"
    r"(?! af| for)",
    r"\bikke (?:være her|være til|leve|være i live) (?:i morgen|i næste uge|meget længere|"
    r"til jul|så længe)\b",
    r"\bfærdig med (?:livet|at leve|mit liv)\b",
    r"\b(?:fået nok|nok) af (?:livet|at leve|mit liv)\b",
    r"\btanker om (?:at dø|døden|at tage mit|at tage sit|at ende|at forsvinde)\b",
    r"\bingen (?:vil|ville|kommer til at|ville nok) savne mig\b",
    r"\b(?:ligeglad|lige meget|ligemeget) (?:med |)(?:om|hvis) (?:jeg|han|hun) (?:lever|dør)\b",
    r"\bklar til at dø\b(?! for)",
    r"\bslutte det hele\b(?! med| nu med)",
    r"\bingen mening med (?:livet|mit liv|at leve|noget som helst)\b",
    r"\balt er (?:sort|mørkt|håbløst)\b",
    r"\b(?:jeg er|føler mig som) (?:bare |kun |)en byrde\b",
    r"\bvil (?:springe|hoppe)(?: ud| ned|)\s*(?:[.,]|$)",
    r"\bstår på (?:kanten|broen|taget|rælingen)\b",
    r"\bser ingen (?:anden |)(?:udvej|vej ud|mening)\b(?! (?:af|fra|ud))",
    # indirect: disappearing, sleeping forever
    r"\b(?:væk|vek) (?:fra (?:det hele|alt|alting|alle|livet|verden) |)for altid\b",
    r"\b(?:forsvinde|forsvinder|sove|sover|væk) for (?:altid|evigt)\b",
    r"\bvæk fra (?:livet|verden|denne verden|jorden)\b",
    r"\b(?:vil|vil bare|vil gerne|vil helst|lyst til at|bare) forsvinde\s*(?=[.,]|$| og\b| helt\b)",
    r"\baldrig (?:at |)vågne (?:op |)(?:igen|mere|)\b",
    r"\bikke (?:at |)vågne (?:op |)(?:igen|mere|i morgen)\b",
    r"\bvil ikke vågne(?: op|)\s*(?:[.,]|$)",
    # a bare "jeg orker ikke mere" / "kan ikke mere" (nothing about what) is checked on
    r"(?:^|[.,]) *(?:jeg |)(?:orker|kan|magter) (?:bare |)ikke (?:mere|længere)"
    r"(?: altså| seriøst| med noget| med det hele| med livet|)\s*(?:[.,]|$)",
    r"\bvil (?:bare |)sove (?:og |)(?:aldrig|ikke) ",
    # relatives about someone else
    r"\b(?:snakker|taler|skriver|truer) (?:\w+ |)om at (?:tage sit|slå sig|dræbe sig|dø|ende det)",
)

# "det er (rent) selvmord at sladre" is an idiom for "dangerous", not a crisis.
_SUICIDE_IDIOM = _compile(
    r"\b(?:det er|er det|det ville være|det bliver|det vil være) (?:\w+ ){0,2}"
    r"selvmord (?:at|hvis)\b",
)

# Folded stems of single words that are recognised even with one typo, alone or as the
# first part of a compound ("selvmordstanker", "slevmordtanker").
_SUICIDE_STEMS = ("selvmord", "selvskade", "overdosis", "afskedsbrev")
_DANGER_STEMS = ("dødstrusler", "dødstrussel", "knivstukket")
_COMPOUND_TAILS = ("", "s", "e", "er", "et", "en", "ere", "ende", "ne", "stanker", "stanke",
                   "tanker", "tanke", "sforsøg", "forsøg", "struet", "sfare", "fare")


# ---------------------------------------------------------------------------
# Acute danger
# ---------------------------------------------------------------------------

# (pattern, can_describe_the_past)
_DANGER_RULES: List[Tuple[Pattern[str], bool]] = [
    # someone is outside / at the door / waiting
    (_compile(
        rf"(?<!jeg )\b(?:står|stå|stod|holder|holdt|venter|ventede|sidder|lurer|hænger|"
        rf"hænger ud|går rundt|kører rundt|parkeret|parkerer) {_STAND_FILL}{_OUTSIDE}{_NOT_MILIEU}",
        rf"{_THEY} (?:er|var) (?:lige |)(?:her |)(?:uden ?for|ude ?foran|nede på gaden|i opgangen|"
        rf"ved {_DOOR}|foran {_DOOR}){_NOT_MILIEU}",
        rf"\bder er {_W}{{1,2}}(?:uden ?for|ude ?foran|i opgangen|ved {_DOOR}|foran {_DOOR}|"
        rf"nede på gaden){_NOT_MILIEU}",
        rf"{_THEY} (?:står og |sidder og |)venter på (?:mig|os|ham|hende)\b",
        r"\bog venter på (?:mig|os)\b",
        rf"{_THEY} (?:står og |sidder og |)venter\s*$",
        r"\b(?:kigger|glor|stirrer|holder øje) (?:op |ind |)(?:ad|af|gennem|i|på|med) "
        r"(?:mit|vores|min|hans) "
        r"(?:vindue|vinduer|lejlighed|stue|dør)",
        r"\bstår (?:de|han|dem) (?:der|derude|dernede|udenfor) (?:igen|nu)\b",
        rf"{_THEY} (?:prøver|forsøger) at (?:åbne|sparke|bryde|tvinge) (?:døren|min dør|vores dør|"
        r"vinduet|hoveddøren|ind)\b",
        rf"{_THEY} kommer hjem til (?:mig|os) (?:nu|i nat|i aften|lige nu)\b",
        rf"{_THEY} (?:er|er lige|er kommet|er trængt) (?:inde |ind |)i (?:min|vores|mit) "
        r"(?:lejlighed|hus|værelse|opgang|bil)\b",
        r"\bventer på (?:mig|os|ham|hende) (?:nede|ude|udenfor|uden for|foran|ved|i opgangen|"
        r"på gaden|nedenunder)",
        r"\b(?:banker|banket|hamrer|hamre|sparker|sparke|slår) (?:\w+ |)på (?:døren|min dør|"
        r"vores dør|hoveddøren|vinduet|vinduerne|ruden)\b",
        rf"{_THEY} (?:prøver|forsøger) at (?:komme ind|bryde ind)(?! på| til)",
        rf"{_THEY} (?:er|er lige) (?:her|her nu|kommet|inde i lejligheden|inde i huset|"
        r"her igen|på vej|på vej hertil|på vej herhen|på vej hjem til mig|på vej efter mig)"
        r"(?= *$| *[.,]| nu\b| igen\b| og\b| for at\b| efter mig\b| hertil\b)",
    ), False),
    # followed, hunted, watched
    (_compile(
        rf"\b(?:følger|følge|fulgte|fulgt) efter {_VICTIM}",
        r"\b(?:forfølger|forfulgt|forfølges)\b",
        rf"\b(?:jagter|jager|jagtet) {_VICTIM}\b",
        rf"\b(?:er|var|kommer|går) (?:ude |)efter {_VICTIM}\b",
        rf"\bder er (?:nogen|nogle|folk) (?:der er |som er |)(?:ude |)efter {_VICTIM}\b",
        rf"\bomring(?:et|er|ede) {_VICTIM}\b",
        rf"\b(?:leder|ledte|søger) efter {_ME}\b",
        rf"\bholder øje med {_ME}\b|\bovervåger {_ME}\b",
        r"\b(?:ved|fundet ud af) hvor (?:jeg|vi) bor\b",
        r"\b(?:har|har fået|fået fat i) (?:min|vores) adresse\b",
        rf"\b(?:har fundet|fandt) {_ME}\b(?! (?:en|et|til rette|godt|tilpas|nogle))",
        r"\bbliver (?:forfulgt|jagtet|overvåget)\b",
    ), False),
    # threats (present, or recent and not dated back)
    (_compile(
        rf"\btru(?:er|ede|et|es|e) {_W}{{0,2}}?{_VICTIM}\b",
        r"\btru(?:er|ede|et) (?:\w+ ){0,2}?på livet\b",
        r"\btru(?:er|ede|et|e) (?:\w+ ){0,2}?med at (?:\w+ ){0,2}?(?:slå|dræbe|skyde|stikke|banke|"
        r"tæske|smadre|gøre|finde|komme efter|tage|brænde|kidnappe|hævne|straffe|sprænge|"
        r"voldtage|knive|likvidere|pløkke|ødelægge|hente|besøge|klippe|komme hjem til|skade)\b",
        r"\btruet på livet\b",
        rf"\bafpress(?:er|ede|et|es) {_VICTIM}\b|\b(?:bliver|er blevet) afpresset\b",
        r"\b(?:bliver|blir|er blevet|føler mig|er) truet\b",
        r"\bdøds?trus",
        rf"\b(?:fået|får|modtager|modtaget|sender|sendt|fik) {_W}{{0,2}}"
        r"trus(?:el|ler|sel)(?:ne|en|)\b",
        r"\btrus(?:el|ler|sel)(?:ne|en|) (?:fra|på sms|på snap|på telefonen|hele tiden|mod mig)\b",
    ), True),
    # violence against me/us, now or intended
    (_compile(
        rf"\b{_KILL_VERB} {_VICTIM} {_IHJEL}",
        rf"\b{_KILL_VERB} {_ME} (?:ned|halvt|til plukfisk|sønder|hver dag|igen|nu)\b",
        rf"(?<!det )\b(?:slår|banker|tæsker|sparker|kvæler|smadrer|slog|bankede|tæskede|"
        rf"sparkede) {_ME}\b",
        rf"\b(?:dræbe|dræber|myrde|myrder|skyde|skyder|stikke|stikker|knive|kniver|kvæle|kvæler|"
        rf"pløkke|plaffe|smadre|tæske|banke|gennembanke|likvidere|kidnappe) "
        rf"{_VICTIM}\b(?! selv| en plade)",
        rf"\b(?:stikke|stikker|stak|stukket|skyde|skyder|skød|skudt|slå|slår|slog|slået) "
        rf"{_VICTIM} ned\b",
        rf"(?<!det )(?<!jeg )\b(?:slår|banker|tæsker|sparker|kvæler) {_VICTIM}\b"
        r"(?! i (?:fifa|spil|skak))",
        rf"(?<!jeg )\bhar (?:lige |)(?:stukket|knivstukket|skudt|slået|banket|tæsket|overfaldet|"
        rf"sparket|tævet) {_VICTIM}\b(?! (?:i fifa|i spil))",
        rf"{_THEY} (?:vil|kommer for at|skal|prøver at) (?:tage|have fat i|hente|få fat i|snuppe) "
        r"(?:mig|os)\b(?! (?:med|til|i|på|ud))",
        rf"{_THEY} har (?:taget|kidnappet|snuppet) (?:min søn|min datter|mit barn|min bror|"
        r"min lillebror|min kæreste|ham|hende)\b(?! med)",
        # death threats quoted: "de siger jeg er en død mand", "de skriver du er død"
        r"\b(?:siger|sagt|sagde|skriver|skrev|skrevet|sendt|sender|truer med) (?:\w+ ){0,2}"
        r"(?:jeg|du|han|hun) (?:er|skal|kommer til at) (?:dø|død|en død mand|være død)\b",
        r"\ben død mand\b|\bdu er død\b",
        r"\bgøre (?:mig|os|min familie|min mor|min søn|min bror|ham|hende) (?:noget|fortræd|ondt|"
        r"skade)\b",
        r"\bgøre det af med (?:mig|os)\b(?! selv)",
        r"\bgiver (?:mig|os) (?:bank|tæsk|klø|tæv)\b",
        r"\b(?:gonna|going to|want to|will) kill (?:me|us)\b",
        rf"\b(?:bliver|blir) {_W}?(?:slået|banket|tæsket|sparket|overfaldet|gennembanket|"
        rf"skudt|stukket|kvalt|tævet)\b",
        rf"\b(?:får|fik) {_W}?(?:bank|tæsk|klø|tæv)\b",
        r"(?<!jeg )\b(?:holder|holdt) (?:mig|os|ham|hende) "
        r"(?:fast|fanget|indespærret|inde|låst inde)\b",
        # "fanget i banden" is about leaving; a prisoner is "spærret inde" in a cell
        r"\b(?:jeg|vi|han|hun) er fanget\b"
        r"(?! i (?!en lejlighed|et rum|en bil|en kælder|kælderen|bilen|rummet|lejligheden))",
        rf"{_THEY} (?:har |)(?:låst|spærret|lukket) (?:mig|os|ham|hende) inde\b",
        r"\b(?:kidnappet|bortført)\b",
        rf"{_THEY} (?:er brudt|brød|bryder|sparker|sparkede|har sparket) (?:døren |)(?:ind|op)\b",
    ), True),
    # injured now, shooting now
    (_compile(
        r"\b(?:jeg|han|hun|vi|min \w+) er (?:lige |)(?:blevet |)"
        r"(?:stukket|knivstukket|skudt|skudt på|slået ned|overfaldet|tævet)\b(?! af)",
        r"\b(?:jeg|han|hun|vi|min \w+) (?:bløder)\b|\bbløder (?:meget|voldsomt|helt vildt)\b",
        r"\b(?:lige blevet|blev lige|er blevet) (?:stukket|knivstukket|skudt|slået ned|overfaldet|"
        r"tævet|banket)\b(?! af| for)",
        r"\b(?:de|der|nogen|han|dem) (?:skyder|skyde) (?:\w+ |)(?:på (?:mig|os|huset|bilen|folk)|"
        r"efter|mod|udenfor|her|lige nu)\b",
        r"\b(?:der er|hører|høre|hørte|lige hørt) (?:\w+ |)(?:skud|skyderi|skudsalver)\b",
        r"\bder bliver skudt\b",
        rf"{_THEY} skyder(?: nu| lige nu| igen|)\s*(?:[.,]|$)",
    ), True),
    # weapons in someone's hands
    (_compile(
        rf"{_THEY} (?:har|står med|holder|viser|trækker|trak|truer med|vifter med|peger med|"
        r"har taget|har fået) (?:\w+ ){0,2}?(?:kniv|knive|kniven|pistol|pistoler|pistolen|gun|"
        r"guns|våben|våbnet|machete|skydevåben|strap|puffer|økse|boldtræ|kølle|"
        r"gevær|haglgevær)\b",
        r"\b(?:peger|pegede|sigter) (?:\w+ |)(?:en pistol|pistolen|et våben|en gun|våbnet) "
        r"(?:mod|på) ",
    ), False),
    # the writer says they are in danger, hiding, afraid to go out
    (_compile(
        rf"\b(?:jeg|vi|han|hun|min \w+) (?:er|føler mig|er virkelig|er lige nu) "
        rf"{_W}?i (?:livs|)fare\b",
        r"\blivs ?fare\b|\bmit liv er i fare\b|\bi akut fare\b|\bakut fare\b",
        r"\b(?:jeg|vi) er ikke i sikkerhed\b|\bjeg er ikke sikker her\b",
        r"\bikke sikkert (?:her|hjemme)\b",
        r"\b(?:jeg|vi) (?:gemmer|gemte|har gemt) (?:mig|os)\b",
        r"\btør ikke (?:\w+ |)(?:gå|tage|komme|være|forlade) (?:ud|hjemme|hjem|udenfor|"
        r"lejligheden|huset)\b(?! af (?:banden|bande|miljøet|det))",
        r"\bbange for (?:mit liv|at dø|at blive dræbt|at blive slået ihjel|at de slår mig)\b",
        r"\b(?:jeg|vi) er (?:så |mega |virkelig |helt vildt |)bange (?:lige nu|nu)\b",
        # imperative at the start of a clause; "hvornår skal jeg ringe 112?" is a question
        r"(?:^|[.,]) *(?:hjælp |please |)(?:ring|kald|tilkald|ring efter|send) (?:\w+ |)(?:112|"
        r"politiet|en ambulance|ambulance)\b",
        r"\bsos\b|\b(?:det er|jeg er i|vi er i) en nødsituation\b|\bdet er akut\b",
        r"(?:^|[.,]) *hjælp (?:mig |hjælp |)(?:nu|hurtigt|lige nu|please)\b",
        r"\b(?:they are|theyre|they re|someone is) (?:outside|following|after)\b",
    ), False),
]

# Hypothetical or general questions: "hvad hvis de truer mig", "kan man blive slået".
_HYPOTHETICAL = _compile(
    r"\bhvis\b",
    r"\bhvad nu\b",
    r"\buden at\b",
    r"\brisik",
    r"\bmon\b",
    r"\bgad vide\b",
    r"\b(?:kan|vil|kommer|bliver|får|skal|risikerer|må) man\b",
    r"\bman (?:kan|vil|kommer|bliver|får|risikerer)\b",
    r"^ *(?:vil|kan|kommer|tror du|er det|gør) (?:de|han|hun|nogen|der|det)\b",
    r"\b(?:kan|vil|kommer) (?:de|han|nogen) (?:finde på|til at)\b",
    r"\bkan det ske\b|\ber det farligt\b|\ber der fare for\b|\bsker der\b",
    r"\b(?:kommer|bliver|risikerer) jeg (?:til at |)\b",
    r"\b(?:kan|vil) jeg (?:blive|få)\b",
    r"\bpå et tidspunkt\b|\bi fremtiden\b|\ben dag\b",
    r"\bhvor (?:mange|ofte|tit|mange gange)\b",
)
# Dates an event back: "for to år siden", "sidste år", "dengang".
_PAST = _compile(
    r"\bfor (?:\w+ ){1,3}siden\b",
    r"\b(?:lang tid|længe|lidt tid|et stykke tid|år|måneder|uger) siden\b",
    r"\bfør\b(?= *(?:$|[.,]| men\b| og\b))",
    r"\bsidste (?:år|måned|uge|sommer|vinter|forår|efterår|weekend|gang)\b",
    r"\bi fjor\b|\bdengang\b|\bda jeg var\b|\bfor længe siden\b|\btidligere\b|\bengang\b",
    r"\bi (?:sommers|vinters|foråret|efteråret)\b|\bsom barn\b|\bsom lille\b",
)
_NEGATION_BEFORE = _compile(r"\b(?:ingen|ikke|ik|aldrig|ingen der|ikke nogen)(?: der| som|) *$")
_NEGATION_AFTER = _compile(r"^ *(?:ikke|ik|aldrig|ikke mere|ikke længere)\b")
_CLAUSE_BREAK = re.compile(r" [.,] ")


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------

def _clause(text: str, start: int, end: int) -> Tuple[str, str]:
    """The part of the match's clause before it, and the part after it."""
    breaks_before = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start + 1)]
    left = breaks_before[-1] if breaks_before else 0
    after = _CLAUSE_BREAK.search(text, end)
    right = after.start() if after else len(text)
    return text[left:start], text[end:right]


def _danger_match_counts(text: str, match: "re.Match[str]", past_capable: bool) -> bool:
    before, after = _clause(text, match.start(), match.end())
    if _HYPOTHETICAL.search(before + match.group(0)):
        return False
    if _NEGATION_BEFORE.search(before[-18:]) or _NEGATION_AFTER.search(after):
        return False
    if past_capable and (_PAST.search(before) or _PAST.search(after)):
        return False
    return True


def _damerau(a: str, b: str, limit: int = 1) -> int:
    """Optimal-string-alignment distance, stopping early above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: List[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if (i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]):
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


_FOLDED_SUICIDE_STEMS = tuple(_fold_pattern(s) for s in _SUICIDE_STEMS)
_FOLDED_DANGER_STEMS = tuple(_fold_pattern(s) for s in _DANGER_STEMS)
_FOLDED_TAILS = tuple(sorted({_fold_pattern(t) for t in _COMPOUND_TAILS}, key=len))


def _near_stem(token: str, stems: Iterable[str]) -> bool:
    if len(token) < 6:
        return False
    for stem in stems:
        for tail in _FOLDED_TAILS:
            if tail and not token.endswith(tail):
                continue
            head = token[: len(token) - len(tail)] if tail else token
            if abs(len(head) - len(stem)) <= 1 and _damerau(head, stem) <= 1:
                return True
    return False


def _tokens(text: str) -> List[str]:
    return re.findall(r"[a-z]+", text)


def _is_suicide(text: str) -> bool:
    for match in _SUICIDE.finditer(text):
        if not _SUICIDE_IDIOM.search(text[max(0, match.start() - 40): match.end() + 12]):
            return True
    if _SUICIDE_IDIOM.search(text):
        return False
    return any(_near_stem(t, _FOLDED_SUICIDE_STEMS) for t in _tokens(text))


def _is_danger(text: str) -> bool:
    for pattern, past_capable in _DANGER_RULES:
        for match in pattern.finditer(text):
            if _danger_match_counts(text, match, past_capable):
                return True
    for token in re.finditer(r"[a-z]+", text):
        if _near_stem(token.group(0), _FOLDED_DANGER_STEMS):
            if _danger_match_counts(text, token, True):
                return True
    return False


def classify(text: str) -> Optional[str]:
    """`crisis_suicide`, `crisis_danger` or None; suicide wins when both appear."""
    folded = normalise(text)
    if _is_suicide(folded):
        return SUICIDE
    if _is_danger(folded):
        return DANGER
    return None


# ---------------------------------------------------------------------------
# Minors
# ---------------------------------------------------------------------------

_AGE_WORDS = {
    "otte": 8, "ni": 9, "ti": 10, "elve": 11, "elleve": 11, "tolv": 12, "tretten": 13,
    "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17,
}
_AGE_WORD = "|".join(sorted({_fold_pattern(w) for w in _AGE_WORDS}, key=len, reverse=True))
_AGE = rf"(\d{{1,2}}|{_AGE_WORD})"
_NOT_AGE_UNIT = (r"(?! ?(?:min\b|minut|timer|time\b|km|kilometer|meter|m\b|kr|kroner|procent|kg|"
                 r"cm|stk|mand|personer|gange|sekunder))")
# The writer's own age; "min søn er 15" is not about the writer.
_MINOR_AGE = _compile(
    rf"\bjeg(?: er|) (?:kun |bare |lige |snart |ikke engang |knap |ca |omkring |jo |)"
    rf"{_AGE}\b{_NOT_AGE_UNIT}",
    rf"(?:^|[.,]) *er (?:kun |bare |jo |){_AGE} (?:år|årig)\b",
    r"\bjeg er (?:en |)(\d{1,2}) ?(?:årig|år gammel|år gl)\b",
    rf"(?:\bjeg |^ *|[.,] *)(?:har lige fyldt|fylder|fyldte lige|blev lige) "
    rf"{_AGE}\b{_NOT_AGE_UNIT}",
    rf"\bjeg er (?:en |)(?:pige|dreng|knægt|fyr|teenager|ung|ung fyr|ung pige) på {_AGE}\b",
    r"\b(?:im|i m|i am) (\d{1,2})\b",
)
_MINOR_OTHER = _compile(
    r"\bjeg (?:går|er|kommer|starter) (?:i|på) (?:\d{1,2}|nulte|første|anden|tredje|fjerde|femte|"
    r"sjette|syvende|ottende|niende|tiende) (?:\. |)(?:klasse|kl)\b",
    r"\bjeg (?:går|er) i (?:\d{1,2}) ?(?:\. |)(?:a|b|c|d|e|x|y|z)\b",
    r"\bjeg (?:går|er) i (?:1|2) ?(?:\. |)g\b",
    r"\bjeg (?:går|er) (?:i|på) (?:folkeskole|folkeskolen|udskoling|udskolingen|mellemtrin|"
    r"mellemtrinnet|efterskole|efterskolen|ungdomsskole|ungdomsskolen|grundskole|grundskolen)\b",
    r"\bjeg er (?:stadig |kun |bare |jo |)(?:under (?:18|atten|15|femten|16|seksten|17|sytten)|"
    r"ikke (?:fyldt |)(?:18|atten)|ikke myndig|mindreårig|et barn|barn|teenager|umyndig)\b",
    r"\bjeg er ikke (?:gammel nok|voksen endnu)\b",
)


def _age_value(raw: str) -> Optional[int]:
    if raw.isdigit():
        return int(raw)
    for word, value in _AGE_WORDS.items():
        if _fold_pattern(word) == raw:
            return value
    return None


def mentions_minor(text: str) -> bool:
    """True when the writer says they are under 18 ("jeg er 14", "jeg går i 8. klasse")."""
    folded = normalise(text)
    if _MINOR_OTHER.search(folded):
        return True
    for match in _MINOR_AGE.finditer(folded):
        raw = next((g for g in match.groups() if g), None)
        age = _age_value(raw) if raw else None
        if age is not None and 8 <= age <= 17:
            return True
    return False
