"""The publisher table (scrapnote/data/publishers.yaml) and its look-ups."""
from __future__ import annotations

from scrapnote.extract import publishers


def test_publisher_table():
    names = {p.name for p in publishers.load_publishers()}
    for must in ("연합뉴스", "한국경제", "매일경제", "이데일리", "머니투데이", "서울경제", "아시아경제", "헤럴드경제",
                 "파이낸셜뉴스", "조선일보", "조선비즈", "중앙일보", "동아일보", "한겨레", "경향신문", "아이티데일리",
                 "전자신문", "ZDNet Korea", "디지털타임스", "블로터", "뉴시스", "뉴스1", "KBS", "MBC", "SBS", "YTN",
                 "JTBC", "한국일보", "국민일보", "세계일보", "문화일보", "서울신문", "비즈니스워치", "더벨", "인베스트조선",
                 "이투데이", "아주경제", "뉴데일리", "데일리안", "노컷뉴스", "오마이뉴스", "한국경제TV", "머니S",
                 "매경이코노미", "이코노미스트", "디지털데일리", "테크M"):
        assert must in names, must
    assert publishers.lookup("한경") == "한국경제"
    assert publishers.by_domain("https://news.mt.co.kr/mtview.php?no=1") == "머니투데이"
    assert publishers.by_domain("kimss56@itdaily.kr") == "아이티데일리"
    assert publishers.by_domain("https://biz.chosun.com/x") == "조선비즈"
    assert publishers.by_domain("https://n.news.naver.com/mnews/article/015/0004865432") == "한국경제"
    assert publishers.by_domain("https://example.com/") is None
    assert publishers.find_in_text("ⓒ 아이티데일리 무단전재") == "아이티데일리"  # not 이데일리
    assert publishers.find_in_text("무단전재 및 재배포 금지 - 한국경제TV") == "한국경제TV"
