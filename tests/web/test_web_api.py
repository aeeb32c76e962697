"""The HTTP API over a real uvicorn server and a real store made from examples/."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.routing import Route
from starlette.types import ASGIApp

from sitrep.store.db import Store
from sitrep.web import create_app
from sitrep.web.openapi import openapi_document

TOKEN = "s3cret-token"
MAX_BODY = 100_000
SHUMY = "b417da7b359a4e92"  # examples/articles/kyiv_ledger_shumy_attack.txt (and its _mobile duplicate)


Serve = Callable[[ASGIApp], AbstractContextManager[str]]


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory, web_store: Path) -> Path:
    """A copy of the examples store that these tests may write to (ingest)."""
    db = tmp_path_factory.mktemp("api") / "api.db"
    shutil.copy(web_store, db)
    return db


@pytest.fixture(scope="module")
def base(store_db: Path, serve: Serve) -> Iterator[str]:
    with serve(create_app(db=store_db, ingest_token=TOKEN, max_body=MAX_BODY)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def _all_ids(db: Path) -> set[str]:
    with Store(db) as store:
        return {a.id for a in store.iter_articles()}


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) >= {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code


def test_web_api_articles_pages_through_everything_newest_first(client: httpx.Client, store_db: Path) -> None:
    first = client.get("/api/articles", params={"limit": 7}).json()
    assert set(first) >= {"items", "total", "limit", "offset", "next"}
    assert first["total"] == len(_all_ids(store_db)) and first["limit"] == 7 and first["offset"] == 0
    seen: list[str] = []
    dates: list[str] = []
    page = first
    while True:
        seen += [a["id"] for a in page["items"]]
        dates += [a["published"] or "" for a in page["items"]]
        if page["next"] is None:
            break
        page = client.get(page["next"]).json()
    assert len(seen) == len(set(seen)) == first["total"]
    assert set(seen) == _all_ids(store_db)
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated  # undated last


def test_web_api_articles_filters(client: httpx.Client, examples_dir: Path) -> None:
    wire = client.get("/api/articles", params={"outlet": "meridian wire"}).json()
    assert wire["total"] >= 3 and {a["outlet"] for a in wire["items"]} == {"Meridian Wire"}
    april = client.get("/api/articles", params={"since": "2021-04-01", "until": "2021-04-15"}).json()
    assert april["total"] > 0 and all("2021-04-01" <= a["published"] <= "2021-04-15" for a in april["items"])
    shumy = client.get("/api/articles", params={"q": "mortar Shumy"}).json()
    assert SHUMY in [a["id"] for a in shumy["items"]]
    feeds = client.get("/api/articles", params={"source": str(examples_dir / "feeds"), "limit": 500}).json()
    assert feeds["total"] >= 5
    for item in feeds["items"]:
        sources = client.get(f"/api/articles/{item['id']}").json()["sources"]
        assert any(s["source"].startswith(str(examples_dir / "feeds")) for s in sources)
    assert client.get("/api/articles", params={"q": '"unbalanced AND ('}).status_code == 200


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"since": "2021-13-01"}, "bad_parameter"),
        ({"since": "2021-04-10", "until": "2021-04-01"}, "bad_parameter"),
        ({"limit": "0"}, "bad_parameter"),
        ({"limit": "lots"}, "bad_parameter"),
        ({"offset": "-1"}, "bad_parameter"),
        ({"colour": "red"}, "bad_parameter"),
    ],
)
def test_web_api_bad_filters_answer_400_in_one_shape(client: httpx.Client, query: dict[str, str], code: str) -> None:
    assert_error(client.get("/api/articles", params=query), 400, code)


def test_web_api_not_found_and_wrong_method(client: httpx.Client) -> None:
    assert_error(client.get("/api/articles/0000000000000000"), 404, "article_not_found")
    assert_error(client.get("/api/nowhere"), 404, "not_found")
    assert_error(client.post("/api/articles"), 405)
    assert_error(client.get("/api/search"), 400, "missing_parameter")
    assert_error(client.get("/api/dyad", params={"a": "USA"}), 400, "missing_parameter")
    assert client.get("/articles/0000000000000000").status_code == 404


def test_web_api_article_detail_has_text_sources_links_and_layers(client: httpx.Client) -> None:
    article = client.get(f"/api/articles/{SHUMY}").json()
    assert "Shumy" in article["text"]
    assert len(article["sources"]) == 2  # the exact duplicate is one article with two sources
    for mention in article["layers"]["mentions"]:
        assert article["text"][mention["start"] : mention["end"]] == mention["text"]
    assert article["events"] and all(e["article_id"] == SHUMY for e in article["events"])
    for event in article["events"]:
        assert article["text"][event["start"] : event["end"]] == event["span"]
        assert event["sentence"] == article["text"][event["sentence_start"] : event["sentence_end"]]
        assert isinstance(event["actor"], list) and isinstance(event["quantities"], dict)  # JSON decoded
    assert client.get(f"/api/articles/{SHUMY[:8]}").json()["id"] == SHUMY  # unique prefix
    copies = client.get("/api/articles", params={"limit": 500}).json()["items"]
    copy = next(a for a in copies if a["duplicate_of"])
    detail = client.get(f"/api/articles/{copy['id']}").json()
    assert any(link["other_id"] == copy["duplicate_of"] and link["other_role"] == "original"
               for link in detail["links"])
    assert any(client.get(f"/api/articles/{a['id']}").json()["removed"] for a in copies[:10])


def test_web_api_events_filter_on_real_columns(client: httpx.Client, web_built: dict[str, Any]) -> None:
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] >= 100 and len(everything["items"]) == everything["total"]
    dated = [e["date"] for e in everything["items"] if e["date"]]
    keys = [e["date_key"] for e in everything["items"] if e["date"]]
    assert keys == sorted(keys, reverse=True)  # newest first by the period's first day, undated last
    assert all(k == d[:10] for k, d in zip(keys, dated, strict=True) if len(d) >= 10)
    assert all(e["date"] is None for e in everything["items"][len(dated) :])
    assault = client.get("/api/events", params={"type": "assault", "limit": 500}).json()
    assert 0 < assault["total"] < everything["total"] and {e["type"] for e in assault["items"]} == {"ASSAULT"}
    ukr = client.get("/api/events", params={"country": "ukr", "since": "2021-04-01", "until": "2021-04-30"}).json()
    assert ukr["total"] > 0
    for e in ukr["items"]:
        assert "UKR" in (e["source_country"], e["target_country"]) and "2021-04-01" <= e["date_key"] <= "2021-04-30"
    biden = client.get("/api/events", params={"actor": "joe biden", "limit": 500}).json()
    assert biden["total"] > 0 and all("Joe Biden" in (e["source_actor"], e["target_actor"]) for e in biden["items"])
    rewrite = web_built["rewrite"]
    own = client.get("/api/events", params={"article": rewrite, "limit": 500}).json()
    assert own["total"] > 0 and {e["article_id"] for e in own["items"]} == {rewrite}
    (story,) = client.get("/api/stories", params={"article": rewrite}).json()["items"]
    in_story = client.get("/api/events", params={"story": story["id"], "limit": 500}).json()
    assert {e["id"] for e in own["items"]} <= {e["id"] for e in in_story["items"]}
    assert {e["article_id"] for e in in_story["items"]} <= set(story["article_ids"])
    assert client.get("/api/events", params={"status": "negated"}).json()["total"] >= 1


def test_web_api_canonical_events_carry_their_evidence(client: httpx.Client, web_built: dict[str, Any]) -> None:
    body = client.get("/api/canonical-events", params={"limit": 500}).json()
    assert body["total"] >= 50
    merged = [c for c in body["items"] if c["n_articles"] >= 3]
    assert merged
    for item in merged:
        assert len(item["evidence"]) == item["n_mentions"] == len(item["mention_ids"])
        assert len({e["article_id"] for e in item["evidence"]}) == item["n_articles"]
        assert all(e["outlet"] and e["span"] for e in item["evidence"])
    story = merged[0]["story_id"]
    same = client.get("/api/canonical-events", params={"story": story, "limit": 500}).json()
    assert same["total"] > 0 and {c["story_id"] for c in same["items"]} == {story}
    rewrite = web_built["rewrite"]
    mine = client.get("/api/canonical-events", params={"article": rewrite, "limit": 500}).json()["items"]
    assert mine and all(any(e["article_id"] == rewrite for e in c["evidence"]) for c in mine)
    rus = client.get("/api/canonical-events", params={"country": "RUS", "type": "MOBILIZE"}).json()
    assert rus["total"] > 0 and all(c["type"] == "MOBILIZE" and "RUS" in (c["source_country"], c["target_country"])
                                    for c in rus["items"])


def test_web_api_stories(client: httpx.Client, web_built: dict[str, Any]) -> None:
    stories = client.get("/api/stories").json()
    assert stories["total"] >= 3
    ends = [s["last_date"] or s["first_date"] or "" for s in stories["items"]]
    assert ends == sorted(ends, reverse=True)
    g7 = next(s for s in stories["items"] if web_built["rewrite"] in s["article_ids"])
    assert g7["n_articles"] >= g7["n_independent"] >= 3 and g7["n_articles"] == len(g7["article_ids"])
    april = client.get("/api/stories", params={"since": "2021-04-10", "until": "2021-04-20"}).json()["items"]
    assert g7["id"] in [s["id"] for s in april]


def test_web_api_flags_of_the_rewrite_with_evidence_from_other_articles(
    client: httpx.Client, web_built: dict[str, Any]
) -> None:
    rewrite = web_built["rewrite"]
    high = client.get("/api/flags", params={"severity": "high"}).json()
    assert {f["article_id"] for f in high["items"]} == {rewrite}
    assert {"affiliation", "corrupted_name", "number"} <= {f["kind"] for f in high["items"]}
    everything = client.get("/api/flags", params={"limit": 500}).json()["items"]
    ranks = [{"high": 0, "medium": 1, "low": 2}.get(f["severity"], 3) for f in everything]
    assert ranks == sorted(ranks)  # most severe first
    detail = client.get(f"/api/articles/{rewrite}").json()
    flags = {f["kind"]: f for f in detail["flags"]}
    name = flags["corrupted_name"]
    assert name["claim"] == "Stoltenbarg" == detail["text"][name["start"] : name["end"]]
    assert name["expected"] == "Stoltenberg" and name["outlet"] == detail["outlet"]
    affiliation = flags["affiliation"]
    assert affiliation["claim"] == "Russian" and "Kuleba" in affiliation["message"]
    assert detail["text"][affiliation["start"] : affiliation["end"]] == "Russian"
    assert any(e.get("source") == "kb" for e in affiliation["evidence"])
    for flag in detail["flags"]:
        passages = [e for e in flag["evidence"] if e.get("article_id")]
        assert passages and all(e["article_id"] != rewrite for e in passages)  # other articles only
        for e in passages:
            other = client.get(f"/api/articles/{e['article_id']}").json()
            assert other["text"][e["start"] : e["end"]] == e["span"] and e["outlet"] == other["outlet"]
    number = client.get("/api/flags", params={"article": rewrite, "kind": "number", "severity": "high"}).json()
    pairs = {(f["claim"], f["expected"]) for f in number["items"]}
    assert number["total"] == 2 and any("8,000" in c and e == "80,000" for c, e in pairs)
    story = affiliation["story_id"]
    assert client.get("/api/flags", params={"story": story, "status": "open"}).json()["total"] >= 3
    assert client.get("/api/flags", params={"status": "dismissed"}).json()["total"] == 0


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/stories", {"type": "x"}),
        ("/api/flags", {"type": "x"}),
        ("/api/canonical-events", {"actor": "Joe Biden"}),
        ("/api/events", {"kind": "number"}),
        ("/api/events", {"since": "yesterday"}),
    ],
)
def test_web_api_later_lists_refuse_unknown_filters_in_one_shape(
    client: httpx.Client, path: str, query: dict[str, str]
) -> None:
    assert_error(client.get(path, params=query), 400, "bad_parameter")


def test_web_api_reading_views(client: httpx.Client) -> None:
    actors = client.get("/api/actors", params={"label": "person"}).json()
    shoigu = next(a for a in actors["items"] if a["name"] == "Sergei Shoigu")
    assert shoigu["country"] == "RUS" and shoigu["articles"] >= 2 and shoigu["kb_id"]
    assert any("Minister" in r["role"] for r in shoigu["roles"])
    roles = client.get("/api/roles", params={"person": "Shoigu"}).json()
    assert roles["total"] >= 1 and all("Shoigu" in r["person"] for r in roles["items"])
    quotes = client.get("/api/quotes", params={"direct": "true"}).json()
    assert quotes["total"] >= 1 and all(q["direct"] for q in quotes["items"])
    hits = client.get("/api/search", params={"q": "Shumy", "limit": 3}).json()
    assert hits["total"] >= 1 and hits["items"][0]["snippet_parts"]
    assert any(p["match"] and p["text"].lower() == "shumy" for h in hits["items"] for p in h["snippet_parts"])


def test_web_api_network_and_dyad_from_events(client: httpx.Client) -> None:
    network = client.get("/api/network").json()
    assert network["basis"] == "events" and len(network["nodes"]) >= 10 and network["edges"]
    keys = {n["key"] for n in network["nodes"]}
    assert all(e["source"] in keys and e["target"] in keys and e["source"] != e["target"] for e in network["edges"])
    assert all(-10 <= e["goldstein"] <= 10 for e in network["edges"] if e["goldstein"] is not None)
    assert {e["goldstein"] > 0 for e in network["edges"] if e["goldstein"]} == {True, False}  # both colours
    russia = next(n for n in network["nodes"] if n["name"] == "Russia")
    assert russia["country"] == "RUS" and russia["events"] > 0
    heavy = client.get("/api/network", params={"min_weight": 3}).json()
    assert heavy["edges"] and all(e["weight"] >= 3 for e in heavy["edges"])
    dyad = client.get("/api/dyad", params={"a": "usa", "b": "rus"}).json()
    assert dyad["basis"] == "events" and dyad["weeks"]
    for week in dyad["weeks"]:
        assert week["week"].startswith("20") and week["events"] == sum(week["by_quad"].values())
    assert client.get("/api/dyad", params={"a": "USA", "b": "XXX"}).json()["weeks"] == []


def test_web_api_stats_count_the_store(client: httpx.Client, store_db: Path) -> None:
    stats = client.get("/api/stats").json()
    with Store(store_db) as store:
        expected = store.stats()
    assert stats["articles"] == expected["articles"] and stats["sources"] == expected["sources"]
    assert stats["events"] >= 100 and stats["canonical_events"] >= 50 and stats["stories"] >= 3
    assert stats["open_flags"] == stats["flags"] >= 3 and stats["schema_version"] >= 5
    assert stats["analysed"] == stats["articles"] and stats["layers"]["mentions"] > 0


def test_web_api_openapi_covers_every_endpoint(client: httpx.Client, store_db: Path) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    app = create_app(db=store_db)
    paths = {r.path for r in app.routes if isinstance(r, Route) and r.path.startswith("/api/")}  # type: ignore[attr-defined]
    assert paths == set(doc["paths"]) == set(openapi_document()["paths"])
    json.dumps(doc)  # plain JSON all the way down


def test_web_api_security_headers_everywhere(client: httpx.Client) -> None:
    for path in ("/", "/api/articles", "/api/nowhere", "/static/sitrep.css", f"/articles/{SHUMY}"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp


def test_web_api_ingest_needs_the_token_and_limits_the_body(client: httpx.Client) -> None:
    record = {"title": "Envoys meet in Geneva", "published": "2021-04-20", "outlet": "Test Wire",
              "text": "Envoys from both capitals met in Geneva on Tuesday to discuss the troop movements. "
                      "They agreed to meet again next month, officials said."}
    body = json.dumps(record).encode()
    json_type = {"content-type": "application/json"}
    assert_error(client.post("/api/ingest", content=body, headers=json_type), 401, "unauthorized")
    wrong = {**json_type, "authorization": "Bearer not-the-token"}
    assert_error(client.post("/api/ingest", content=body, headers=wrong), 401, "unauthorized")
    auth = {**json_type, "authorization": f"Bearer {TOKEN}"}
    assert_error(client.post("/api/ingest", content=b"x" * (MAX_BODY + 1), headers=auth), 413, "too_large")
    created = client.post("/api/ingest", content=body, headers=auth)
    assert created.status_code == 201, created.text
    (new_id,) = created.json()["article_ids"]
    assert client.get(f"/api/articles/{new_id}").json()["title"] == "Envoys meet in Geneva"
    again = client.post("/api/ingest", content=body, headers=auth)
    assert again.status_code == 200 and again.json()["new_articles"] == 0
    assert_error(client.post("/api/ingest", content=b"{not json", headers=auth), 422, "rejected")


def test_web_api_ingest_is_refused_without_a_configured_token(store_db: Path, serve: Serve) -> None:
    with serve(create_app(db=store_db)) as url:
        response = httpx.post(f"{url}/api/ingest", content=b"text", headers={"authorization": "Bearer x"})
    assert_error(response, 403, "read_only")


def test_web_api_new_rows_show_while_serving(tmp_path: Path, web_store: Path, serve: Serve) -> None:
    """A row written while the server runs (into the real events table) shows at once: memos follow the store."""
    db = tmp_path / "copy.db"
    shutil.copy(web_store, db)
    with serve(create_app(db=db)) as url, httpx.Client(base_url=url) as c:
        before = c.get("/api/stats").json()["events"]
        dyad_before = c.get("/api/dyad", params={"a": "CHN", "b": "RUS"}).json()["weeks"]
        article = c.get(f"/api/articles/{SHUMY}").json()
        start = article["text"].index("Shumy")
        conn = sqlite3.connect(db)
        conn.execute(
            "INSERT INTO events (id, article_id, seq, type, cameo, goldstein, quad_class, actor, recipient, "
            "source_actor, source_country, target_actor, target_country, date, date_precision, sentence, "
            'sentence_start, sentence_end, span, start, "end", confidence) '
            "VALUES ('ev_test', ?, 999, 'CONSULT', '04', 1.0, 1, '[]', '[]', 'China', 'CHN', 'Russia', 'RUS', "
            "'2021-04-20', 'day', 'Shumy', ?, ?, 'Shumy', ?, ?, 0.9)",
            (SHUMY, start, start + 5, start, start + 5),
        )
        conn.commit()
        conn.close()
        assert dyad_before == []
        assert c.get("/api/stats").json()["events"] == before + 1
        found = c.get("/api/events", params={"country": "CHN"}).json()["items"]
        assert [e["id"] for e in found] == ["ev_test"] and found[0]["actor"] == []
        assert "ev_test" in [e["id"] for e in c.get(f"/api/articles/{SHUMY}").json()["events"]]
        (week,) = c.get("/api/dyad", params={"a": "RUS", "b": "CHN"}).json()["weeks"]
        assert week["by_quad"] == {"1": 1} and week["goldstein"] == 1.0


def test_web_api_rewrite_diff_against_the_original(client: httpx.Client, web_built: dict[str, Any]) -> None:
    rewrite = web_built["rewrite"]
    links = client.get(f"/api/articles/{rewrite}").json()["links"]
    original = next(link["other_id"] for link in links if link["other_role"] == "original")
    diff = client.get(f"/api/articles/{rewrite}/diff", params={"against": original}).json()
    assert diff["original_id"] == original and diff["copy_id"] == rewrite
    facts = [e for e in diff["edits"] if e["fact_changing"]]
    assert diff["fact_edits"] == len(facts) >= 6
    assert {"name_corruption", "number_change"} <= {e["kind"] for e in facts}
    assert any(not e["fact_changing"] for e in diff["edits"])  # harmless rewording is reported apart
    for e in facts:  # spans are offsets into each article's text
        assert e["copy"]["end"] >= e["copy"]["start"]
    missing = client.get(f"/api/articles/{rewrite}/diff", params={"against": "0" * 16})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "article_not_found"
    assert client.get(f"/api/articles/{rewrite}/diff").status_code == 400


def test_web_api_mentions_point_into_their_articles(client: httpx.Client) -> None:
    found = client.get("/api/mentions", params={"label": "person", "text": "Shoigu", "limit": 20}).json()
    assert found["total"] >= 2 and len(found["items"]) == min(20, found["total"])
    for m in found["items"][:5]:
        assert m["label"] == "PERSON" and "Shoigu" in m["text"]
        text = client.get(f"/api/articles/{m['article_id']}").json()["text"]
        assert text[m["start"] : m["end"]] == m["text"]
    one = found["items"][0]["article_id"]
    own = client.get("/api/mentions", params={"article": one, "limit": 500}).json()
    assert own["total"] >= 1 and {m["article_id"] for m in own["items"]} == {one}
    assert client.get("/api/mentions", params={"kind": "x"}).status_code == 400
