"""WARC files, written with warcio here: every HTML response is an article."""

from io import BytesIO

from intake_site import MANIFEST, page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from intake.files import InputError
from intake.sources import read_inputs


def response(writer, url: str, body: bytes, content_type="text/html; charset=utf-8", date=None):
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date} if date else None
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        http_headers=headers,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)


def write_crawl(path, gz=True) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        response(
            writer,
            "https://www.harbourtimes.example/port",
            page("port-lease"),
            date="2024-03-05T09:00:00Z",
        )
        response(writer, "https://cdn.example/logo.png", b"\x89PNG....", "image/png")
        request = writer.create_warc_record(
            "https://www.valdorapost.example/museum",
            "request",
            payload=BytesIO(b"GET /museum HTTP/1.1\r\nHost: www.valdorapost.example\r\n\r\n"),
        )
        writer.write_record(request)
        response(
            writer,
            "https://www.valdorapost.example/museum",
            page("museum-theft"),
            date="2024-06-02T12:30:00Z",
        )


def test_every_html_response_is_an_article_with_its_uri_and_date(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    write_crawl(crawl)
    articles = list(read_inputs([crawl]))
    assert [(a.url, a.fetched_at) for a in articles] == [
        ("https://www.harbourtimes.example/port", "2024-03-05T09:00:00Z"),
        ("https://www.valdorapost.example/museum", "2024-06-02T12:30:00Z"),
    ]
    assert articles[0].title == MANIFEST["port-lease"]["title"]
    assert articles[0].path == f"{crawl}: record 2 (https://www.harbourtimes.example/port)"
    assert articles[1].outlet == "Valdora Post"
    assert "Give that art dealer a medal" not in articles[1].text


def test_an_uncompressed_warc_too(tmp_path):
    crawl = tmp_path / "crawl.warc"
    write_crawl(crawl, gz=False)
    assert len(list(read_inputs([crawl]))) == 2


def test_a_truncated_warc_keeps_what_came_before_and_names_the_record(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_crawl(whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 900])  # the middle of the last page
    items = list(read_inputs([cut, tmp_path / "missing.warc.gz"]))
    assert items[0].url == "https://www.harbourtimes.example/port"
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 2
    assert errors[0].path == f"{cut}: record 5"  # warcinfo, png, request, then this page
    assert errors[0].reason == "bad WARC", errors[0]
    assert errors[1].reason == "no such file"
