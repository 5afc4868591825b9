"""The annual SPR assurance statement: gather, judge, store, approve, verify."""
