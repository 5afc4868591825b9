"""Widgets the screens share: a table that keeps its cursor on a record, and paging."""
