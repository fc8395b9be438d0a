"""The application layer: one function per command, called by cli.py, no printing, no typer, no rich.

new.py (``new``), edit.py (``edit``, ``new --interactive``), notes.py (one note by id: ``show``),
listing.py (``list``, ``check``, ``questions``, ``related``), export.py, importing.py and trash.py
(``delete``, ``restore``). What they return, render.py shows.
"""
