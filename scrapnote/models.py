"""Read-only data that flows between the modules. No I/O here."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """What extraction found in one input: the article's own facts, never invented.

    ``sections`` carries parts a reader already wrote (a filled 스크랩 양식), keyed by the
    template's section keys (``headline``, ``insights``, ``research``, ``summary``, ``questions``,
    ``related``), verbatim but whitespace-normalised.
    """

    title: str
    body: str
    url: str | None = None
    source: str | None = None
    reporter: str | None = None
    published: str | None = None  # YYYY-MM-DD
    sections: dict[str, str] = field(default_factory=dict)
    format: str = "text"  # text | markdown | html | url | scrapform
    origin: str | None = None  # file path, "-" or URL the article came from
    tags: tuple[str, ...] = ()  # the clipper's own tags (front matter tags/keywords/categories), as written
    companies: tuple[str, ...] = ()  # what the source itself names (an exported note's 기업 row)
    industry: tuple[str, ...] = ()
    # the extraction's ranked evidence (an ``extract.page.Evidence``): what ``new --explain`` shows
    evidence: object | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Quantity:
    """One figure found in a text: ``1천억원`` → value 100000000000, unit 원."""

    text: str
    value: float | int
    unit: str
    sentence: str = ""
    approx: str | None = None  # 약, 여, 이상, … when the text says so
    high: float | int | None = None  # upper end of a range (``4.5~4.75%`` → value 4.5, high 4.75)
    per: str | None = None  # rate period written before the figure: 연, 월, 하루, … (``연 3.5%``)

    def as_dict(self) -> dict:
        d = {"text": self.text, "value": self.value, "unit": self.unit, "sentence": self.sentence}
        if self.approx:
            d["approx"] = self.approx
        if self.high is not None:
            d["high"] = self.high
        if self.per:
            d["per"] = self.per
        return d


@dataclass(frozen=True)
class Section:
    """One ``## heading`` of a note file. ``key`` is the template key, or None for a heading
    the template does not know. ``raw`` is everything between the heading line and the next
    heading, byte for byte, so that writing a parsed file gives back the same bytes."""

    heading: str
    raw: str
    key: str | None = None

    @property
    def text(self) -> str:
        return self.raw.strip("\n").rstrip()


@dataclass(frozen=True)
class SearchHit:
    id: int
    score: float
    lane: str  # exact | prefix | chosung | typo | keyboard
    title: str
    snippet: str
    path: str
    published: str | None = None
    source: str | None = None
    field: str | None = None
