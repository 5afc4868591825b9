"""Allow `python -m assure` (the same entry point as the `assure` console script)."""

from assure.entry import main

main()
