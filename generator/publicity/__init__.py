"""Publicity: the slogan corpus and the choice from it (corpus.py, themes.py from weak criteria, choice.py
for the verbs and the page), banner sizes (banners.py), one slogan per banner site (placement.py), the
banner list, print file and workbook (slogan_lists.py) and the centre's 宣传方案 (scheme.py). It reads
the evaluation it is given and imports only io and the foundation; in the layer order it sits beside
the audit and the extractor, under the front ends."""
