"""`python -m generator` runs the `junheng` command (the verb modules import generator.cli,
so running generator/cli/__init__.py itself as __main__ would load it twice)."""
from generator.cli import main

main()
