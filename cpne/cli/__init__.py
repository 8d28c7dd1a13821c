"""The command line: the only package that imports typer and rich. It parses, calls the core, prints."""
