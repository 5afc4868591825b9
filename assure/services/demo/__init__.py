"""The demo database for the fictional Anyshire Constabulary (never used by real records)."""
