"""Intercoder reliability of a coding sample: percent agreement, Krippendorff's
alpha (nominal, from the `krippendorff` package) with a bootstrap confidence
interval, Cohen's kappa and a confusion matrix for each pair of coders; overall
and per outlet, for each coded field.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import asdict, dataclass, field

import krippendorff
import numpy as np
import sqlite_utils

from store.coding import AGREEMENT_FIELDS, Sample, Unit, units
from store.errors import StoreError

BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 38  # the interval is reproducible: the same data, the same interval


@dataclass
class Pair:
    coders: tuple[str, str]
    units: int  # coded by both
    kappa: float | None
    confusion: dict[str, dict[str, int]]  # first coder's value -> second's -> count


@dataclass
class FieldAgreement:
    field: str
    outlet: str | None  # None: the whole sample
    units: int  # coded by every coder
    percent: float | None  # of those, the share where every coder agrees (0-100)
    alpha: float | None
    alpha_low: float | None = None
    alpha_high: float | None = None
    pairs: list[Pair] = field(default_factory=list)


@dataclass
class Report:
    sample: str
    coders: list[str]
    quotes: int
    fields: list[FieldAgreement]

    def as_dict(self) -> dict:
        return asdict(self)


def agreement(db: sqlite_utils.Database, sample: Sample, *, interval: bool = True) -> Report:
    """Every statistic for every field, overall and per outlet."""
    all_units = units(db, sample)
    if not any(v is not None for u in all_units for v in u.values.values()):
        raise StoreError(f"nobody has coded sample {sample.name!r} yet: nothing to compare")
    results = []
    outlets = sorted({u.outlet or "(none)" for u in all_units})
    for name in AGREEMENT_FIELDS:
        mine = [u for u in all_units if u.field == name]
        results.append(field_agreement(mine, sample.coders, name, None, interval))
        for outlet in outlets:
            some = [u for u in mine if (u.outlet or "(none)") == outlet]
            results.append(field_agreement(some, sample.coders, name, outlet, interval))
    return Report(sample.name, sample.coders, len(sample.quote_keys), results)


def field_agreement(
    field_units: list[Unit], coders: list[str], name: str, outlet: str | None, interval: bool
) -> FieldAgreement:
    rows = [[u.values[c] for c in coders] for u in field_units]
    complete = [r for r in rows if all(v is not None for v in r)]
    percent = 100 * sum(len(set(r)) == 1 for r in complete) / len(complete) if complete else None
    data = reliability_matrix(rows)
    alpha = nominal_alpha(data)
    low = high = None
    if interval and alpha is not None:
        low, high = bootstrap_interval(data)
    pairs = [pair(rows, coders, i, j) for i, j in itertools.combinations(range(len(coders)), 2)]
    return FieldAgreement(name, outlet, len(complete), percent, alpha, low, high, pairs)


def reliability_matrix(rows: list[list[str | None]]) -> np.ndarray:
    """Coders x units, values as numbers (nominal: any numbering will do), NaN if missing."""
    numbers: dict[str, int] = {}
    matrix = np.full((len(rows[0]) if rows else 0, len(rows)), np.nan)
    for unit, values in enumerate(rows):
        for coder, value in enumerate(values):
            if value is not None:
                matrix[coder, unit] = numbers.setdefault(value, len(numbers))
    return matrix


def pairable(data: np.ndarray) -> bool:
    """Alpha needs some unit with two values, and two different values somewhere."""
    counts = (~np.isnan(data)).sum(axis=0)
    usable = data[:, counts >= 2]
    return usable.size > 0 and len(np.unique(usable[~np.isnan(usable)])) >= 2


def nominal_alpha(data: np.ndarray) -> float | None:
    """Krippendorff's alpha, nominal; None when it is undefined (no pairable values,
    or a single value throughout: no variation to agree on)."""
    if data.size == 0 or not pairable(data):
        return None
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def bootstrap_interval(
    data: np.ndarray, samples: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED
) -> tuple[float | None, float | None]:
    """95 % percentile interval of alpha over units drawn with replacement."""
    rng = np.random.default_rng(seed)
    n = data.shape[1]
    alphas = []
    for _ in range(samples):
        resampled = data[:, rng.integers(0, n, n)]
        value = nominal_alpha(resampled)
        if value is not None and not math.isnan(value):
            alphas.append(value)
    if not alphas:
        return None, None
    low, high = np.percentile(alphas, [2.5, 97.5])
    return float(low), float(high)


def cohen_kappa(first: list[str], second: list[str]) -> float | None:
    """Cohen's kappa of two coders over the same units: (p_o - p_e) / (1 - p_e).
    None when chance agreement is already perfect (both used one and the same value)."""
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    one, two = Counter(first), Counter(second)
    expected = sum(one[v] * two[v] for v in one) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def pair(rows: list[list[str | None]], coders: list[str], i: int, j: int) -> Pair:
    both = [(r[i], r[j]) for r in rows if r[i] is not None and r[j] is not None]
    confusion: dict[str, dict[str, int]] = {}
    for a, b in both:
        confusion.setdefault(a, {}).setdefault(b, 0)
        confusion[a][b] += 1
    kappa = cohen_kappa([a for a, _ in both], [b for _, b in both])
    return Pair((coders[i], coders[j]), len(both), kappa, confusion)


@dataclass
class SampleState:
    """Where a sample stands, for the Overview: alpha per field, what is left to do."""

    sample: str
    alphas: dict[str, float | None]  # field -> alpha over the whole sample
    uncoded: int  # units not yet coded by every coder
    unsettled: int  # disagreements not yet adjudicated

    @property
    def open(self) -> bool:
        return bool(self.uncoded or self.unsettled)


def sample_states(db: sqlite_utils.Database) -> list[SampleState]:
    """Every sample with its alphas (no interval: this is for a glance)."""
    from store.coding import list_samples

    states = []
    for sample in list_samples(db):
        all_units = units(db, sample)
        alphas: dict[str, float | None] = {}
        for name in AGREEMENT_FIELDS:
            rows = [[u.values[c] for c in sample.coders] for u in all_units if u.field == name]
            alphas[name] = nominal_alpha(reliability_matrix(rows)) if rows else None
        uncoded = sum(not u.coded_by_all for u in all_units)
        unsettled = sum(u.disagree and u.settled is None for u in all_units)
        states.append(SampleState(sample.name, alphas, uncoded, unsettled))
    return states
