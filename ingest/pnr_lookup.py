"""Looking up documents by one identity number without the index ever holding digits."""

from __future__ import annotations

from diarium.corpus.errors import UsageError
from diarium.extractors.entities.pnr import canonical_pnr, pnr_digest
from diarium.ingest.home import Home


def pnr_search_keys(home: Home, number: str) -> list[str]:
    """The keyed hash ``diarium search --pnr`` looks for: the number in any written form
    (``19121212-1212``, ``121212-1212``, ``1212121212``, ``121212+1212``), a ten-digit
    form read as of today. A typing error in the check digit is searched as typed."""
    value = canonical_pnr(number)
    if value is None:
        raise UsageError(
            f"--pnr {number!r} is not a personnummer or samordningsnummer "
            "(YYYYMMDD-XXXX, YYMMDD-XXXX or YYMMDD+XXXX)"
        )
    return [pnr_digest(value, home.pnr_key())]
