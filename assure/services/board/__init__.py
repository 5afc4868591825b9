"""The Business Coordination Board: meetings, agenda items and the action log."""
