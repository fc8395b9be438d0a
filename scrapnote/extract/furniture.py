"""Page furniture: what a copied or saved page carries around the article — share buttons and
menus, image file names, photo captions and credits, "많이 본 뉴스" and other boxes of headlines,
copyright lines, comment boxes and paywalls, summary boxes, a re-poster's own headings, a
broadcast's cues and crew, promotions, the "출처 :" line a copy script appends, browser tab titles.
The long word lists (buttons, menu words, box headings) are data: ``scrapnote/data/furniture.yaml``.
Pure functions on strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scrapnote.extract import publishers, wordlists
from scrapnote.extract.bylines import EMAIL, NAME, REPORTER, parse_dateline
from scrapnote.extract.dates import find_dates
from scrapnote.extract.strings import PERIOD_END, compact, ends_sentence, squash


# ---------------------------------------------------------------- the word lists (data/furniture.yaml)

def _buttons() -> frozenset[str]:
    """Button and label words (share, print, font size, likes…), compacted."""
    return wordlists.compacted_set("furniture", "buttons")


def _nav_words() -> frozenset[str]:
    """Menu and breadcrumb words, compacted."""
    return wordlists.compacted_set("furniture", "nav_words")


def _box_headings() -> tuple[str, ...]:
    """The headings of boxes of other headlines ("많이 본 뉴스"), compacted."""
    return wordlists.compacted("furniture", "box_headings")


def _box_heading_suffixes() -> tuple[str, ...]:
    """"<언론사> 헤드라인", "한국경제 주요뉴스": a box named after the publisher."""
    return wordlists.compacted("furniture", "box_heading_suffixes")


def _comment_markers() -> tuple[str, ...]:
    """The heading of a comment box ("댓글목록"), compacted."""
    return wordlists.compacted("furniture", "comment_markers")


def body_markers() -> frozenset[str]:
    """A line that only says where the article's text starts ("본문", "기사 내용"), compacted."""
    return wordlists.compacted_set("furniture", "body_markers")


def end_marks() -> frozenset[str]:
    """The mark that ends a wire report ("(끝)"), compacted."""
    return wordlists.compacted_set("furniture", "end_marks")


# ---------------------------------------------------------------- patterns

_SHARE = re.compile(
    r"^(?:(?:트위터|페이스북|카카오톡|카카오스토리|카카오|네이버블로그|네이버밴드|네이버|밴드|라인|구글플러스|구글|텔레그램|링크드인|"
    r"핀터레스트|이메일|메일|url|링크|주소|sns|facebook|twitter|kakao|band|line|x)"
    r"(?:으로|로)?(?:보내기|공유하기|공유|복사하기|복사|퍼가기)?)+$")
_COPYRIGHT_STRONG = re.compile(
    r"무단전재|무단복제|무단배포|재배포금지|전재및재배포|전재재배포|재배포를금|전재를금|복제를금|allrightsreserved|"
    r"ai학습(?:및활용|이용|활용)?금지")
_COPYRIGHT_SIGN = re.compile(r"ⓒ|©")
_COPYRIGHT_LEAD = re.compile(r"^\s*[<\[(]?\s*(?:copyright|\(c\)|저작권자\s*(?:\(c\)|ⓒ|©))", re.I)
IMAGE_FILE = re.compile(r"^(?:\S+|[^\n.]{1,80}?)\.(?:jpe?g|png|gif|webp|bmp|svg|heic|tiff?|avif)(?:\?\S*)?"
                        r"(?:\s*\(\d[\d,.]*\s*[KMG]?B\))?$", re.I)
_IMAGE_MARKER = re.compile(
    r"^[\[(<【〈]?\s*(?:사진|이미지|그림|그래픽|인포그래픽|영상|동영상|표|도표|일러스트|사진\s*확대|이미지\s*확대|사진\s*크게\s*보기|"
    r"이미지\s*크게\s*보기|확대\s*보기|원본\s*보기|photo|image)\s*\d*\s*[\])>】〉]?$", re.I)
PHOTO_CREDIT = re.compile(
    r"(?:^|[\s/(\[<【])(?:사진|이미지|그래픽|자료|출처|제공|영상|일러스트|사진\s*제공|자료\s*제공|사진\s*출처|자료\s*출처|"
    r"사진\s*자료|그림)\s*[=:：]\s*[^\s\])>】][^\])>】]{0,40}[\])>】]?\s*$")
_CAPTION_END = re.compile(
    r"(?:전경|모습|장면|사진|로고|포스터|이미지|조감도|일러스트|인포그래픽|그래픽|캡처|캡쳐|화면|제공|CI|BI|투시도|현장|자료사진|DB|"
    r"게티이미지뱅크|게티이미지|셔터스톡|클립아트코리아|픽사베이|언스플래시|Getty\s*Images|gettyimages|Shutterstock|"
    r"이미지투데이|아이클릭아트|123RF)[\])>】]?\.?$", re.I)
_BRACKET_CAPTION = re.compile(r"^[\[<(【〈]\s*[^\]>)】〉]*(?:사진|이미지|그래픽|제공|DB|캡처|캡쳐|출처|자료)[^\]>)】〉]*[\]>)】〉]$")
_CONTACT = re.compile(r"^(?:보도\s*자료\s*)?(?:(?:문의|연락처|담당|보도\s*문의|취재\s*문의|제보)\s*[:：]"
                      r"|담당\s*(?:부서|자|과|팀|기관)\s*[:：]?\s)")
_SOURCE_CAPTION = re.compile(r"^[\[(<]?\s*(?:자료|출처|그래픽|표|도표)\s*[:：=]")
_PROMO = re.compile(r"^[▶▷►☞→]\s*.*(?:구독|클릭|바로가기|보기|제보|채널|앱|다운로드|뉴스레터|추가|친구|팔로우|이벤트|무료|가입|신청|확인|GO)"
                    r"|^.{0,60}(?:구독|바로가기|제보|채널|다운로드|뉴스레터|친구\s*추가|팔로우|이벤트|가입|신청)\S{0,6}\s*[▶▷►☞→]$")
# Notices a news portal prints under every article (Naver, Daum): not the article's text.
_PORTAL_NOTICE = re.compile(
    r"^(?:이 기사는 언론사에서 .{1,20} 섹션으로 분류했습니다|기사의 섹션 정보는 해당 언론사의 분류를|"
    r"(?:메인에서 바로 보는 언론사 편집 뉴스|언론사 편집 뉴스).{0,20}구독|이 기사가 마음에 드셨다면|"
    r"이 기사를 추천합니다|이 기사에 대한 의견|기사 제공 언론사|이 언론사의 구독자|구독자\s*[\d,.]+\s*(?:만|천)?\s*명?|"
    r"이 기사는 .{0,60}(?:출고된|게재된|먼저 소개된|먼저 게재된|송고된|제공된) 기사입니다|"
    r"[※*]\s*(?:이|본|해당|위)\s*(?:기사|콘텐츠|글|칼럼|리포트|보도|자료)(?:는|은)\s|"
    r"Your browser does not support|이 브라우저는 (?:오디오|비디오|audio|video)|"
    r"응원수\s*[\d,.]+|Translated by|번역\s*beta|.{0,30}구독해\s*보세요|Now in translation|번역중$|kakao\s*i$)", re.I)


# Notices a news site prints in its tool bar, summary box or reporter box: not the article's text.
_SITE_NOTICE = re.compile(
    r"^(?:(?:기사\s*)?(?:URL|주소|링크)(?:이|가)\s*복사되었습니다|AI\s*요약은.{0,120}(?:기술을\s*활용|활용해|활용하여)|"
    r"좋은\s*기사\s*원고료로\s*응원하세요|"
    r"구독(?:을\s*누르면|하시면|하면).{0,60}(?:받아\s*볼|보실|볼)\s*수\s*있습니다|"
    r"본\s*기사는\s*.{0,40}단말기에서\s*.{0,30}서비스된\s*기사입니다)", re.I)
# A subscription or support pitch: a short line asking the reader to subscribe, sign up or give.
_PITCH = re.compile(r"(?:구독|후원|뉴스레터|회원\s*가입|가입|응원)[가-힣\s]{0,12}(?:해\s*주세요|하세요|해보세요|해\s*보세요|"
                    r"하기|하고\s|받아보세요|신청하세요)")


def is_site_notice(line: str) -> bool:
    """``기사 URL이 복사되었습니다``, ``AI 요약은 … 기술을 활용해 …``, ``한겨레 뉴스레터를 구독하세요``."""
    if len(line) > 200:
        return False
    if _SITE_NOTICE.match(line.strip()):
        return True
    return len(line) <= 80 and bool(_PITCH.search(line)) and not re.search(r"[다][.!]?[\"'”’]*$", line)


_PAGE_MARKER = re.compile(r"^\s*(?:제?\s*\d{1,5}\s*호\s*)?(?:[A-Z]\s*)?\d{1,3}\s*면(?:\s*(?:톱|머리|하단|종합))?\s*$")


def is_page_marker(line: str) -> bool:
    """A print edition's page marker: ``56호 01면``, ``A12면``, ``2면``."""
    return bool(_PAGE_MARKER.match(line))


_CREDIT_BRACKET_END = re.compile(r"[\[(【<]\s*[^\[\]()【】<>]{0,30}(?:사진|제공|DB|자료|캡처|캡쳐|게티|로이터|AP|AFP|EPA|"
                                 r"연합뉴스|뉴시스|뉴스1)[^\[\]()【】<>]{0,20}[\])】>]\s*$")


def is_credited_caption(line: str) -> bool:
    """``비트코인 [로이터=사진제공]``: a short phrase that names a picture and ends in its credit."""
    if len(line) > 80 or PERIOD_END.search(line.rstrip(" ])】>")):
        return False
    m = _CREDIT_BRACKET_END.search(line)
    return bool(m and m.start() > 0 and "=" in m.group(0) or m and re.search(r"사진|제공|DB|캡처|캡쳐", m.group(0)) and m.start() > 0)


# A caption that opens with its credit in brackets: ``[사진=연합뉴스] 김 모 씨가 …``, ``(사진=가상기업 제공) …``,
# ``<사진> …``, ``【사진=뉴스1】 …``, ``[사진 출처=…] …``, ``(자료사진) …``: a picture word first in the bracket,
# perhaps its credit after ``=``/``:`` — never a dateline (``[서울=연합뉴스] 김철수 기자 = …`` names a place).
_PICTURE_WORD = (r"(?:사진|이미지|그래픽|인포그래픽|일러스트|그림|자료\s*사진|사진\s*자료|"
                 r"(?:사진|이미지|그래픽|자료)\s*(?:제공|출처)|photo|image)")
_LEAD_CREDIT = re.compile(rf"^\s*[\[(<【〈]\s*{_PICTURE_WORD}\s*\d*\s*(?:[=:：]\s*[^\[\]()<>【】〈〉]{{1,40}}?)?\s*"
                          r"[\])>】〉]\s*(?P<rest>\S.*)$", re.I)


def is_lead_credit_caption(line: str) -> bool:
    """``[사진=연합뉴스] 김 모 씨가 착공식에서 첫 삽을 뜨고 있다.``: a caption led by its credit bracket."""
    return len(line) <= 300 and bool(_LEAD_CREDIT.match(line))


# A caption signed with ⓒ/© and its credit: ``공장 부지 전경 ⓒ 가상일보``, ``… 있다. ⓒ뉴스1 김철수 기자``.
# A copyright notice has nothing before its sign but "Copyright"/"저작권자" (or a name alone) and
# says so (무단전재, All rights reserved): those stay copyright lines.
_SIGNED_CAPTION = re.compile(r"^(?P<head>.+?)\s*[ⓒ©]\s*(?P<who>[^\sⓒ©][^ⓒ©]{0,30})$")


_PHOTOGRAPHER = re.compile(r"기자|사진|촬영|제공|포토|photo", re.I)
_INNER_SENTENCE_END = re.compile(r"[다요][.!?]\s+\S")
_TRAILING_CREDIT = re.compile(r"^(?P<text>.{10,}?)\s*(?P<credit>[ⓒ©]\s*[^\sⓒ©][^ⓒ©]{0,60})$")


def split_trailing_credit(line: str) -> tuple[str, str] | None:
    """``… 밝혔다. ⓒ 가상일보`` → the paragraph and its copyright credit. A paragraph, not a caption:
    the text before the sign ends a sentence and runs to two sentences or 60 characters, and the
    credit names no photographer (``… 첫 삽을 뜨고 있다. ⓒ가상뉴스 김철수 기자`` is a photo's caption,
    as is the noun phrase ``공장 전경 ⓒ 가상일보``)."""
    m = _TRAILING_CREDIT.match(line.strip())
    if not m:
        return None
    text, credit = m.group("text"), m.group("credit")
    if not ends_sentence(text) or not is_copyright(credit) or _PHOTOGRAPHER.search(credit):
        return None
    if len(text) < 60 and not _INNER_SENTENCE_END.search(text):
        return None
    return text, credit


def is_signed_caption(line: str) -> bool:
    """A picture's caption ending in ``ⓒ credit``: words before the sign that are not a copyright's lead."""
    if len(line) > 150 or is_strong_copyright(line) or _COPYRIGHT_LEAD.match(line):
        return False
    m = _SIGNED_CAPTION.match(line.strip())
    if not m:
        return False
    head = m.group("head").strip(" -–—|·,")
    if re.search(r"copyright|저작권|\(c\)", head, re.I) or len(head.split()) < 2:
        return False  # "Copyright ⓒ …", "가상일보 ⓒ …": a notice, not a caption
    return not (publishers.lookup(head) or publishers.find_in_text(head) == head)


def is_end_mark(line: str) -> bool:
    """The mark that ends a report: ``(끝)``, ``///``."""
    c = compact(line)
    return (bool(c) and c in end_marks()) or bool(re.fullmatch(r"\s*/{2,}\s*", line))


def is_copyright(line: str) -> bool:
    """ⓒ, ©, Copyright, 무단전재, 재배포 금지 — also letter-spaced (``무 단 전 재``)."""
    if is_strong_copyright(line):
        return True
    return len(line) <= 120 and bool(_COPYRIGHT_SIGN.search(line) or _COPYRIGHT_LEAD.match(line))


def is_strong_copyright(line: str) -> bool:
    """A copyright notice that ends an article (not a photo credit like ``ⓒ게티이미지뱅크``)."""
    if len(line) > 220:
        return False
    signed = bool(_COPYRIGHT_SIGN.search(line) or _COPYRIGHT_LEAD.match(line))
    if _COPYRIGHT_STRONG.search(compact(line)):
        return signed or len(line) <= 120
    return signed and bool(re.search(r"copyright|all\s*rights\s*reserved|저작권", line, re.I))


def copyright_source(line: str) -> str | None:
    """The publisher a copyright line names (from the table, else the name after ⓒ/저작권자)."""
    found = publishers.find_in_text(line)
    if found:
        return found
    m = re.search(r"(?:저작권자\s*(?:\(c\)|ⓒ|©)?|ⓒ|©|\(c\)|copyright\s*(?:ⓒ|©|\(c\))?)\s*(?:by\s+)?"
                  r"(?P<name>[가-힣A-Za-z0-9][가-힣A-Za-z0-9 .&]{1,24}?)"
                  r"\s*(?:[,.·\-–—|&>)\]]|무\s*단|재\s*배\s*포|all\s+rights|www\.|$)", line, re.I)
    if m:
        name = squash(m.group("name")).strip(" .&")
        if (2 <= len(name) <= 20 and not re.fullmatch(r"\d+|[A-Za-z]{1,2}|\d{4}.*", name)
                and not publishers.is_platform(name) and not re.search(r"이미지|뱅크|게티|셔터|포토|사진|AP|AFP|로이터|EPA", name)):
            return name
    return None


_BUTTON_PREFIX = re.compile(r"^(?:글자크기|글씨크기|폰트크기|본문글자|텍스트크기|기사글자)\S{0,8}$")


def is_share_or_button(line: str) -> bool:
    c = compact(line)
    if not c:
        return False
    if re.fullmatch(r"[\d,.\s]{1,10}", line) and not find_dates(line, short_years=True):
        return True  # a count beside a button (not "24.10.07")
    if re.fullmatch(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?", line.strip()):
        return True  # a video player's clock
    if c in _buttons() or _SHARE.fullmatch(c) or _BUTTON_PREFIX.match(c):
        return True
    # A row of buttons, counts beside them ("타임톡 12", "공감 23 댓글 42"), or "연합뉴스 언론사 선정",
    # "한겨레 구독하기" (a button labelled with the publisher's name) — never a date line ("기사입력
    # 2024-05-17 15:21"). The words are tested one by one and the first that is no button ends it: a
    # long line is not cut into every word first (a 7.7 MB line of one paragraph took 8 s here).
    if _all_buttons(line):
        return not find_dates(line, short_years=True)
    parts = line.split(None, 1)
    return (len(parts) == 2 and len(line) <= 30 and bool(publishers.lookup(parts[0]))
            and compact(parts[1]) in _buttons() and not find_dates(line, short_years=True))


_TOKEN_CUT = re.compile(r"[^\s|/·ㆍ,>»]+")
_COUNT = re.compile(r"[\d,.]+")


def _all_buttons(line: str) -> bool:
    """Whether every word of ``line`` but the counts is a button or share word, and one is."""
    buttons = _buttons()
    any_word = False
    for m in _TOKEN_CUT.finditer(line):
        t = compact(m.group())
        if not t or _COUNT.fullmatch(t):
            continue
        if not (t in buttons or _SHARE.fullmatch(t)):
            return False
        any_word = True
    return any_word


def is_nav(line: str) -> bool:
    """A menu or breadcrumb line: ``경제 > 산업``, ``그래픽 / 영상``, ``NEWS + UPDATE``, ``홈``."""
    tokens = [compact(t) for t in re.split(r"[\s|/·ㆍ,>»+]+", line) if compact(t)]
    nav, buttons = _nav_words(), _buttons()
    if tokens and all(t in nav or t in buttons for t in tokens):
        return True
    if re.fullmatch(r"[A-Z0-9&+ \-/|·]{2,24}", line.strip()) and not re.search(r"\d{4}", line):
        return True  # "NEWS + UPDATE", "IT / SCIENCE"
    bars = [p.strip() for p in re.split(r"[|｜]", line)]
    if len(bars) >= 4 and all(0 < len(p) <= 8 and not re.search(r"[.!?…,]", p) for p in bars):
        return True  # "전자 | SW | 통신 | 금융 | 모빌리티": a menu whose words the lists do not know
    parts = re.split(r"\s+[>»›]\s+", line)
    if len(parts) >= 2 and all(len(p) <= 12 for p in parts):
        return True
    words = line.split()
    # "HOME 뉴스 클라우드" — a breadcrumb whose separators were pictures
    return (2 <= len(words) <= 6 and compact(words[0]) in {"home", "홈", "뉴스홈", "메인"}
            and all(len(w) <= 12 for w in words))


def is_block_marker(line: str) -> bool:
    """The heading of a box of other headlines ("많이 본 뉴스", "관련기사", …)."""
    c = compact(line)
    if not c or len(line) > 40:
        return False
    if any(c == m or (c.startswith(m) and len(c) <= len(m) + 5) for m in _box_headings()):
        return True
    if re.search(r"카테고리의다른(?:글|기사|포스트)$|의다른글$|다른글보기$|관련글$|인기글$", c):
        return True  # a blog's "'알림' 카테고리의 다른 글", "관련글"
    for m in _box_heading_suffixes():
        if c.endswith(m) and len(c) > len(m):
            prefix = c[:-len(m)]
            if prefix.endswith("의"):
                prefix = prefix[:-1]
            if publishers.lookup(prefix) or prefix in {"오늘의", "오늘", "이시각", "분야별", "섹션별", "지금", "언론사"}:
                return True
    return False


def is_related_link(line: str) -> bool:
    """``[관련기사] 삼성전자, …`` or ``▶ 관련기사: …`` on one line."""
    return bool(re.match(r"^[\[(<【▶▷►☞]*\s*(?:관련\s*기사|관련\s*뉴스|관련\s*링크|함께\s*보면\s*좋은\s*기사)\s*[\])>】◀:：]*", line)) \
        and len(line) <= 160


def _summary_headings() -> frozenset[str]:
    """The heading of a summary box above the article ("AI 요약"), compacted."""
    return wordlists.compacted_set("furniture", "summary_headings")


BULLET = re.compile(r"^\s*(?:[-–·•∙◦▪▸▶▷►✔✓☞※*]|[①-⑳]|\d{1,2}[.)]\s)")


def is_summary_marker(line: str) -> bool:
    """The heading of a summary box above the article (``AI 요약``, ``핵심 요약``)."""
    return len(line) <= 20 and compact(line) in _summary_headings()


_READER_SECTION = re.compile(
    r"(?:나의|내|개인적인|오늘의)?(?:느낀점|느낀것|생각|의견|소감|인사이트|insight|배운점|알게된점|적용할점|시사점및느낀점|"
    r"추가조사|추가로조사할내용|추가조사할내용|용어정리|경제용어|경제용어정리|모르는단어|모르는용어|관련용어|"
    r"요약및의견|요약과의견|나의의견|한줄평|한줄정리|코멘트|comment|mythoughts|takeaways?)(?:정리)?\d*", re.I)


def is_reader_section(line: str) -> bool:
    """A re-poster's own heading under the article (``느낀 점``, ``나의 생각``, ``용어 정리``)."""
    if len(line) > 30 or PERIOD_END.search(line):
        return False
    core = re.sub(r"^[^\w가-힣]+|^\d+\s*[.)]\s*|[^\w가-힣]+$", "", line.strip())  # "✔ 느낀 점", "[나의 생각]", "1. 느낀 점:"
    return bool(_READER_SECTION.fullmatch(compact(core)))


_PAYWALL = re.compile(
    r"^[\[(<]?\s*(?:(?:유료|프리미엄|구독자\s*전용|회원\s*전용|유료\s*회원\s*전용)\s*(?:기사|콘텐츠|콘텐트)입니다|"
    r"(?:이|본|해당)\s*(?:기사|콘텐츠|콘텐트)는\s*.{0,30}(?:구독자|회원|유료\s*회원)(?:만|에게만).{0,20}"
    r"(?:읽을|볼|열람할|이용할|확인할)\s*수\s*있습니다|"
    r"(?:전문|기사\s*전문|나머지\s*내용|이어지는\s*내용)은\s*.{0,30}(?:구독|유료|로그인|회원).{0,20}(?:확인|보실|읽으실|이용)"
    r"|(?:구독|로그인)하고\s*(?:전체\s*)?(?:기사|전문)\s*(?:읽기|보기))")


def is_paywall(line: str) -> bool:
    """``유료 기사입니다``, ``이 기사는 … 구독자만 읽을 수 있습니다``: the teaser ends there."""
    return len(line) <= 100 and bool(_PAYWALL.match(line.strip()))


def is_comment_marker(line: str) -> bool:
    c = compact(line)
    return bool(c) and len(line) <= 60 and any(c == m or c.startswith(m) for m in _comment_markers())


_LOGO_ALT = re.compile(r"^(?P<who>.{1,30}?)\s*(?:언론사\s*이미지|로고\s*이미지|로고|logo|CI|기자\s*사진|프로필\s*사진|이미지)$", re.I)


def is_logo_alt(line: str) -> bool:
    """``매일경제 언론사 이미지``, ``이데일리 로고``: a logo's alt text copied with the page."""
    m = _LOGO_ALT.match(line.strip()) if len(line) <= 40 else None
    if not m:
        return False
    who = m.group("who")
    return bool(publishers.lookup(who) or publishers.is_platform(who) or re.fullmatch(r"언론사|[가-힣]{2,4}\s*기자", who))


def is_image_line(line: str) -> bool:
    return bool(IMAGE_FILE.match(line) or _IMAGE_MARKER.match(line) or is_logo_alt(line)
                or (len(line) <= 60 and _BRACKET_CAPTION.match(line)))


_SLASH_CREDIT = re.compile(r"(?:[.다)]\s*|\s+)/\s*[가-힣A-Za-z0-9][가-힣A-Za-z0-9 .]{1,20}(?:\s*(?:제공|DB|자료사진))?\s*$")


def is_photo_credit(line: str) -> bool:
    """``/ 사진=카카오``, ``(사진=연합뉴스)``, ``[사진 제공=KT]``, ``…발표하고 있다. /연합뉴스`` — a
    credit, or a short caption ending in one."""
    if len(line) > 150:
        return False
    if PHOTO_CREDIT.search(line):
        return True
    m = _SLASH_CREDIT.search(line)
    if not m:
        return False
    head = line[:m.start()]
    # "김철수 기자 / 2024.10.07" is a byline with its date, not a caption's credit
    return not (find_dates(m.group(0), short_years=True) or (len(head) <= 30 and REPORTER.search(head)))


_WIRE_PHOTO_END = re.compile(
    r"(?:\[[^\[\]]{0,40}(?:자료사진|사진|제공|DB\s*금지|재판매|photo)[^\[\]]{0,40}\]"
    r"|(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*/\s*[^\s/]{2,14}"
    r"|(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.\s*[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)\s*$", re.I)


def is_wire_photo_caption(line: str) -> bool:
    """A wire photo's caption: ``(서울=연합뉴스) 김철수 기자 = 7일 … 모습. 2024.10.7 [연합뉴스 자료사진]``,
    ``7일 … 있다. 2024.10.7/뉴스1``, ``[서울=뉴시스] 김철수 기자 = 7일 … 있다. 2024.10.07. kim@newsis.com`` — its
    reporter is the photographer, its text not the article's."""
    if len(line) > 300:
        return False
    m = _WIRE_PHOTO_END.search(line)
    if not m:
        return False
    before = line[:m.start()].rstrip()
    return bool(re.search(r"(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?$", before) or m.group(0).lstrip().startswith(("19", "20"))
                or parse_dateline(line))


_CREW_ROLE = r"(?:촬영\s*기자|영상\s*취재|영상\s*편집|영상\s*촬영|촬영|편집|그래픽|영상\s*디자인|CG|자료\s*조사|화면\s*제공|취재\s*지원|구성|연출)"
_CREW_NAMES = rf"{NAME}(?:\s?(?:기자|PD))?(?:\s*[,·]\s*{NAME}(?:\s?(?:기자|PD))?)*"
_CREW_CREDIT = re.compile(rf"^[(\[<]?\s*{_CREW_ROLE}\s*[:：]?\s*{_CREW_NAMES}"
                          rf"(?:\s*[/,|]\s*{_CREW_ROLE}\s*[:：]?\s*{_CREW_NAMES})*\s*[)\]>]?$")


def is_crew_credit(line: str) -> bool:
    """A broadcast report's crew: ``촬영기자:박영희/영상편집:이민수``, ``(영상취재 : 박영희, 영상편집 : 이민수)``."""
    return len(line) <= 120 and bool(_CREW_CREDIT.match(line.strip()))


# A broadcast transcript's speaker cues: ``[앵커]``, ``<기자>``, ``[리포트]``, ``◀ 앵커 ▶``.
_CUE_WORDS = r"(?:앵커|앵커\s*멘트|앵커\s*리포트|기자|리포트|기자\s*리포트|기자\s*멘트|클로징|오프닝|스탠드\s*업)"
CUE = re.compile(rf"^\s*(?:[\[<【〈]\s*{_CUE_WORDS}\s*[\]>】〉]|◀\s*{_CUE_WORDS}\s*▶)\s*")


# "[인터뷰] 누리모터스 관계자", "<녹취> 시민": a soundbite's cue and who speaks
_SOUNDBITE = re.compile(r"^\s*[\[<【〈]\s*(?:인터뷰|녹취|싱크|현장음|SYNC|INT)\s*[\]>】〉]\s*[^.!?\"“”'‘’]{0,24}$", re.I)


def is_cue(line: str) -> bool:
    """A line that is only a transcript's speaker cue (perhaps a soundbite's speaker after it)."""
    m = CUE.match(line)
    return bool(m and m.end() == len(line)) or bool(_SOUNDBITE.match(line))


def is_caption_like(line: str) -> bool:
    """A short noun phrase that names a picture: ``카카오 제주 본사 ‘스페이스닷’ 전경``."""
    return (len(line) <= 60 and not PERIOD_END.search(line) and bool(_CAPTION_END.search(line))
            and not re.match(r"^[◇◆■□▶▷●○★☆【\[<〈《#\-–—·•]", line))


def is_source_caption(line: str) -> bool:
    """``자료 : 통계청`` under a chart."""
    return len(line) <= 120 and bool(_SOURCE_CAPTION.match(line)) and not PERIOD_END.search(line)


def is_contact(line: str) -> bool:
    """``보도자료 문의: 서울대학교 AI 연구원 (02-880-4259, …)``."""
    return len(line) <= 200 and bool(_CONTACT.match(line)) and bool(EMAIL.search(line) or re.search(r"\d{2,4}-\d{3,4}-\d{4}", line))


_TIP_LINE = re.compile(r"제보")
_TIP_CHANNEL = re.compile(r"카카오톡|카톡|\d{2,4}-\d{3,4}-\d{4}|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+\.|홈페이지|채널\s*추가")


def is_promo(line: str) -> bool:
    if len(line) <= 200 and _TIP_LINE.search(line) and len(_TIP_CHANNEL.findall(line)) >= 1 \
            and not re.search(r"[다요][.!]?[\"'”’]*$", line):
        return True  # "※ '당신의 제보가 뉴스가 됩니다' [카카오톡] … [전화] 02-…": the broadcaster's tip line
    return len(line) <= 120 and bool(_PROMO.match(line) or _PORTAL_NOTICE.match(line))



_SOURCE_FOOTER = re.compile(
    r"^(?:출처|기사\s*출처|원문\s*출처|Source)\s*[:：]\s*(?P<name>(?:(?!https?:)[^(（\n]){2,30}?)\s*"
    r"(?:[(（]\s*(?P<url>https?://[^)）\s]+)\s*[)）]|(?P<url2>https?://\S+))\s*$",
    re.I)


def source_footer(line: str) -> tuple[str, str | None] | None:
    """``출처 : 아이티데일리(http://www.itdaily.kr/news/articleView.html?idxno=1)`` — what news sites
    append to copied text: (publisher, the article's link or None for a bare home page)."""
    m = _SOURCE_FOOTER.match(line.strip())
    if not m:
        return None
    name = squash(m.group("name")).rstrip(" -–—|,")
    url = m.group("url") or m.group("url2")
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    article_url = url if (parts.path.strip("/") or parts.query) else None
    return publishers.lookup(name) or name, article_url


def is_url_line(line: str) -> str | None:
    """A line that is only a link (perhaps labelled: ``기사링크: https://…``, ``<https://…>``)."""
    m = re.fullmatch(r"(?:(?:기사\s*)?(?:링크|주소|원문|출처|URL|url|Link|Source|source)\s*[:：]?\s*)?<?(https?://\S+?)>?", line.strip())
    return m.group(1) if m else None


PAGE_TITLE_GNU = re.compile(r"^(?P<title>.+?)\s+>\s+(?P<section>[^>|]{1,30}?)\s+\|\s+(?P<site>[^|>]{2,40})$")
PAGE_TITLE_ND = re.compile(r"^(?P<title>.+?)\s+<\s+.+?<\s*기사본문\s*[-–—|]\s*(?P<site>.{2,40})$")
PAGE_TITLE_BAR = re.compile(r"^(?P<title>.{8,}?)\s+[|｜]\s+(?P<site>[^|｜]{2,40})$")
PAGE_TITLE_DASH = re.compile(r"^(?P<title>.{8,}?)\s+[-–—:|｜]\s+(?P<site>[^\-–—:|｜]{2,30})$")


@dataclass(frozen=True)
class PageTitle:
    title: str
    site: str | None
    known: bool  # the site is a publisher from the table


PAGE_TITLE_PREFIX = re.compile(r"^(?P<site>[^|｜:\-–—\[\]]{2,30}?)\s*(?:\s[|｜\-–—:]|::)\s+(?P<title>.{8,})$")


def split_page_title(line: str, *, first_line: bool = False) -> PageTitle | None:
    """A browser tab title: ``제목 > 게시판 | 사이트``, ``제목 < 섹션 < 기사본문 - 매체``,
    ``제목 | 매체``, ``제목 - 한국경제`` (a dash only with a known publisher or portal), and the
    site in front: ``한국경제TV | 제목`` (a known publisher or portal only)."""
    line = line.strip()
    m = PAGE_TITLE_PREFIX.match(line)
    if m and (publishers.lookup(m.group("site")) or publishers.is_platform(m.group("site"))) \
            and not (publishers.lookup(m.group("title")) or publishers.is_platform(m.group("title"))):
        return _page_title(m.group("title"), m.group("site"))
    for rx in (PAGE_TITLE_GNU, PAGE_TITLE_ND):
        m = rx.match(line)
        if m:
            return _page_title(m.group("title"), m.group("site"))
    m = PAGE_TITLE_DASH.match(line)
    if m:
        site = m.group("site").strip()
        if publishers.lookup(site) or publishers.is_platform(site):
            return _page_title(m.group("title"), site)
    if first_line:
        m = PAGE_TITLE_BAR.match(line)
        if m:
            return _page_title(m.group("title"), m.group("site"))
    return None


def _page_title(title: str, site: str) -> PageTitle:
    site = squash(site)
    known = publishers.lookup(site)
    if publishers.is_platform(site):
        return PageTitle(squash(title), None, False)
    return PageTitle(squash(title), known or site, bool(known))


def strip_site_suffix(title: str, site: str | None = None) -> str:
    """``제목 - 한국경제`` / ``제목 | 매일경제`` / ``제목 : 네이버 뉴스`` → ``제목``."""
    t = squash(title)
    pt = split_page_title(t)
    if pt:
        return pt.title
    if site:
        m = re.match(rf"^(?P<title>.+?)\s*[-–—:|｜<]\s*{re.escape(site)}\s*$", t)
        if m and len(m.group("title")) >= 4:
            return m.group("title").strip()
    return t
