"""junheng (均衡): exact paperwork for 义务教育均衡发展.

One path through the code: fact file (facts) → validated facts → indicators →
verdicts (evaluate, via engine) → document context → template.
"""
__version__ = "0.1.0"
