"""Run the command line as ``python -m kgraph``."""

from .cli import main

main()
