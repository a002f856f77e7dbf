"""Publicity: the slogan corpus and the choice from it (corpus.py, themes.py from weak criteria, choice.py
for the verbs and the page), banner sizes (banners.py), one slogan per banner site (placement.py), the
banner list, print file and workbook (slogan_lists.py) and the centre's 宣传方案 (scheme.py). It sits above
render (documents) and criteria (weak criteria), beside the audit and the extractor."""
