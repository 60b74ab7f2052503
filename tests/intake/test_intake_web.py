"""URLs and feeds, fetched from a local test site: what comes back, what is
kept, and one clear error per bad input while the rest of the batch goes on."""

import time
from dataclasses import replace

from intake_site import MANIFEST, truth

from intake.fetch import USER_AGENT, Fetcher
from intake.files import InputError
from intake.sources import read_inputs


def read(urls, web):
    return list(read_inputs(urls, web=web))


def only(items):
    assert len(items) == 1, items
    return items[0]


def test_a_page_becomes_an_article_with_its_url_and_fetch_time(site, web):
    url = site.url("/story/port-lease")
    article = only(read([url], web))
    assert article.url == url
    assert article.canonical_url == MANIFEST["port-lease"]["canonical_url"] + "/"
    assert article.fetched_at and article.fetched_at.endswith("Z")
    assert article.title == MANIFEST["port-lease"]["title"]
    assert article.outlet == "The Harbour Times"
    assert article.outlet_evidence == "og:site_name 'The Harbour Times'"
    assert article.published == "2024-03-05" and article.author == "Jane Roe"
    assert article.evidence["url"] == f"fetched {article.fetched_at}"
    assert truth("port-lease").splitlines()[1] in article.text
    assert "lying to all of us" not in article.text  # the comment section stays out


def test_requests_say_who_is_asking(site, web):
    read([site.url("/story/port-lease")], web)
    assert site.hits[0][2] == USER_AGENT
    assert USER_AGENT.startswith("quotedesk/")


def test_a_second_run_reads_the_cache_and_offline_reads_only_the_cache(site, web):
    url = site.url("/story/river-flood")
    first = only(read([url], web))
    again = only(read([url], web))
    offline = only(read([url], replace(web, offline=True)))
    assert site.hits_of("/story/river-flood") == 1
    assert first.text == again.text == offline.text
    assert offline.fetched_at == first.fetched_at  # when it was fetched, not when read
    missing = only(read([site.url("/story/chip-plant")], replace(web, offline=True)))
    assert isinstance(missing, InputError) and missing.reason == "not cached"
    assert site.hits_of("/story/chip-plant") == 0


def test_a_redirect_is_followed_and_the_final_url_kept(site, web):
    article = only(read([site.url("/redirect")], web))
    assert article.url == site.url("/story/museum-theft")
    assert article.outlet == "Valdora Post"


def test_server_errors_are_retried_with_back_off(site, web):
    article = only(read([site.url("/flaky")], web))
    assert article.outlet == "Meridian Wire"
    assert site.hits_of("/flaky") == 2


def test_bad_urls_each_give_one_error_and_the_batch_goes_on(site, web):
    web = replace(web, max_bytes=200_000)
    bad = {
        "/missing": ("HTTP error", "HTTP 404"),
        "/broken": ("HTTP error", "HTTP 500"),
        "/loop/a": ("redirect loop", "too many redirects"),
        "/slow": ("time-out", "timed out"),
        "/report.pdf": ("not a web page", "a PDF"),
        "/story/photo": ("not a web page", "JPEG"),
        "/index": ("no article text", "no article text"),
        "/huge": ("too large", "too large"),
        "/huge-stream": ("too large", "too large"),
        "/bad-feed.xml": ("malformed feed", "malformed feed"),
    }
    urls = [site.url(path) for path in bad]
    urls.insert(3, site.url("/story/chip-plant"))
    urls += ["htp://example.test/x", "http://", "http://example.test:port/x"]
    started = time.monotonic()
    items = read(urls, web)
    assert time.monotonic() - started < 30
    articles = [item for item in items if not isinstance(item, InputError)]
    errors = {item.path: item for item in items if isinstance(item, InputError)}
    assert [a.url for a in articles] == [site.url("/story/chip-plant")]
    for path, (reason, words) in bad.items():
        error = errors[site.url(path)]
        assert (error.reason, words in error.message) == (reason, True), error
        assert str(error).startswith(site.url(path) + ": ")
    for url in ("htp://example.test/x", "http://", "http://example.test:port/x"):
        assert errors[url].reason == "invalid URL"
    assert site.hits_of("/slow") == 3  # tried, then retried twice


def test_each_host_waits_its_turn(site, web):
    web = replace(web, delay=0.4)
    read([site.url("/story/chip-plant"), site.url("/story/bank-merger")], web)
    first, second = site.hits[0][3], site.hits[1][3]
    assert second - first >= 0.35


def test_a_feed_brings_in_every_item_with_the_feeds_metadata(site, web):
    articles = read([site.url("/feed.xml")], web)
    assert [a.url for a in articles] == [
        site.url("/story/port-lease"),
        site.url("/story/river-flood"),
    ]
    first = articles[0]
    assert first.title == "Feed title: " + MANIFEST["port-lease"]["title"]
    assert first.published == "2024-01-01"
    assert first.author == "desk@example.test (Feed Author 0)"
    assert first.evidence["title"] == f"feed {site.url('/feed.xml')}"
    assert first.outlet == "The Harbour Times"  # the page says who published it


def test_an_atom_feed_too(site, web):
    article = only(read([site.url("/atom.xml")], web))
    assert article.url == site.url("/story/museum-theft")
    assert (article.title, article.author) == ("Atom: museum", "Atom Writer")
    assert article.published == "2024-02-01"


def test_a_gzip_encoded_answer_is_read(site, web):
    article = only(read([site.url("/gzip-story")], web))
    assert article.outlet == "Lakeside Courier"


def test_a_cache_entry_left_half_written_is_fetched_again(site, web):
    url = site.url("/story/heat-record")
    read([url], web)
    meta_path, body_path = Fetcher(web)._paths(url)
    meta_path.write_text("{not json", encoding="utf-8")
    article = only(read([url], web))
    assert article.outlet == "Meridian Wire"
    assert site.hits_of("/story/heat-record") == 2


def test_a_malformed_feed_file_is_named_as_one(tmp_path, web):
    feed = tmp_path / "news.xml"
    feed.write_text("<channel><title>half a feed</title><item><link>http://", encoding="utf-8")
    error = only(read([feed], web))
    assert (error.path, error.reason) == (str(feed), "malformed feed")


def test_an_error_after_a_redirect_names_the_url_that_was_given(site, web):
    error = only(read([site.url("/to-huge")], replace(web, max_bytes=200_000)))
    assert (error.path, error.reason) == (site.url("/to-huge"), "too large")


def test_every_too_large_says_what_was_too_large_and_its_limit(site, web, tmp_path):
    huge_text = tmp_path / "dump.txt"
    huge_text.write_bytes(b"word " * 1_700_000)  # 8.5 MB: over the article limit in bytes
    huge_page = tmp_path / "dump.html"
    huge_page.write_bytes(b"<html><body>" + b"<p>word</p>" * 2_000_000 + b"</body></html>")
    sources = [site.url("/huge"), site.url("/huge-stream"), huge_text, huge_page]
    messages = [error.message for error in read(sources, replace(web, max_bytes=200_000))]
    page_size = len(page_route(site, "/huge"))
    assert messages == [
        f"too large for a downloaded page ({page_size:,} bytes; the limit is 200,000 bytes)",
        "too large for a downloaded page (the limit is 200,000 bytes)",
        "too large for an article (8,500,000 bytes; the limit is 2,000,000 characters)",
        "too large for a saved page (the limit is 20,000,000 bytes)",
    ]


def page_route(site, path: str) -> bytes:
    return site.routes[path][2]
