"""`python -m dedupe_cli`."""

import sys

from .cli import main

sys.exit(main())
