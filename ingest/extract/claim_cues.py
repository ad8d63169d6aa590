"""Who is (not) a speaker, attribution chains, and the cues that are not a plain verb.

- ``not_a_speaker``: a number or quantity ('about 13,000 people'), a figure with no author
  ('preliminary data', 'estimates') and anything in a caption or photo credit line;
- ``document_author``: 'a UN report', 'the ministry's statement', 'a report by Amnesty' ->
  the author; an unauthored report stays a document source (typed ``DocumentSource``);
- ``audience``: 'told Reuters', 'said in an interview with the BBC', 'speaking to CNN' ->
  the outlet, recorded as the claim's ``reported_by`` (role audience), never its speaker;
- ``quoted_as``: 'TASS quoted Peskov as saying' -> Peskov speaks, TASS relays;
  'Peskov was quoted as saying' -> Peskov;
- ``passive_accused``: 'Russia stood accused of …' -> the accused is not the accuser.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.models import EntityType
from ingest.extract.claim_forms import claim_words

# An approximator in front of a number makes it a count ('about 13,000 people'); so does a
# count above what a set of named sources could be ('two officials' is a source, '300
# residents' are a figure).
_APPROX = {"about", "around", "some", "nearly", "almost", "roughly", "over", "more", "least",
           "estimated", "approximately", "up", "than", "thousands", "hundreds", "dozens"}
_MAX_SOURCES = 10
# Verbs that relay another's words: 'X quoted / cited / reported Y as saying …' -> Y speaks.
RELAY_VERBS = frozenset({"quote", "cite", "report"})
_AUDIENCE_PREPS = {"to", "with", "on"}


def is_caption(text: str, idx: int) -> bool:
    """Is the character at ``idx`` in a caption or photo-credit line?"""
    s = text.rfind("\n", 0, idx) + 1
    e = text.find("\n", idx)
    line = text[s: e if e >= 0 else len(text)].lower()
    return any(m in line for m in claim_words()["caption_markers"])


def not_a_speaker(subj: Token) -> bool:
    """Numbers, quantities and authorless figures are never speakers."""
    if subj.like_num or subj.ent_type_ in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY"):
        return True
    for c in subj.children:
        if c.dep_ != "nummod":
            continue
        if c.lower_ in _APPROX or any(g.lower_ in _APPROX for g in c.subtree):
            return True
        raw = c.text.replace(",", "")
        if raw.isdigit() and int(raw) > _MAX_SOURCES:
            return True
        if c.lower_ in ("hundreds", "thousands", "dozens", "millions"):
            return True
    if subj.lower_ in ("hundreds", "thousands", "dozens", "millions"):
        return True
    return subj.lemma_.lower() in claim_words()["figure_nouns"] \
        or subj.lower_ in claim_words()["figure_nouns"]


def is_document(subj: Token) -> bool:
    return subj.lower_ in claim_words()["document_nouns"] \
        or subj.lemma_.lower() in claim_words()["document_nouns"]


def document_author(subj: Token, tok2ment: list) -> object | None:  # -> Ment | None
    """The author of 'a UN report' / 'the ministry's statement' / 'a report by Amnesty'."""
    for c in subj.children:
        if c.dep_ in ("poss", "compound", "nmod", "amod"):
            m = tok2ment[c.i]
            if m is not None and m.key and m.type is not EntityType.PLACE:
                return m
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                if (m := tok2ment[g.i]) is not None and m.key \
                        and not (m.type is EntityType.PLACE and c.lower_ == "from"):
                    # 'reports from Kharkiv' come from a place, not from its authorities
                    return m
                if (m := _named_source(g, tok2ment)) is not None and c.lower_ != "of":
                    return m  # 'reports from Russia's RIA Novosti news agency'
                by = next((p for p in g.children if p.dep_ == "prep" and p.lower_ == "by"),
                          None) if c.lower_ == "of" else None
                pobj = next((x for x in by.children if x.dep_ == "pobj"), None) if by else None
                if pobj is not None and (m := tok2ment[pobj.i]) is not None and m.key \
                        and m.type is not EntityType.PLACE:
                    # 'an analysis of shipping movements by the Centre for …': the parse
                    # hangs the author on the nearer noun
                    return m
        if c.dep_ == "acl" and c.tag_ == "VBN":
            # 'a report published by the Institute for the Study of War'
            for a in c.children:
                if a.dep_ == "agent":
                    g = next((x for x in a.children if x.dep_ == "pobj"), None)
                    m = tok2ment[g.i] if g is not None else None
                    if m is not None and m.key and m.type is not EntityType.PLACE:
                        return m
    return None


def _named_source(noun: Token, tok2ment: list) -> object | None:  # -> Ment | None
    """'Russia's RIA Novosti news agency': the outlet or organization named in the noun's
    own modifiers (a place in them is where it is from, not who)."""
    for c in noun.children:
        m = tok2ment[c.i] if c.dep_ in ("compound", "nmod") else None
        if m is not None and m.key and m.type in (EntityType.OUTLET, EntityType.ORGANIZATION):
            return m
    return None


def audience(cue: Token, tok2ment: list, content: tuple[int, int]) -> object | None:
    """The outlet the speaker talked to: 'told Reuters', 'in an interview with the BBC',
    'speaking to CNN', 'said on Channel 4' (only a known outlet or organization entity, and
    never inside the content)."""
    cands: list[Token] = []
    for c in cue.children:
        if c.dep_ in ("dobj", "dative") and cue.lemma_.lower() in ("tell", "brief", "inform"):
            cands.append(c)
        if c.dep_ == "prep" and (c.lower_ in _AUDIENCE_PREPS or c.lower_ == "in"):
            cands.extend(c.subtree)
        if c.dep_ == "advcl" and c.lemma_.lower() in ("speak", "talk", "write"):
            cands.extend(c.subtree)
    for t in cands:
        if content[0] <= t.idx < content[1]:
            continue
        m = tok2ment[t.i]
        if m is None or not m.key:
            continue
        # an organization counts only when the phrase says it was an interview or a briefing
        if m.type is EntityType.OUTLET or m.type is EntityType.ORGANIZATION and any(
                a.lower_ in ("interview", "told", "tell", "speaking", "talking")
                for a in (t.head, t.head.head, cue)):
            return m
    return None


def quoted_as(cue: Token) -> tuple[Token | None, Token | None] | None:
    """'X quoted Y as saying' -> (Y, X); 'Y was quoted as saying' -> (Y, agent or None).
    None when the cue is not in that construction."""
    if cue.dep_ != "pcomp" or cue.head.lower_ != "as":
        return None
    quote = cue.head.head
    if quote.dep_ == "dobj":  # 'as' attached to the object
        quote = quote.head
    if quote.lemma_.lower() not in RELAY_VERBS:
        return None
    speaker = next((c for c in quote.children if c.dep_ in ("dobj", "nsubjpass")), None)
    relay = next((c for c in quote.children if c.dep_ == "nsubj"), None)
    if relay is None:
        agent = next((c for c in quote.children if c.dep_ == "agent"), None)
        if agent is not None:
            relay = next((g for g in agent.children if g.dep_ == "pobj"), None)
    return speaker, relay


def relays_as(cue: Token) -> bool:
    """'X reported / quoted Y as saying …': the cue only relays; the inner 'saying' is the
    claim, with Y as its speaker (quoted_as)."""
    if cue.lemma_.lower() not in RELAY_VERBS:
        return False
    heads = [cue, *(c for c in cue.children if c.dep_ == "dobj")]
    return any(c.dep_ == "prep" and c.lower_ == "as" and any(
        g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
        for h in heads for c in h.children)


# Verbs whose passive subject is the one addressed: 'when asked', 'was told', 'were warned'.
_ADDRESSED_PASSIVE = frozenset({"ask", "tell", "warn", "urge", "brief", "inform", "remind",
                                "assure", "advise", "question"})
_ELLIPSIS_MARKS = frozenset({"when", "if", "after", "once", "as", "before", "while"})


def addressed_passive(cue: Token) -> bool:
    """'when asked what …', 'was told that …', 'were warned to …' with no 'by' agent: the
    subject (or the main clause's subject) was addressed, nobody named spoke."""
    if cue.lemma_.lower() not in _ADDRESSED_PASSIVE:
        return False
    if cue.tag_ == "VBD" and cue.i > 0 and cue.doc[cue.i - 1].lower_ in _ELLIPSIS_MARKS \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return True  # 'said when asked what …' (tagged as a past tense, no subject of its own)
    if cue.tag_ != "VBN":
        return False
    if any(c.dep_ == "agent" for c in cue.children):
        return False
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children) or (
        cue.dep_ in ("advcl", "acl", "xcomp") and not any(c.dep_ == "nsubj"
                                                          for c in cue.children))


def passive_accused(cue: Token) -> bool:
    """'Russia stood accused of …', 'Kyiv, accused of …', 'was accused of': the subject is
    the accused. True when the cue is such a participle with no agent."""
    if cue.tag_ != "VBN":
        return False
    if any(c.dep_ == "agent" for c in cue.children):
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children):
        return True
    return cue.dep_ in ("advcl", "acomp", "oprd", "xcomp", "acl", "amod") and not any(
        c.dep_ == "nsubj" for c in cue.children)


def agent_of(cue: Token) -> Token | None:
    """'was accused by Kyiv of …' -> Kyiv."""
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((g for g in agent.children if g.dep_ == "pobj"), None)
