"""Exports of the register: Markdown documents rendered through Jinja2 templates, and one JSON document.

- :mod:`cpne.export.labels`    words of each language (fr, en) and dates as each language writes them
- :mod:`cpne.export.model`     the register read once into plain, sorted, typed values; figures computed here
- :mod:`cpne.export.markdown`  escaping of record content for GitHub-flavoured Markdown; Mermaid charts
- :mod:`cpne.export.render`    the Jinja2 environments (shipped templates; user templates in the sandbox)
- :mod:`cpne.export.jsondoc`   the JSON export (every record, ``schema_version``, source commit)
- :mod:`cpne.export.service`   one function per export, plus ``--check`` and ``-o``

Nothing here imports the command-line framework; Jinja2, markdown-it-py and
GitPython are imported only by the exports that need them.
"""
