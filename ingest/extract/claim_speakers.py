"""Who speaks: the cue's subject resolved to an entity, a person named earlier (pronouns,
titles such as 'the governor'), an institution, a document's author, or an anonymous
source described in the text; ``None`` when no one identifiable speaks.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.models import EntityType, SpeakerRef, stable_id
from ingest.extract import claim_cues as cues
from ingest.extract.claim_ctx import ClaimCtx
from ingest.extract.claim_forms import claim_words
from ingest.extract.claim_pronouns import (
    group_pronoun,
    in_quote,
    is_title,
    person_pronoun,
    post_signature,
)
from ingest.extract.claim_titles import described_person, title_after
from ingest.extract.coref import PRONOUNS_PERSON, title_antecedent
from ingest.extract.entities import Ment, demonym_code


def _reporter_of_participle(tok: Token) -> Token | None:
    """'Johnson said there was a need for …, predicting that …': a participle set off by a
    comma (or a dash: 'denied that Russia would … – saying that …') at the end of a
    reported clause (the parse hangs it on the clause's verb) goes on with whoever reported
    that clause -- the subject of the verb the clause complements."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.i == 0 \
            or tok.doc[tok.i - 1].text not in (",", "–", "—"):
        return None
    node = tok.head
    for _ in range(4):
        if node.dep_ == "ccomp" and node.head is not node:
            reporter = node.head
            subj = next((c for c in reporter.children if c.dep_ in ("nsubj", "nsubjpass")),
                        None)
            return subj if subj is not None and subj.dep_ == "nsubj" else None
        if node.dep_ not in ("advcl", "conj") or node.head is node:
            return None
        node = node.head
    return None


def subject_of(tok: Token) -> Token | None:
    if (reporter := _reporter_of_participle(tok)) is not None:
        return reporter
    cur = tok
    for _ in range(6):
        subjs = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "Russia’s then deputy prime minister Dmitry Rogozin said": the parse may give the
        # verb two subjects, the possessor and the name; the one nearest the verb speaks
        before = [c for c in subjs if c.i < cur.i]
        subj = before[-1] if len(before) > 1 else (subjs[0] if subjs else None)
        if subj is not None:
            if subj.dep_ == "nsubjpass":
                return None  # 'was accused of': the subject is not the speaker
            if subj.tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
                return _who_antecedent(cur.head) if subj.lower_ == "who" else cur.head
            return subj
        if cur.dep_ == "acl" and cues.is_document(cur.head) and cur.head.dep_ == "dobj" \
                and cur.head.head.pos_ == "VERB":
            # 'Guterres issued a statement saying …': the statement's issuer speaks
            issuer = next((c for c in cur.head.head.children if c.dep_ == "nsubj"), None)
            if issuer is not None:
                return issuer
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head
        if (obj := _controller(cur)) is not None:
            # 'leading the president to declare …': the object is who speaks
            return obj
        if cur.dep_ in ("advcl", "conj", "xcomp", "pcomp") and cur.head is not cur:
            cur = cur.head
            continue
        return None
    return None


def _who_antecedent(head: Token) -> Token:
    """'Arif Husain, the chief economist at the UN World Food Programme, who said …': the
    parse hangs 'who' on the nearest noun, the organization closing the apposition; 'who'
    is a person, so climb out of the 'at/of/for' phrase and the apposition to the person
    they describe. Only a climb that ends on a named person is taken ('officials in Kyiv
    who said' stays with the phrase the parse gave)."""
    if head.ent_type_ == "PERSON" or head.dep_ != "pobj" or head.head.dep_ != "prep":
        return head
    node = head.head.head  # the noun the 'at …' phrase describes: 'economist'
    while node.dep_ == "appos" and node.ent_type_ != "PERSON" and node.head is not node:
        node = node.head
    return node if node.ent_type_ == "PERSON" else head


def _controller(cur: Token) -> Token | None:
    """The object that does what an infinitive says: 'urged Kyiv to admit' (xcomp), '…,
    leading the president to declare' (parsed as an advcl of a subjectless participle)."""
    head = cur.head
    if head is not cur and cur.dep_ == "advcl" and cur.tag_ == "VBG":
        # 'left his team scrambling to explain …': the object right before the participle
        # is who does it
        obj = next((c for c in head.children if c.dep_ == "dobj"
                    and c.right_edge.i == cur.i - 1 and not cues.is_document(c)), None)
        if obj is not None:
            return obj
    if head is cur or not any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
        return None
    if cur.dep_ != "xcomp" and not (cur.dep_ == "advcl" and head.tag_ == "VBG"
                                    and not any(c.dep_ == "nsubj" for c in head.children)):
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < cur.i), None)


def _modifiers_fit(subj: Token, m: Ment) -> bool:
    """'the foreign office' is not the 'Home Office' named earlier: every classifying
    modifier must be in the organization's name (descriptive ones such as 'British-based'
    may differ)."""
    name = {w.lower() for w in (m.name or m.text).replace("-", " ").split()}
    doc = subj.doc
    return all(c.lower_ in name or any("-" in t.text for t in c.subtree)
               or c.i + 1 < len(doc) and doc[c.i + 1].text == "-"
               for c in subj.children if c.dep_ in ("amod", "compound") and c.i < subj.i)


def _post_signature(subj: Token) -> bool:
    """'pic.twitter.com/… — Osnat Lubrani (@OsnatLubrani) May 8, 2022': an embedded post's
    link or signature."""
    return subj.like_url or "twitter.com/" in subj.text or post_signature(subj.doc, subj.i)


def speaker_of(ctx: ClaimCtx, subj: Token) -> tuple[SpeakerRef, tuple[int, int]] | None:
    if cues.not_a_speaker(subj) or cues.is_caption(ctx.text, subj.idx):
        return None
    if _post_signature(subj):
        # the post's author signed the post above; the sentence glued after the signature
        # has its own subject, hung on the signature as an apposition ('… 2022 Mykhaylo
        # Podolyak, aide to …, said')
        after = next((c for c in subj.subtree if c.dep_ == "appos" and c.i > subj.i
                      and not post_signature(ctx.doc, c.i) and c.ent_type_ != "DATE"
                      and not any(g.like_num for g in c.children)
                      and (x := ctx.tok2ment[c.i])
                      is not None and x.type is EntityType.PERSON), None)
        return speaker_of(ctx, after) if after is not None else None
    m = ctx.tok2ment[subj.i]
    if m is not None and any(c.dep_ == "case" and c.lower_ in ("'s", "’s") for c in subj.children):
        # "Aslin's local MP, Robert Jenrick, said" parsed with the possessor as the subject
        # and the relation noun ('MP', 'lawyer') and the name as its appositions: the
        # possessor is talked about, the named person speaks
        titled = [c for c in subj.children if c.dep_ == "appos" and c.i > subj.i]
        if any(c.pos_ in ("NOUN", "PROPN") and ctx.tok2ment[c.i] is None for c in titled):
            named = next((c for c in titled if (x := ctx.tok2ment[c.i]) is not None
                          and x.type is EntityType.PERSON and x.key != m.key), None)
            return speaker_of(ctx, named) if named is not None else None
    if m is None and cues.is_document(subj):
        # a report/statement speaks for its author; without one it is a document source
        author = cues.document_author(subj, ctx.tok2ment)
        if author is not None:
            return (SpeakerRef(id=author.key, name=author.name or author.text,
                               type=author.type.value), (author.start, author.end))
        s, e = subj.left_edge.idx, subj.idx + len(subj)
        desc = ctx.text[s:e]
        return (SpeakerRef(id=stable_id(ctx.article_id, s, e, prefix="doc:"), name=desc,
                           type="DocumentSource", anonymous=True, description=desc), (s, e))
    if m is None:
        # 'rescue workers, the Civil Defence' (apposition) names the speaker; so does
        # 'the SOHR monitoring group' (an institution noun) -- but 'a U.S. official' and
        # 'Pentagon officials' stay anonymous: people are not their institution.
        institution = subj.lemma_.lower() in ctx.rules.gaz.words("institution_nouns")
        for c in subj.children:
            cm = ctx.tok2ment[c.i]
            if cm is None or cm.type is EntityType.PLACE and c.dep_ != "appos":
                continue
            # 'Kowalski's MP, Hannah Bardell,': the name may be parsed as an npadvmod
            if c.dep_ == "appos" or (c.dep_ == "compound" and institution) or (
                    c.dep_ == "npadvmod" and c.i > subj.i and cm.type is EntityType.PERSON):
                m = cm
                break
    if m is None and is_title(ctx, subj):
        # 'The head of the European Commission, Ursula von der Leyen, said': the parse hangs
        # the name on the organization, but it names the title's holder
        m = next((x for t in subj.subtree if t.dep_ == "appos" and t.i > subj.i
                  and (x := ctx.tok2ment[t.i]) is not None and x.type is EntityType.PERSON),
                 None)
    if m is None and subj.pos_ == "PROPN":
        # 'Kevin Kennedy Regional Humanitarian Coordinator': the title heads the name
        m = next((ctx.tok2ment[i] for i in range(subj.i - 1, subj.left_edge.i - 1, -1)
                  if (x := ctx.tok2ment[i]) is not None and x.type is EntityType.PERSON), None)
    if m is None and subj.pos_ == "NOUN" and any(c.lower_ == "the" and c.dep_ == "det"
                                                 for c in subj.children):
        # 'the observatory said', 'the British-based observatory said' after 'the Syrian
        # Observatory for Human Rights'
        m = ctx.org_words.get(subj.lower_)
        if m is not None and (m.start > subj.idx or not _modifiers_fit(subj, m)):
            m = None
    if m is None and subj.pos_ == "NOUN" and subj.lemma_.lower() in _GENERIC_ORG \
            and [c.lower_ for c in subj.children] == ["the"]:
        m = _only_organization_before(ctx, subj)
    if m is None and subj.pos_ == "NOUN" and subj.lemma_.lower() in _GENERIC_OUTLET \
            and [c.lower_ for c in subj.children] == ["the"]:
        # 'A New York Times investigation found …. According to the outlet, …'
        m = _only_organization_before(ctx, subj, EntityType.OUTLET)
    if m is not None and m.type is EntityType.GROUP and _some_members(subj):
        # 'Some Ukrainian soldiers said', 'two Russian troops said': members of a force speak,
        # not the force itself (its command or ministry), so they stay an unnamed source
        return _anonymous(ctx, subj)
    if m is not None and m.key:
        return (SpeakerRef(id=m.key, name=m.name or m.text, type=m.type.value),
                (m.start, m.end))
    low = subj.lower_
    if low in ("they", "it"):
        # continuing attribution: 'They said ...' after '<group> claimed ...'; 'It added'
        # after an institution's statement
        return group_pronoun(ctx, subj)
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and subj.lemma_.lower() in claim_words()["collective_nouns"]:
        # 'a number of Russian officials said', 'some of the residents said'
        member = next((g for g in of.children if g.dep_ == "pobj"), None)
        if member is not None and (x := ctx.tok2ment[member.i]) is not None \
                and x.type is EntityType.GROUP:
            return _anonymous(ctx, subj)  # 'a group of Russian soldiers': some, not the force
        return speaker_of(ctx, member) if member is not None else None
    if low in PRONOUNS_PERSON:
        return person_pronoun(ctx, subj)
    if subj.pos_ == "NOUN" and is_title(ctx, subj) and any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that")
            for c in subj.children):
        # 'the regional governor said': the governor named earlier, else a description
        # source (never the outlet that reported it); an indefinite title ('a separatist
        # head') identifies no one and is left to the anonymous-source nouns
        last = ctx.last
        if last is not None and last[0].anonymous and subj.idx - last[1] < 1000 \
                and subj.lower_ in (last[0].description or "").lower().split():
            # '… said the president of the region. …, the president added': the same
            # unnamed source, not a president named further back
            return last[0], (subj.left_edge.idx, subj.idx + len(subj))
        # 'his spokesman', 'her office': whose it is is a pronoun of its own, left alone;
        # 'Ukraine's health minister': the owner is one more word the antecedent must have
        poss = [c for c in subj.children if c.dep_ == "poss"]
        if all(c.pos_ == "PROPN" for c in poss):
            mods = tuple(c.lower_ for c in subj.children
                         if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < subj.i)
            # 'the president of Belarus' is not the president named earlier
            mods += tuple(g.lower_ for c in subj.children if c.dep_ == "prep"
                          and c.lower_ == "of" for g in c.children if g.dep_ == "pobj")
            # the title must be written next to the antecedent, not be this very subject
            # ('… about Griner, the US president said' is not Griner)
            p = title_antecedent(ctx.text, ctx.locator, subj.lower_, subj.left_edge.idx,
                                 mods,
                                 skip=lambda m: in_quote(ctx, m))
            if p is None:
                # 'Ukraine’s ambassador warned …. “…,” said ambassador Vasyl …': named
                # only afterwards, with the same title next to the name
                p = title_after(ctx.text, ctx.locator, subj.lower_, subj.right_edge.idx
                                + len(subj.right_edge), mods, skip=lambda m: in_quote(ctx, m))
            if p is None and (key := described_person(
                    ctx.rules.gaz.by_description, subj.lower_, mods,
                    {m.key for m in ctx.tok2ment if m is not None and m.key})):
                # 'The president of Belarus said': the reference data's 'belarusian
                # president', named in the article
                p = next(m for m in ctx.tok2ment if m is not None and m.key == key)
            if p is not None and p.key:
                return (SpeakerRef(id=p.key, name=p.name or p.text,
                                   type=EntityType.PERSON.value),
                        (subj.left_edge.idx, subj.idx + len(subj)))
        return _anonymous(ctx, subj)
    if subj.pos_ in ("NOUN", "PROPN") and (
        low in ctx.rules.gaz.words("anonymous_nouns")
        or subj.lemma_.lower() in ctx.rules.gaz.words("anonymous_nouns")
        # 'the air force', 'Ukraine's navy': an institution the gazetteer does not name
        or subj.lemma_.lower() in ctx.rules.gaz.words("institution_nouns")
        or subj.lemma_.lower() in claim_words()["more_sources"]
    ):
        return _anonymous(ctx, subj)
    return None


# nouns that name an organization by its kind only ('the organisation says'); ministries,
# armies and governments are left out: an article names several of them
_GENERIC_ORG = frozenset({"organisation", "organization", "group", "charity", "ngo", "monitor",
                          "observatory", "thinktank", "institute", "company", "firm"})


# nouns that name a news outlet by its kind only ('according to the outlet'); an 'agency' may
# be a government's, so it too must be the one outlet named just before
_GENERIC_OUTLET = frozenset({"outlet", "newspaper", "paper", "agency", "broadcaster",
                             "channel", "daily", "website", "magazine", "network"})


def _only_organization_before(ctx: ClaimCtx, subj: Token,
                              kind: EntityType = EntityType.ORGANIZATION) -> Ment | None:
    """'… collected by the Centre for Civil Liberties, although the organisation says …': the
    one organization named in the ~600 characters before (two or more: no one)."""
    lo = max(0, subj.idx - 600)
    found = {m.key: m for m in ctx.tok2ment[:subj.i] if m is not None and m.key
             and lo <= m.start < subj.idx and m.type is kind
             and not in_quote(ctx, m)}
    return next(iter(found.values())) if len(found) == 1 else None


_PARTITIVE = frozenset({"some", "several", "many", "few", "a", "one", "two", "three", "four",
                        "five", "dozens", "hundreds", "other", "most"})


def _some_members(subj: Token) -> bool:
    """A plural people noun counted or quantified ('some soldiers', 'two troops', 'a few
    fighters', '30 soldiers'), as opposed to the force as a whole ('Russian troops')."""
    return subj.tag_ == "NNS" and any(
        c.dep_ in ("det", "amod", "nummod", "quantmod") and c.i < subj.i
        and (c.lower_ in _PARTITIVE or c.like_num) for c in subj.children)


def _named_in_apposition(ctx: ClaimCtx, left: int, right: int
                         ) -> tuple[SpeakerRef, tuple[int, int]] | None:
    """'Andriy Zagorodnyuk - Ukraine's former defence minister - says': the parse made the
    title the head, but a named person set off from it by a dash or a comma is who speaks."""
    doc = ctx.doc
    for i in range(left, right + 1):
        m = ctx.tok2ment[i]
        if m is None or m.type is not EntityType.PERSON or not m.key or m.end_tok > right:
            continue
        if doc[m.end_tok].text in ("-", "–", "—", ","):
            return SpeakerRef(id=m.key, name=m.name or m.text, type=m.type.value), \
                (m.start, m.end)
        return None
    return None


def _anonymous(ctx: ClaimCtx, head: Token) -> tuple[SpeakerRef, tuple[int, int]]:
    doc = ctx.doc
    left = head.left_edge.i
    right = head.i
    for c in head.rights:  # 'a senior member of the ruling party'
        if c.dep_ == "prep" and c.lower_ in ("of", "from", "at", "with", "in"):
            right = c.right_edge.i
    s, e = doc[left].idx, doc[right].idx + len(doc[right])
    affiliation = None
    for i in range(left, right + 1):
        m = ctx.tok2ment[i]
        if m is not None and m.type is not EntityType.PERSON:
            affiliation = m.text
            break
        if demonym_code(ctx.rules, doc[i].text)[0]:
            affiliation = doc[i].text
            break
    named = _named_in_apposition(ctx, left, right)
    if named is not None:
        return named
    desc = ctx.text[s:e]
    entry = ctx.rules.gaz.lookup(desc)
    if entry is not None and entry.type is not EntityType.PLACE and len(desc.split()) > 1:
        # 'Russia’s defence ministry' is an institution the gazetteer knows, not anonymous
        m = Ment(left, right + 1, s, e, desc, entry.type, key=entry.id, name=entry.name,
                 method="gazetteer", entry=entry)
        ctx.extra.append(m)
        for i in range(left, right + 1):
            ctx.tok2ment[i] = ctx.tok2ment[i] or m
        return SpeakerRef(id=entry.id, name=entry.name, type=entry.type.value), (s, e)
    sid = stable_id(ctx.article_id, s, e, prefix="anon:")
    return (SpeakerRef(id=sid, name=desc, type="AnonymousSource", anonymous=True,
                       description=desc, affiliation=affiliation), (s, e))


def target_of(ctx: ClaimCtx, tok: Token, speaker_id: str) -> str | None:
    if tok.lemma_.lower() not in ctx.rules.gaz.words("target_verbs"):
        return None
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
    if obj is None:
        return None
    m = ctx.tok2ment[obj.i]
    if m is not None and m.key and m.key != speaker_id:
        return m.key
    if obj.lower_ in PRONOUNS_PERSON:
        p = ctx.locator.before(obj.idx, min_offset=max(0, ctx.sent_of[obj.i][0] - 600),
                               exclude=speaker_id, pronoun=obj.lower_)
        return p.key if p is not None else None
    return None
