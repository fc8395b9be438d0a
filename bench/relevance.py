"""Relevance of `scrapnote search` on a made-up collection with judged queries (issue 14).

    python bench/relevance.py                 # build the collection, run every query, print the table
    python bench/relevance.py --show 삼송전자   # one query's ranked hits against its judgement
    python bench/relevance.py --seed 7 --notes 400
    python bench/relevance.py --exe /tmp/base/scrapnote   # another build (a before/after)

The collection (written to a temporary home, removed afterwards) is generated from templates:
notes across 12 industries, each about one company (several in a few) and one or two topics of
its industry, in sentences that put particles on the names (삼성전자가, 현대차는, 파운드리를)
and numbers around them. All text is made up from the templates below; the company names are
only names.

The judgement is the generator's own record of what each note is about, never what the search
answers: a query's relevant notes are those whose company or topic slots hold what the reader
means (for 삼송전자, ㅅㅅㅈㅈ, tkatjdwjswk and 삼성전자가: the notes about 삼성전자; for MS: the notes
about 마이크로소프트, which some notes only call MS and others only 마이크로소프트; for 삼성: every
삼성 company). Before measuring, the script checks its own judgement for the literal queries
(every note whose text holds an exact query word is judged relevant), so a template word that
slipped into another note is an error of the benchmark, not a miss of the search.

Measures per query (binary relevance), averaged per lane and overall:
- P@5: relevant among the first 5, over min(5, |relevant|) (a query with 3 relevant notes can
  score 1.0);
- recall@20: relevant among the first 20, over min(20, |relevant|);
- nDCG@10: DCG of the first 10 over the ideal DCG.
Targets (issue 14): P@5 ≥ 0.9 and recall@20 ≥ 0.95 overall, no lane below 0.8.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "scrapnote"
sys.path.insert(0, str(ROOT))
from scrapnote.text import hangul  # noqa: E402 - the query's English-mode keys, as a reader types them

# industry → (companies, topics); a topic is (term, phrase the templates use with it)
INDUSTRIES: dict[str, tuple[list[str], list[str]]] = {
    "반도체": (["삼성전자", "SK하이닉스", "DB하이텍", "엔비디아", "TSMC"],
              ["HBM", "파운드리", "낸드플래시", "웨이퍼", "감산"]),
    "자동차": (["현대차", "기아", "테슬라", "현대모비스"], ["전기차", "하이브리드", "자율주행", "충전소"]),
    "금융": (["카카오뱅크", "신한은행", "KB국민은행", "토스증권"], ["기준금리", "주택담보대출", "예금", "가계부채"]),
    "바이오": (["삼성바이오로직스", "셀트리온", "유한양행"], ["바이오시밀러", "임상시험", "신약", "위탁생산"]),
    "에너지": (["한국전력", "SK이노베이션", "두산에너빌리티"], ["원전", "태양광", "전기요금", "수소"]),
    "유통": (["쿠팡", "이마트", "롯데쇼핑"], ["이커머스", "새벽배송", "편의점", "면세점"]),
    "통신": (["SK텔레콤", "KT", "LG유플러스"], ["5G", "요금제", "위성통신", "알뜰폰"]),
    "조선": (["HD한국조선해양", "한화오션", "삼성중공업"], ["LNG운반선", "수주", "컨테이너선", "친환경선박"]),
    "IT": (["마이크로소프트", "네이버", "카카오", "구글"], ["클라우드", "생성형", "검색광고", "데이터센터"]),
    "화학": (["LG화학", "롯데케미칼", "금호석유화학"], ["석유화학", "양극재", "플라스틱", "나프타"]),
    "게임": (["넥슨", "엔씨소프트", "크래프톤"], ["신작", "모바일게임", "확률형", "콘솔"]),
    "항공": (["대한항공", "아시아나항공", "제주항공"], ["항공권", "화물운송", "저비용항공사", "노선"]),
}
# Some notes name 마이크로소프트 only as MS: the alias the reader types.
ALIAS_ONLY = {"마이크로소프트": "MS"}

# Sentences: {c} the company, {t} the topic, {n} a number, {j:X} the particle X fitted to the word
# before it (은/는, 이/가, 을/를, 과/와, 으로/로).
OPENINGS = [
    "{c}{j:가} {t} 사업을 키운다고 밝혔다.",
    "{c}{j:는} 올해 {t} 부문에 {n}조원을 쓰기로 했다.",
    "{c}의 {t} 전략이 업계의 눈길을 끈다.",
    "업계에 따르면 {c}{j:가} {t}{j:를} 앞세워 반등을 노린다.",
    "{t} 시장에서 {c}{j:의} 점유율이 {n}%로 올랐다.",
]
MIDDLES = [
    "증권가는 {t} 수요가 내년까지 이어질 것으로 본다.",
    "회사 관계자는 {t} 투자를 계속 늘리겠다고 말했다.",
    "{t}{j:은} 최근 분기 실적의 버팀목이 됐다.",
    "경쟁사도 {t}{j:를} 서두르며 추격에 나섰다.",
    "{n}분기 연속 {t} 관련 이익이 늘었다.",
]
CLOSINGS = [
    "전문가들은 하반기 흐름을 지켜봐야 한다고 조언했다.",
    "시장은 다음 발표를 주목하고 있다.",
    "다만 환율 변동은 부담으로 꼽힌다.",
    "주가는 발표 뒤 {n}% 움직였다.",
]
TITLES = ["{c}, {t} 확대", "{c} {t} 승부수", "{t} 경쟁 속 {c} 약진", "{c}{j:가} 꺼낸 {t} 카드"]
PHRASES = ["기준금리 인하", "공급망 재편", "수출 규제"]  # fixed phrases some notes carry whole
SOURCES = ["한국경제", "매일경제", "서울경제", "연합뉴스", "머니투데이", "이데일리", "조선비즈"]


def _batchim(word: str) -> bool | None:
    ch = word[-1]
    if hangul.is_syllable(ch):
        return (ord(ch) - 0xAC00) % 28 != 0
    # Latin letters and digits as read aloud
    return ch.upper() in "LMNR013678"


def _josa(word: str, pair: str) -> str:
    after_consonant, after_vowel = {"가": ("이", "가"), "는": ("은", "는"), "은": ("은", "는"),
                                    "를": ("을", "를"), "을": ("을", "를"), "와": ("과", "와"),
                                    "의": ("의", "의"), "로": ("으로", "로")}[pair]
    return after_consonant if _batchim(word) else after_vowel


def fill(template: str, c: str, t: str, rng: random.Random) -> str:
    out = template.replace("{c}", "\0c").replace("{t}", "\0t")
    parts: list[str] = []
    i = 0
    while i < len(out):
        if out.startswith("{j:", i):
            j = out.index("}", i)
            prev = "".join(parts)
            parts.append(_josa(prev, out[i + 3:j]))
            i = j + 1
        elif out[i] == "\0":
            parts.append(c if out[i + 1] == "c" else t)
            i += 2
        elif out.startswith("{n}", i):
            parts.append(str(rng.randint(2, 40)))
            i += 3
        else:
            parts.append(out[i])
            i += 1
    return "".join(parts)


@dataclass
class Note:
    nid: int
    industry: str
    companies: list[str]  # what the note is about (its judged slots)
    topics: list[str]
    phrases: list[str] = field(default_factory=list)
    title: str = ""
    body: str = ""
    summary: str = ""


def generate(n: int, seed: int) -> list[Note]:
    rng = random.Random(seed)
    names = list(INDUSTRIES)
    notes = []
    for nid in range(1, n + 1):
        ind = names[(nid - 1) % len(names)]
        comps, topics = INDUSTRIES[ind]
        c = rng.choice(comps)
        ts = rng.sample(topics, 2 if rng.random() < 0.4 else 1)
        note = Note(nid, ind, [c], ts)
        shown = ALIAS_ONLY.get(c, c) if c in ALIAS_ONLY and rng.random() < 0.5 else c
        t = ts[0]
        sents = [fill(rng.choice(OPENINGS), shown, t, rng), fill(rng.choice(MIDDLES), shown, ts[-1], rng)]
        if rng.random() < 0.15:  # a second company of the industry, named in passing
            other = rng.choice([x for x in comps if x != c])
            note.companies.append(other)
            sents.append(f"{other}{_josa(other, '는')} 같은 시장에서 맞선다.")
        if rng.random() < 0.12:
            p = rng.choice(PHRASES)
            note.phrases.append(p)
            sents.append(f"{p} 논의가 변수로 떠올랐다.")
        sents.append(fill(rng.choice(CLOSINGS), shown, t, rng))
        note.title = fill(rng.choice(TITLES), shown, t, rng)
        note.body = " ".join(sents[:2]) + "\n\n" + " ".join(sents[2:])
        note.summary = "- " + sents[0]
        notes.append(note)
    return notes


def note_file(n: Note, rng: random.Random) -> str:
    day = 1 + n.nid % 28
    month = 1 + n.nid % 12
    return (f"---\nid: {n.nid}\ntitle: \"{n.title}\"\nurl: https://example.com/{n.nid}\n"
            f"source: {rng.choice(SOURCES)}\nreporter: null\npublished: 2024-{month:02d}-{day:02d}\n"
            f"scrapped: 2024-{month:02d}-{day:02d}T09:00:00+09:00\nindustry: [{n.industry}]\n"
            f"companies: []\ntags: []\nkeywords: []\ntemplate: economy\n---\n\n"
            f"## 헤드라인 (요약과 압축)\n\n{n.title}\n\n## 본문 (본문 내용 복사)\n\n{n.body}\n\n"
            f"## 요약 및 의견\n\n> [초안] 자동으로 만든 초안입니다. 내 말로 고쳐 쓰고 이 줄은 지우세요.\n\n{n.summary}\n")


# -- the judged queries ---------------------------------------------------------------------------
def about(notes: list[Note], *, company=None, group=None, topic=None, industry=None, phrase=None) -> set[int]:
    out = set()
    for n in notes:
        if company and company not in n.companies:
            continue
        if group and not any(c.startswith(group) for c in n.companies):
            continue
        if topic and not any(topic in t for t in n.topics):
            continue
        if industry and n.industry != industry:
            continue
        if phrase and phrase not in n.phrases:
            continue
        out.add(n.nid)
    return out


def queries(notes: list[Note]) -> list[tuple[str, str, set[int]]]:
    """(lane, query, judged relevant notes)."""
    q: list[tuple[str, str, set[int]]] = []
    A = lambda **kw: about(notes, **kw)  # noqa: E731
    for c in ["삼성전자", "현대차", "카카오뱅크", "셀트리온", "쿠팡", "한화오션", "크래프톤", "대한항공"]:
        q.append(("exact", c, A(company=c)))
    for t in ["HBM", "파운드리", "바이오시밀러", "새벽배송"]:
        q.append(("exact", t, A(topic=t)))
    for word, c in [("삼성전자가", "삼성전자"), ("현대차는", "현대차"), ("쿠팡이", "쿠팡"), ("셀트리온의", "셀트리온"),
                    ("넥슨을", "넥슨"), ("이마트에서", "이마트"), ("테슬라와", "테슬라"), ("기아까지", "기아")]:
        q.append(("particle", word, A(company=c)))
    for word, t in [("파운드리를", "파운드리"), ("원전이", "원전"), ("수주가", "수주"), ("요금제는", "요금제")]:
        q.append(("particle", word, A(topic=t)))
    for typo, c in [("삼송전자", "삼성전자"), ("헌대차", "현대차"), ("카카오뱅그", "카카오뱅크"), ("엔비디야", "엔비디아"),
                    ("셀트리욘", "셀트리온"), ("크래프튼", "크래프톤")]:
        q.append(("typo", typo, A(company=c)))
    for typo, t in [("바이오시밀라", "바이오시밀러"), ("파운드라", "파운드리"), ("자율주헹", "자율주행")]:
        q.append(("typo", typo, A(topic=t)))
    for word, c in [("삼성전자", "삼성전자"), ("현대모비스", "현대모비스"), ("카카오뱅크", "카카오뱅크"),
                    ("대한항공", "대한항공"), ("유한양행", "유한양행")]:
        q.append(("chosung", hangul.chosung(word), A(company=c)))
    for t in ["파운드리", "바이오시밀러"]:
        q.append(("chosung", hangul.chosung(t), A(topic=t)))
    for word, kw in [("삼성전자", {"company": "삼성전자"}), ("현대차", {"company": "현대차"}),
                     ("파운드리", {"topic": "파운드리"}), ("셀트리온", {"company": "셀트리온"}),
                     ("이커머스", {"topic": "이커머스"}), ("넥슨", {"company": "넥슨"})]:
        q.append(("english", hangul.to_qwerty(word), A(**kw)))
    for a, b, kw in [("삼성전자", "HBM", {"company": "삼성전자", "topic": "HBM"}),
                     ("현대차", "전기차", {"company": "현대차", "topic": "전기차"}),
                     ("쿠팡", "새벽배송", {"company": "쿠팡", "topic": "새벽배송"}),
                     ("한화오션", "수주", {"company": "한화오션", "topic": "수주"}),
                     ("카카오뱅크", "예금", {"company": "카카오뱅크", "topic": "예금"}),
                     ("엔비디아", "파운드리", {"company": "엔비디아", "topic": "파운드리"})]:
        q.append(("two words", f"{a} {b}", A(**kw)))
    for p in PHRASES:
        q.append(("phrase", f'"{p}"', A(phrase=p)))
    q.append(("phrase", '"수출 규제 논의가"', A(phrase="수출 규제")))
    for base, drop, kw, kw_drop in [
            ("HBM", "삼성전자", {"topic": "HBM"}, {"company": "삼성전자"}),
            ("전기차", "테슬라", {"topic": "전기차"}, {"company": "테슬라"}),
            ("클라우드", "구글", {"topic": "클라우드"}, {"company": "구글"}),
            ("원전", "한국전력", {"topic": "원전"}, {"company": "한국전력"})]:
        q.append(("exclusion", f"{base} -{drop}", A(**kw) - A(**kw_drop)))
    q.append(("alias", "삼성", A(group="삼성")))
    q.append(("alias", "SK", A(group="SK")))
    q.append(("alias", "하이닉스", A(company="SK하이닉스")))
    q.append(("alias", "MS", A(company="마이크로소프트")))
    q.append(("alias", "마이크로소프트", A(company="마이크로소프트")))
    q.append(("alias", "SK하이닉스", A(company="SK하이닉스")))
    return q


def check_judgement(notes: list[Note], qs) -> None:
    """Every note whose text holds a literal query's word must be judged relevant to it."""
    texts = {n.nid: f"{n.title}\n{n.body}\n{n.summary}".lower() for n in notes}
    for lane, query, rel in qs:
        if lane not in ("exact",):
            continue
        holders = {nid for nid, t in texts.items() if query.lower() in t}
        if holders - rel:
            raise SystemExit(f"benchmark error: {query!r} is in notes {sorted(holders - rel)} judged not relevant")
        if not rel:
            raise SystemExit(f"benchmark error: no relevant note for {query!r}")


# -- measuring ------------------------------------------------------------------------------------
def ranked(home: Path, query: str, exe: str = str(EXE)) -> list[int]:
    import shlex

    env = dict(os.environ, SCRAPNOTE_HOME=str(home), SCRAPNOTE_CONFIG=str(home / "config.toml"))
    p = subprocess.run([exe, "search", *shlex.split(query), "--json", "-n", "20"], env=env,
                       capture_output=True, text=True)
    if p.returncode == 1 and not p.stdout:
        return []
    if p.returncode != 0:
        raise SystemExit(f"search {query!r} exited {p.returncode}: {p.stderr.strip()}")
    return [h["id"] for h in json.loads(p.stdout)]


def measures(got: list[int], rel: set[int]) -> tuple[float, float, float]:
    if not rel:
        return (1.0, 1.0, 1.0) if not got else (0.0, 1.0, 0.0)
    p5 = sum(1 for d in got[:5] if d in rel) / min(5, len(rel))
    r20 = sum(1 for d in got[:20] if d in rel) / min(20, len(rel))
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(got[:10]) if d in rel)
    idcg = sum(1 / math.log2(i + 2) for i in range(min(10, len(rel))))
    return p5, r20, dcg / idcg


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--notes", type=int, default=360)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--show", help="print one query's hits against its judgement")
    ap.add_argument("--verbose", action="store_true", help="one line per query")
    ap.add_argument("--exe", default=str(EXE), help="the scrapnote program to measure (default: this venv's)")
    args = ap.parse_args()
    notes = generate(args.notes, args.seed)
    qs = queries(notes)
    check_judgement(notes, qs)
    home = Path(tempfile.mkdtemp(prefix="scrapnote-relevance-"))
    try:
        folder = home / "notes"
        folder.mkdir()
        rng = random.Random(args.seed + 1)
        for n in notes:
            (folder / f"{n.nid:04d}-note.md").write_text(note_file(n, rng), encoding="utf-8")
        if args.show:
            rel = next((r for _l, q, r in qs if q == args.show), None)
            got = ranked(home, args.show, args.exe)
            print(f"{args.show}: relevant {sorted(rel) if rel is not None else '(not a judged query)'}")
            for i, d in enumerate(got, 1):
                n = notes[d - 1]
                mark = "+" if rel and d in rel else "-"
                print(f"{i:3d} {mark} {d:4d} {n.title} | {n.companies} {n.topics}")
            if rel:
                print("missed:", sorted(rel - set(got)))
            return
        by_lane: dict[str, list[tuple[float, float, float]]] = {}
        for lane, query, rel in qs:
            m = measures(ranked(home, query, args.exe), rel)
            by_lane.setdefault(lane, []).append(m)
            if args.verbose or min(m) < 0.8:
                print(f"  {lane:10s} {query:24s} |rel|={len(rel):3d}  P@5 {m[0]:.2f}  R@20 {m[1]:.2f}  nDCG@10 {m[2]:.2f}")
        industries = len({n.industry for n in notes})
        print(f"{len(notes)} notes, {industries} industries, {len(qs)} judged queries (seed {args.seed})")
        print(f"{'lane':12s} {'queries':>7s} {'P@5':>6s} {'R@20':>6s} {'nDCG@10':>8s}")
        every = []
        for lane, ms in by_lane.items():
            every.extend(ms)
            avg = [sum(x[i] for x in ms) / len(ms) for i in range(3)]
            print(f"{lane:12s} {len(ms):7d} {avg[0]:6.3f} {avg[1]:6.3f} {avg[2]:8.3f}")
        avg = [sum(x[i] for x in every) / len(every) for i in range(3)]
        print(f"{'overall':12s} {len(every):7d} {avg[0]:6.3f} {avg[1]:6.3f} {avg[2]:8.3f}")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
