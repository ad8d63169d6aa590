"""News outlets the gazetteer does not know: an Organization with media evidence is an Outlet.

The gold guidelines (``bench/gold``) type every news medium as ``Outlet`` -- agencies,
papers, broadcasters, news sites -- while the gazetteer lists only the big wires. The model
tags the others ORG ('the Times of Israel reported', 'the business daily Kommersant'), so
they were Organizations. Evidence, read from the words of the text (never a list of names):

- the name ends in a word that names a medium ('… News', '… Times', '… Post', '… TV',
  '… Radio', '… Press', '… news agency'), unless a state-institution head is in it;
- a media noun stands in apposition or as its modifier: 'the newspaper Kommersant',
  'the tabloid the Global Times', 'MediaZona, an independent news outlet', 'the Telegram
  channel WarGonzo', 'Interfax news agency'; a plural one before a list names each item
  ('UK newspapers the Evening Standard and the Independent'); '<medium> of <place>' is a
  medium's name ('the Times of Israel');
- someone told it something ('a spokesperson told Al Arabiya'), unless it is an assembly or
  an institution ('told Congress', 'told the Security Council');
- a journalist's title is 'of/for/at' it ('the editor of Novaya Gazeta', also when the model
  tagged the name PERSON and no given name opens it).

Gazetteer entries keep their type; qualified state institutions (``org:inst:``) never change.

**Speaking facilities**: a name typed Facility by its last noun ('… Centre', '… School',
'… Academy') that is the subject of a speaking verb ('the National Cyber Security Centre
said') is the institution, an Organization: buildings do not make statements; so is one
where someone holds a post ('a fellow at the Stimson Center', 'the director of the … Centre').
"""

from __future__ import annotations

from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.entity_rules import Ment, Rules
from ingest.extract.gazetteer import slug
from ingest.extract.names import is_given_name
from ingest.extract.spans import ORG_HEADS

# last words of a medium's own name ('Evening Standard' is left: 'standard' names no medium)
_NAME_TAILS = frozenset({
    "news", "times", "post", "journal", "gazette", "herald", "tribune", "telegraph", "tv",
    "television", "radio", "press", "broadcasting", "daily", "newspaper", "magazine",
})
# nouns that call the name a medium when they stand next to it
_MEDIA_NOUNS = frozenset({
    "newspaper", "tabloid", "daily", "weekly", "outlet", "broadcaster", "website", "magazine",
    "channel", "newswire",
})
# after a name these call it a platform, not a medium ('a Telegram channel', 'its website')
_PLATFORM_NOUNS = frozenset({"channel", "website"})
_NEWS_WORDS = frozenset({"news", "press"})  # 'news agency', 'press agency', 'news site'
_NEWS_HEADS = frozenset({"agency", "site", "service", "portal"})
# journalists' titles: 'the editor of X', 'a reporter for X'
_MEDIA_STAFF = frozenset({"editor", "editor-in-chief", "correspondent", "reporter",
                          "columnist", "journalist", "anchor", "presenter"})
# bodies one reports to ('told Congress', 'told the Senate'), no media
_ASSEMBLIES = frozenset({"congress", "senate", "house", "cabinet", "board", "conference",
                         "summit", "forum", "nations", "union"})


def _media_noun(doc: Doc, i: int, after: bool = False) -> bool:
    """Token ``i`` names a medium: a media noun, or 'news/press' + agency/site/service."""
    if not 0 <= i < len(doc):
        return False
    t = doc[i]
    low = t.lower_ if after else t.lemma_.lower()  # 'UK newspapers the Standard and …'
    if low in _MEDIA_NOUNS and t.pos_ == "NOUN" and not (after and low in _PLATFORM_NOUNS):
        return True
    return low in _NEWS_HEADS and i > 0 and doc[i - 1].lower_ in _NEWS_WORDS


def _named_as_medium(m: Ment) -> bool:
    words = (m.name or m.text).replace("’", "'").split()
    low = [w.lower().strip(".,'") for w in words]
    if len(low) < 2 or any(w in ORG_HEADS for w in low[:-1]):
        return False
    if low[-1] in _NAME_TAILS:
        return True
    if len(low) >= 3 and low[0] in _NAME_TAILS - {"daily", "newspaper"} and low[1] == "of":
        return True  # '<medium> of <place>': 'the Times of Israel', 'the News of the World'
    return low[-1] in _NEWS_HEADS and low[-2] in _NEWS_WORDS


def _medium_beside(doc: Doc, m: Ment) -> bool:
    """'the newspaper X', 'the pro-Kremlin website X', 'X news agency', 'X, a news outlet'."""
    i = m.start_tok - 1
    if i >= 0 and doc[i].lower_ == "the" and m.text.lower().startswith("the"):
        i -= 1  # 'the tabloid the Global Times'
    root = doc[m.start_tok:m.end_tok].root
    while root.dep_ == "conj" and root.head.i < root.i and root.head.pos_ == "PROPN":
        root = root.head
    listed = root.i != doc[m.start_tok:m.end_tok].root.i
    k = min(root.left_edge.i, m.start_tok) - 1
    while k >= 0 and doc[k].text in (",", "the", "The"):
        k -= 1
    if _media_noun(doc, k) and (listed or doc[k].lower_ != doc[k].lemma_.lower()):
        # 'UK newspapers(,) the Evening Standard and the Independent': a plural media noun
        # before a name, or before the first name of a list, calls each of them a medium
        return True
    if _media_noun(doc, i):
        return True
    j = m.end_tok
    if j < len(doc) and _media_noun(doc, j + (doc[j].lower_ in _NEWS_WORDS), after=True):
        return True  # 'Interfax news agency', 'Tass newswire'
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in ("a", "an", "the"):
        for k in range(j + 2, min(j + 6, len(doc))):
            if _media_noun(doc, k):
                return True
            if doc[k].pos_ not in ("ADJ", "NOUN", "PROPN", "ADV", "PUNCT") \
                    or doc[k].text == ",":
                break
    return False


def _told(doc: Doc, m: Ment) -> bool:
    """'… an official told Kommersant': an organization one tells things to is a medium, unless
    its name has an institution's head ('told the Security Council', 'told parliament')."""
    words = {w.lower() for w in (m.name or m.text).split()}
    if words & ORG_HEADS or words & _ASSEMBLIES:
        return False
    root = doc[m.start_tok:m.end_tok].root
    return root.dep_ in ("dobj", "dative") and root.head.lemma_.lower() == "tell"


def _staff_of(doc: Doc, m: Ment) -> bool:
    """'the editor of Novaya Gazeta', 'a correspondent for Kyiv Daily': journalists' titles
    name the medium they work for (the model often tags it PERSON)."""
    s = m.start_tok
    return s >= 2 and doc[s - 1].lower_ in ("of", "for", "at") \
        and doc[s - 2].lemma_.lower() in _MEDIA_STAFF and not is_given_name(doc[s].text)


def outlets_by_evidence(doc: Doc, ments: list[Ment]) -> None:
    """Model Organizations with media evidence on any mention become Outlets, in place; so do
    model Persons named as a journalist's employer."""
    staff = {m.key for m in ments if m.type is EntityType.PERSON and m.key
             and m.method == "model" and m.entry is None and _staff_of(doc, m)}
    by_key: dict[str, list[Ment]] = {}
    for m in ments:
        if (m.type is EntityType.ORGANIZATION and m.entry is None and m.description is None
                and m.key and not m.key.startswith("org:inst:")) or m.key in staff:
            by_key.setdefault(m.key or "", []).append(m)
    for key, ms in by_key.items():
        if key in staff:
            if not all(m.type is EntityType.PERSON and m.method == "model" and m.entry is None
                       and m.description is None for m in ms):
                continue  # a person's key shared with other kinds of mention: leave it
        elif not any(_named_as_medium(m) or _medium_beside(doc, m) or _told(doc, m)
                     or _staff_of(doc, m) for m in ms):
            continue
        name = ms[0].name or ms[0].text
        for m in ms:
            m.type, m.key, m.method = EntityType.OUTLET, f"outlet:{slug(name)}", "outlet"


def _speaks(doc: Doc, m: Ment, cues: frozenset[str]) -> bool:
    for tok in doc[m.start_tok:m.end_tok]:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in cues:
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.i > 0 \
                and doc[tok.head.i - 1].lower_ == "according":
            return True
    return False


def _works_at(doc: Doc, m: Ment, title_heads: frozenset[str]) -> bool:
    """'Jane Doe, a fellow at the Stimson Center', 'the director of the X Centre': someone's
    post is at it (a noun in apposition to a person, or a title, governs the preposition)."""
    root = doc[m.start_tok:m.end_tok].root
    if root.dep_ != "pobj" or root.head.lower_ not in ("at", "of", "with", "from"):
        return False
    post = root.head.head
    return post.pos_ == "NOUN" and (post.dep_ == "appos" or post.lower_ in title_heads)


def speaking_facilities(doc: Doc, ments: list[Ment], rules: Rules) -> None:
    """Kind-typed Facilities that speak, or where someone holds a post, become
    Organizations, in place."""
    by_key: dict[str, list[Ment]] = {}
    for m in ments:
        if m.type is EntityType.FACILITY and m.key and m.method == "kind":
            by_key.setdefault(m.key, []).append(m)
    if not by_key:
        return
    cues = rules.gaz.words("cue_verbs")
    for ms in by_key.values():
        if any(_speaks(doc, m, cues) or _works_at(doc, m, rules.title_heads) for m in ms):
            name = ms[0].name or ms[0].text
            for m in ms:
                m.type, m.key = EntityType.ORGANIZATION, f"org:{slug(name)}"
