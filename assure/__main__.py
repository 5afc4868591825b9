"""Allow `python -m assure`."""

from assure.cli import main

main()
