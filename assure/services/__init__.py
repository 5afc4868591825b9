"""Domain rules and use cases: no Textual, no printing; services take a session and today."""
