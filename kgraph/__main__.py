"""Run the command line as ``python -m kgraph``."""

from kgraph.cli import main

main()
