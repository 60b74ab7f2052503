"""`quotedesk ingest` on every kind of input at once, through the real command,
spaCy and SQLite file; the web is the local test site (also as a proxy)."""

import json
import sqlite3

import pytest
from intake_site import MANIFEST, PAGES, rss
from test_intake_warc import write_crawl

from tui.cli import app


@pytest.fixture
def proxied(site, tls, monkeypatch):
    """http:// and https://example.test/… reach the local site, as through a proxy."""
    monkeypatch.setenv("http_proxy", site.base)
    monkeypatch.setenv("https_proxy", site.base)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tls[0]))  # trust our example.test
    return site


def ingest(runner, *args):
    return runner.invoke(app, ["ingest", *map(str, args)])


def rows(db, sql, args=()):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(sql, args)]


def test_a_page_a_url_a_feed_and_a_crawl_in_one_command(runner, tmp_path, proxied):
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(proxied.base))
    crawl = tmp_path / "crawl.warc.gz"
    write_crawl(crawl)
    db, cache = tmp_path / "data.db", tmp_path / "cache"
    page = PAGES / "port-lease.html"
    result = ingest(
        runner,
        page,
        "https://example.test/story",
        feed,
        crawl,
        "--db",
        db,
        "--cache",
        cache,
        "--delay",
        "0",
    )
    assert result.exit_code == 0, result.output
    # port-lease comes as a file, a feed item and a WARC record: one article.
    assert "ingested 4 new, 0 updated, 2 unchanged articles" in result.output
    articles = {a["doc"]: a for a in rows(db, "select * from articles")}
    assert set(articles) == {"port-lease", "story", "river-flood", "museum"}
    story = articles["story"]
    assert story["url"] == "https://example.test/story"
    assert ("example.test", "/story") in {hit[:2] for hit in proxied.hits}  # over TLS
    assert story["canonical_url"] == MANIFEST["rail-strike"]["canonical_url"]
    assert story["fetched_at"].endswith("Z") and story["author"] == "Sofia Brandt"
    assert json.loads(story["evidence"])["outlet"] == "og:site_name 'The Northern Ledger'"
    assert story["outlet_evidence"] == "og:site_name 'The Northern Ledger'"
    flood = articles["river-flood"]
    assert flood["title"] == "Feed title: " + MANIFEST["river-flood"]["title"]
    assert json.loads(flood["evidence"])["title"].startswith("feed ")
    outlets = {q["outlet"] for q in rows(db, "select distinct outlet from quote_view")}
    assert outlets == {"The Harbour Times", "The Northern Ledger", "Meridian Wire", "Valdora Post"}
    quotes = " ".join(q["quote"] for q in rows(db, "select quote from quote_view"))
    assert "We offered 6 percent over two years" in quotes
    for name in MANIFEST:
        for sentence in MANIFEST[name]["boilerplate_quotes"]:
            assert sentence[1:20] not in quotes, sentence


def test_bad_inputs_are_named_counted_and_the_rest_goes_in(runner, tmp_path, site):
    urls = tmp_path / "links.txt"
    urls.write_text(
        f"# morning list\n{site.url('/story/chip-plant')}\n{site.url('/missing')}\n"
        f"\n{site.url('/index')}\nftp://example.test/x\n"
    )
    db = tmp_path / "data.db"
    result = ingest(
        runner,
        "--urls",
        urls,
        site.url("/report.pdf"),
        "--db",
        db,
        "--cache",
        tmp_path / "cache",
        "--delay",
        "0",
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert f"quotedesk: skipped {site.url('/missing')}: HTTP 404 Not Found" in lines
    assert any(
        line.startswith(f"quotedesk: skipped {site.url('/index')}: no article text")
        for line in lines
    )
    assert (
        lines[-1]
        == (
            "ingested 1 new, 0 updated, 0 unchanged articles; 7 quotes stored;"
            " 4 skipped (1 not a web page, 1 HTTP error, 1 no article text, 1 invalid URL;"
            " listed above)"
        )
        or "4 skipped (" in lines[-1]
    ), lines[-1]
    assert rows(db, "select doc from articles") == [{"doc": "chip-plant"}]


def test_a_rerun_fetches_nothing_and_offline_reads_the_cache(runner, tmp_path, site):
    db, cache = tmp_path / "data.db", tmp_path / "cache"
    url = site.url("/story/bank-merger")
    first = ingest(runner, url, "--db", db, "--cache", cache, "--delay", "0")
    assert first.exit_code == 0, first.output
    again = ingest(runner, url, "--db", db, "--cache", cache, "--offline")
    assert again.exit_code == 0, again.output
    assert "0 new, 0 updated, 1 unchanged" in again.output
    assert site.hits_of("/story/bank-merger") == 1
    other = ingest(
        runner, site.url("/story/heat-record"), "--db", db, "--cache", cache, "--offline"
    )
    assert other.exit_code == 1
    assert "not in the cache (--offline)" in other.output
    assert site.hits_of("/story/heat-record") == 0


def test_nothing_to_ingest_is_an_error(runner, tmp_path):
    result = ingest(runner, "--db", tmp_path / "data.db")
    assert result.exit_code != 0
    # Through main() (or the CLI's error handler) this is one "quotedesk: error:" line.
    assert "nothing to ingest" in result.output + str(result.exception)


def test_an_edited_page_is_the_same_article_updated_and_keeps_its_decisions(runner, tmp_path, site):
    db = tmp_path / "data.db"
    url = site.url("/story/vaccine-campaign")
    first = ingest(runner, url, "--db", db, "--cache", tmp_path / "cache", "--delay", "0")
    assert "1 new, 0 updated, 0 unchanged" in first.output, first.output
    (reviewed,) = rows(db, "select id from quote_view where quote like 'We have the vaccine%'")
    assert (
        runner.invoke(app, ["quote", "accept", str(reviewed["id"]), "--db", str(db)]).exit_code == 0
    )
    # The outlet edits the story; a fresh cache fetches the new text.
    status, headers, body = site.routes["/story/vaccine-campaign"]
    site.routes["/story/vaccine-campaign"] = (
        status,
        headers,
        body.replace(b"six walk-in", b"seven walk-in"),
    )
    edited = ingest(runner, url, "--db", db, "--cache", tmp_path / "fresh", "--delay", "0")
    assert "0 new, 1 updated, 0 unchanged" in edited.output, edited.output
    (article,) = rows(db, "select text from articles")
    assert "seven walk-in" in article["text"] and "six walk-in" not in article["text"]
    after = rows(db, "select status from quote_view where id = ?", [reviewed["id"]])
    assert after == [{"status": "accepted"}]


def test_an_edited_saved_page_updates_the_stored_one_and_a_new_pass_redoes_it(
    runner, tmp_path, site, monkeypatch
):
    db, cache = tmp_path / "data.db", tmp_path / "cache"
    url = site.url("/story/vaccine-campaign")
    assert ingest(runner, url, "--db", db, "--cache", cache, "--delay", "0").exit_code == 0
    # The same story (same canonical URL) saved later with an edited text: the same article.
    page = (PAGES / "vaccine-campaign.html").read_bytes().replace(b"six walk-in", b"seven")
    (tmp_path / "edited.html").write_bytes(page)
    edited = ingest(runner, tmp_path / "edited.html", "--db", db)
    assert "0 new, 1 updated, 0 unchanged" in edited.output, edited.output
    again = ingest(runner, tmp_path / "edited.html", "--db", db)
    assert "0 new, 0 updated, 1 unchanged" in again.output, again.output
    # A new NLP pass redoes the stored page, URL or not.
    monkeypatch.setattr("nlp.PIPELINE_VERSION", "rules-next")
    rerun = ingest(runner, url, "--db", db, "--cache", cache)
    assert "0 new, 1 updated, 0 unchanged" in rerun.output, rerun.output
    assert len(rows(db, "select id from articles")) == 1


def test_extract_takes_the_same_sources_and_web_options_as_ingest(runner, tmp_path, site):
    cache = tmp_path / "cache"
    feed = tmp_path / "news.xml"
    feed.write_bytes(rss(site.base))
    listed = tmp_path / "links.txt"
    listed.write_text(site.url("/story/chip-plant") + "\n", encoding="utf-8")
    url = site.url("/story/vaccine-campaign")
    args = [url, feed, "--urls", listed, "--cache", cache, "--delay", "0", "--timeout", "5"]
    first = runner.invoke(app, ["extract", *map(str, args)])
    assert first.exit_code == 0, first.output
    records = [json.loads(line) for line in first.stdout.splitlines()]
    docs = [r["doc"] for r in records]
    assert docs == ["vaccine-campaign", "port-lease", "river-flood", "chip-plant"]
    assert "Samuel Achebe" in {q["speaker"] for q in records[0]["quotes"]}
    hits = len(site.hits)
    again = runner.invoke(app, ["extract", *map(str, args), "--offline"])
    assert again.stdout == first.stdout
    assert len(site.hits) == hits  # the feed's pages came from the cache
