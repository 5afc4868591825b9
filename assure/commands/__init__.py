"""Command groups of the CLI: each module parses, opens a session, calls services and prints."""
