"""Learning from the collection (issue 18): the 용어 노트 written in the notes' 추가조사 sections
(``terms``), review cards made from the reader's own sections (``cards``), their spaced-repetition
schedule (``schedule``, FSRS) and the scrap habit (``habit``: calendar, streaks, counts).

Pure functions over note texts and index rows; no printing, no typer, no rich. ``terms`` and
``cards`` are read when a note is indexed (``index/record.py``), so they must stay cheap: regular
expressions over one section, no Korean model. Standard library only at module level.
"""
