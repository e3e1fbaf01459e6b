"""diarium's application API: the operations the CLI and the web server share.

Search, show, stats, ingest and reindex live here, one small module each; the click
commands and the web handlers only parse their input, call these functions and render
what comes back. Everything here takes a :class:`diarium.ingest.home.Home` and raises the typed
errors of :mod:`diarium.corpus.errors`.

Every piece of document text that leaves through this layer (hits' titles and snippets,
a document's pages, entities and metadata) passes :mod:`diarium.app.disclosure` first.
"""

from __future__ import annotations
