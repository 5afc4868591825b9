"""Dialogs: a form for every record, a yes/no question, help and history."""
