"""``python -m klimatbokslut``: the command line, as the ``klimatbokslut`` command."""

import sys

from .cli import main

sys.exit(main())
