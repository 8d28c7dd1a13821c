"""cpne: the register of the Comité des partenaires du numérique pour l'éducation, kept as code."""

__version__ = "0.1.0"
