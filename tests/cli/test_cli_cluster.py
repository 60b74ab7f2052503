"""The NLP pass on a Dask cluster: the same database as one process, whatever a worker does."""

import os
import signal
import socket
import sqlite3
import threading
import time

import pytest
from cluster_corpus import desk_contents
from distributed import Client, LocalCluster

import ingest.writing
import nlp.extract
from nlp.extract import find_in_batch
from tui.cli import app


@pytest.fixture(scope="module")
def scheduler():
    """Two worker processes of one thread each, as --cluster local:2 starts them."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture
def small_batches(monkeypatch):
    # Several tasks from a small corpus, so order and retries are put to the test.
    monkeypatch.setattr(nlp.extract, "BATCH_SIZE", 2)


def test_a_local_cluster_stores_what_one_process_stores(
    corpus, single_process_db, tmp_path, runner, small_batches
):
    db = tmp_path / "data.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--cluster", "local:2"])
    assert result.exit_code == 0, result.output
    assert "8 new" in result.output
    assert desk_contents(db) == desk_contents(single_process_db)


def test_a_worker_killed_mid_ingest_loses_and_doubles_nothing(
    corpus, single_process_db, scheduler, tmp_path, runner, small_batches
):
    pids = scheduler.run(os.getpid)
    killed = []

    def kill_a_busy_worker():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            busy = [w for w, keys in scheduler.processing().items() if keys]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(pids[busy[0]])
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    db = tmp_path / "data.db"
    address = scheduler.scheduler.address
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--cluster", address])
    killer.join()
    assert killed, "no worker was ever busy"
    assert result.exit_code == 0, result.output
    assert desk_contents(db) == desk_contents(single_process_db)


def test_an_interrupted_cluster_ingest_resumes_without_redoing_stored_articles(
    corpus, single_process_db, scheduler, tmp_path, runner, small_batches
):
    db = tmp_path / "data.db"
    first_three = [str(path) for path in sorted(corpus.iterdir())[:3]]
    address = scheduler.scheduler.address
    assert runner.invoke(app, ["ingest", *first_three, "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--cluster", address])
    assert result.exit_code == 0, result.output
    assert "5 new, 0 updated, 3 unchanged" in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 8


def test_a_scheduler_that_does_not_answer_is_one_line_and_touches_nothing(corpus, tmp_path, runner):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    db = tmp_path / "data.db"
    started = time.monotonic()
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", str(db), "--cluster", f"tcp://127.0.0.1:{port}"]
    )
    assert time.monotonic() - started < 6
    assert result.exit_code != 0
    assert result.stderr.startswith("quotedesk: error: no Dask scheduler answers")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not db.exists()


def test_a_batch_the_cluster_gives_up_on_is_one_line_and_keeps_what_was_stored(
    corpus, scheduler, tmp_path, runner, small_batches, monkeypatch
):
    def fails_on_the_third_batch(batch, tagger, batch_size):
        if batch[0][0] == 4:  # article index 4: the third batch of two
            raise RuntimeError("worker lost")
        return find_in_batch(batch, tagger, batch_size)

    monkeypatch.setattr(nlp.extract, "find_in_batch", fails_on_the_third_batch)
    monkeypatch.setattr(ingest.writing, "WRITE_BATCH", 2)
    db = tmp_path / "data.db"
    address = scheduler.scheduler.address
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--cluster", address])
    assert result.exit_code != 0
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "worker lost" in errors[0]
    assert errors[0].startswith("quotedesk: error: the cluster failed on a batch")
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 4
