"""Hypothesis profiles for the fuzz suite.

`ci` (the default) is small and derandomised, so the whole folder runs in well
under a minute and a failure in CI reproduces on any machine. `long` draws far
more examples, at random each run, and keeps failures in .hypothesis/ to try
first next time:

    HYPOTHESIS_PROFILE=long uv run pytest tests/fuzz
"""

import os

from hypothesis import HealthCheck, settings

# Slow examples are the point (the spaCy pass, a real SQLite file per example),
# and the tests reuse session fixtures (the model, the sample database) on purpose.
SLOW_IS_FINE = [
    HealthCheck.too_slow,
    HealthCheck.function_scoped_fixture,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
]

settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, suppress_health_check=SLOW_IS_FINE
)
settings.register_profile(
    "long", deadline=None, print_blob=True, suppress_health_check=SLOW_IS_FINE
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
