"""Dates: the header of a timeline entry and the dates stated in its text, as ranges.

Every date becomes a range ``(start, end)`` with the precision the text gives it, never finer:
"March 2023" is 2023-03-01..2023-03-31 at precision ``month``, not dateparser's invented 15th.

How the work is split, and why:

- Our regular expressions find the candidates ("February 7, 2025", "On March 24", "in 2017",
  "between August 17 and August 21", "That same day"). Only month names and four-digit years
  start a candidate, so outlet names and counts ("France 24", "News 24", "24 hours", "killing 24")
  never become dates.
- dateparser reads each isolated candidate string, never a whole entry (``search_dates`` reads
  "France 24" as a day). Its ``period`` is kept as the precision and its invented parts are
  dropped. Its ``RELATIVE_BASE`` is the entry's header date for strings without a year and a fixed
  date otherwise, never today, so a re-run gives the same result.
- A mention without a year ("On March 24") takes the year that puts it nearest the header date
  (in prose without a header, the year of the nearest full date before it), and relative
  mentions ("the following day") count from the nearest day stated before them.
"""

from __future__ import annotations

from pipeline.fields.dates.entry import entry_date, infer_bounds
from pipeline.fields.dates.mentions import find_date_mentions, parse_date_text
from pipeline.fields.dates.resolve import to_edtf

__all__ = ["entry_date", "find_date_mentions", "infer_bounds", "parse_date_text", "to_edtf"]
