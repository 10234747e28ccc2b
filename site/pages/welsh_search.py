"""Welsh search that finds a word whatever mutation it is written with.

Welsh changes the first letter of a word after certain words: "rhwydwaith" (network)
is "y rwydwaith" in some phrases, "tîm" is "ei dîm", "cymorth" is "fy nghymorth" or "a
chymorth", and a word starting with a vowel can take an "h" ("ei hanes"). The search
index holds the words as written, so a query for one form misses the others. Each query
word is turned into the radical forms it could come from, and each radical into every
form it can take; the forms of one word are ORed, the words ANDed, as before.

Only letters reach the search backend: punctuation and quotes in what was typed are
dropped, so no query can break the database's search syntax.
"""

import re

from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

SOFT = {"ll": "l", "rh": "r", "p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f"}
NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
VOWELS = "aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ"
# A radical "g" is lost in the soft mutation; the words it leaves start with these letters.
AFTER_LOST_G = {*VOWELS, "l", "r"}

WORD = re.compile(r"[^\W\d_]+")
# Enough for any real query; keeps the expanded query a reasonable size.
MAX_WORDS = 10
SHORTEST_MUTATED = 3


# The Welsh letters written with two characters: "ch" is not a "c", nor "ll" an "l".
DIGRAPHS = {"ch", "dd", "ff", "ng", "ll", "ph", "rh", "th"}


def letters(text, count=3):
    """The first `count` Welsh letters of `text`."""
    found = []
    position = 0
    while position < len(text) and len(found) < count:
        size = 2 if text[position : position + 2] in DIGRAPHS else 1
        found.append(text[position : position + size])
        position += size
    return found


def radicals(word):
    """Every dictionary form `word` could be a mutation of, itself included."""
    forms = {word}
    start = letters(word)
    for table in (SOFT, NASAL, ASPIRATE):
        for radical, mutated in table.items():
            written = letters(mutated)
            if mutated and start[: len(written)] == written:
                forms.add(radical + word[len(mutated) :])
    if start and start[0] in AFTER_LOST_G:
        forms.add("g" + word)
    if word[:1] == "h" and word[1:2] and word[1] in VOWELS:
        forms.add(word[1:])
    return forms


def mutations(radical):
    """Every form a radical word can be written in, itself included."""
    forms = {radical}
    first = letters(radical, 1)[:1]
    for table in (SOFT, NASAL, ASPIRATE):
        if first and first[0] in table:
            forms.add(table[first[0]] + radical[len(first[0]) :])
    if radical[:1] in VOWELS:
        forms.add("h" + radical)
    return {form for form in forms if len(form) > 1}


def word_forms(word):
    word = word.lower()
    if len(word) < SHORTEST_MUTATED:
        # "y", "a", "ei", "yn": little words whose forms would only add noise.
        return [word]
    forms = {word}
    for radical in radicals(word):
        forms |= mutations(radical)
    return sorted(forms)


def welsh_query(query):
    """A search query for Wagtail matching each word's radical and mutated forms, or None
    when the query has no words."""
    words = WORD.findall(query)[:MAX_WORDS]
    if not words:
        return None
    alternatives = [Or([PlainText(form) for form in word_forms(word)]) for word in words]
    return alternatives[0] if len(alternatives) == 1 else And(alternatives)


def search(items, query, language):
    """`items` (pages, or any indexed model's objects) that match `query`: in Welsh, each
    word in any of its forms; in any other language, the words as typed. Every word must
    be found, as before."""
    backend = get_search_backend()
    if language != "cy":
        return backend.search(query, items, operator="and")
    expanded = welsh_query(query)
    return items.none() if expanded is None else backend.search(expanded, items)
