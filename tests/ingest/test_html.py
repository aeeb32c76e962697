"""sitrep.ingest.html: main-text extraction and page metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.eval.extraction import score_benchmark, token_f1
from sitrep.ingest.html import HtmlExtract, extract_html

BENCHMARK = Path(__file__).parents[2].parent / "shared" / "corpora" / "article-extraction-benchmark"

ARTICLE = [
    "The river authority said on Tuesday that water levels at the Eastbridge dam had risen by two metres "
    "in a single night, forcing the evacuation of about 4,000 residents from low-lying districts.",
    "Engineers opened three spillways before dawn to relieve pressure on the embankment, which was "
    "reinforced last year after a survey found cracks in its northern section.",
    "“We are not expecting a breach, but we are not taking chances either,” said Maria Okonkwo, the "
    "authority's chief engineer, speaking to reporters at the site.",
    "Schools in the district will stay closed until Friday, and the regional government has set up "
    "temporary shelters in two sports halls and a conference centre on higher ground.",
    "Forecasters expect another 80 millimetres of rain over the weekend, which could push levels higher "
    "still before the water begins to recede early next week.",
]

JUNK = [
    "We use cookies to improve your experience",
    "Subscribe to our newsletter",
    "Ten best beaches you have never heard of",
    "Celebrity chef opens restaurant on the moon",
    "Contact us",
    "Copyright 2024 Example News Group",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Thousands evacuated as dam levels rise | Example News</title>
  <meta property="og:title" content="Thousands evacuated as dam levels rise">
  <meta property="og:site_name" content="Example News">
  <meta property="og:type" content="article">
  <meta property="og:url" content="https://news.example.com/world/2024/03/05/dam-evacuation">
  <meta property="article:published_time" content="2024-03-05T08:30:00+00:00">
  <meta name="author" content="Jane Doe">
  <link rel="canonical" href="/world/2024/03/05/dam-evacuation">
</head>
<body>
  <div id="cookie-banner" class="cookie-consent">
    <p>{JUNK[0]}. <a href="/privacy">Privacy policy</a> <button>Accept all</button></p>
  </div>
  <header>
    <nav><ul>
      <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
      <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
    </ul></nav>
  </header>
  <main>
    <article>
      <h1>Thousands evacuated as dam levels rise</h1>
      <p class="byline">By Jane Doe, <time datetime="2024-03-05">5 March 2024</time></p>
      {"".join(f"<p>{p}</p>" for p in ARTICLE)}
    </article>
    <aside class="newsletter"><p>{JUNK[1]}</p><form><input type="email"></form></aside>
    <section class="related">
      <h2>Related stories</h2>
      <ul>
        <li><a href="/travel/beaches">{JUNK[2]}</a></li>
        <li><a href="/food/moon">{JUNK[3]}</a></li>
      </ul>
    </section>
  </main>
  <footer><a href="/contact">{JUNK[4]}</a><p>{JUNK[5]}</p></footer>
</body>
</html>"""


@pytest.mark.shared
@pytest.mark.slow
def test_benchmark_mean_f1() -> None:
    if not BENCHMARK.is_dir():
        pytest.skip("../shared/corpora/article-extraction-benchmark is not present")
    result = score_benchmark(BENCHMARK, workers=2)
    assert result["n"] == 181
    assert result["mean"]["sitrep"]["f1"] >= 0.97


def test_token_f1() -> None:
    assert token_f1("a b c", "a b c") == (1.0, 1.0, 1.0)
    assert token_f1("", "") == (1.0, 1.0, 1.0)
    assert token_f1("x", "") == (0.0, 0.0, 0.0)
    p, r, f = token_f1("The cat the dog", "the cat sat")
    assert (p, r) == (0.5, 2 / 3)
    assert f == pytest.approx(2 * p * r / (p + r))


def test_handcrafted_page() -> None:
    page = extract_html(PAGE, url="https://news.example.com/world/2024/03/05/dam-evacuation?utm=x")
    assert isinstance(page, HtmlExtract)
    for paragraph in ARTICLE:
        assert paragraph in page.text
    for junk in JUNK:
        assert junk.lower() not in page.text.lower()
    assert "Accept all" not in page.text
    assert page.text.split("\n\n")[0] == ARTICLE[0]
    assert page.title == "Thousands evacuated as dam levels rise"
    assert page.published == "2024-03-05"
    assert page.outlet == "Example News"
    assert page.author == "Jane Doe"
    assert page.canonical_url == "https://news.example.com/world/2024/03/05/dam-evacuation"
    assert page.language == "en"
    assert page.method


def test_bytes_input_in_legacy_charset() -> None:
    page = extract_html(PAGE.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    assert ARTICLE[2] in page.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        b"",
        "   \n ",
        "<html></html>",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><script>var x = 1;</script><style>p {}</style></body></html>",
        "<<<>>></",
    ],
)
def test_no_text_raises_value_error(html: str | bytes) -> None:
    with pytest.raises(ValueError):
        extract_html(html)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\xff\xfe\x00\x00garbage\x00\x01\x02",
        b"\x00" * 100,
        b"<p>unclosed <b>tags <i>everywhere",
        b'<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>Caf\xe9 au lait.</p></body></html>',
    ],
)
def test_garbage_does_not_crash(data: bytes) -> None:
    try:
        page = extract_html(data)
    except ValueError:
        return
    assert isinstance(page.text, str) and page.text.strip()


def test_html_example_pages_match_hand_made_body_truth(examples_dir: Path) -> None:
    truths = sorted((examples_dir / "truth" / "html").glob("*.txt"))
    assert len(truths) >= 5
    scores = []
    for truth in truths:
        page = (examples_dir / "articles" / f"{truth.stem}.html").read_bytes()
        scores.append(token_f1(extract_html(page).text, truth.read_text(encoding="utf-8"))[2])
    assert min(scores) >= 0.95
    assert sum(scores) / len(scores) >= 0.97
