"""Extraction.record(): the writer's dict of a record, the same as dataclasses.asdict."""

from dataclasses import asdict


def test_the_record_dict_is_asdict_of_the_extraction(samples):
    for extraction in samples.values():
        assert extraction.quotes and extraction.record() == asdict(extraction)
    assert any(e.aliases for e in samples.values())
