"""Roles whose title names no country, offices beyond the classic cabinet, and names with particles.

Sentences written for these tests (people and offices are real facts or invented names);
a blank English tokenizer, so the rules work without the trained model.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.nlp.roles_context import context_country, role_words

RoleClaims = Callable[[str, str | None], set[tuple[str, str, str | None]]]  # the role_claims fixture
PUBLISHED = "2024-03-01"  # the publication date of the sentences below unless a test says otherwise


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # the country of an earlier sentence
        ("Iran condemned the raid. Foreign ministry spokesman Reza Tabari said it broke the law.",
         ("Reza Tabari", "Spokesperson", "IRN")),
        # the country earlier in the same sentence
        ("The Russian defence ministry promoted General Oleg Durnov, the commander of the northern group.",
         ("Oleg Durnov", "Commander", "RUS")),
        # a place's possessive, a place after the title
        ("Kherson's regional governor, Petro Hrytsenko, said two people were hurt.",
         ("Petro Hrytsenko", "Governor", "UKR")),
        ("Ivan Sorokin, the acting governor of the Belgorod region, declared an emergency.",
         ("Ivan Sorokin", "Governor", "RUS")),
        # a person's possessive, and "his spokesman"
        ("Ilham Aliyev spoke on Monday. Farid Guliyev, Aliyev's foreign policy adviser, said talks would go on.",
         ("Farid Guliyev", "Foreign Policy Aide", "AZE")),
        ("Volodymyr Zelensky met the envoys. His spokesman Taras Melnyk said the talks were useful.",
         ("Taras Melnyk", "Spokesperson", "UKR")),
        # offices beyond the cabinet
        ("Dmitry Medvedev, the deputy chairman of Russia's Security Council, wrote on Telegram.",
         ("Dmitry Medvedev", "Deputy Chairman of the Security Council", "RUS")),
        ("Yevgeny Prigozhin, the founder of the Wagner group, spoke from Rostov.",
         ("Yevgeny Prigozhin", "Founder", "RUS")),
        ("Ukraine's human rights ombudsman, Dmytro Lubinets, said the prisoners were back.",
         ("Dmytro Lubinets", "Ombudsman", "UKR")),
        ("Israel's chief negotiator, David Barnea, flew to Doha.", ("David Barnea", "Chief Negotiator", "ISR")),
        ("Benny Gantz, a member of Israel's war cabinet, said so.", ("Benny Gantz", "Minister", "ISR")),
        # a ministry "run by" its minister
        ("Ukraine's interior ministry, led since July by Ihor Klymenko, said the roads were open.",
         ("Ihor Klymenko", "Interior Minister", "UKR")),
        # names with particles and after ranks
        ("European Commission President Ursula von der Leyen arrived in Kyiv.",
         ("Ursula von der Leyen", "President of the European Commission", "EU")),
        ("Abdullah al-Sabri, a deputy foreign minister in the Houthi administration, said the ships were targets.",
         ("Abdullah al-Sabri", "Deputy Foreign Minister", "YEM")),
    ],
)
def test_roles_take_their_country_from_context(role_claims: RoleClaims, text: str, claim: tuple[str, str, str]) -> None:
    assert claim in role_claims(text, PUBLISHED)


def test_the_body_after_a_possessive_country_is_no_person(role_claims: RoleClaims) -> None:
    claims = role_claims("Alexander Bastrykin, the head of Russia's Investigative Committee, ordered a probe.", PUBLISHED)
    assert ("Alexander Bastrykin", "Director", "RUS") in claims
    assert not any(person == "Investigative Committee" for person, _, _ in claims)


def test_context_country_prefers_the_sentence_then_the_previous_one() -> None:
    countries = [(0, 4, "IRN"), (20, 26, "ISR"), (30, 36, "ISR"), (60, 64, "USA")]
    starts = [0, 50]
    assert context_country(70, countries=countries, sentence_starts=starts, skip=(70, 80)) == "USA"
    assert context_country(55, countries=countries, sentence_starts=starts, skip=(55, 58)) == "ISR"  # most named before
    assert context_country(55, countries=[(56, 62, "ISR")], sentence_starts=starts, skip=(55, 63)) is None


def test_role_words_are_versioned() -> None:
    words = role_words()
    assert words.version and "committee" in words.body_nouns and "region" in words.place_suffixes
