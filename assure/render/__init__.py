"""Documents and outputs written from domain data: reminder digests, the statement, board packs."""
