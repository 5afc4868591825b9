"""assure: governance assurance registers and the annual SPR statement for an OPCC."""

__version__ = "0.1.0"
