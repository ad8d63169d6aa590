"""A claim's ``statement``: its proposition as one sentence a fact-checker can review without
the article. Read off the parse of the claim's own sentence:
a reported 'that' dropped (a quotation keeps its 'If'), the first letter raised, a first-person
or institutional 'it' subject replaced by the speaker with its verb agreeing, an attribution
inserted between commas left out, a content that is only the cue's object read as the speaker
doing it, and an accusation rendered with its target ('accused Russia of escalating' ->
'Russia is escalating …'). The content's offsets in the article never change.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from graph.models import Stance
from ingest.extract.claim_ctx import doc_text
from ingest.extract.claim_forms import stance_of_lemma


def _token_at(doc: Doc, idx: int) -> Token | None:
    """The token that starts at character ``idx`` (a cue's start), if one does."""
    span = doc.char_span(idx, idx + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) and span[0].idx == idx else None


def _tokens_in(doc: Doc, cs: int, ce: int) -> list[Token]:
    span = doc.char_span(cs, ce, alignment_mode="expand")
    return list(span) if span is not None else []


_FIRST_PERSON = {"i", "we"}
_NOT_A_CLAUSE = {"to", "for", "against", "about", "of", "on", "over"}
_THIRD_NONPERSON = {"it"}  # an institution is "it"; a "they" may be anyone (never replaced)
_URGING = {"urge", "appeal", "press", "implore", "encourage"}  # 'urged the EU to …'


def statement(doc: Doc, cs: int, ce: int, speaker_name: str, target_name: str | None,
              cue: str, speaker_is_person: bool = True, cue_start: int | None = None) -> str:
    """The claim's proposition as one sentence that stands without the article."""
    text = doc_text(doc)[cs:ce]
    toks = _tokens_in(doc, cs, ce)
    if cue_start is not None and cs < cue_start < ce:
        text = _without_inner_attribution(toks, text, cs, cue_start)
    # Drop the quotation marks around a fully quoted content, and a leading 'that'/'of'.
    body = _unquoted(text.strip())
    first = toks[0] if toks else None
    quoted = first is not None and first.lower_ in ("“", '"', "«") and len(toks) > 1
    if quoted:
        first = toks[1]
    # A reported 'that'/'whether' clause loses its conjunction; the speaker's own words keep
    # theirs: '“If this is another case …, it's their business”' is a conditional, and
    # dropping its 'If' would make the statement assert the condition.
    if first is not None and not quoted and first.lower_ in ("that", "whether", "if") \
            and first.dep_ == "mark":
        body = body[len(first.text):].lstrip()
        first = next((t for t in toks if t.i > first.i), None)
    if target_name and cue in ("accuse", "blame", "allege", "charge"):
        body = _accusation(toks, body, target_name)
    elif first is not None and (first.lower_ in _NOT_A_CLAUSE or cue in _URGING and first.dep_
                                not in ("nsubj", "nsubjpass")) and cue_start is not None \
            and cue_start < cs and "\n" not in doc_text(doc)[cue_start:cs]:
        # 'urged the EU to speed up talks', 'called for an embargo': not a clause, so the
        # sentence is the speaker doing it
        body = f"{speaker_name} {doc_text(doc)[cue_start:ce].strip()}"
    elif stance_of_lemma().get(cue) is not Stance.DENIES \
            and (judged := _judged_as(toks)) is not None:
        # 'condemned the attacks as "more barbarism"' -> 'The attacks are "more barbarism".'
        # (not for a denial: 'dismissed the reports as propaganda' is the speaker's
        # rejection, and its statement would read as the opposite)
        obj, as_tok = judged
        verb = "are" if obj.tag_ in ("NNS", "NNPS") else "is"
        left = doc_text(doc)[cs:as_tok.idx].rstrip()
        body = f"{left} {verb} {doc_text(doc)[as_tok.idx + len(as_tok):ce].lstrip()}"
    elif _no_clause(toks) and cue_start is not None and cue_start < cs \
            and not any(ch in doc_text(doc)[cue_start:cs] for ch in "\n,;:") \
            and getattr(_token_at(doc, cue_start), "tag_", "") != "VBG":
        # ('Kyiv acknowledging …' is no sentence: a participle cue keeps the object alone)
        # 'criticised Amnesty over the report': the content is the cue's object, no clause,
        # so (as for 'urged …') the sentence is the speaker doing it
        body = f"{speaker_name} {doc_text(doc)[cue_start:ce].strip()}"
    elif first is not None and first.dep_ in ("nsubj", "nsubjpass"):
        low = first.lower_
        # 'we will …' is the speaker; so is 'it shot down …' when an institution speaks
        # Only when the cue comes first ('the ministry said it …'): in 'It is in the village
        # of …, according to the general staff' or '…, the ministry said' the 'it' is
        # whatever the article spoke of before, and naming the speaker would invent a claim.
        if low in _FIRST_PERSON or (low in _THIRD_NONPERSON and not speaker_is_person
                                    and cue_start is not None and cue_start < cs
                                    and not _dummy_it(first)):
            nxt = first.nbor() if first.i + 1 < len(first.doc) else None
            body = speaker_name + _agree(low, body[len(first.text):], nxt)
    body = " ".join(body.split())
    if not body:
        return body
    lead = len(body) - len(body.lstrip(_OPEN_MARKS))  # '“a military …' -> '“A military …'
    body = body[:lead] + body[lead:lead + 1].upper() + body[lead + 1:]
    close = ""
    if body[-1] in _CLOSE_MARKS and len(body) > 1:  # '… immediate needs,”' -> '… needs.”'
        body, close = body[:-1], body[-1]
    if body[-1] not in ".!?":
        body = body.rstrip(",;: ") + "."
    return body + close


_OPEN_MARKS, _CLOSE_MARKS = "“\"«", "”\"»"
# 'I am' -> 'Biden is', "I'm" -> 'Biden is', "we're" -> 'Ukraine is' (one name, one subject)
_AGREE = {"i": {"am": "is", "'m": " is", "’m": " is", "have": "has", "'ve": " has",
                "’ve": " has", "do": "does", "'d": " would", "’d": " would", "'ll": " will",
                "’ll": " will"},
          "we": {"'re": " is", "’re": " is", "'ve": " has", "’ve": " has", "'d": " would",
                 "’d": " would", "'ll": " will", "’ll": " will"}}


def _judged_as(toks: list[Token]) -> tuple[Token, Token] | None:
    """A content that is a cue's object and its 'as' judgement ('the attacks as barbarism'):
    the object and the 'as'."""
    if not toks:
        return None
    obj = next((t for t in toks if t.dep_ == "dobj" and t.head not in toks), None)
    as_tok = next((t for t in toks if t.dep_ == "prep" and t.lower_ == "as"
                   and obj is not None and t.head.i == obj.head.i and t.i > obj.i), None)
    return (obj, as_tok) if obj is not None and as_tok is not None else None


def _unquoted(body: str) -> str:
    """Drop the quotation marks around a wholly quoted content ('“We will win,”'), never one
    mark of a partly quoted one ('a need for “strategic endurance”' keeps both)."""
    if body[:1] not in _OPEN_MARKS:
        return body
    closed = body[-1:] in _CLOSE_MARKS and len(body) > 1
    inner = body[1:-1] if closed else body[1:]
    if any(m in inner for m in _OPEN_MARKS + _CLOSE_MARKS):
        return body
    return inner.strip()


def _without_inner_attribution(toks: list[Token], text: str, cs: int, cue_start: int) -> str:
    """'The ministry, the spokesman said, had moved …' -> 'The ministry had moved …': the
    attribution set off by commas inside a reported content is the article's, not the
    speaker's words (the content's offsets keep it; only the statement drops it)."""
    cue = _token_at(toks[0].doc, cue_start) if toks else None
    if cue is None or not toks[0].i <= cue.i <= toks[-1].i:
        return text
    left = next((t for t in reversed(toks) if t.i < cue.i and t.text == ","), None)
    right = next((t for t in toks if t.i > cue.i and t.text in (",", "—", "–")), None)
    after = next((t for t in toks if t.i == right.i + 1), None) if right is not None else None
    if after is not None and after.text in _OPEN_MARKS:
        return text  # '…, he added, “I fear …”': the quotation needs its attribution
    if left is None or right is None or cue.i - left.i > 6 or right.i - cue.i > 4 \
            or any(t.text in _OPEN_MARKS + _CLOSE_MARKS for t in toks[left.i - toks[0].i:
                                                                       right.i - toks[0].i]):
        return text
    a, b = left.idx - cs, right.idx + len(right.text) - cs
    return text[:a].rstrip() + " " + text[b:].lstrip()


# Verbs whose 'it' subject stands for a clause that follows ('it will take until 2030 for
# traffic to recover', 'it is clear that …', 'it seems that …'): no one is doing anything.
_DUMMY_IT_VERBS = {"be", "take", "seem", "appear", "remain", "become", "look", "make"}


def _dummy_it(it: Token) -> bool:
    """An 'it' that is no referent: its verb is one of the above and has a clause after it."""
    head = it.head
    return head.lemma_.lower() in _DUMMY_IT_VERBS and any(
        c.dep_ in ("ccomp", "xcomp", "advcl", "csubj") and c.i > it.i for c in head.children)


def _no_clause(toks: list[Token]) -> bool:
    """A reported content that is only the cue's object, no clause of its own ('criticised
    Amnesty over the report published on Thursday', 'warned Ankara against an incursion'): no
    subject and no finite verb in it, and not a quotation."""
    if not toks or toks[0].text in _OPEN_MARKS:
        return False
    return not any(t.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")
                   or t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in toks)


def _agree(pronoun: str, rest: str, verb_tok: Token | None = None) -> str:
    """The verb after a first-person subject replaced by the speaker's name: the name is one
    third person, so a plain present verb takes its -s form ('I try' -> 'Hameliak tries',
    'we stand' -> 'NATO stands') and 'were' becomes 'was'."""
    m = re.match(r"(\s*)([’']?\w+)", rest)
    if m is None:
        return rest
    word = m.group(2).lower()
    verb = _AGREE.get(pronoun, {}).get(word)
    if verb is None and verb_tok is not None and verb_tok.lower_ == word:
        if verb_tok.tag_ == "VBP":
            verb = _third_singular(word)
        elif word == "were" and pronoun == "we":
            verb = "was"
    if verb is None:
        return rest
    return (verb if verb.startswith(" ") else m.group(1) + verb) + rest[m.end():]


_IRREGULAR_3SG = {"am": "is", "are": "is", "be": "is", "have": "has", "do": "does", "go": "goes"}


def _third_singular(verb: str) -> str:
    """English third-person singular present of a base form (regular spelling rules)."""
    if verb in _IRREGULAR_3SG:
        return _IRREGULAR_3SG[verb]
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _accusation(toks: list[Token], body: str, target_name: str) -> str:
    """'Russia of deliberately escalating the war' -> 'Russia is deliberately escalating the
    war'; 'Moscow of war crimes' -> 'Moscow is responsible for war crimes'."""
    of = next((t for t in toks if t.lower_ in ("of", "for") and t.dep_ == "prep"), None)
    if of is None:
        return body
    rest = body[body.find(of.text + " ", 0) + len(of.text) + 1:] if of.text + " " in body else ""
    if not rest:
        return body
    comp = next((c for c in of.children if c.dep_ in ("pcomp", "pobj")), None)
    if comp is not None and comp.tag_ == "VBG":
        return f"{target_name} is {rest}"
    if comp is not None and comp.tag_ == "VBN":  # 'of having shelled' -> 'has shelled'
        return f"{target_name} {rest.replace('having ', 'has ', 1)}"
    return f"{target_name} is responsible for {rest}"
