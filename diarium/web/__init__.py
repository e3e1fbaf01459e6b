"""diarium's web server: a search page, document pages and a JSON API over one home.

Handlers parse the request, call the application API (:mod:`diarium.app`) and render
what it returns; they never touch the corpus store, the index or a file path themselves.
"""
