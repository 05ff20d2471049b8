"""dedupe-cli: remove duplicated paragraphs from news articles and summarise them."""

__version__ = "0.1.0"
