"""Quoted names: a name set in quotation marks after a place marker or in a list ("قرى "بيت فارس"، و"بين حلبية"")
is bounded by its quotes whatever its words, and a list of such names goes on across their quotes and commas."""

from __future__ import annotations

from extract.text import NormText

QUOTES = "\"«»“”'"  # quotation marks around a name


def quoted_name(nt: NormText, i: int) -> int | None:
    """The end of a name of one to three words opened by a quotation mark right before token i and closed after
    it ("قرى "بيت فارس""), else None."""
    tokens, norm = nt.tokens, nt.norm
    before = norm[tokens[i - 1].end:tokens[i].start] if i > 0 else ""
    if not any(q in before for q in QUOTES):
        return None
    for end in range(i + 1, min(i + 4, len(tokens) + 1)):
        after = norm[tokens[end - 1].end:tokens[end].start if end < len(tokens) else len(norm)]
        if any(q in after for q in QUOTES):
            return end
        if after.strip(" "):
            return None
    return None


def list_goes_on(nt: NormText, i: int) -> bool:
    """Whether the gap before token i keeps a list of quoted names open: only quotes, commas and spaces, a quote
    in it or right after the word."""
    tokens, norm = nt.tokens, nt.norm
    gap = norm[tokens[i - 1].end:tokens[i].start]
    return not gap.strip(" ،" + QUOTES) and any(q in gap or q in norm[tokens[i].end:tokens[i].end + 1] for q in QUOTES)
