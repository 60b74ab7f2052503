import pytest
from cluster_corpus import write_corpus

from tui.cli import app


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """Eight articles: the samples, then three of them again as later editions."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), 8)


@pytest.fixture(scope="session")
def single_process_db(corpus, tmp_path_factory, runner):
    """The corpus ingested in one process, the way every other ingest must end up."""
    db = tmp_path_factory.mktemp("single") / "data.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db
