"""The HTTP API over a real uvicorn server and a real store made from examples/."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

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
    assert article["events"] == [] and article["flags"] == []
    assert client.get(f"/api/articles/{SHUMY[:8]}").json()["id"] == SHUMY  # unique prefix
    copies = client.get("/api/articles", params={"limit": 500}).json()["items"]
    copy = next(a for a in copies if a["duplicate_of"])
    detail = client.get(f"/api/articles/{copy['id']}").json()
    assert any(link["other_id"] == copy["duplicate_of"] and link["other_role"] == "original"
               for link in detail["links"])
    assert any(client.get(f"/api/articles/{a['id']}").json()["removed"] for a in copies[:10])


@pytest.mark.parametrize("path", ["/api/events", "/api/canonical-events", "/api/stories", "/api/flags"])
def test_web_api_later_stages_are_empty_lists_until_their_tables_exist(client: httpx.Client, path: str) -> None:
    body = client.get(path).json()
    assert body["items"] == [] and body["total"] == 0 and body["next"] is None
    assert client.get(path, params={"type": "x"}).json()["items"] == []


def test_web_api_reading_views(client: httpx.Client) -> None:
    actors = client.get("/api/actors", params={"label": "person"}).json()
    shoigu = next(a for a in actors["items"] if a["name"] == "Sergei Shoigu")
    assert shoigu["country"] == "RUS" and shoigu["articles"] >= 2 and shoigu["kb_id"] == "Q312680"
    assert any(r["role"] == "Defence Minister" for r in shoigu["roles"])
    roles = client.get("/api/roles", params={"person": "Shoigu"}).json()
    assert roles["total"] >= 1 and all("Shoigu" in r["person"] for r in roles["items"])
    quotes = client.get("/api/quotes", params={"direct": "true"}).json()
    assert quotes["total"] >= 1 and all(q["direct"] for q in quotes["items"])
    hits = client.get("/api/search", params={"q": "Shumy", "limit": 3}).json()
    assert hits["total"] >= 1 and hits["items"][0]["snippet_parts"]
    assert any(p["match"] and p["text"].lower() == "shumy" for h in hits["items"] for p in h["snippet_parts"])
    network = client.get("/api/network").json()
    assert network["basis"] == "co-occurrence" and len(network["nodes"]) >= 5 and network["edges"]
    keys = {n["key"] for n in network["nodes"]}
    assert all(e["source"] in keys and e["target"] in keys for e in network["edges"])
    assert client.get("/api/dyad", params={"a": "usa", "b": "rus"}).json()["weeks"] == []


def test_web_api_stats_count_the_store(client: httpx.Client, store_db: Path) -> None:
    stats = client.get("/api/stats").json()
    with Store(store_db) as store:
        expected = store.stats()
    assert stats["articles"] == expected["articles"] and stats["sources"] == expected["sources"]
    assert stats["events"] == stats["flags"] == stats["stories"] == 0
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


def test_web_api_events_table_slots_in_while_serving(tmp_path: Path, web_store: Path, serve: Serve) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(web_store, db)
    with serve(create_app(db=db)) as url, httpx.Client(base_url=url) as c:
        assert c.get("/api/events").json()["total"] == 0
        conn = sqlite3.connect(db)  # a stand-in for the events stage's migration
        conn.executescript(
            "CREATE TABLE events (id TEXT PRIMARY KEY, article_id TEXT, date TEXT, source_actor TEXT, "
            "target_actor TEXT, source_country TEXT, target_country TEXT, code TEXT, quad_class INTEGER, "
            "goldstein REAL, evidence TEXT);"
            f"INSERT INTO events VALUES ('ev1', '{SHUMY}', '2021-03-26', 'RUS', 'UKR', 'RUS', 'UKR', '190', 4, "
            "-10, '[{\"start\": 0, \"end\": 10}]');"
            "INSERT INTO events VALUES ('ev2', NULL, '2021-04-13', 'USA', 'RUS', 'USA', 'RUS', '036', 1, 4, '[]');"
        )
        conn.close()
        events = c.get("/api/events").json()
        assert [e["id"] for e in events["items"]] == ["ev2", "ev1"] and events["items"][1]["evidence"][0]["end"] == 10
        assert [e["id"] for e in c.get("/api/events", params={"actor": "ukr"}).json()["items"]] == ["ev1"]
        assert [e["id"] for e in c.get("/api/events", params={"since": "2021-04-01"}).json()["items"]] == ["ev2"]
        assert_error(c.get("/api/events", params={"story": "s1"}), 400, "bad_filter")
        assert [e["id"] for e in c.get(f"/api/articles/{SHUMY}").json()["events"]] == ["ev1"]
        network = c.get("/api/network").json()
        assert network["basis"] == "events" and {e["goldstein"] for e in network["edges"]} == {-10, 4}
        dyad = c.get("/api/dyad", params={"a": "RUS", "b": "USA"}).json()
        assert dyad["weeks"] and dyad["weeks"][0]["goldstein"] == 4
        assert c.get("/api/stats").json()["events"] == 2
