"""The boolean text search of ``GET /v1/claims?q=``, translated to a safe Lucene query.

Grammar (words are case-insensitive; operators are upper case)::

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary (["AND"] unary)*         -- words side by side must all match
    unary   := ("NOT" | "-") unary | atom
    atom    := word | '"' words '"' | "(" or_expr ")"

A word matches by prefix (and, from seven letters, one typo: `Zelensky` finds `Zelenskyy`, but
`ports` never finds `sports`); a quoted phrase matches those words
in that order. Everything the user typed is escaped, so only this grammar reaches Lucene. A query
that cannot match anything on its own (only NOT terms) or that does not parse is a
``QuerySyntaxError`` (HTTP 422).
"""

from __future__ import annotations

import re

from graph.errors import QuerySyntaxError

_TOKEN = re.compile(r'\s*(?:(")|(\()|(\))|([^\s"()]+))')
_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_OPS = {"OR", "AND", "NOT"}


def _escape(word: str) -> str:
    return _SPECIAL.sub(r"\\\1", word)


FUZZY_FROM = 7  # one edit in a shorter word is another common word (ports/sports, forces/forced)


def _term(word: str) -> str:
    t = _escape(word.lower())
    return f"({t}* OR {t}~1)" if len(word) >= FUZZY_FROM else f"{t}*"


def _tokens(q: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(q):
        if q[pos:].strip() == "":
            break
        m = _TOKEN.match(q, pos)
        if not m:  # pragma: no cover - the pattern matches any non-space text
            raise QuerySyntaxError(f"cannot read the query at {pos}")
        pos = m.end()
        if m.group(1):
            end = q.find('"', pos)
            if end < 0:
                raise QuerySyntaxError('a quoted phrase is not closed: add the closing "')
            words = q[pos:end].split()
            if not words:
                raise QuerySyntaxError("an empty quoted phrase")
            out.append(("phrase", " ".join(words)))
            pos = end + 1
        elif m.group(2):
            out.append(("(", "("))
        elif m.group(3):
            out.append((")", ")"))
        else:
            word = m.group(4)
            if word in _OPS:
                out.append((word, word))
            elif word.startswith("-") and len(word) > 1:
                out.append(("NOT", "NOT"))
                out.append(("word", word[1:]))
            else:
                out.append(("word", word))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    # Each node is (lucene text, has a positive term).
    def or_expr(self) -> tuple[str, bool]:
        parts = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, ")", "OR", "AND"):
                raise QuerySyntaxError("OR needs a term on both sides")
            parts.append(self.and_expr())
        if len(parts) == 1:
            return parts[0]
        if not all(pos for _, pos in parts):
            raise QuerySyntaxError("each side of OR needs a word or phrase that is not negated")
        return "(" + " OR ".join(t for t, _ in parts) + ")", True

    def and_expr(self) -> tuple[str, bool]:
        parts = [self.unary()]
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.take()
                if self.peek() in (None, ")", "OR", "AND"):
                    raise QuerySyntaxError("AND needs a term on both sides")
            parts.append(self.unary())
        if not any(pos for _, pos in parts):
            raise QuerySyntaxError("NOT needs a word or phrase to subtract from, e.g. "
                                   "talks NOT ceasefire")
        if len(parts) == 1:
            return parts[0]
        positive = [t for t, pos in parts if pos]
        negative = [t for t, pos in parts if not pos]
        return "(" + " AND ".join(positive + [f"NOT {t}" for t in negative]) + ")", True

    def unary(self) -> tuple[str, bool]:
        if self.peek() == "NOT":
            self.take()
            if self.peek() in (None, ")", "OR", "AND"):
                raise QuerySyntaxError("NOT needs a word or phrase after it")
            text, pos = self.unary()
            if not pos:
                raise QuerySyntaxError("NOT NOT is not supported")
            return text, False
        return self.atom()

    def atom(self) -> tuple[str, bool]:
        kind = self.peek()
        if kind is None:
            raise QuerySyntaxError("the query ends where a word was expected")
        if kind in ("OR", "AND", ")"):
            raise QuerySyntaxError(f"unexpected {self.take()[1]}")
        tok = self.take()
        if tok[0] == "(":
            inner = self.or_expr()
            if self.peek() != ")":
                raise QuerySyntaxError("a parenthesis is not closed: add the closing )")
            self.take()
            return "(" + inner[0] + ")", inner[1]
        if tok[0] == "phrase":
            return '"' + _escape(tok[1].lower()) + '"', True
        return _term(tok[1]), True


def to_lucene(q: str) -> str:
    """The Lucene query for a boolean search string (QuerySyntaxError when it does not parse)."""
    tokens = _tokens(q)
    if not tokens:
        raise QuerySyntaxError("the query is empty")
    parser = _Parser(tokens)
    text, _ = parser.or_expr()
    if parser.peek() is not None:
        raise QuerySyntaxError(f"unexpected {parser.take()[1]}: a parenthesis is not opened")
    return text
