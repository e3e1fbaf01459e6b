"""Access classes in the index: the one field and the one filter that keep restricted
documents (sekretess) out of a reader's search.

A restricted document's pages carry the term ``restricted`` in the ``access`` field (and
its document row carries it too, so counts over document rows see it); public pages
carry nothing. A reader's query tree is ANDed with NOT that term before it runs, so
hits, totals and facet counts alike are computed without those documents, by the same
code paths as any other query. Which users see what is decided in ``diarium/app``.
"""

from __future__ import annotations

from whoosh import query

ACCESS_FIELD = "access"
RESTRICTED = "restricted"


def hide_restricted(tree: query.Query) -> query.Query:
    """The query tree with restricted documents left out."""
    return query.And([tree, query.Not(query.Term(ACCESS_FIELD, RESTRICTED))])
