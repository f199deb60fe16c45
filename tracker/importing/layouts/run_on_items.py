"""A letter flattened into one run of text, each recommendation named by number and a dash, a short
paraphrase, and the reply straight after it:

    … some comments below. Recommendation 1 – to publish a code of conduct by March. We adopted a code in
    2019 and keep it under review. Recommendation 2 - training for deputies We agree … Recommendation 3 –
    a register of interests Please see the response for recommendation 1.

Two markers at least, numbered 1, 2, 3 … in order and each in the middle of a line (at the start of a line
the reader's usual headings take them). The reader breaks the line before each marker and again where the
paraphrase ends: at its first full stop, or where the reply opens without one ("… for deputies We agree …",
"… of interests Please see …"). The paraphrase is the recommendation; the line after it is the reply.
Offsets do not move: only the space before each cut becomes a line break.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MARKER = re.compile(r"(?<=[^\s])[ \t]+(?=Recommendation[ \t]+(\d{1,3})[ \t]*[–—-][ \t]+\S)")
_PARAPHRASE_END = re.compile(
    r"[.!?](?=[ \t]+[A-Z“\"‘])|(?<=[a-z])(?=[ \t]+(?:Please|We|I|Our|Thank|As|Whilst|While)[ \t])"
)
_LONGEST = 300  # a paraphrase is short: past this, no cut (the reply is read with it)


@lru_cache(maxsize=4)
def run_on_cuts(text: str) -> tuple[tuple[int, ...], frozenset[int]]:
    """(where to put a line break: the space before each marker and after each paraphrase, where the replies
    start). Nothing where the text holds no run of markers numbered from 1."""
    if "Recommendation" not in text:
        return (), frozenset()
    markers = list(_MARKER.finditer(text))
    numbers = [int(m.group(1)) for m in markers]
    if len(markers) < 2 or numbers != list(range(1, len(markers) + 1)):
        return (), frozenset()
    cuts: list[int] = []
    replies: set[int] = set()
    for position, m in enumerate(markers):
        cuts.append(m.start())
        stop = markers[position + 1].start() if position + 1 < len(markers) else len(text)
        stop = min(stop, m.end() + _LONGEST)
        if (newline := text.find("\n", m.end(), stop)) != -1:
            stop = newline
        end = _PARAPHRASE_END.search(text, m.end(), stop)
        if end is not None:
            space = end.end() if text[end.end() : end.end() + 1] in (" ", "\t") else end.start()
            if text[space : space + 1] in (" ", "\t"):
                cuts.append(space)
                replies.add(space + 1)
    return tuple(cuts), frozenset(replies)
