"""An article from the web shows its URL on the Article screen, and the
quote's detail pane links to it."""

from tui_helpers import settle

from tui.app import QuoteDeskApp
from tui.screens.article import ArticleScreen
from tui.widgets.quote_table import QuoteTable


def linked(widget) -> dict[str, str]:
    """text -> link of every span of a Static's Rich text that carries a link."""
    text = widget.render()
    text = getattr(text, "renderable", text)
    return {text.plain[s.start : s.end]: s.style.link for s in text.spans if s.style.link}


async def test_the_detail_pane_links_to_the_page_and_the_article_shows_it(db_path):
    app = QuoteDeskApp(db_path, "maria")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(QuoteTable).current_quote
        links = linked(app.screen.query_one("#detail-head"))
        assert len(links) == 1
        ((text, link),) = links.items()
        assert text == link and link.startswith("https://example.org/")  # the fixture's URL
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        head = app.screen.query_one("#article-head")
        assert link in str(head.render())
        assert linked(head) == {link: link}
