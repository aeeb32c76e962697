"""A seeded generator of synthetic news inputs for the ingest benchmark.

Articles are made of sentences from templates filled with names, places,
numbers and a large random vocabulary, so that no two articles are near-copies
by accident; each text dump gets page junk (navigation, teasers, captions,
a trailing headline list) and each HTML page a realistic shell (nav, cookie
banner, related links, footer, scripts).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PEOPLE = [
    ("Defence Minister", "Andrii Taran"),
    ("Foreign Minister", "Dmytro Kuleba"),
    ("Secretary of State", "Antony Blinken"),
    ("Defense Secretary", "Lloyd Austin"),
    ("President", "Volodymyr Zelensky"),
    ("Chancellor", "Angela Merkel"),
    ("President", "Emmanuel Macron"),
    ("Secretary-General", "Jens Stoltenberg"),
    ("spokesman", "Dmitry Peskov"),
    ("General", "Ruslan Khomchak"),
]
PLACES = [
    "Kyiv",
    "Moscow",
    "Brussels",
    "Washington",
    "Donetsk",
    "Luhansk",
    "Crimea",
    "Kharkiv",
    "Berlin",
    "Paris",
]
VERBS = ["said", "told reporters", "warned", "announced", "stressed", "noted", "insisted", "added"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
JUNK_TOP = ["Skip to main content", "Menu", "Breaking News", "Accessibility links", "Subscribe", "Search"]
JUNK_BOTTOM = [
    "Comments",
    "Loading comments...",
    "Share this article",
    "Follow us on social media",
    "© 2021 Example Media Group. All rights reserved.",
]


def _vocab(rng: random.Random, n: int = 20000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(n)]


class Generator:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.vocab = _vocab(self.rng)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(self.vocab) for _ in range(n))

    def sentence(self) -> str:
        rng = self.rng
        title, name = rng.choice(PEOPLE)
        kind = rng.randrange(4)
        if kind == 0:
            return (
                f"{title} {name} {rng.choice(VERBS)} that {self.words(rng.randint(8, 16))} "
                f"in {rng.choice(PLACES)}."
            )
        if kind == 1:
            return (
                f"On {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2, 900)} "
                f"{self.words(3)} were reported near {rng.choice(PLACES)}, officials said."
            )
        if kind == 2:
            return f'"{self.words(rng.randint(10, 20)).capitalize()}," {name} {rng.choice(VERBS)}.'
        return f"{self.words(rng.randint(12, 24)).capitalize()}."

    def body(self) -> list[str]:
        return [
            " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))
            for _ in range(self.rng.randint(6, 12))
        ]

    def title(self) -> str:
        return self.words(self.rng.randint(5, 9)).title()

    def text_dump(self) -> str:
        rng = self.rng
        lines = [*rng.sample(JUNK_TOP, 2), self.title()]
        body = self.body()
        caption = f"{self.words(8).capitalize()} in {rng.choice(PLACES)}."
        body.insert(2, caption)
        body.insert(3, caption)
        body.insert(4, f"Read also{self.title()}{self.sentence()}")
        lines += body
        lines += ["Explore"] + [self.title() for _ in range(rng.randint(4, 10))]
        lines += rng.sample(JUNK_BOTTOM, 2)
        return "\n\n".join(lines) + "\n"

    def html_page(self) -> str:
        rng = self.rng
        title = self.title()
        day = f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        paras = "\n".join(f"<p>{p}</p>" for p in self.body())
        related = "\n".join(f'<li><a href="/news/{i}">{self.title()}</a></li>' for i in range(6))
        nav = "".join(f'<a href="/{w}">{w}</a>' for w in ["World", "Politics", "Business", "Sport"])
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Example Post</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Example Post">
<meta property="article:published_time" content="{day}T09:30:00Z">
<script>window.dataLayer = [];</script></head>
<body><header><nav>{nav}</nav></header>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>
<main><article><h1>{title}</h1><p class="byline">By {self.words(2).title()}</p>
{paras}
</article>
<aside><h3>Related</h3><ul>{related}</ul></aside></main>
<footer><p>© 2021 Example Post</p><a href="/privacy">Privacy</a></footer>
<script>console.log("{self.words(3)}");</script></body></html>
"""

    def json_record(self) -> dict[str, object]:
        day = f"2021-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        return {
            "title": self.title(),
            "text": "\n\n".join(self.body()),
            "published": day,
            "outlet": "Example Wire",
            "url": f"https://example.org/{self.rng.getrandbits(40):x}",
            "section": "world",
        }


def write_corpus(root: Path, n: int, *, seed: int = 7) -> dict[str, int]:
    """Write ``n`` inputs under ``root``: 40% text dumps, 40% HTML pages, 20% JSONL records."""
    gen = Generator(seed)
    root.mkdir(parents=True, exist_ok=True)
    counts = {"text": 0, "html": 0, "jsonl": 0}
    n_text, n_html = int(n * 0.4), int(n * 0.4)
    for i in range(n_text):
        sub = root / "txt" / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:06d}.txt").write_text(gen.text_dump(), encoding="utf-8")
        counts["text"] += 1
    for i in range(n_html):
        sub = root / "html" / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"p{i:06d}.html").write_text(gen.html_page(), encoding="utf-8")
        counts["html"] += 1
    with (root / "feed.jsonl").open("w", encoding="utf-8") as out:
        for _ in range(n - n_text - n_html):
            out.write(json.dumps(gen.json_record()) + "\n")
            counts["jsonl"] += 1
    return counts
