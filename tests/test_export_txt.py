"""``export -f txt``: a note's Markdown read plainly — a table as aligned columns (wide Hangul two
columns, as a monospaced chat or terminal shows it), headings, bold, links, quotes and code without
their marks — through the real CLI; the width rule checked against Rich's own."""
from __future__ import annotations

import re
import unicodedata

import pytest

from scrapnote import store, template
from scrapnote.models import Article
from scrapnote.note import build_note

TABLE = (
    "| 지표 | 값 | 변화 | 출처 문장 |\n"
    "| --- | ---: | :---: | --- |\n"
    "| 영업이익 | 5조4685억원 | +30% | 가상반도체 2분기 영업이익은 5조4685억원 |\n"
    "| PER | 12.3배 |  | 주가를 [이익](https://x.example/per)으로 나눈 값 |\n"
    "| 매출 \\| 비중 | `42%` | **↑** |\n"
)


def add(sections: dict) -> int:
    art = Article(title="가상반도체, 2분기 실적 발표", body="가상반도체가 실적을 발표했다.", published="2025-07-25",
                  source="가상일보", url="https://news.example/a/1")
    return store.create(lambda i: build_note(art, template.load(), i, drafts=sections)).id


def cols(ch: str) -> int:
    """Independent of the code under test: East Asian Width W/F are two columns."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def spans(line: str, edges: list[tuple[int, int]]) -> list[str]:
    """The text of ``line`` in each [start, end) range of display columns (a wide character never
    straddles an edge in an aligned table: it would show up as a column off by one)."""
    out = []
    for lo, hi in edges:
        col, cell = 0, ""
        for ch in line:
            w = cols(ch)
            if lo <= col and col + w <= hi:
                cell += ch
            elif col < hi and col + w > lo and not (lo <= col and col + w <= hi):
                raise AssertionError(f"{ch!r} straddles a column edge in {line!r}")
            col += w
        out.append(cell)
    return out


def test_a_table_becomes_aligned_columns(cli):
    add({"insights": TABLE, "summary": "요약입니다."})
    r = cli("export", "1", "-f", "txt")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.split("\n")
    at = lines.index(next(ln for ln in lines if ln.startswith("지표")))
    rows = lines[at:at + 5]
    assert "|" not in rows[0] and not any(ln.startswith("|") for ln in lines)
    assert re.fullmatch(r"-+(  -+){3}", rows[1])
    edges, col = [], 0
    for dash in rows[1].split("  "):
        edges.append((col, col + len(dash)))
        col += len(dash) + 2
    edges[-1] = (edges[-1][0], 10_000)  # the last column is not padded
    table = [spans(row, edges) for row in rows]
    assert [c.strip() for c in table[0]] == ["지표", "값", "변화", "출처 문장"]
    assert table[2][1] == " " * (len(table[2][1]) - len(table[2][1].lstrip())) + "5조4685억원"
    for row in table[2:]:  # 값 is right-aligned: it ends at its column's right edge
        assert not row[1].endswith(" ") and row[1].strip(), row
    assert table[4][2] == " ↑"  # 변화 is centred (4 columns wide: 변화, +30%; the line ends there)
    assert [c.strip() for c in table[2]] == ["영업이익", "5조4685억원", "+30%", "가상반도체 2분기 영업이익은 5조4685억원"]
    assert "5조4685억원" in rows[2] and rows[2].startswith("영업이익  ")
    assert "주가를 이익 https://x.example/per으로 나눈 값" in rows[3]  # a link as its text and address
    assert rows[4].startswith("매출 | 비중") and "42%" in rows[4] and "`" not in rows[4] and "**" not in rows[4]


def test_other_markdown_is_plain(cli):
    add({"research": "## 더 알아볼 것 ##\n**기준금리**: 중앙은행이 정하는 [정책 금리](https://x.example/r)\n"
                     "> 인용한 *문장*\n```\n코드 그대로 **별**\n```\n---\n1. 첫째\n- [ ] 할 일",
         "summary": "~~옛 의견~~ 새 의견 <https://x.example/s>"})
    r = cli("export", "1", "-f", "txt")
    out = r.stdout
    assert "더 알아볼 것" in out and not any(ln.startswith("#") or ln.endswith("#") for ln in out.split("\n"))
    assert "기준금리: 중앙은행이 정하는 정책 금리 https://x.example/r" in out
    assert "인용한 문장" in out and "> " not in out
    assert "코드 그대로 **별**" in out and "```" not in out  # a code block kept as written, without its fence
    assert "\n---\n" not in out and "1. 첫째" in out and "· 할 일" in out
    assert "요약 및 의견: 옛 의견 새 의견 https://x.example/s" in out


@pytest.mark.parametrize("text", ["삼성전자 3%", "ｆｕｌｌ폭", "e\u0301가", "한\u200b글", "ASCII only", "テスト·中文", "🙂 이모지"])
def test_the_width_rule_agrees_with_rich(text):
    from rich.cells import cell_len

    from scrapnote.text.width import cells

    assert cells(text) == cell_len(text)
