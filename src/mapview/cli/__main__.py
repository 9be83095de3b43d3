"""``python -m mapview.cli``: the same command line as ``mapview``."""

from mapview.cli import main

main()
