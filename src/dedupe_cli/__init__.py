"""dedupe-cli: remove duplicated paragraphs from news articles and summarise them."""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import CleanResult, SummarySentence

__all__ = ["__version__", "clean", "summarize"]


def clean(text: str, threshold: float = 90.0) -> "CleanResult":
    """Remove duplicated paragraphs and sentences from one article.

    Returns a `CleanResult`: the cleaned text plus every removal with the
    paragraph it copies and how similar it is (the same data as the JSON).
    """
    from .dedupe import DedupeConfig, clean_text

    return clean_text(text, DedupeConfig(threshold=threshold))


def summarize(
    text: str, sentences: int = 3, ratio: float | None = None, **kwargs: Any
) -> "tuple[SummarySentence, ...]":
    """Extractive summary of `text`: whole sentences, in article order."""
    from .summarize import summarize as _summarize

    return _summarize(text, sentences=sentences, ratio=ratio, **kwargs)
