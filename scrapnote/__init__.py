"""scrapnote: 경제신문 스크랩 노트 for the command line."""

__version__ = "0.1.0"
