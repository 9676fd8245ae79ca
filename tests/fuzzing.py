"""How long the fuzzing tests fuzz.

Fuzzing tests take their number of examples from ``fuzz_examples(n)``: ``n`` in the normal
run (CI), or ``n`` times ``KLIMATBOKSLUT_FUZZ_SCALE`` for a long fuzzing campaign::

    KLIMATBOKSLUT_FUZZ_SCALE=40 python -m pytest -q -k fuzz
"""

import os


def fuzz_examples(n: int) -> int:
    """Hypothesis ``max_examples`` for a fuzzing test: ``n``, scaled by ``KLIMATBOKSLUT_FUZZ_SCALE``."""
    return max(1, int(n * float(os.environ.get("KLIMATBOKSLUT_FUZZ_SCALE", "1"))))
