"""HMICFRS reports, their graded areas and findings, and the s55 response."""
