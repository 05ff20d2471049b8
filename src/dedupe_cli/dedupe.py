"""Find text that repeats earlier text in the same article, and cut it out.

The public face of the detector: `clean_text(text, config)`. How it decides
is `pipeline.py`, read top to bottom; each rule is a function in
`rules_whole`, `rules_runs` or `rules_partial`, and `evidence` turns the
decisions into removals with their sources and differences.

Nothing here does I/O; the result says what was removed and why.
"""

from __future__ import annotations

from .config import DEFAULT_CONFIG, DedupeConfig
from .cut import cut
from .pipeline import clean_text

__all__ = ["DEFAULT_CONFIG", "DedupeConfig", "clean_text", "cut"]
