"""HTML pages on disk: the main text without the page's furniture, the
metadata the page declares, the outlet and the wire, and bad files named."""

import gzip
import re
import shutil
from collections import Counter

import pytest
from intake_site import INDEX_PAGE, MANIFEST, PAGES, page, truth

from intake.files import InputError
from intake.pages import Given, page_article
from intake.sources import read_inputs

QUOTED = re.compile(r"“([^”]{8,}?)[,.!?]?”")


def f1(extracted: str, true: str) -> float:
    got = Counter(re.findall(r"\w+", extracted.lower()))
    want = Counter(re.findall(r"\w+", true.lower()))
    common = sum((got & want).values())
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_the_main_text_comes_out_and_the_furniture_stays_behind(name):
    article = page_article(page(name), f"{name}.html")
    expected = MANIFEST[name]
    assert f1(article.text.removeprefix(article.title), truth(name)) >= 0.93
    for sentence in expected["boilerplate_quotes"]:
        for quoted in QUOTED.findall(sentence):
            assert quoted not in article.text, f"{quoted!r} from a caption, link or comment"
    assert "Share this article" not in article.text
    assert article.title == expected["title"]
    assert article.published == expected["published"]
    assert article.author == expected["author"]
    assert article.canonical_url.rstrip("/") == expected["canonical_url"]


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_the_desks_settings_lose_nothing_against_trafilaturas_defaults(name):
    import trafilatura

    ours = page_article(page(name), f"{name}.html")
    default = trafilatura.extract(page(name)) or ""
    title = MANIFEST[name]["title"]
    assert f1(ours.text.removeprefix(title), truth(name)) >= f1(
        default.removeprefix(title), truth(name)
    )


def test_the_outlet_comes_from_the_page_and_says_why():
    wordpress = page_article(page("port-lease"), "port-lease.html")
    newsroom = page_article(page("river-flood"), "river-flood.html")
    assert (wordpress.outlet, wordpress.outlet_evidence) == (
        "The Harbour Times",
        "og:site_name 'The Harbour Times'",
    )
    assert (newsroom.outlet, newsroom.outlet_evidence) == (
        "Meridian Wire",
        "JSON-LD publisher 'Meridian Wire'",
    )


def test_a_republished_wire_story_keeps_both_the_outlet_and_the_wire():
    article = page_article(page("fishing-quota"), "fishing-quota.html")
    assert article.outlet == "Coastline Today"
    assert article.wire == "Meridian Wire"
    assert article.evidence["wire"].startswith("dateline credit 'BERGHAVEN (Meridian Wire)")


# A page that names no site: its domain has to say who published it.
BARE_PAGE = """<html><head><title>{title}</title></head><body><nav><a href="/">Home</a></nav>
<article><h1>{title}</h1>{paragraphs}</article><footer>Contact us</footer></body></html>"""


def bare_page(title: str, lines: list[str]) -> str:
    return BARE_PAGE.format(title=title, paragraphs="".join(f"<p>{p}</p>" for p in lines))


WIRE_LINES = [
    "SEOUL, March 5 (Yonhap) -- The city of Incheon said Tuesday it would open a new ferry"
    " terminal for routes to the western islands next spring, replacing a building that has"
    " served passengers for more than forty years.",
    "\u201cThe old terminal cannot handle the number of visitors we now see in summer,\u201d"
    " a city official said, adding that construction would begin in April.",
    "The new terminal will have twice the waiting space and a direct bus link to the subway."
    " (Yonhap)",
]


def test_without_site_metadata_the_domain_names_the_outlet_and_the_text_the_wire():
    article = page_article(
        bare_page("Incheon to open new ferry terminal", WIRE_LINES),
        "https://www.koreaherald.com/view.php?ud=20240305000612",
        url="https://www.koreaherald.com/view.php?ud=20240305000612",
    )
    assert article.outlet == "The Korea Herald"
    assert article.outlet_evidence == "domain koreaherald.com (outlet_domains.tsv)"
    assert article.wire == "Yonhap"
    assert article.doc == "view"


def test_a_user_can_add_domains(tmp_path, monkeypatch):
    from intake import outlets

    folder = tmp_path / "config" / "quotedesk"
    folder.mkdir(parents=True)
    (folder / "outlet_domains.tsv").write_text("harbour.example\tHarbour Weekly\n")
    outlets.domain_table.cache_clear()
    article = page_article(
        bare_page("Ferry terminal", WIRE_LINES),
        "x",
        url="https://news.harbour.example/story/1",
    )
    assert (article.outlet, article.outlet_evidence) == (
        "Harbour Weekly",
        "domain harbour.example (outlet_domains.tsv)",
    )


def test_html_files_gzip_too_go_in_with_text_files_and_bad_files_are_named(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(PAGES / "port-lease.html", folder / "a.html")
    (folder / "b.htm.gz").write_bytes(gzip.compress(page("chip-plant")))
    (folder / "c.txt").write_text("A title\nThe minister said the port would stay open.\n")
    (folder / "d.html").write_bytes(INDEX_PAGE)
    (folder / "d2.html").write_bytes(b"<html><head><title>x</title></head><body></body></html>")
    (folder / "e.html").write_bytes(b"%PDF-1.4 not a page")
    (folder / "f.html.gz").write_bytes(gzip.compress(page("museum-theft"))[:200])
    items = list(read_inputs([folder]))
    articles = [i for i in items if not isinstance(i, InputError)]
    errors = {i.path.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, InputError)}
    assert [a.doc for a in articles] == ["a", "b", "c"]
    assert articles[0].path == str(folder / "a.html") and articles[0].url is None
    assert articles[1].title == MANIFEST["chip-plant"]["title"]
    assert errors == {
        "d.html": "no article text",
        "d2.html": "no article text",
        "e.html": "not a web page",
        "f.html.gz": "unreadable",
    }


def test_outlet_option_beats_the_page():
    article = page_article(page("port-lease"), "p.html", given=Given(outlet="Wire Desk"))
    assert (article.outlet, article.outlet_evidence) == ("Wire Desk", "given with --outlet")


def test_a_folders_metadata_tsv_describes_its_pages_too(tmp_path):
    shutil.copy(PAGES / "heat-record.html", tmp_path / "heat.html")
    (tmp_path / "metadata.tsv").write_text(
        "filename\toutlet\ttitle\tpublished\turl\n"
        "heat.html\tSouthern Star\tHeat record\t2024-06-22\thttps://star.example/heat\n"
    )
    (article,) = read_inputs([tmp_path])
    assert (article.outlet, article.outlet_evidence) == ("Southern Star", "metadata.tsv")
    assert (article.title, article.published) == ("Heat record", "2024-06-22")
    assert article.url == "https://star.example/heat"
    assert article.evidence["title"] == "metadata.tsv"
    assert article.author == "Omar Haddad"  # not in the row: the page's own
    assert article.text.startswith(MANIFEST["heat-record"]["title"] + "\n")  # the page's text
    assert "Heat record" not in article.text


def test_a_page_in_a_legacy_encoding_is_decoded_as_it_declares():
    html = page("chip-plant").decode("utf-8").replace("charset=utf-8", "charset=euc-kr")
    html = html.replace("Talvik Electronics said", "탈빅전자 Talvik Electronics said")
    article = page_article(html.encode("euc-kr", errors="xmlcharrefreplace"), "daily.html")
    assert "maker 탈빅전자 Talvik Electronics said" in article.text
    assert "“Eastport offered us engineers" in article.text


def test_a_gzip_bomb_saved_as_a_page_is_refused_without_inflating_it(tmp_path, runner):
    import tracemalloc

    from tui.cli import app

    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as out:
        for _ in range(150):  # 150 MB of page from a file of about 150 kB
            out.write(b"<p>" + b"x" * (1_000_000 - 7) + b"</p>\n")
    assert bomb.stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        (error,) = read_inputs([bomb])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 60_000_000, f"{peak:,} bytes held to refuse a 150 MB page"
    assert (error.path, error.reason) == (str(bomb), "too large")
    result = runner.invoke(app, ["ingest", str(bomb), "--db", str(tmp_path / "data.db")])
    assert result.exit_code == 1
    assert (
        f"quotedesk: skipped {bomb}: too large for a saved page"
        " (the limit is 20,000,000 bytes)\n" in result.output
    ), result.output
