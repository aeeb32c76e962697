"""Roles whose country comes from who installed, owns or mirrors the office; offices added in round 2.

Sentences written for these tests (invented people; countries, offices and the
knowledge base's people are real facts); a blank English tokenizer, so the
rules work without the trained model.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.nlp.roles_context import antecedent_country, role_words

RoleClaims = Callable[[str, str | None], set[tuple[str, str, str | None]]]  # the role_claims fixture
PUBLISHED = "2023-08-01"  # the publication date of the sentences below unless a test says otherwise


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # the appointing country beats the place the office is over
        ("Pavel Zorin, the Russian-installed governor of the Zaporizhzhia region, ordered an evacuation.",
         ("Pavel Zorin", "Governor", "RUS")),
        ("Ivan Lenko, the Moscow-appointed mayor of Melitopol, said the power was back.",
         ("Ivan Lenko", "Mayor", "RUS")),
        # "the junta's spokesman": the rulers of the country the article is about
        ("Soldiers seized power in Mali on Monday. The junta's spokesman, Colonel Issa Diarra, read a statement. "
         "France and Germany condemned the coup. France recalled its envoy and France cut aid.",
         ("Issa Diarra", "Spokesperson", "MLI")),
        # "the bloc's chairman": the international organisation named before; a second title before the name
        ("ECOWAS leaders met in Abuja. The bloc's chairman, Ghanaian President Kofi Mensah, spoke first.",
         ("Kofi Mensah", "Chairman", "ECOWAS")),
        ("ECOWAS leaders met in Abuja. The bloc's chairman, Ghanaian President Kofi Mensah, spoke first.",
         ("Kofi Mensah", "President", "GHA")),
        # "the command's spokesman": the body the noun refers back to, with a service and rank before the name
        ("The Southern Command of the Indian Army said drills had begun. The command's spokesman, Navy Senior Colonel Ravi Menon, "
         "said they would last two days. Pakistan protested.",
         ("Ravi Menon", "Spokesperson", "IND")),
        # a minister in someone's government
        ("Mohamed Bazoum was detained in Niamey. Ali Souley, the foreign minister in Bazoum's government, called for his release.",
         ("Ali Souley", "Foreign Minister", "NER")),
        # a generic presidential body belongs to the president named before
        ("Taiwan's president, Lai Ching-te, spoke on Monday. China sent ships. Presidential Office spokeswoman Mei Lin said China was to blame.",
         ("Mei Lin", "Spokesperson", "TWN")),
        # coordinated names after a plural title, each with the country of their record
        ("The foreign ministers, Sergei Lavrov and Dmytro Kuleba, met in Antalya.",
         ("Sergei Lavrov", "Foreign Minister", "RUS")),
        ("The foreign ministers, Sergei Lavrov and Dmytro Kuleba, met in Antalya.",
         ("Dmytro Kuleba", "Foreign Minister", "UKR")),
        # new offices
        ("Ukraine's prosecutor general, Andriy Kostin, opened a case.", ("Andriy Kostin", "Prosecutor General", "UKR")),
        ("Japan's chief cabinet secretary, Kenji Sato, told reporters in Tokyo the drills were a concern.",
         ("Kenji Sato", "Chief Cabinet Secretary", "JPN")),
        ("Omar Touray, president of the ECOWAS Commission, read the communique.",
         ("Omar Touray", "President of the ECOWAS Commission", "ECOWAS")),
        ("Brigadier General Olek Tarnav, who commands Ukrainian forces in the south, said the line held.",
         ("Olek Tarnav", "Commander", "UKR")),
        ("Andriy Yermak, the head of Zelensky's office, wrote on Telegram.",
         ("Andriy Yermak", "Head of the Presidential Office", "UKR")),
    ],
)
def test_country_and_office_from_context(role_claims: RoleClaims, text: str, claim: tuple[str, str, str]) -> None:
    assert claim in role_claims(text, PUBLISHED)


def test_a_counterpart_holds_the_anchors_office(role_claims: RoleClaims) -> None:
    text = ("Ukraine's ambassador to the United Nations, Sergiy Kyslytsya, spoke after his Russian counterpart, "
            "Vasily Nebenzya, at the Security Council.")
    claims = role_claims(text, "2022-02-24")
    assert ("Vasily Nebenzya", "Ambassador", "RUS") in claims


def test_a_countrys_own_office_is_not_mirrored(role_claims: RoleClaims) -> None:
    text = ("Gen. Mark Milley, the top U.S. military officer as chairman of the Joint Chiefs of Staff, "
            "phoned his Russian counterpart, Gen. Valery Gerasimov.")
    claims = role_claims(text, "2021-04-10")
    assert ("Valery Gerasimov", "Chief of the General Staff", "RUS") in claims


def test_a_governor_takes_the_country_of_places_not_of_a_missile(role_claims: RoleClaims) -> None:
    text = ("Ukraine and Russia held talks. Kyiv said Ukraine would not give up land. "
            "A Russian missile hit the regional administration building on Tuesday. "
            "The regional governor, Vitaly Kimov, said he was not in his office.")
    assert ("Vitaly Kimov", "Governor", "UKR") in role_claims(text, "2022-03-29")


def test_antecedent_of_a_backed_group_is_not_its_backer() -> None:
    text = "Strikes hit the Iran-aligned group in Yemen. The group's negotiator spoke."
    countries = [(text.index("Iran"), text.index("Iran") + 4, "IRN"), (text.index("Yemen"), text.index("Yemen") + 5, "YEM")]
    pos = text.index("group's")
    assert antecedent_country("group", pos, text=text, countries=countries, bodies=[]) is None
    assert "junta" in role_words().ruler_nouns
