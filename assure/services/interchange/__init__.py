"""Registers in and out: import, export, backup and restore, the board pack."""
