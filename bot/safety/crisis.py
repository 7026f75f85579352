"""Recognises messages that need the crisis numbers before anything else.

A deterministic safety net that runs after the classifier and overrides it, so recall
matters most: people write on phones, in slang, with typos and often without æ/ø/å.
Every message and every pattern is therefore *folded* the same way before matching:

* lower case, accents stripped, hyphens joined ("selv-mord" -> "selvmord");
* æ/ae -> e, ø/oe -> o, å/aa -> a (so "står", "staar" and "star" are one word);
* repeated letters collapsed ("ikke" -> "ike", "hjææælp" -> "hjelp");
* one-letter typos in a few key danger words corrected ("falger" -> "folger");
* punctuation reduced to clause marks " . " and " , ".

Patterns below are written in ordinary Danish and folded by `_compile`, so they must
not contain character classes such as ``[ae]`` (folding would change them).

Precision guards, for danger only: a match is ignored when the clause before it asks
about a hypothetical ("hvad hvis de truer mig når jeg går ud?"), is about people in
general ("kan man blive slået ..."), is negated ("ingen følger efter mig"), or, for
patterns that can describe the past, when the clause dates it ("for to år siden").
Two more guards apply only to the idiom-prone danger families (threats, violence,
weapons, being held): "slår mig ihjel", "bliver skudt" and "han har en pistol" are everyday
hyperbole when the message laughs ("haha", "lol", "xd", 😂), is about a game, film or
sport ("spiller gta og bliver skudt hele tiden"), or has homework as its subject ("det her
lektiearbejde slår mig ihjel"). A parent's everyday threat ("truer med at tage min
playstation") is not a threat to life. Families that do not occur as jokes (someone at the
door, being followed, shots at the house) keep no such guard.

Suicide patterns have no such guards: a false alarm there costs a kind message.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, List, NamedTuple, Optional, Pattern, Tuple

DANGER = "crisis_danger"
SUICIDE = "crisis_suicide"

__all__ = ["DANGER", "SUICIDE", "classify", "confirms", "mentions_minor", "normalise"]


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


# Key danger words whose one-letter typos ("falger", "pistel", "udenfoe") are corrected: only
# tokens of the same length that differ by one letter or one swap, and never a real word.
# The real words one letter away (from a Danish word list, folded) are kept as written.
_TYPO_TARGETS = ("folger", "fulgte", "forfolger", "forfulgt", "truede", "udenfor", "dreber",
                 "pistol", "pistolen", "kniven", "overfaldet", "kidnapet", "trusler", "jagter",
                 "skyder")
_REAL_NEIGHBOURS = frozenset("""
    bolger folder folgen folges folget folier folker folmer holger dulgte flugte forfolges
    gruede draber drebes drejer drener dreser pistil piston pistilen pistoler kniben knives
    overfalder overfaldes kidnaper truslen truster fagter jagten jagtes jagtet janter magter
    pagter vagter skader skeder skoder skuder skydes skyger skyler skyter snyder
""".split())


def _one_slip(word: str, target: str) -> bool:
    """Same length, and one letter different or two neighbours swapped."""
    if len(word) != len(target) or word == target:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
    if len(diff) == 1:
        return True
    return (len(diff) == 2 and diff[1] == diff[0] + 1
            and word[diff[0]] == target[diff[1]] and word[diff[1]] == target[diff[0]])


def _correct_typo(word: str) -> str:
    if len(word) < 6 or word in _REAL_NEIGHBOURS:
        return word
    return next((t for t in _TYPO_TARGETS if _one_slip(word, t)), word)


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
    words = [_correct_typo(_CHAT_WORDS.get(w, w)) for w in text.split()]
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
         r"banden|gruppen|min ex|min eks|en af dem|en af de|den ene)")
# Who can be in danger: me, us, or (written by a relative) him/her.
_VICTIM = (r"(?:mig|os|ham|hende|min søn|min bror|min lillebror|min datter|min familie|"
           r"min mor|min far|min kæreste|mit barn|vores søn|min ven|min veninde|min kammerat|"
           r"min søster|min lillesøster|min storebror|min bedste ven|mine børn|vores datter|"
           r"min kone|min mand)")
_ME = r"(?:mig|os)"
# The writer's relatives.
_RELATIVE = (r"(?:min søn|min bror|min lillebror|min datter|min familie|min mor|min far|"
             r"mit barn|mine børn|min søster|min lillesøster|min storebror|min kone|min mand)")
# Words that may stand between "står/venter/holder" and the place ("står og venter udenfor",
# "holder en bil med nogen fra banden udenfor"), but not "står og sælger udenfor skolen".
_STAND_FILL = (r"(?:(?:nogen|nogle|folk|to|tre|fire|fem|flere|mænd|fyre|typer|drenge|de|dem|"
               r"han|hun|der|og|venter|råber|kigger|glor|lurer|lige|bare|stadig|nu|igen|her|"
               r"en|et|bil|bilen|varevogn|knallert|scooter|motorcykel|med|fra|banden|af|store|"
               r"sort|sorte|hvid|grå|mørk|mand|fyr|hele|tiden|i) ){0,6}")
_DOOR = (r"(?:min dør|mit hus|vores dør|hans dør|hendes dør|døren|hoveddøren|huset|opgangen|"
         r"min opgang|vores opgang|min hoveddør|vores hoveddør|mit vindue|min skole|"
         r"porten|lejligheden|mit vindue|vinduet|hjemme|min lejlighed|vores lejlighed|mit værelse|"
         r"mit arbejde|min arbejdsplads)")
_OUTSIDE = (rf"(?:uden ?for|ude ?for|ude foran|nede ?for|neden ?for|neden ?under|nede på gaden|"
            rf"nede ved|ude på gaden|ved {_DOOR}|foran {_DOOR}|i \w*opgangen|på trappen|"
            rf"på trapperne|under vinduet|ved vinduet|derude|dernede|herude)")
# "uden for banden" is about leaving, not about a door.
_NOT_MILIEU = (r"(?! (?:banden|bande|miljøet|miljø|bandemiljøet|gruppen|kriminalitet|"
               r"det kriminelle|klikken|rockermiljøet|det hele|samfundet|familien))")
# "der er nogen i opgangen der larmer": neighbours, not a threat.
_NOT_NEIGHBOURS = (r"(?! (?:der|som) (?:larmer|fester|hygger|snakker|griner|flytter|maler|"
                   r"gør rent|bærer|spiller musik|ryger))")
# The writer's home, door, car: what is attacked, watched or photographed.
_HOME = (r"(?:(?:min|mit|mine|vores|hans|hendes) |)(?:dør|døren|hoveddør|hoveddøren|hus|huset|"
         r"lejlighed|lejligheden|opgang|opgangen|trappeopgang|trappeopgangen|bil|bilen|vindue|"
         r"vinduet|vinduer|vinduerne|rude|ruden|ruder|ruderne|altan|altanen|postkasse|"
         r"postkassen|værelse|hjem|adresse|butik|butikken)\b")
# Weapons, with chat words ("gun", "strap"; "smed" only after "en" or as "smeden", since
# "smed" is also the past of "smide"). Compounds such as "foldekniv", "jagtgevær" and
# "våbenhvile" do not match, because each word must end here.
_WEAPON = (r"(?:kniv|knive|kniven|knivene|pistol|pistoler|pistolen|gun|guns|gunnen|våben|"
           r"våbnet|våbnene|skydevåben|machete|macheten|strap|straps|strappen|(?<=en )smed|"
           r"smeden|puffer|pufferen|glock|revolver|gevær|geværet|haglgevær|økse|øksen|"
           r"boldtræ|boldtræet|baseballbat|baseballbattet|bat|battet|kølle|køllen|jernstang|"
           r"knojern|slagvåben|håndgranat|granat|ak47|kalashnikov)\b")
_KILL_VERB = (r"(?:slå|slår|slog|banke|banker|bankede|tæske|tæsker|tæskede|smadre|smadrer|"
              r"gennembanke|gennembanker)")
_IHJEL = r"i ?(?:hj|h|j)el\b"


# ---------------------------------------------------------------------------
# Suicide and self-harm
# ---------------------------------------------------------------------------

# Means of suicide that people prepare ("jeg har et reb klar").
_METHOD = (r"(?:reb|rebet|et reb|løkke|løkken|en løkke|strikken|barberblad|barberbladet|"
           r"barberblade|barberbladene|sovepiller|sovepillerne)\b")
# Pills and tablets, including chat words and brands.
_PILLS = (r"(?:piller|pillerne|pills|tabletter|tabletterne|sovepiller|sovepillerne|sovetabletter|"
          r"sovemedicin|smertestillende|panodil\w*|pamol\w*|paracetamol|ipren\w*|"
          r"medicin\w*)\b")

_SUICIDE = _compile(
    # the word itself, with common typos ("selvmor", "selmord", "slevmord")
    r"\bs(?:e|i)l(?:v|f|w|)m(?:o|u|)r(?:d|t|)",
    r"\bselv (?:mord|mort)\w*",
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
    r"\b(?:gøre|gør|gjorde|gjort) det af med (?:mig|sig) selv\b",
    r"\b(?:gøre|gør)(?: jeg| du| han| hun|) en ende på (?:det|det hele|mit liv|livet|alting|alt|"
    r"mig selv)\b",
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
    r"\b(?:skære|skærer|skar|skåret|kradse|kradser|ridse|ridser|ridsede|ridset|brænde|brænder|"
    r"brændt|skade|skader|skadet|slå|slår|cutte|cutter) (?:i |på |)(?:mig|sig) selv\b",
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
    r"\bstår på (?:kanten|broen|taget|rælingen)\b(?! af (?:sengen|sofaen|stolen|bordet))",
    r"\bser ingen (?:anden |)(?:udvej|vej ud|mening)\b(?! (?:af|fra|ud))",
    r"\b(?:ingen|ikke nogen|ikke se nogen|ikke finde nogen|ikke en) (?:anden |)udvej\b"
    r"(?! (?:fra|af|ud af|på) (?:banden|miljøet|det|gælden))",
    # indirect: disappearing, sleeping forever
    r"\b(?:væk|vek) (?:fra (?:det hele|alt|alting|alle|livet|verden) |)for altid\b",
    r"\b(?:forsvinde|forsvinder|sove|sover|væk) for (?:altid|evigt)\b",
    r"\bvæk fra (?:livet|verden|denne verden|jorden)\b",
    r"\b(?:vil|vil bare|vil gerne|vil helst|lyst til at|bare) forsvinde\s*(?=[.,]|$| og\b| helt\b)",
    r"\baldrig (?:at |)vågne (?:op |)(?:igen|mere|)\b",
    r"\bikke (?:at |)vågne (?:op |)(?:igen|mere|i morgen)\b",
    r"\bvil ikke vågne(?: op|)\s*(?:[.,]|$)",
    # never another morning: "håber jeg aldrig ser en ny dag", "vil ikke opleve en morgen mere"
    r"\b(?:aldrig|ikke) (?:mere |)(?:skal |vil |kommer til at |)(?:se|ser|opleve|oplever) "
    r"(?:en |)(?:ny |)(?:morgen|dag|morgendag|solopgang)(?:en|) (?:igen|mere)\b",
    r"\b(?:håber|gid|ønsker|beder til) (?:bare |)(?:at |)(?:jeg|han|hun) (?:bare |)aldrig "
    r"(?:skal |)(?:se|ser|opleve|oplever) (?:en |)(?:ny |)(?:morgen|dag|morgendag|solopgang)\b",
    # despair and pills in one message: "orker ikke mere, sluger pillerne i nat"; pills alone
    # ("husk at tage pillerne i aften") are medicine
    rf"\b(?:er færdig|kan ikke mere|orker ikke mere|giver op|har fået nok|det er slut)\b"
    rf"(?!(?: \w+)? med (?!livet|det hele|alt\b))"
    rf".*\b(?:tage|tager|ta|tar|sluge|sluger|æde|æder) (?:\w+ ){{0,2}}?{_PILLS}",
    rf"\b(?:tage|tager|ta|tar|sluge|sluger|æde|æder) (?:\w+ ){{0,2}}?{_PILLS}\b"
    rf".*\b(?:er færdig|kan ikke mere|orker ikke mere|giver op|har fået nok|det er slut)\b",
    # a bare "jeg orker ikke mere" / "kan ikke mere" (nothing about what) is checked on
    r"(?:^|[.,]) *(?:jeg |)(?:orker|kan|magter) (?:bare |)ikke (?:mere|længere)"
    r"(?: altså| seriøst| med noget| med det hele| med livet|)\s*(?:[.,]|$)",
    r"\bvil (?:bare |)sove (?:og |)(?:aldrig|ikke) ",
    # relatives about someone else
    r"\b(?:snakker|taler|skriver|truer) (?:\w+ |)om at (?:tage sit|slå sig|dræbe sig|dø|ende det)",
    # --- preparations: a rope or noose ready, pills saved or taken ---
    rf"\b(?:har|fundet|købt|gjort|lagt|hængt|bundet|sat|ligger|hænger|står) (?:\w+ ){{0,3}}?"
    rf"{_METHOD} (?:\w+ ){{0,2}}?(?:klar|parat|op|fast|frem)\b",
    rf"\b{_METHOD} (?:om|rundt om) (?:min |sin |)(?:hals|halsen)\b",
    rf"\b{_METHOD} (?:er |ligger |hænger |står |)(?:\w+ |)(?:klar|parat)\b",
    r"\b(?:bundet|bandt|binder|lavet|laver|lavede|slået) (?:en |et |)(?:løkke|løkken|strikke)\b",
    # hoarding pills; "jeg gemmer mine piller i skabet" is only where they are kept
    rf"\b(?:sparet|sparer|hamstret|hamstrer|samlet|samler) (?:\w+ ){{0,2}}?(?:på |op |)"
    rf"(?:\w+ |){_PILLS}",
    rf"\b(?:gemt|gemmer|gemte) (?:alle (?:mine |de |)|en masse |mange |nok |\d\d+ |hemmeligt |)"
    rf"{_PILLS}",
    r"\b(?:reb|rebet|løkke|løkken|strikken) (?:i|på|fra|over) (?:loftet|bjælken|lampen|"
    r"trappen|træet|gelænderet|dørkarmen)\b",
    # someone else's pills, or a lot of them: "taget min mors sovepiller", "slugt 30 piller"
    rf"\b(?:tage|tager|taget|tog|ta|sluge|sluger|slugt|slugte|æde|æder|spise|spist|spiser|"
    rf"spiste|stjålet|stjal|hugget|samlet|samler) (?:\w+ ){{0,2}}?(?:min |mine |)(?:mors|fars|"
    rf"forældres|mormors|farmors|morfars|farfars|søsters|brors|kærestes|hans|hendes|andres|"
    rf"andre folks) (?:\w+ |){_PILLS}",
    rf"\b(?:tage|tager|taget|tog|ta|sluge|sluger|slugt|slugte|æde|æder|spist|spiser|spiste|"
    rf"købt|købte|køber) (?:\w+ ){{0,2}}?(?:alle|en masse|mange|en hel|et helt|hele|"
    rf"en håndfuld|nok|\d\d+) (?:\w+ ){{0,2}}?{_PILLS}",
    r"\b(?:lige|nu) (?:taget|slugt|spist) (?:\w+ ){0,3}?(?:sovepiller|sovetabletter|"
    r"sovemedicin)\b",
    rf"\b{_PILLS} nok\b",
    r"\boverdoser\w*|\b(?:tage|tager|tog|taget) en od\b",
    # --- methods: in front of a train, off a height ---
    r"\b(?:lægge|ligge|lægger|ligger|stille|stiller|gå|går|løbe|løber|hoppe|hopper|springe|"
    r"springer|kaste|kaster) (?:mig |sig |)(?:ud |)(?:på|foran|ud foran|ned på) (?:et |en |)"
    r"(?:skinnerne|togskinnerne|sporet|toget|tog|s toget|metroen|bussen|lastbilen|en lastbil|"
    r"motorvejen)\b",
    # on the edge of a roof or bridge, not "på kanten af sengen"
    r"\b(?:står|sidder) (?:oppe |ude |)på (?:rælingen|gelænderet|kanten(?: af (?:taget|broen|"
    r"altanen|bygningen|klippen|perronen|højhuset)|)(?! af))\b",
    r"\b(?:står|sidder|ligger) (?:\w+ |)(?:ved|på) (?:skinnerne|togskinnerne|jernbanen)\b",
    r"\b(?:på vej|går|cykler|kører) (?:ud |ned |hen |)til (?:skinnerne|togskinnerne|sporet|"
    r"jernbanen)\b",
    r"\b(?:står|sidder) oppe på (?:taget|broen|kanten|altanen|rælingen)\s*(?:[.,]|$|nu\b)",
    r"\b(?:springe|springer|hoppe|hopper|kaste mig|kaster mig) (?:ud |ned |)(?:fra|ud fra|ned fra) "
    r"(?:\w+ ){0,2}?(?:\d+ ?\. ?|)(?:sal|etage)\b",
    r"\b(?:står|sidder|er) (?:oppe |ude |)på (?:broen|taget|altanen) og (?:tænker|overvejer|vil|"
    r"ved ikke|kigger ned)\b",
    r"\bkøre (?:galt |)(?:med vilje|i havnen|ud over|ind i en mur)\b",
    # --- a weapon against oneself: "bruge den på mig selv", "pistolen mod mit hoved" ---
    rf"\b{_WEAPON}.*\b(?:bruge|bruger|rette|retter|vende|vender|pege|peger|holde|holder|"
    rf"sætte|sætter) (?:den|det|{_WEAPON}) (?:på|mod) (?:mig|sig) selv\b",
    rf"\bjeg (?:holder|har|sidder med|står med) (?:\w+ ){{0,2}}?{_WEAPON} (?:mod|for|i) "
    rf"(?:mit |min |)(?:hoved|hovedet|tinding|tindingen|hals|halsen|munden|brystet|håndleddet)\b",
    # --- farewells and last letters ---
    r"\b(?:skrevet|skriver|skrev|skrive|lagt|efterladt) (?:et |mit |en |min |nogle |)(?:sidste |)"
    r"(?:brev|breve|farvelbrev|afskedsbesked|besked|beskeder|sms) (?:til (?:\w+ ){1,2}|)"
    r"(?:(?:hvis|når|til når|til efter|til hvis) jeg (?:ikke er|ikke lever|er væk|er død|dør)|"
    r"(?:så|hvor) (?:de|i|hun|han|min \w+) (?:ved|forstår|kan forstå) hvorfor|"
    r"(?:til )?når (?:de|i) finder mig)",
    r"\b(?:mit|min) sidste (?:brev|besked|sms|farvel)\b",
    r"\b(?:hvis|når) (?:jeg|han|hun) ikke (?:er|lever|er her|er i live) (?:her |mere |længere |)"
    r"(?:i morgen|mere|længere|efter i nat|når i vågner)\b",
    r"\bsnart (?:er jeg |)(?:ikke (?:her|til|i live)(?: mere| længere|)|væk|død|borte)\b"
    r"(?! på| i| fra| herfra)",
    r"\b(?:jeg|han|hun) (?:er|bliver) her (?:ikke|ik) (?:mere|længere)\b"
    r"|\ber (?:jeg|han|hun) her (?:ikke|ik) (?:mere|længere)\b",
    # "sige farvel til alle", but not "farvel til alle mine venner fra klassen"
    r"\b(?:sige|siger|sagt|sagde|skrive|skriver) farvel (?:til (?:alle|jer|jer alle|alle sammen|"
    r"verden|livet|alt)|for altid|for sidste gang)(?= *(?:$|[.,]| og\b| nu\b| for altid\b))",
    r"\bfarvel (?:til |)(?:alle|alle sammen|verden|livet)\s*(?:[.,]|$)",
    r"\bdet (?:er|var) (?:slut|forbi|farvel) (?:for|med) mig\b(?! i| med)",
    r"\bdet her er (?:farvel|mit farvel|det sidste)\b",
    # --- a burden, in the way: "snart er jeg ikke et problem for nogen længere" ---
    r"\b(?:ikke|aldrig) (?:være |)(?:et problem|en byrde|til besvær|til last|i vejen) "
    r"(?:for (?:\w+ ){1,2}|)(?:længere|mere)\b",
    r"\bslipper (?:i|de|du|alle|min familie|mine forældre|min mor) (?:snart |bare |)for mig\b",
    # --- not waking up: "har ikke lyst til at vågne i morgen", "håber jeg ikke vågner" ---
    r"\b(?:ikke|ingen) (?:lyst|trang) (?:til |)(?:at |)vågne\b",
    r"\b(?:håber|gid|ønsker|ville ønske|beder til) (?:at |)(?:jeg|han|hun) (?:bare |)"
    r"(?:ikke|aldrig) (?:vågner|vågne)\b",
    r"\bsove (?:\w+ ){0,2}?og (?:aldrig|ikke) (?:vågne|vågner)\b",
    r"\b(?:håber|gid) (?:ikke|aldrig) (?:at |)(?:jeg|han|hun) (?:vågner|vågne)\b",
    # --- self-harm: urges and habits ("lyst til at skære i mig", "skærer mig igen") ---
    r"\b(?:lyst til at|trang til at|trangen til at|begyndt at|begynde at|stoppe med at|"
    r"holde op med at|lade være med at) (?:\w+ |)(?:skære|cutte|ridse|kradse|"
    r"brænde|skade) (?:i |)(?:mig|sig)\b(?! (?:på|en|et|ud|fri|løs|igennem|fra|væk)\b)",
    r"\b(?:lyst|trang|trangen) til at (?:cutte|skære|ridse)\b|\bcutte (?:igen|mig|sig)\b",
    r"\b(?:skærer|cutter|ridser|kradser|brænder|skar|ridsede|brændte) (?:i |)(?:mig|sig) "
    r"(?:selv |)(?:igen|hver dag|hver aften|tit|ofte|stadig|hele tiden|til blods|"
    r"med (?:cigaretter|en cigaret|lighteren|en lighter|barberblad\w*|kniven))\b",
    r"\b(?:slår|slog|banker|bankede|dunker|dunkede) (?:mit|sit) hoved (?:ind |)(?:i|mod) "
    r"(?:væggen|muren|gulvet)\b",
    # --- slang, English and other ways of saying it ---
    r"\b(?:orker|gider|magter|kan) (?:bare |)ikke (?:mere |længere |)(?:livet|mit liv)\b",
    r"\b(?:vil|ville|vil bare|vil gerne|ønsker at|ønsker bare at) (?:helst |)være død\b"
    r"(?! (?:end|før|af|træt))",
    r"\b(?:hellere|bedre) (?:være |)død\s*(?:[.,]|$)",
    r"\bunalive\w*|\b(?:end it|ending it|kill myself|killing myself|cutting myself|"
    r"suicidal|no reason to live|dont want to live|don t want to live|selfharm)\b",
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

class _Rule(NamedTuple):
    """One family of danger phrasings and the guards that apply to it."""

    name: str
    pattern: Pattern[str]
    past: bool = False    # can describe the past: ignored when the clause dates it
    idiom: bool = False   # occurs as hyperbole: ignored in jokes, games, with homework as subject
    unless: Optional[Pattern[str]] = None  # ignored when the whole message matches this


# Objects that make a message about a weapon harmless ("kniv og gaffel", a gift, hunting).
_INNOCENT_WEAPON = _compile(
    r"\bkniv og gaffel\b", r"\bi køkkenet\b", r"\btil maden\b", r"\bi gave\b",
    r"\bspejder", r"\bjæger\b|\bjagt", r"\bmuseum\b", r"\bpå mig for at beskytte\b",
    r"\bskære (?:\w+ |)(?:brød|brødet|kage|kagen|løg|kød|kødet|maden|frugt|pizza|pizzaen)\b",
)

_DANGER_RULES: List[_Rule] = [
    # Someone is outside / at the door / waiting, or about to arrive.
    _Rule("at the door", _compile(
        rf"(?<!jeg )(?<!vi )\b(?:står|stå|stod|holder|holdt|venter|ventede|sidder|lurer|hænger|"
        rf"hænger ud|går rundt|kører rundt|parkeret|parkerer) {_STAND_FILL}{_OUTSIDE}{_NOT_MILIEU}",
        rf"{_THEY} (?:er|var) (?:lige |)(?:her |)(?:uden ?for|ude ?foran|nede på gaden|i opgangen|"
        rf"ved {_DOOR}|foran {_DOOR}){_NOT_MILIEU}",
        rf"\bder er {_W}{{1,2}}(?:uden ?for|ude ?foran|i opgangen|ved {_DOOR}|foran {_DOOR}|"
        rf"nede på gaden){_NOT_MILIEU}{_NOT_NEIGHBOURS}",
        r"\b(?:kan |)(?:høre|hører|hørte|se|ser|så) (?:dem|ham|nogen|nogle) (?:i \w*opgangen|"
        r"uden ?for|på trappen|ved døren|ved vinduet|nedenunder|på gangen|i gården)",
        rf"\bhjælp\b(?: (?!når\b|hvis\b)\w+){{0,3}} {_THEY} (?:kommer|er her|er kommet)\b",
        # lurking: "han står og lurer ved min bil", "de er lige bag mig"
        rf"{_THEY} (?:står og |sidder og |går og |)lurer\b",
        rf"{_THEY} er (?:lige|tæt) (?:bag|bagved|bag ved|efter) (?:mig|os)\b"
        r"(?! i (?:køen|rækken))",
        rf"{_THEY} (?:står og |sidder og |)venter på (?:mig|os|ham|hende)\b",
        r"\bog venter på (?:mig|os)\b",
        rf"{_THEY} (?:står og |sidder og |)venter\s*$",
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
        r"(?= *$| *[.,]| nu\b| igen\b| og\b| for at\b| efter mig\b| hertil\b| om\b| snart\b)",
        # about to arrive: "de er her om lidt", "han kommer hertil om fem min"
        rf"{_THEY} (?:er|kommer) (?:lige |)(?:her|hertil|herhen|hjem til mig|hjem til os|"
        r"efter mig|efter os) (?:om lidt|lige om lidt|om et øjeblik|om (?:\w+ |)min\w*|snart)\b",
    )),
    # Watched, followed, hunted, on the run.
    _Rule("followed or watched", _compile(
        rf"\b(?:følger|følge|fulgte|fulgt) efter {_VICTIM}",
        # passive and "forfølger": about the writer or a relative, not "en fyr i filmen"
        r"\b(?:jeg|vi|han|hun|min \w+) (?:bliver|blir|blev|er blevet|føler mig|er) "
        r"(?:fulgt efter|forfulgt|jagtet|overvåget)\b",
        rf"\bforfølg(?:er|te) {_VICTIM}\b|\b(?:der|som) forfølger\b(?! (?:en|et|ham i|hende i))",
        rf"\b(?:jagter|jager|jagtet) {_VICTIM}\b",
        rf"\b(?:er|var|kommer|går) (?:ude |)efter {_VICTIM}\b"
        r"(?! (?:i køen|i rækken|i tur|i turen|på listen|i alfabetet|i skolen))",
        # "der er en bil der kører efter mig" (but "han kører efter mig i morgen" fetches me)
        rf"{_THEY} (?:kører|løber|cykler) (?:lige |)efter {_VICTIM}\b"
        r"(?! (?:i morgen|kl|klokken|om|efter|til|på|fra|ved|når))",
        rf"\bder er (?:nogen|nogle|folk) (?:der er |som er |)(?:ude |)efter {_VICTIM}\b",
        rf"\bomring(?:et|er|ede) {_VICTIM}\b",
        rf"\b(?:leder|ledte|søger) efter {_ME}\b",
        rf"\bovervåger {_ME}\b",
        # "holder øje med mig / huset", but not "jeg holder øje med huset mens de er væk"
        rf"(?<!jeg )(?<!vi )\b(?:holder|holdt) (?:\w+ |)øje med (?:{_ME}\b|{_HOME}|min familie\b|"
        r"hvor jeg bor\b)",
        # looking up at / in through my window
        r"(?<!jeg )(?<!vi )\b(?:kigger|kiggede|kigget|glor|gloede|gloet|stirrer|stirrede|stirret) "
        r"(?:op |ind |over |hen |)(?:ad|af|gennem|igennem|i|på|med|mod|til) "
        r"(?:mit|vores|min|mine|hans|hendes) (?:vindue|vinduer|lejlighed|stue|dør|altan|hus|"
        r"opgang)",
        r"(?<!jeg )(?<!vi )\b(?:kigger|kiggede|kigget|glor|gloede|gloet|stirrer|stirrede|stirret) "
        r"(?:ind ad|ind i|ind gennem|op mod|op på|op til|op i) (?:vinduet|vinduerne|lejligheden|"
        r"stuen|huset|opgangen|altanen)\b",
        r"\b(?:ved|fundet ud af) hvor (?:jeg|vi) bor\b",
        r"\b(?:har|har fået|fået fat i) (?:min|vores) adresse\b",
        rf"{_THEY} (?:har |)(?:fundet|fandt|kender|ved|fik fat i) (?:min|mit|vores) (?:nye |"
        r"hemmelige |)(?:adresse|hus|lejlighed|bopæl|skjulested|gemmested)\b",
        rf"\b(?:har fundet|fandt) {_ME}\b(?! (?:en|et|til rette|godt|tilpas|nogle))",
    )),
    _Rule("on the run", _compile(
        r"\bpå flugt (?:fra (?!politiet|politi)|\s*(?:[.,]|$)|nu\b|lige nu\b)",
        r"\b(?:flygter|flygtede|løber|løb|stikker|stak|kører|cykler) (?:af |væk |)fra "
        r"(?:dem|ham|nogen|nogle|fyrene|drengene|typerne|rockerne)\b"
        r"(?= *$| *[.,]| nu\b| lige nu\b| men\b| de\b| han\b| og de\b| og han\b)",
        r"\b(?:kan ikke |prøver at |)ryste (?:dem|ham|hende|nogen|dem der) af\b",
    ), past=True),
    # Threats (present, or recent and not dated back).
    _Rule("threat", _compile(
        rf"\btru(?:er|ede|et|es|e) {_W}{{0,2}}?{_VICTIM}\b",
        r"\btru(?:er|ede|et) (?:\w+ ){0,2}?på livet\b",
        r"\btru(?:er|ede|et|e) (?:\w+ ){0,2}?med at (?:\w+ ){0,2}?(?:slå|dræbe|skyde|stikke|banke|"
        r"tæske|smadre|finde|komme efter|brænde|kidnappe|hævne|straffe|sprænge|voldtage|knive|"
        r"likvidere|pløkke|besøge|komme hjem til|skade|sætte ild)\b",
        # "tage"/"hente"/"gøre" only with a person: not "tage min playstation"
        rf"\btru(?:er|ede|et|e) (?:\w+ ){{0,2}}?med at (?:\w+ ){{0,2}}?(?:tage|hente|gøre|"
        rf"ødelægge) {_VICTIM}\b(?! (?:ud af|med|til|på)\b)",
        r"\btruet på livet\b",
        # "de kommer og stikker mig"; "kommer og henter mig" is a lift, unless it is at night
        rf"{_THEY} (?:kommer|komme) (?:og|for at) (?:finder|finde|stikker|stikke|skyder|skyde|"
        rf"slår|slå|tæsker|tæske|banker|banke) {_VICTIM}\b",
        rf"{_THEY} (?:kommer|komme) (?:og|for at) (?:henter|hente|tager|tage) {_VICTIM} i nat\b",
        r"\b(?:beskeder|besked|sms|smser|snaps|trusler|breve|brev|opkald) (?:\w+ ){0,2}?om at "
        r"(?:jeg|du|han|hun|vi) (?:skal|kommer til at|vil) "
        r"(?:dø|dræbes|slås ihjel|skydes|stikkes)\b",
        rf"\bafpress(?:er|ede|et|es) {_VICTIM}\b|\b(?:bliver|blev|er blevet) afpresset\b",
        r"\b(?:bliver|blir|blev|er blevet|blevet|føler mig|er) truet\b",
        r"\bdøds?trus",
        rf"\b(?:fået|får|modtager|modtaget|sender|sendt|fik) {_W}{{0,2}}"
        r"trus(?:el|ler|sel)(?:ne|en|)\b",
        r"\btrus(?:el|ler|sel)(?:ne|en|) (?:fra|på sms|på snap|på telefonen|hele tiden|mod mig)\b",
    ), past=True, idiom=True),
    # Violence against me/us (or a relative), now or intended.
    _Rule("violence", _compile(
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
        rf"(?<!jeg )\b(?:slår|sparker|tæsker|banker|hamrer) (?:løs |)på {_VICTIM}\b(?! (?:i|for))",
        # attacked: "de går løs på mig", "han overfalder min bror"
        rf"(?<!jeg )\b(?:angriber|angreb|overfalder|overfaldt|går løs på|gik løs på|"
        rf"springer på|sprang på|tæver|tævede|kaster sig over|kastede sig over) {_VICTIM}\b",
        rf"(?<!jeg )\bhar (?:lige |)(?:stukket|knivstukket|skudt|slået|banket|tæsket|overfaldet|"
        rf"sparket|tævet|angrebet) {_VICTIM}\b(?! (?:i fifa|i spil))",
        rf"{_THEY} (?:vil|kommer for at|skal|prøver at) (?:tage|have fat i|hente|få fat i|snuppe) "
        r"(?:mig|os)\b(?! (?:med|til|i|på|ud))",
        # shots at a person ("skyder efter mig", "har skudt mod min bror")
        rf"\b(?:skyder|skød|skudt|skyde|affyrer|affyrede|affyret) (?:\w+ ){{0,2}}?"
        rf"(?:mod|på|efter) {_VICTIM}\b",
        # death threats quoted: "de siger jeg er en død mand", "de skriver du er død"
        r"\b(?:siger|sagt|sagde|skriver|skrev|skrevet|sendt|sender|truer med) (?:\w+ ){0,2}"
        r"(?:jeg|du|han|hun) (?:er|skal|kommer til at) (?:dø|død|en død mand|være død)\b",
        r"\ben død mand\b|\bdu er død\b",
        r"\bgøre (?:mig|os|min familie|min mor|min søn|min bror|ham|hende) (?:noget|fortræd|ondt|"
        r"skade)\b",
        r"\bgøre det af med (?:mig|os)\b(?! selv)",
        rf"\b(?:sende|sender|sendte) {_VICTIM} (?:i graven|i kisten|på hospitalet|på skadestuen|"
        r"til hospitalet)\b",
        r"\bgiver (?:mig|os) (?:bank|tæsk|klø|tæv)\b",
        r"\b(?:gonna|going to|want to|will) kill (?:me|us)\b",
        rf"\b(?:bliver|blir) {_W}?(?:slået|banket|tæsket|sparket|overfaldet|gennembanket|"
        rf"skudt|stukket|kvalt|tævet|angrebet)\b",
        rf"\b(?:får|fik) {_W}?(?:bank|tæsk|klø|tæv)\b",
    ), past=True, idiom=True),
    # Held, locked in, kidnapped, forced into a car.
    _Rule("held or taken", _compile(
        rf"(?<!jeg )\b(?:holder|holdt) {_VICTIM} "
        r"(?:fast|fanget|indespærret|inde|låst inde|som gidsel)\b",
        rf"{_THEY} (?:har |)(?:bundet|bandt|binder|tapet|tapede) {_VICTIM}\b",
        r"\b(?:bliver|blir|er blevet|blev) (?:holdt|låst|spærret|bundet) (?:fast|fanget|inde|"
        r"indespærret)\b",
        # "fanget i banden" is about leaving; a prisoner is "spærret inde" in a cell
        r"\b(?:jeg|vi|han|hun) er fanget\b"
        r"(?! i (?!en lejlighed|et rum|en bil|en kælder|kælderen|bilen|rummet|lejligheden))",
        rf"{_THEY} (?:har |)(?:låst|spærret|lukket) (?:mig|os|ham|hende) inde\b",
        # locked in somewhere (not a cell): "jeg er spærret inde i en lejlighed"
        r"\b(?:spærret|låst|lukket|holdt|holdes|bundet|indespærret) (?:\w+ |)(?:inde |fast |)i "
        r"(?:en |et |deres |hans |min |vores |)\w*(?:lejlighed|lejligheden|rum|rummet|værelse|"
        r"værelset|kælder|kælderen|bil|bilen|varevogn|varevognen|bagagerum|bagagerummet|skur|"
        r"skuret|lager|lageret|garage|garagen|container|containeren|lokale)\b",
        # "de vil ikke lade mig gå" (but "... gå ud af banden" is about leaving)
        rf"\b(?:vil|ville) ikke lade {_VICTIM} (?:gå|komme ud|slippe|tage hjem|komme hjem)\b"
        r"(?! (?:ud af |ud fra |fra |)(?:banden|bande|miljøet|gruppen|klikken|det\b))",
        r"\blader (?:mig|os|ham|hende) ikke (?:gå|komme ud|slippe)\b"
        r"(?! (?:ud af |ud fra |fra |)(?:banden|bande|miljøet|gruppen|klikken|det\b))",
        r"\bgidsel\b|\bgidsler\b",
        r"\b(?:kidnappet|bortført)\b",
        rf"{_THEY} har (?:taget|kidnappet|snuppet|hentet|fået fat i) (?:min søn|min datter|"
        r"mit barn|min bror|min lillebror|min kæreste|ham|hende)\b"
        r"(?! med\b(?! (?:i en bil|i deres bil|i bilen|væk)))",
        # taken by them: "min datter er blevet hentet af dem"
        r"\b(?:er blevet|blev|bliver) (?:hentet|taget|snuppet|tvunget med|slæbt med|trukket med|"
        r"slæbt|trukket) (?:\w+ ){0,2}?af (?:dem|de|banden|nogen|nogle|fyrene|drengene|typerne|"
        r"rockerne)\b",
        # forced into a car: "de har tvunget mig ind i en bil", "smidt ind i en varevogn"
        rf"\b(?:tvunget|tvang|tvinger|trukket|trak|hevet|hev|skubbet|skubbede|smidt|smed|slæbt|"
        rf"slæbte) {_VICTIM} (?:med |)(?:ind i|ind|op i|ned i|ud i) (?:en |et |deres |sin |hans |)"
        r"(?:bil|bilen|varevogn|varevognen|van|bagagerum|bagagerummet|lejlighed|kælder|opgang)",
        r"\b(?:kører|kørte) (?:mig|os|ham|hende) (?:et sted hen|væk|ud i skoven|rundt)\b"
        r"|\bved ikke hvor (?:de|han) kører (?:mig|os|ham|hende) hen\b",
        rf"{_THEY} (?:er brudt|brød|bryder|sparker|sparkede|har sparket) (?:døren |)(?:ind|op)\b",
    ), past=True, idiom=True),
    # Attacks on the home or car: shots, fire, smashed doors, photos of the house. Nobody
    # jokes about these, so no joke guard.
    _Rule("attack on the home", _compile(
        rf"\b(?:skyder|skød|skudt|skyde|affyrer|affyrede|affyret) (?:\w+ ){{0,2}}?"
        rf"(?:mod|på|efter|ind i|ind ad|igennem|gennem) {_HOME}",
        rf"{_THEY} (?:\w+ |)(?:smadrer|smadrede|har smadret|smadre|ødelægger|ødelagde|"
        rf"har ødelagt|sparker|sparkede|knuser|knuste|har knust) (?:\w+ |)(?:på |)"
        r"(?:min|mit|mine|vores|hans|hendes) (?:dør|hoveddør|vindue|vinduer|ruder|rude|bil|"
        r"lejlighed|hus|opgang|postkasse|altan)\b",
        r"\b(?:smadrer|smadrede|knuser|knuste|har knust|har smadret) (?:ruderne|vinduerne|ruden|"
        r"vinduet|døren|hoveddøren)\b",
        rf"\b(?:kaster|kastede|smider|smed|har smidt|har kastet) (?:\w+ ){{0,2}}?(?:sten|brosten|"
        rf"flasker|brandbombe|brandbomber|molotov|molotovcocktail|håndgranat|granat|bombe|"
        rf"kanonslag) (?:ind |)(?:gennem|igennem|ind ad|ind i|mod|på|efter|i) "
        rf"(?:{_HOME}|mig\b|os\b)",
        rf"\b(?:sat|sætter|sætte|satte|tændt|tænder|tændte) ild (?:til|på|i) "
        rf"(?:{_HOME}|{_VICTIM}\b)",
        r"\b(?:brandbombe|brandbomber|molotov\w*)\b",
        rf"\b(?:brænder|brændte|har brændt|brænde) {_HOME} (?:af|ned)\b",
        rf"\bdet brænder (?:i|ved|foran|uden for) {_HOME}",
        # photos of the house as a threat: "de sender billeder af mit hus"
        rf"{_THEY} (?:\w+ ){{0,2}}?(?:sender|sendt|sendte|poster|postet|postede|lægger|lagt|"
        rf"lagde|deler|delt|delte) (?:\w+ ){{0,2}}?(?:billeder|billede|video|videoer|videoen|"
        rf"foto|fotos|snaps|snap) af (?:{_HOME}|min adresse\b|{_RELATIVE}\b)",
    ), past=True),
    # Injured now, shooting now.
    _Rule("injured or shooting", _compile(
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
    ), past=True, idiom=True),
    # A weapon in someone's hands, someone present with a weapon, a weapon pointed at someone.
    _Rule("weapon", _compile(
        rf"{_THEY} (?:har|står med|holder|viser|trækker|trak|truer med|vifter med|peger med|"
        rf"har taget|har fået|kommer med|går rundt med|render rundt med|løber rundt med|"
        rf"har hentet) (?:\w+ ){{0,2}}?{_WEAPON}",
        # present with a weapon: "der står en med pistol nede på gaden"
        rf"(?<!jeg )(?<!vi )\b(?:står|stod|sidder|venter|er|går|kommer|løber|render|holder|"
        rf"lurer) (?:\w+ ){{0,5}}?med (?:en |et |sin |sit |deres |hans |nogle |to |)(?:\w+ |)"
        rf"{_WEAPON}",
        # pointed or pulled at someone: "trak kniv på mig", "holder en kniv mod ham"
        rf"(?<!jeg )\b(?:trækker|trak|trukket|peger|pegede|peget|sigter|sigtede|retter|rettede|"
        rf"holder|holdt|stikker|stak) (?:\w+ ){{0,2}}?{_WEAPON} (?:mod|på|for|i hovedet på|ind i) "
        rf"(?:{_VICTIM}\b|hovedet|panden|halsen|maven|brystet|struben|min hals|mit hoved)",
        r"\b(?:peger|pegede|sigter) (?:\w+ |)(?:en pistol|pistolen|et våben|en gun|våbnet) "
        r"(?:mod|på) ",
        # coming at or aiming at someone with it: "kom hen mod mig med en kniv"
        rf"\b(?:peger|pegede|sigter|sigtede|går|gik|kommer|kom|løber|løb|står|stod) "
        rf"(?:hen |lige |)(?:på|mod|imod|efter|hen mod|hen imod|foran) {_VICTIM} med "
        rf"(?:en |et |sin |sit |)(?:\w+ |){_WEAPON}",
        # drawn or shown: "han hev en kniv frem", "de viste mig en pistol"
        rf"{_THEY} (?:hev|hiver|trak|trækker|tog|tager|halede|haler) (?:\w+ ){{0,2}}?{_WEAPON} "
        r"(?:frem|op)\b",
        rf"{_THEY} (?:viser|viste|har vist) (?:mig|os|ham|hende) (?:\w+ ){{0,2}}?{_WEAPON}",
        r"\b(?:they|he|someone|somebody) (?:has|have|got|s got|ve got|is holding|pulled) "
        r"(?:a |an |)(?:gun|knife|weapon|machete)\b",
    ), past=True, idiom=True, unless=_INNOCENT_WEAPON),
    # The writer says they are in danger, hiding, afraid to go out.
    _Rule("in danger", _compile(
        rf"\b(?:jeg|vi|han|hun|min \w+) (?:er|føler mig|er virkelig|er lige nu) "
        rf"{_W}?i (?:livs|)fare\b",
        r"\blivs ?fare\b|\bmit liv er i fare\b|\bi akut fare\b|\bakut fare\b",
        r"\b(?:jeg|vi) er ikke i sikkerhed\b|\bjeg er ikke sikker her\b",
        r"\bikke sikkert (?:her|hjemme)\b",
        r"\btør ikke (?:\w+ |)(?:gå|tage|komme|være|forlade) (?:ud|hjemme|hjem|udenfor|"
        r"lejligheden|huset)\b(?! af (?:banden|bande|miljøet|det))",
        r"\bbange for (?:mit liv|at dø|at blive dræbt|at blive slået ihjel|at de slår mig)\b",
        r"\b(?:jeg|vi) er (?:så |mega |virkelig |helt vildt |)bange (?:lige nu|nu)\b",
        # scared right now, with nothing about what of: "jeg er så bange, de ..."
        r"\b(?:jeg|vi) er (?:så|mega|virkelig|helt vildt|pisse|sindssygt|rigtig|vildt|skide) "
        r"bange\s*(?:[.,]|$)",
        # imperative at the start of a clause; "hvornår skal jeg ringe 112?" is a question
        r"(?:^|[.,]) *(?:hjælp |please |)(?:ring|kald|tilkald|ring efter|send) (?:\w+ |)(?:112|"
        r"politiet|en ambulance|ambulance)\b",
        r"\bsos\b|\b(?:det er|jeg er i|vi er i) en nødsituation\b|\bdet er akut\b",
        r"(?:^|[.,]) *hjælp (?:mig |hjælp |)(?:nu|hurtigt|lige nu|please)\b",
        r"\b(?:they are|theyre|they re|someone is) (?:outside|following|after)\b",
    )),
    # Hiding: real when hunted, a joke with homework or hide-and-seek.
    _Rule("hiding", _compile(
        r"\b(?:jeg|vi) (?:gemmer|gemte|har gemt) (?:mig|os)\b"
        r"(?! (?:fra|for) (?:mine |min |mit |)(?:lektier|opvasken|oprydning|skolen|arbejdet)\b)",
        r"\b(?:jeg|vi) (?:har |)(?:låst|lukket|barrikaderet) (?:mig|os) inde\b",
    ), idiom=True),
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
    # asking how the service is used: "bruger man jer når det er akut"
    r"\b(?:bruger|skriver|ringer|kontakter) man\b|\bnår det (?:er|bliver) akut\b",
    r"^ *(?:vil|kan|kommer|tror du|er det|gør) (?:de|han|hun|nogen|der|det)\b",
    r"\b(?:kan|vil|kommer) (?:de|han|nogen|\w+ene) (?:finde på|til at)\b",
    r"\bkan det ske\b|\ber det farligt\b|\ber der fare for\b|\bsker der\b",
    r"\b(?:kommer|bliver|risikerer) jeg (?:til at |)\b",
    r"\b(?:kan|vil) jeg (?:blive|få)\b",
    r"\bpå et tidspunkt\b|\bi fremtiden\b|\ben dag\b",
    r"\bhvor (?:mange|ofte|tit|mange gange)\b",
)
# Dates an event back: "for to år siden", "sidste år", "dengang".
_PAST = _compile(
    # "for to år siden", but not "for 10 min siden" (that is now)
    r"\bfor (?!(?:\w+ ){0,2}(?:min|minut\w*|sekund\w*|time|timer|lidt|kort tid|et øjeblik)\b)"
    r"(?:\w+ ){1,3}siden\b",
    r"\b(?:lang tid|længe|lidt tid|et stykke tid|år|måneder|uger) siden\b",
    r"\bfør\b(?= *(?:$|[.,]| men\b| og\b))",
    r"\bsidste (?:år|måned|uge|sommer|vinter|forår|efterår|weekend|gang)\b",
    r"\bi fjor\b|\bdengang\b|\bda jeg var\b|\bfor længe siden\b|\btidligere\b|\bengang\b",
    r"\bi (?:sommers|vinters|foråret|efteråret)\b|\bsom barn\b|\bsom lille\b",
    r"\bi (?:19|20)\d\d\b",
)
_NEGATION_BEFORE = _compile(r"\b(?:ingen|ikke|ik|aldrig|ingen der|ikke nogen)(?: der| som|) *$")
_NEGATION_AFTER = _compile(r"^ *(?:ikke|ik|aldrig|ikke mere|ikke længere)\b")
_CLAUSE_BREAK = re.compile(r" [.,] ")

# --- guards for the idiom-prone families -------------------------------------------------

# Laughter in the folded text ("haha", "hehe", "lol", "xd", "jk") ...
_LAUGHTER = _compile(
    r"\ba?(?:ha){2,}h?\b", r"\b(?:he){2,}\b", r"\b(?:hi){2,}\b", r"\blolz?\b", r"\blmf?ao\b",
    r"\brofl\b", r"\bx+d\b", r"\bjk\b", r"\bfor sjov\b", r"\bpjat\b", r"\bspøg\w*\b",
)
# ... and in the raw text, where normalising removes it: laughing emoji, ":D", ":P", "xD".
_LAUGH_MARKS = re.compile(
    "[\U0001F602\U0001F923\U0001F606\U0001F605\U0001F639\U0001F61C\U0001F61D\U0001F61B"
    "\U0001F601\U0001F604\U0001F92A]|[:;=]-?[DPp](?![A-Za-z])"
)
# Games, films and sport as the setting: "bliver skudt i fortnite", "slog dem i fodbold".
# Only words that name the setting: "efter træning" or "på tiktok" can frame a real threat.
_PLAY = _compile(
    r"\b(?:gta|fortnite|fifa|cod|call of duty|warzone|csgo|counter strike|valorant|minecraft|"
    r"roblox|pubg|apex|overwatch|battlefield|zombier|zombie|computerspil|onlinespil|"
    r"gamer|gamede|gaming|gamet)\b",
    r"\b(?:i|et|det) spil(?:let|)\b|\b(?:på|i) (?:xbox|playstation|ps4|ps5|switch|nintendo)\b",
    r"\b(?:film|filmen|serie|serien|netflix|hbo|viaplay|dokumentar|dokumentaren|krimi|krimien|"
    r"roman|romanen|anime|tegneserie|trailer|biografen)\b|\bi bogen\b",
    r"\b(?:i|til|spiller|spillede|spille) (?:fodbold|håndbold|tennis|basket|badminton|"
    r"bordtennis|padel|skak|boksning|kickboksning|mma)\b",
    r"\b(?:paintball|airsoft|lasertag|laser tag|gemmeleg|fangeleg|legen|leger|legede)\b",
)
# Being waited for at a game or practice is an appointment: "de venter på mig til fodbold".
_LEISURE_DATE = _compile(
    r"^ *(?:til|før) (?:fodbold|håndbold|træning|træningen|kampen|koncert\w*|"
    r"fest\w*|biografen|middag|aftensmad)\b",
)
# Signals that the message is not a joke after all.
_SERIOUS = _compile(
    r"\b(?:ikke|ingen|ikke nogen) (?:for sjov|en joke|joke|sjovt|pjat|spøg)\b",
    r"\bjeg mener det\b", r"\bno joke\b", r"\bi virkeligheden\b", r"\birl\b",
    r"\b(?:hjælp|sos|112|ambulance|bløder)\b",
)
# Where a match starts with killing or beating, a harmless subject or object makes it a
# figure of speech; other matches ("det står en med kniv", with "det" for "der") keep theirs.
_KILLING_START = _compile(
    r"(?:slå|slår|slog|dræbe|dræber|dræbte|myrde|myrder|banke|banker|tæske|tæsker|smadre|"
    r"smadrer|kværke|kværker|tage livet|tager livet)\b",
)
# Homework, school and the like as the subject: "det her lektiearbejde slår mig ihjel".
_HYPERBOLE_SUBJECT = _compile(
    r"\b(?:det|dette|den)(?: her| der|) *$",
    r"\b(?:lektie|skole|opgave|eksamen|eksamn|prøve|matematik|matte|dansk|engelsk|tysk|fysik|"
    r"kemi|historie|arbejde|job|træning|varme|kulde|sult|kedsomhed|træthed|hovedpine|"
    r"tømmermænd|musik|sang|mandag|ventetid|stress|pres|deadline|aflevering|timen|bussen|"
    r"toget|regning|husleje)\w*(?: her| der|) *$",
)
# A parent's or teacher's everyday threat: the phone, the console, being grounded, a call home.
# Ignored as a guard when the clause also names violence ("... og slå mig ihjel").
_EVERYDAY_THREAT = _compile(
    r"\btru\w* (?:\w+ ){0,3}?(?:med at |)(?:\w+ ){0,2}?(?:tage|konfiskere|inddrage|slukke|"
    r"lukke for|fjerne|gemme|sælge|smadre|låse) (?:\w+ ){0,1}(?:min|mit|mine|vores) (?:\w+ |)"
    r"(?:telefon|mobil|iphone|playstation|ps|ps4|ps5|xbox|computer|pc|ipad|tablet|lommepenge|"
    r"wifi|internet|net|switch|nintendo|spil|spillet|cykel|knallert|tv|skærm|skærmtid|konsol|"
    r"controller|ting|nøgler|kort|penge)",
    r"\btru\w* (?:\w+ ){0,3}?med (?:at |)(?:\w+ ){0,2}?(?:ringe|skrive|sige det|fortælle|"
    r"sladre|melde|anmelde|stuearrest|husarrest|karantæne|skideballe|smide mig ud\b(?! (?:fra|af|"
    r"over))|slå op|gå fra mig|forlade mig|skælde|aflyse|flytte|sige op|fyre mig|eftersidning|"
    r"udvise|bortvise)",
)
_VIOLENT_WORD = _compile(
    r"\b(?:slå|slår|dræbe|dræber|skyde|skyder|stikke|stikker|banke|tæske|knive|kvæle|brænde|"
    r"ihjel|ihel|død|døde|kniv|pistol|våben|gun|smadre (?:mig|dig|ham|hende|os))\b",
)
# Who may wait for, watch or follow the writer harmlessly: family, friends, helpers, pets
# ("min mor holder øje med mig", "mine venner står udenfor", "min hund følger efter mig").
# A partner or an ex is not on the list, nor are old friends from the gang.
_FRIENDLY_SUBJECT = _compile(
    r"^ *(?:og |men |så |nu |)(?:min |mine |vores |)(?:mor|far|mutter|fatter|forældre|mormor|"
    r"farmor|morfar|farfar|lærer|lærere|pædagog|mentor|kontaktperson|sagsbehandler|politiet|"
    r"betjent|betjente|vagt|vagten|vagterne|storebror|storesøster|lillebror|lillesøster|"
    r"bror|søster|søskende|familie|venner|vennerne|ven|veninde|veninder|kammerater|klassen|"
    r"hund|hunden|hvalp|kat|katten|taxa|taxaen|uber|chauffør|chaufføren)\b",
)
# ... unless someone else is named after them ("min mor siger de står udenfor").
_NOT_SO_FRIENDLY = _compile(
    r"\bgamle\b|\bfra banden\b|\bfra miljøet\b|\bex\b|\beks\b",
    r"\b(?:de|dem|han|hun|nogen|nogle|der|fyrene|fyren|typerne|typen|banden|gutterne)\b",
)


def _is_friendly(before: str) -> bool:
    """The clause starts with a harmless subject and names no other before the match."""
    subject = _FRIENDLY_SUBJECT.search(before)
    return bool(subject) and not _NOT_SO_FRIENDLY.search(before[subject.end():])


# "hun dræber mig med de jokes": killed with something that is not a weapon.
_FIGURATIVE_WITH = _compile(
    r"^ *med (?:\w+ ){0,2}?(?:joke|jokes|vittighed\w*|humor|grin|spørgsmål|kommentar\w*|snak|"
    r"smil|blik\w*|charme|kærlighed|musik|sang\w*|larm|mad|maden|lektier|regler|mas|brok|pjat|"
    r"krammere|kys)\b",
)
# "min mor slår mig ihjel hvis jeg kommer for sent": a parent's anger over something trivial.
_TRIVIAL_KILL = _compile(
    r"\b(?:mor|far|mutter|fatter|forældre|mormor|farmor|lærer|træner|chef|storebror|"
    r"storesøster)\w* (?:\w+ ){0,2}?(?:slår|dræber|myrder|flår|kværker) (?:mig|os) "
    r"(?:\w+ ){0,2}?(?:hvis|når) (?:\w+ ){0,5}?(?:for sent|glemmer|taber|mister|spilder|"
    r"ødelægger|rydder|karakter|lektier|kommer sent|bruger alle|spiser|ser det)",
)


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


def _danger_match_counts(text: str, match: "re.Match[str]", rule: _Rule,
                         playful: bool) -> bool:
    before, after = _clause(text, match.start(), match.end())
    if _HYPOTHETICAL.search(before + match.group(0)):
        return False
    if _NEGATION_BEFORE.search(before[-18:]) or _NEGATION_AFTER.search(after):
        return False
    if rule.past and (_PAST.search(before) or _PAST.search(after)):
        return False
    if rule.idiom:
        if playful:
            return False
        if _KILLING_START.match(match.group(0)) and (
                _HYPERBOLE_SUBJECT.search(before) or _FIGURATIVE_WITH.search(after)):
            return False
        clause = before + match.group(0) + after
        if _EVERYDAY_THREAT.search(clause) and not _VIOLENT_WORD.search(clause):
            return False
        if _TRIVIAL_KILL.search(clause):
            return False
    if rule.name in ("at the door", "followed or watched") and (
            _is_friendly(before) or _LEISURE_DATE.search(after)):
        return False
    if rule.unless is not None and rule.unless.search(text):
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


# A danger word recognised with a typo ("dødstrussler", "knivstuket") is guarded like a threat.
_TYPO_STEM_RULE = _Rule("danger word with a typo", _compile(r"\bdødstrus|\bknivstuk"),
                        past=True, idiom=True)
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


def _is_playful(raw: str, text: str) -> bool:
    """Laughter or a game/film/sport, and nothing saying it is serious."""
    joking = bool(_LAUGHTER.search(text) or _LAUGH_MARKS.search(raw))
    return (joking or bool(_PLAY.search(text))) and not _SERIOUS.search(text)


def _is_danger(text: str, playful: bool = False) -> bool:
    for rule in _DANGER_RULES:
        for match in rule.pattern.finditer(text):
            if _danger_match_counts(text, match, rule, playful):
                return True
    for token in re.finditer(r"[a-z]+", text):
        if _near_stem(token.group(0), _FOLDED_DANGER_STEMS):
            if _danger_match_counts(text, token, _TYPO_STEM_RULE, playful):
                return True
    return False


def classify(text: str) -> Optional[str]:
    """`crisis_suicide`, `crisis_danger` or None; suicide wins when both appear."""
    raw = text or ""
    folded = normalise(raw)
    if _is_suicide(folded):
        return SUICIDE
    if _is_danger(folded, _is_playful(raw, folded)):
        return DANGER
    return None


# ---------------------------------------------------------------------------
# Confirming the classifier
# ---------------------------------------------------------------------------

# Narrower than the rules' hypothetical guard: a conditional threat ("… hvis jeg ikke
# kommer") is a threat.
_WHAT_IF = _compile(r"\bhvad (?:nu |)hvis\b", r"\bkan man\b", r"\ber det farligt\b")


def confirms(text: str, kind: str) -> bool:
    """Whether a crisis the classifier proposes should be answered as one.

    The classifier catches phrasings no rule foresaw, so it is believed unless the message
    is a joke or about a game, film or sport; for danger also unless it is a what-if, a
    general question or a past event (the same guards the danger rules use). Suicide keeps
    no more guards than that: "hvor mange piller skal man tage" must never be waved away.
    """
    raw = text or ""
    folded = normalise(raw)
    if _is_playful(raw, folded):
        return False
    if kind == DANGER and (_WHAT_IF.search(folded) or _PAST.search(folded)):
        return False
    return True


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
# Not an age: "er 10 år i banden", "det er 8 år siden".
_NOT_AGE_CONTEXT = r"(?! (?:siden|i banden|i miljøet|i fængsel|inde|i alt|til|om)\b)"
# Where a clause starts (so "min søn er 15" is not the writer's age).
_CLAUSE_START = r"(?:^|[.,]) *"
# The writer's own age; "min søn er 15" is not about the writer.
_MINOR_AGE = _compile(
    rf"\bjeg(?: er|) (?:kun |bare |lige |snart |ikke engang |knap |ca |omkring |jo |)"
    rf"{_AGE}\b{_NOT_AGE_UNIT}",
    # without "jeg" at the start of a clause: "er 14 og ...", "er 17, de ...", "er kun 13 år"
    rf"{_CLAUSE_START}er (?:kun |bare |jo |lige |snart |knap |)"
    rf"{_AGE} ?(?:år\b|årig\b|år gammel\b|år gl\b|(?=og\b|men\b|[.,](?! \d)|$))"
    rf"{_NOT_AGE_CONTEXT}",
    # a bare age opening a clause: "14 år og bange", "15 år, de står udenfor", "16årig her"
    rf"{_CLAUSE_START}(?:kun |bare |)(\d{{1,2}}) ?(?:år|årig|år gammel|år gl)\b"
    rf"(?= *(?:$|[.,]| og\b| men\b| gammel\b| her\b| pige\b| dreng\b)){_NOT_AGE_CONTEXT}",
    r"\bjeg er (?:en |)(\d{1,2}) ?(?:årig|år gammel|år gl)\b",
    rf"(?:\bjeg |^ *|[.,] *)(?:har lige fyldt|fylder|fyldte lige|blev lige|er lige fyldt|"
    rf"har fyldt|er fyldt) {_AGE}\b{_NOT_AGE_UNIT}",
    rf"\bjeg er (?:en |)(?:pige|dreng|knægt|fyr|teenager|ung|ung fyr|ung pige) på {_AGE}\b",
    r"\b(?:im|i m|i am) (\d{1,2})\b",
)
_GRADE = (r"(?:\d{1,2}|nulte|første|anden|tredje|fjerde|femte|sjette|syvende|ottende|niende|"
          r"tiende)")
# The writer's school: "jeg går i 8. klasse", or at a clause start "går i 9.b", "går i 9."
_WRITER = r"(?:\bjeg |(?:^|[.,]) *)"
_MINOR_OTHER = _compile(
    rf"{_WRITER}(?:går|er|kommer|starter) (?:i|på) {_GRADE} (?:\. |)(?:klasse|kl)\b",
    rf"{_WRITER}(?:går|er) i (?:\d{{1,2}}) ?(?:\. |)(?:a|b|c|d|e|x|y|z)\b",
    rf"{_WRITER}(?:går|er) i (?:1|2) ?(?:\. |)g\b",
    # "går i 9." – normalising has turned the full stop into a clause mark
    rf"{_WRITER}går i (?:[0-9]|10) \.",
    rf"{_WRITER}(?:går|er) (?:i|på) (?:folkeskole|folkeskolen|udskoling|udskolingen|mellemtrin|"
    rf"mellemtrinnet|efterskole|efterskolen|ungdomsskole|ungdomsskolen|grundskole|grundskolen)\b",
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
