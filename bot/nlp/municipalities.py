"""The 98 Danish municipalities and the spellings people actually type."""

from __future__ import annotations

import difflib
import unicodedata
from typing import Dict, List, Optional

MUNICIPALITIES: List[str] = [
    "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm",
    "Brøndby", "Brønderslev", "Dragør", "Egedal", "Esbjerg", "Fanø", "Favrskov",
    "Faxe", "Fredensborg", "Fredericia", "Frederiksberg", "Frederikshavn",
    "Frederikssund", "Furesø", "Faaborg-Midtfyn", "Gentofte", "Gladsaxe",
    "Glostrup", "Greve", "Gribskov", "Guldborgsund", "Haderslev", "Halsnæs",
    "Hedensted", "Helsingør", "Herlev", "Herning", "Hillerød", "Hjørring",
    "Holbæk", "Holstebro", "Horsens", "Hvidovre", "Høje-Taastrup", "Hørsholm",
    "Ikast-Brande", "Ishøj", "Jammerbugt", "Kalundborg", "Kerteminde", "Kolding",
    "København", "Køge", "Langeland", "Lejre", "Lemvig", "Lolland",
    "Lyngby-Taarbæk", "Læsø", "Mariagerfjord", "Middelfart", "Morsø",
    "Norddjurs", "Nordfyns", "Nyborg", "Næstved", "Odder", "Odense", "Odsherred",
    "Randers", "Rebild", "Ringkøbing-Skjern", "Ringsted", "Roskilde", "Rudersdal",
    "Rødovre", "Samsø", "Silkeborg", "Skanderborg", "Skive", "Slagelse", "Solrød",
    "Sorø", "Stevns", "Struer", "Svendborg", "Syddjurs", "Sønderborg", "Thisted",
    "Tønder", "Tårnby", "Vallensbæk", "Varde", "Vejen", "Vejle",
    "Vesthimmerland", "Viborg", "Vordingborg", "Ærø", "Aabenraa", "Aalborg",
    "Aarhus",
]

# Colloquial names, abbreviations and town names that people use for their municipality.
EXTRA_SPELLINGS: Dict[str, List[str]] = {
    "København": ["kbh", "kbh.", "cph", "kbhvn", "københavns kommune", "kobenhavn", "kødbyen",
                  "nørrebro", "norrebro", "vesterbro", "amager", "valby", "vanløse",
                  "brønshøj", "bronshoj", "nordvest", "tingbjerg", "sydhavnen", "østerbro"],
    "Aarhus": ["århus", "arhus", "gellerup", "bispehaven"],
    "Aalborg": ["ålborg", "alborg"],
    "Aabenraa": ["åbenrå", "abenra"],
    "Frederiksberg": ["frb", "frb.", "frederiksberg kommune"],
    "Høje-Taastrup": ["høje taastrup", "taastrup", "hoje taastrup", "tåstrup"],
    "Lyngby-Taarbæk": ["lyngby", "kongens lyngby", "taarbæk"],
    "Ringkøbing-Skjern": ["ringkøbing", "skjern", "ringkobing"],
    "Ikast-Brande": ["ikast", "brande", "ikast brande"],
    "Faaborg-Midtfyn": ["faaborg", "fåborg", "midtfyn", "ringe"],
    "Bornholm": ["rønne", "ronne", "nexø"],
    "Hvidovre": ["avedøre"],
    "Ishøj": ["vildtkærsvej"],
    "Brøndby": ["brøndby strand", "brondby strand"],
    "Gladsaxe": ["mørkhøj", "bagsværd", "søborg"],
    "Gentofte": ["hellerup", "charlottenlund"],
    "Odense": ["vollsmose"],
    "Lolland": ["nakskov", "maribo"],
    "Guldborgsund": ["nykøbing falster", "nykobing falster"],
    "Jammerbugt": ["aabybro", "fjerritslev"],
    "Mariagerfjord": ["hobro", "hadsund"],
    "Vesthimmerland": ["aars", "års"],
    "Morsø": ["nykøbing mors", "mors"],
    "Syddjurs": ["ebeltoft"],
    "Norddjurs": ["grenaa", "grenå"],
    "Halsnæs": ["frederiksværk"],
    "Egedal": ["ølstykke", "stenløse", "smørum"],
    "Furesø": ["farum", "værløse"],
    "Rudersdal": ["holte", "birkerød"],
    "Solrød": ["solrød strand"],
    "Stevns": ["store heddinge"],
    "Nordfyns": ["bogense", "nordfyn"],
}


def fold(text: str) -> str:
    """Lower-case and spell æ/ø/å the way a keyboard without them does."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def spellings(name: str) -> List[str]:
    """All lower-case spellings that should be recognised for one municipality."""
    base = [name.lower(), name.lower().replace("-", " ")]
    base += [s.lower() for s in EXTRA_SPELLINGS.get(name, [])]
    variants = set(base)
    for spelling in base:
        variants.add(fold(spelling))
        variants.add(spelling + " kommune")
    return sorted(variants)


_BY_SPELLING: Dict[str, str] = {
    spelling: name for name in MUNICIPALITIES for spelling in spellings(name)
}


def canonical(text: str) -> Optional[str]:
    """The municipality's official name for a typed spelling, or None."""
    key = " ".join(text.lower().strip(" .,!?").split())
    return _BY_SPELLING.get(key) or _BY_SPELLING.get(fold(key))


def suggestions(text: str, limit: int = 3) -> List[str]:
    """Closest municipality names for a misspelling, best first."""
    key = fold(" ".join(text.lower().split()))
    matches = difflib.get_close_matches(key, list(_BY_SPELLING), n=limit * 3, cutoff=0.6)
    found: List[str] = []
    for match in matches:
        name = _BY_SPELLING[match]
        if name not in found:
            found.append(name)
    return found[:limit]
