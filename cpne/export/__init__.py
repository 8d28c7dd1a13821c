"""Exports of the register: Markdown documents rendered through Jinja2 templates, and one JSON document.

- :mod:`cpne.export.reading`   the register read once for exports: raw records by kind, sorted by id
- :mod:`cpne.export.fields`    typed access to a record's fields; a wrong shape stops the export, located
- :mod:`cpne.export.views`     the records as templates see them (plain frozen values, one language)
- :mod:`cpne.export.builder`   raw records turned into views; references resolved; statuses on a day
- :mod:`cpne.export.figures`   the report's figures
- :mod:`cpne.export.tables`    the register's tables: columns declared per kind, or derived from its schema
- :mod:`cpne.export.labels`    the words of each language (fr, en), read from the gettext catalogs; dates
- :mod:`cpne.export.markdown`  escaping of record content for GitHub-flavoured Markdown; Mermaid charts
- :mod:`cpne.export.render`    the Jinja2 environments (shipped templates; user templates in the sandbox)
- :mod:`cpne.export.jsondoc`   the JSON export (every record, ``schema_version``, source commit)
- :mod:`cpne.export.schema`    the JSON export's schema, built from the kinds' schemas
- :mod:`cpne.export.service`   one function per export, plus ``--check`` and ``-o``

Nothing here imports the command-line framework; Jinja2, markdown-it-py and
GitPython are imported only by the exports that need them.
"""
