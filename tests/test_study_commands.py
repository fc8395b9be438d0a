"""check, questions, related and the drafted note, through the CLI."""
from __future__ import annotations

import json
import os
import sys
import pty
import select
import subprocess
import time

from conftest import scrapnote_exe
from scrapnote.note import DRAFT_MARKER


def note_file(nid, title, *, companies=(), keywords=(), industry=(), summary="", questions="", insights="",
              research="", published="2024-01-01"):
    def flow(xs):
        return "[" + ", ".join(xs) + "]"

    return (f"---\nid: {nid}\ntitle: \"{title}\"\npublished: {published}\nindustry: {flow(industry)}\n"
            f"companies: {flow(companies)}\nkeywords: {flow(keywords)}\n---\n\n"
            f"## 헤드라인 (요약과 압축)\n\n{title}\n\n## 본문 (본문 내용 복사)\n\n본문\n\n"
            f"## 기사 내용의 수치화, 인사이트\n\n{insights}\n\n## 추가조사할 내용 또는 결과\n\n{research}\n\n"
            f"## 요약 및 의견\n\n{summary}\n\n## 적용할점 (현직자에게 할 질문)\n\n{questions}\n\n## 연관기사 링크\n\n")


def test_check_lists_empty_and_draft_sections(cli, write_note):
    write_note("0001-a.md", note_file(1, "완성", summary="내 요약", questions="- 질문", insights="- 수치", research="조사함"))
    write_note("0002-b.md", note_file(2, "미완성", summary=f"{DRAFT_MARKER}\n\n초안 요약", insights="- 수치",
                                      research="조사", questions=""))
    r = cli("check")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == ["2\t미완성\t요약 및 의견, 적용할점 (현직자에게 할 질문)"]
    assert cli("check", "1").exit_code == 0
    assert "complete" in cli("check", "1").stderr
    r = cli("check", "7")
    assert r.exit_code == 1 and "no note with id 7" in r.stderr
    # list marks the incomplete one
    lines = cli("list").stdout.splitlines()
    assert any("✎" in ln and "미완성" in ln for ln in lines)
    assert not any("✎" in ln and " 완성" in ln for ln in lines)


def test_questions_grouped_by_company(cli, write_note):
    write_note("0001-a.md", note_file(1, "구글 기사", companies=["구글"], industry=["IT"],
                                      questions="- AI 인력은 어떻게 뽑나요?\n- 부트캠프 수료생 채용 비율은?"))
    write_note("0002-b.md", note_file(2, "카카오 기사", companies=["카카오", "구글"], industry=["IT"],
                                      questions="1. 제주 본사 근무 환경은?"))
    write_note("0003-c.md", note_file(3, "은행 기사", industry=["금융"], questions="금리 전망은?"))
    data = json.loads(cli("questions", "--json").stdout)
    assert list(data) == ["구글", "카카오", "(기업 미지정)"]
    # each question once, under its note's first company (카카오's question is not repeated under 구글)
    assert [q["question"] for q in data["구글"]] == ["AI 인력은 어떻게 뽑나요?", "부트캠프 수료생 채용 비율은?"]
    assert [(q["question"], q["others"]) for q in data["카카오"]] == [("제주 본사 근무 환경은?", ["구글"])]
    data = json.loads(cli("questions", "--json", "--company", "카카오").stdout)
    assert list(data) == ["카카오"] and data["카카오"][0]["id"] == 2
    data = json.loads(cli("questions", "--json", "--industry", "금융").stdout)
    assert list(data) == ["(기업 미지정)"] and data["(기업 미지정)"][0]["question"] == "금리 전망은?"
    out = cli("questions").stdout
    assert "구글 (2)" in out and "AI 인력은 어떻게 뽑나요?" in out and "카카오 (1)" in out


def test_related_command_ranks_rare_shared_terms(cli, write_note):
    write_note("0001-a.md", note_file(1, "HBM 공급", keywords=["HBM", "반도체", "엔비디아"], companies=["SK하이닉스"]))
    write_note("0002-b.md", note_file(2, "HBM 경쟁", keywords=["HBM", "반도체"], companies=["삼성전자"]))
    write_note("0003-c.md", note_file(3, "반도체 수출", keywords=["반도체", "수출"]))
    write_note("0004-d.md", note_file(4, "금리 동결", keywords=["금리", "한국은행"]))
    data = json.loads(cli("related", "1", "--json").stdout)
    ids = [d["id"] for d in data]
    assert ids[0] == 2 and 3 in ids and 4 not in ids and 1 not in ids
    from scrapnote.analyze.related import CUTOFF

    # each with its score (at or above the cut-off, best first) and why
    assert data[0]["shared"] == ["HBM", "반도체"] and data[0]["companies"] == []  # rarest first
    assert all(d["score"] >= CUTOFF and d["above_cutoff"] for d in data)
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)
    assert data[1]["shared"] == ["반도체"] and data[0]["score"] > data[1]["score"]
    assert cli("related", "99").exit_code == 1
    assert cli("related", "4").stdout == "" and "no related notes for 4" in cli("related", "4").stderr


def test_interactive_flow_on_a_terminal(home, tmp_path):
    """--interactive asks section by section on a real (pseudo) terminal, with the form's hints."""
    art = tmp_path / "a.txt"
    art.write_text("구글, 한국 AI 인재 500명 키운다\n\n구글이 한국에서 AI 인재 500명을 키운다고 밝혔다.\n", "utf-8")
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb"}
    # headline: keep · insights · research · summary · questions · related: keep (an empty line ends each)
    answers = ["", "내 인사이트", "", "조사할 것", "", "나의 요약", "둘째 줄", "", "현직자 질문?", "", ""]
    rc, shown = _run_on_pty([scrapnote_exe(), "new", "--interactive", "--no-drafts", str(art)], env,
                            typed="\n".join(answers) + "\n")
    assert rc == 0, shown
    text = next((home / "notes").iterdir()).read_text("utf-8")
    assert "## 기사 내용의 수치화, 인사이트\n\n내 인사이트\n" in text
    assert "## 요약 및 의견\n\n나의 요약\n둘째 줄\n" in text
    assert "## 적용할점 (현직자에게 할 질문)\n\n현직자 질문?\n" in text
    assert "## 헤드라인 (요약과 압축)\n\n구글, 한국 AI 인재 500명 키운다\n" in text  # kept
    assert "추가조사할 내용" in shown and "현직자를 만나면" in shown  # labels and hints were shown


def test_interactive_refuses_without_terminal(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("제목\n\n본문이다.\n", "utf-8")
    r = cli("new", "--interactive", "--no-drafts", str(art))
    assert r.exit_code == 1 and "terminal" in r.stderr


def _run_on_pty(args, env, timeout=90, typed: str = "", delay: float = 0):
    """Run a program on a pseudo-terminal, type ``typed`` into it (after ``delay`` seconds of its
    output, e.g. for a pager to show its first page), return (exit code, screen text)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    if typed and not delay:
        os.write(master, typed.encode())
        typed = ""
    out = b""
    start = time.time()
    deadline = start + timeout
    while time.time() < deadline:
        if typed and time.time() - start >= delay:
            os.write(master, typed.encode())
            typed = ""
        r, _, _ = select.select([master], [], [], 0.5)
        if r:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif p.poll() is not None:
            break
    p.wait(timeout=10)
    os.close(master)
    return p.returncode, out.decode(errors="replace")


def test_new_opens_the_editor_on_a_terminal(home, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("카카오, 제주에 AI 캠프 연다\n\n카카오가 제주에서 AI 캠프를 연다고 밝혔다.\n", "utf-8")
    ed = tmp_path / "ed.py"
    ed.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                  "p.write_text(p.read_text('utf-8').replace('## 요약 및 의견\\n', '## 요약 및 의견\\n\\n에디터에서 쓴 요약\\n'), 'utf-8')\n")
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb",
           "EDITOR": f"{sys.executable} {ed}"}
    rc, shown = _run_on_pty([scrapnote_exe(), "new", "--no-drafts", str(art)], env)
    assert rc == 0, shown
    assert "에디터에서 쓴 요약" in next((home / "notes").iterdir()).read_text("utf-8")
    # --no-edit on the same terminal leaves the editor closed
    rc, shown = _run_on_pty([scrapnote_exe(), "new", "--no-drafts", "--no-edit", "--force", str(art)], env)
    assert rc == 0, shown
    texts = [p.read_text("utf-8") for p in sorted((home / "notes").iterdir())]
    assert "에디터에서 쓴 요약" not in texts[1]


def test_questions_each_once_under_the_first_company_with_the_others_named(cli, write_note):
    write_note("0001-a.md", note_file(1, "카카오 기사", companies=["카카오", "구글", "네이버"],
                                      questions="- 제주 본사 근무 환경은?\n- 카나 개발 인력은?"))
    write_note("0002-b.md", note_file(2, "구글 기사", companies=["구글"], questions="- AI 인력은 어떻게 뽑나요?"))
    data = json.loads(cli("questions", "--json").stdout)
    every = [q["question"] for qs in data.values() for q in qs]
    assert sorted(every) == sorted(set(every)) and len(every) == 3  # each once
    assert [q["question"] for q in data["카카오"]] == ["제주 본사 근무 환경은?", "카나 개발 인력은?"]
    assert data["카카오"][0]["others"] == ["구글", "네이버"] and data["구글"][0]["others"] == []
    out = cli("questions").stdout
    assert out.count("제주 본사 근무 환경은?") == 1 and "also 구글, 네이버" in out
    # asked by a company that is not the first: the question under the one asked, the others named
    data = json.loads(cli("questions", "--json", "--company", "네이버").stdout)
    assert list(data) == ["네이버"] and data["네이버"][0]["others"] == ["카카오", "구글"]
    data = json.loads(cli("questions", "--json", "--company", "구글").stdout)
    assert [q["id"] for q in data["구글"]] == [2, 1, 1] and sum(len(v) for v in data.values()) == 3


def test_questions_for_an_unknown_company_is_one_clear_line(cli, write_note):
    write_note("0001-a.md", note_file(1, "카카오 기사", companies=["카카오뱅크", "카카오"], questions="- 질문?"))
    r = cli("questions", "--company", "카카")
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.strip() == "error: no note has the company 카카 (did you mean 카카오, 카카오뱅크?)"
    r = cli("questions", "--company", "없는회사", "--json")
    assert r.exit_code == 1 and r.stderr.strip() == "error: no note has the company 없는회사"
    assert cli("questions", "--company", "카카오").exit_code == 0
