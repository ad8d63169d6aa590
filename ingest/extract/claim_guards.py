"""When a speech verb reports no claim: the context says nothing was (yet) said.

A cue verb is a claim only when someone is reported as having said something. These are
the grammatical contexts in which the same verb reports nothing, checked on the parse of
the cue's own sentence (no word lists of examples, only closed classes of function words):
- negated: 'did not say whether', 'has not confirmed', 'never mentioned' -- the speaker did
  not assert the content (a denial is a cue of its own: 'denied that');
- a question about the speech: 'Did the minister say that …?' (auxiliary before the subject);
- a condition, a hypothesis or the future: 'If the general says …', 'Russia could claim …',
  'aid groups will demand …' (not said yet);
- not yet or not at all: 'declined to say', 'is expected to announce', 'plans to tell';
- generic: 'people say', 'some say' (no one in particular is the source).
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.claim_ctx import sentence

_CONDITION_MARKS = {"if", "unless", "whether"}
_HYPOTHETICAL = {"would", "could", "might", "may", "should", "can", "must", "will", "shall", "'ll"}
# heads of an infinitive cue that say the speech did not (or not yet) happen
_NOT_YET = {"decline", "refuse", "fail", "expect", "plan", "intend", "want", "hope", "set",
            "due", "likely", "prepare", "seek", "wish", "aim", "schedule", "go", "reluctant",
            "unwilling", "unable", "ready", "need", "have", "about",
            # 'would attempt to claim victory', 'threatened to reveal', 'promised to announce'
            "attempt", "try", "threaten", "promise", "pledge", "vow", "offer",
            # 'appears to believe': the writer's inference, not anything said
            "appear", "seem",
            # 'emboldening Taiwan to declare', 'urged Kyiv to admit': what others were moved
            # to say, not (yet) said ('leading the president to declare' did happen)
            "embolden", "encourage", "allow", "enable", "persuade", "convince", "urge",
            "invite", "press", "pressure"}
_GENERIC = {"people", "some", "many", "others", "everyone", "everybody", "someone",
            "somebody", "anyone", "anybody", "nobody", "few", "most"}
_NEVER = {"never", "no", "hardly", "barely", "not"}


def _subject(cue: Token) -> Token | None:
    return next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def negated(cue: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _NEVER)
               for c in cue.children)


def questioned(cue: Token) -> bool:
    """'Did the minister say …?', 'Why would Kyiv claim …?': the speech is asked about."""
    sent = sentence(cue)
    last = next((t for t in reversed(sent) if not t.is_space and not t.is_quote), None)
    if last is None or last.text != "?":
        return False
    subj = _subject(cue)
    if subj is None:
        return False
    return any(c.dep_ == "aux" and c.i < subj.i for c in cue.children) or any(
        c.tag_ in ("WRB", "WP") and c.i < subj.i for c in cue.children)


def hypothetical(cue: Token) -> bool:
    """'If the general says …', 'Moscow could claim …', '… would say so'."""
    if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in cue.children):
        return True
    return any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in cue.children)


def not_yet(cue: Token) -> bool:
    """'declined to say', 'is expected to announce', 'plans to tell reporters'."""
    if cue.dep_ != "xcomp" or cue.tag_ != "VB":
        return False
    return cue.head.lemma_.lower() in _NOT_YET


def generic(cue: Token) -> bool:
    """'people say …', 'some say …' in the present: a commonplace, not a source."""
    subj = _subject(cue)
    if subj is None or subj.lower_ not in _GENERIC or cue.tag_ not in ("VBP", "VBZ"):
        return False
    # 'people in Kherson say', 'many residents say' name who speaks
    # ('many people say', 'most people believe': a quantifier names no one)
    return not any(c.dep_ in ("amod", "prep", "compound", "det", "nummod", "acl", "relcl")
                   and c.lower_ not in _GENERIC for c in subj.children)


_JOURNALISTS = {"reporter", "correspondent", "editor", "columnist", "journalist", "writer",
                "commentator", "reporters", "correspondents", "editors", "journalists"}
_BYLINE_CUES = {"write", "report"}


def byline(subj: Token, cue: Token) -> bool:
    """'…, Guardian business reporter Joanna Partridge writes', 'our correspondent reports',
    'X, our diplomatic editor, writes': the article's own journalist signing a live-blog
    entry; what follows is the news, not a claim made by someone. A journalist who *said*
    something is a source and still speaks."""
    phrase = [*subj.subtree]
    journalist = any(t.lower_ in _JOURNALISTS for t in phrase)
    if not journalist:
        return False
    ours = any(t.lower_ == "our" for t in phrase)
    return ours or (cue.lemma_.lower() in _BYLINE_CUES and cue.tag_ in ("VBZ", "VBP"))


def reports_nothing(cue: Token) -> bool:
    """True when the cue verb, in its context, reports no statement."""
    return negated(cue) or questioned(cue) or hypothetical(cue) or not_yet(cue) \
        or generic(cue)
