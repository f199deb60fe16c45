"""Which earlier recommendations ask for the same thing: TF-IDF over stemmed words (a few phrases and a few
stems of one thing taken as one word), cosine similarity.

Chosen by measurement on hand-labelled pairs (tests/corpus/asked_before.json, scored by
tests/asked_before_scoring.py; the README gives the figures). The stemmer is the Snowball English one
(`snowballstemmer`, pure Python), imported on first use only: the app never pays for it at start-up.

The raw cosine is mapped onto a score in 0-1 on which `SAME_ASK` (0.5) is the line the measurement chose:
at or above it the app takes two recommendations for the same ask.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from functools import cache, cached_property, lru_cache
from itertools import chain
from operator import itemgetter, mul

SAME_ASK = 0.5
# the raw cosine that the labelled pairs put at the line between "same ask" and "different ask"
THRESHOLD = 0.3
THEME_WEIGHT = 0.15  # the same theme, as the secretariat recorded it, adds this much to the raw cosine

# words of every recommendation: how it asks, not what it asks for
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "either",
        "ensure",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "may",
        "more",
        "most",
        "must",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "set",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "via",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "within",
        "would",
        "yes",
        "you",
        "your",
        "give",
        "make",
        "making",
        "made",
        "provide",
        "say",
        "commit",
        "committee",
        "commissioner",
        "consider",
        "include",
        "including",
        "whether",
        "plan",
        "panel",
        "recommend",
        "recommends",
        "recommendation",
        "recommendations",
        "clear",
        "clearer",
        "specific",
        "detail",
        "detailed",
    ]
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# the same ask in other words, for "asked before" only (a sub-point is reached by its own words): phrases
# written as one word, then stems that name one thing, as the first stem of each group
PHRASES = (
    (r"half[- ]?year(?:ly)?\b|six[- ]month(?:ly|s)?\b|twice a year\b|bi-?annual(?:ly)?\b", " halfyear "),
    (r"cyber(?=[a-z])", "cyber "),  # cybercrime, cybersecurity
    (r"violence against women and girls\b", " vawg "),
)
# all of them in one pass: one group per phrase, which says what it becomes
_PHRASE = re.compile(r"\b(?:" + "|".join(f"({pattern})" for pattern, _ in PHRASES) + ")")
_SAME_THING = (
    ("measur", "perform", "target", "indic", "dashboard", "metric"),  # how performance is judged
    ("extrem", "terror", "terrorist", "radicalis", "radic"),  # counter-terrorism and Prevent
)
CONCEPTS = {stem: group[0] for group in _SAME_THING for stem in group}


@cache
def _stemmer():
    import snowballstemmer  # deferred: a search pays for it, start-up never does

    return snowballstemmer.stemmer("english")


def terms(text: str) -> list[str]:
    """The text's content words, stemmed: "Publishing the ethnicity breakdowns" -> ["publish", "ethnic", "breakdown"]."""
    return list(_terms(text))


@lru_cache(maxsize=1 << 15)
def _terms(text: str) -> tuple[str, ...]:
    """`terms`, kept: the same texts are indexed again for every recommendation looked at."""
    words = [w.replace("'s", "").replace("'", "") for w in _WORD.findall(text.lower())]
    kept = [w for w in words if w not in STOPWORDS and len(w) > 1]
    return tuple(stem for stem in map(_stem, kept) if stem not in _stopword_stems())


@lru_cache(maxsize=1 << 15)
def ask_terms(text: str) -> tuple[str, ...]:
    """The terms "asked before" compares: `terms`, with a phrase taken as one word and the stems that name
    one thing taken as one ("performance dashboard" and "measured" meet at "measur")."""
    lowered = _PHRASE.sub(lambda match: PHRASES[match.lastindex - 1][1], text.lower())
    return tuple(CONCEPTS.get(stem, stem) for stem in _terms(lowered))


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """One word's stem, kept: the Snowball stemmer is pure Python, and a panel's texts share most words."""
    return _stemmer().stemWord(word)


@cache
def _stopword_stems() -> frozenset[str]:
    """The stop words' stems too: "commitments" is a way of asking as much as "commit" is."""
    return frozenset(_stemmer().stemWords(sorted(STOPWORDS)))


_RISE, _SPAN = 1 - SAME_ASK, 1 - THRESHOLD  # the slope of `scaled` above the line: _RISE over _SPAN
_by_score = itemgetter(1)


def scaled(raw: float) -> float:
    """The raw cosine on the 0-1 scale where SAME_ASK is the measured line (monotonic, piecewise linear)."""
    if raw <= 0:
        return 0.0
    if raw < THRESHOLD:
        return round(SAME_ASK * raw / THRESHOLD, 3)
    return round(min(1.0, SAME_ASK + _RISE * (raw - THRESHOLD) / _SPAN), 3)


@lru_cache(maxsize=1 << 15)
def _bag(text: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The text's `ask_terms`, each once, and the weight of each by how often it occurs (1 + log of the
    count)."""
    counts: dict[str, int] = {}
    for term in ask_terms(text):
        counts[term] = counts.get(term, 0) + 1
    return tuple(counts), tuple([1 + math.log(count) for count in counts.values()])


def _floor(min_score: float) -> float:
    """A raw cosine (with any theme bonus) at or below which no score reaches `min_score`: the scores rise
    with the cosine, so a text that low need not be scored at all."""
    if min_score <= 0:
        return 0.0
    if min_score < SAME_ASK:
        raw = min_score * THRESHOLD / SAME_ASK
    else:
        raw = THRESHOLD + (min_score - SAME_ASK) * _SPAN / _RISE
    raw -= 0.002  # below the rounding to three places; stepped down further if that is not enough
    while raw > 0 and scaled(raw) >= min_score:
        raw -= 0.002
    return max(raw, 0.0)


class Index:
    """TF-IDF vectors of a set of texts (one panel's recommendations), compared by cosine."""

    def __init__(self, texts: Sequence[str], themes: Sequence[str] | None = None) -> None:
        bags = [_bag(t) for t in texts]
        df = Counter(chain.from_iterable([terms for terms, _ in bags]))
        n = len(bags)
        idf = {term: math.log((1 + n) / (1 + count)) + 1 for term, count in df.items()}
        self.vectors: list[dict[str, float]] = []
        for terms, counted in bags:
            weights = list(map(mul, counted, map(idf.__getitem__, terms)))
            norm = math.sqrt(sum(map(mul, weights, weights))) or 1.0
            self.vectors.append(dict(zip(terms, [w / norm for w in weights], strict=True)))
        self.themes = [(t or "").strip().lower() for t in (themes or [""] * n)]

    @cached_property
    def postings(self) -> dict[str, list[tuple[int, float]]]:
        """Which texts hold each term, and its weight there, so a comparison touches only texts that share
        a word."""
        postings: dict[str, list[tuple[int, float]]] = {}
        for i, vector in enumerate(self.vectors):
            for term, weight in vector.items():
                postings.setdefault(term, []).append((i, weight))
        return postings

    def raw(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        cosine = sum(v * b.get(term, 0.0) for term, v in a.items())
        same_theme = self.themes[i] and self.themes[i] == self.themes[j]
        return cosine + (THEME_WEIGHT if same_theme and cosine > 0 else 0.0)

    def nearest(self, i: int, among: Iterable[int] | None = None) -> list[tuple[int, float]]:
        """(text index, score) of the texts sharing a word with text i, most similar first; `among` limits
        the candidates (earlier cycles of the same panel)."""
        allowed = None if among is None else set(among)
        dots: dict[int, float] = {}
        for term, weight in self.vectors[i].items():
            for j, other in self.postings.get(term, ()):
                if j != i and (allowed is None or j in allowed):
                    dots[j] = dots.get(j, 0.0) + weight * other
        scored = []
        for j, cosine in dots.items():
            same_theme = self.themes[i] and self.themes[i] == self.themes[j]
            scored.append((j, scaled(cosine + (THEME_WEIGHT if same_theme else 0.0))))
        scored.sort(key=lambda pair: -pair[1])
        return scored

    def score(self, i: int, j: int) -> float:
        """Text j's score for text i as `nearest` gives it; 0.0 where they share no word."""
        other = self.vectors[j]
        cosine, shared = 0.0, False
        for term, weight in self.vectors[i].items():
            if term in other:
                cosine, shared = cosine + weight * other[term], True
        if not shared:
            return 0.0
        same_theme = self.themes[i] and self.themes[i] == self.themes[j]
        return scaled(cosine + (THEME_WEIGHT if same_theme else 0.0))

    def earlier_alike(
        self,
        groups: Sequence[Sequence[int]],
        min_score: float,
        wanted: Container[int] | None = None,
        names: Sequence[int] | None = None,
    ) -> dict[int, list[tuple[int, float]]]:
        """For each text of `groups` but the first (of those `wanted`), (text index, score) of the texts of
        the groups before its own that score `min_score` or more, as `nearest` scores them: most similar
        first, alike in the index's order. `groups` are the texts in the order they were made (a panel's
        cycles, earliest first); each text is compared only with the earlier ones sharing a word with it.
        `names`, if given, name each text in the answer instead of its index."""
        vectors, themes = self.vectors, self.themes
        names = range(len(vectors)) if names is None else names
        order = [i for group in groups for i in group]
        # made in the index's order (as cycles named by their year are), a text's matches come in that order
        rank = None if order == sorted(order) else {names[i]: i for i in order}
        floor = _floor(min_score)
        # a cosine this low stays at or below the floor with the theme's bonus too
        low = max(floor - THEME_WEIGHT - 1e-9, 0.0)
        postings: dict[str, list[tuple[int, float]]] = {}  # of the earlier groups' texts only
        made: list[int] = []  # the name of each of those, by its place in the order made
        made_themes: list[str] = []
        out: dict[int, list[tuple[int, float]]] = {}
        for group in groups:
            for i in group if made else ():
                if wanted is not None and i not in wanted:
                    continue
                # each dot product summed in text i's order of terms, as `nearest` sums it
                dots = [0.0] * len(made)
                for term, weight in vectors[i].items():
                    for p, other in postings.get(term, ()):
                        dots[p] += weight * other
                theme = themes[i] or None  # no theme: no bonus
                found = []
                for p, raw in enumerate(dots):
                    if raw > low:
                        if made_themes[p] == theme:
                            raw += THEME_WEIGHT
                        if raw > floor:
                            # scaled(raw), inline: this runs for every pair near the line
                            if raw < THRESHOLD:
                                score = round(SAME_ASK * raw / THRESHOLD, 3)
                            else:
                                score = round(min(1.0, SAME_ASK + _RISE * (raw - THRESHOLD) / _SPAN), 3)
                            if score >= min_score:
                                found.append((made[p], score))
                if rank is not None:
                    found.sort(key=lambda pair: rank[pair[0]])
                found.sort(key=_by_score, reverse=True)  # stable: alike, they stay in the index's order
                out[names[i]] = found
            for i in group:
                for term, weight in vectors[i].items():
                    postings.setdefault(term, []).append((len(made), weight))
                made.append(names[i])
                made_themes.append(themes[i])
        return out


# what the audit says of each sub-point of a recommendation
ANSWERED, NOT_ANSWERED, NOT_RECORDED = "answered", "not answered", "not recorded"
SUBPOINT_STATUSES = (ANSWERED, NOT_ANSWERED, NOT_RECORDED)


def reaches(subpoint: str, reply_text: str) -> bool:
    """Whether the reply's words reach the sub-point: it restates or answers enough of the sub-point's own
    content words (two of them, or two in five of a longer one; the one word of a one-word point)."""
    wanted = set(terms(subpoint))
    if not wanted:
        return True  # nothing to look for ("and", "other"): not flagged
    said = set(terms(reply_text))
    found = len(wanted & said)
    return found >= min(2, len(wanted)) or found / len(wanted) >= 0.4
