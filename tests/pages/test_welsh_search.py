"""Welsh search finds a word in its radical form and in every mutated form."""

import pytest

from pages.welsh_search import mutations, radicals, welsh_query, word_forms
from tests.html import parse

WELSH_SEARCH = "/cy/chwilio/"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("rwydwaith", {"rhwydwaith"}),  # soft rh -> r
        ("lys", {"llys"}),  # soft ll -> l
        ("gymorth", {"cymorth", "nghymorth", "chymorth"}),  # soft c -> g
        ("nghymorth", {"cymorth", "gymorth", "chymorth"}),  # nasal c -> ngh
        ("chymorth", {"cymorth"}),  # aspirate c -> ch
        ("dîm", {"tîm", "nhîm", "thîm"}),  # soft t -> d
        ("wybod", {"gwybod", "ngwybod"}),  # soft: g is lost
        ("fam", {"mam", "bam"}),  # soft m -> f, b -> f
        ("ddiogel", {"diogel", "niogel"}),  # soft d -> dd, nasal d -> n
        ("haelodau", {"aelodau"}),  # h- before a vowel
        ("aelodau", {"haelodau"}),
        ("mhlant", {"plant", "blant", "phlant"}),  # nasal p -> mh
    ],
)
def test_a_word_brings_its_radical_and_mutated_forms(typed, expected):
    forms = set(word_forms(typed))
    assert typed in forms
    assert expected <= forms, forms - expected


@pytest.mark.parametrize(
    ("radical", "forms"),
    [
        ("chwilio", {"chwilio"}),
        ("ffordd", {"ffordd"}),
        ("dda", {"dda"}),
        ("llys", {"llys", "lys"}),
        ("rhwydwaith", {"rhwydwaith", "rwydwaith"}),
        ("theatr", {"theatr"}),
    ],
)
def test_a_letter_written_with_two_characters_is_one_letter(radical, forms):
    """ "ch" is not a "c" to mutate, nor "ll" an "l", nor "ff" an "f"."""
    assert mutations(radical) == forms


@pytest.mark.parametrize(
    ("word", "not_a_radical"),
    [("llys", "gllys"), ("rhwydwaith", "rhhwydwaith"), ("ffordd", "bfordd"), ("ddoe", "tdoe")],
)
def test_no_radical_cuts_a_letter_in_two(word, not_a_radical):
    assert not_a_radical not in radicals(word)


def test_little_words_are_left_alone():
    assert word_forms("y") == ["y"]
    assert word_forms("ei") == ["ei"]


@pytest.mark.parametrize("query", ['"', "';--", "()*", "-", "   ", "\u2019"])
def test_a_query_without_words_gives_no_search(query):
    assert welsh_query(query) is None


def test_only_letters_reach_the_search_backend():
    query = welsh_query('"rwydwaith" OR* (tîm) NEAR/2 ^x')
    text = repr(query)
    for character in '"*()^/':
        assert character not in text


def titles(client, query):
    response = client.get(WELSH_SEARCH, {"q": query})
    assert response.status_code == 200
    return sorted(a.get_text(strip=True) for a in parse(response).select(".results h3 a"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("radical", "mutated"),
    [
        ("rhwydwaith", "rwydwaith"),
        ("cymorth", "nghymorth"),
        ("cymorth", "chymorth"),
        ("gwybod", "wybod"),
        ("aelodau", "haelodau"),
    ],
)
def test_welsh_search_finds_the_demo_pages_whichever_form_is_typed(client, radical, mutated):
    found = titles(client, radical)
    assert found, f"the demo content has '{radical}' or one of its forms"
    assert titles(client, mutated) == found


@pytest.mark.django_db
def test_several_words_must_all_be_found_in_some_form(client):
    both = titles(client, "rwydwaith aelodau")
    assert both
    assert set(both) <= set(titles(client, "rhwydwaith")) & set(titles(client, "aelodau"))
    assert titles(client, "rwydwaith zebracrossing") == []


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"rwydwaith', "rwydwaith\"'*", "NEAR(rwydwaith", "'"])
def test_punctuation_in_a_welsh_query_never_breaks_the_page(client, query):
    assert client.get(WELSH_SEARCH, {"q": query}).status_code == 200
