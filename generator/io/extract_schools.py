"""Schools and lists in a report's text: the subject's name, 学段 and 城乡, and school lists.

`SchoolNames` is the part of the extractor (generator/io/extractor.py) that decides who a
text is about: the school or county it introduces ("星火小学是一所…", "XX县义务教育…汇报"),
and the schools a sentence lists with 、 ("红光、霍家庄、三交河三个小学生均用地面积分别为…"),
so that figures given "分别为" go to each named school.
"""
from __future__ import annotations

import re

from generator.io.cn_numbers import to_halfwidth
from generator.io.extraction import Subject
from generator.io.report_text import Sentence
from generator.io.report_words import _CJK, GOVERNMENT_WORDS, MENTION, SCHOOL_SUFFIX, SCOPE_WORDS, Mention


class SchoolNames:
    """Mixed into the extractor: uses its `main`, `schools`, `name_lists`, `scope_county`."""

    def _identify(self, sentences: list[Sentence]):
        """Name, 学段 and 城乡 of the subject, from the first sentences that state them."""
        # a name is believed where a report introduces its subject: "东社小学义务教育…汇报",
        # "星火小学是一所…", "左木中心校位于…", or a title line holding only the name
        school_name = re.compile(rf"(?:^|(?<=[^{_CJK}]))([{_CJK}]{{2,10}}?(?:{'|'.join(SCHOOL_SUFFIX)}))"
                                 r"(?=义务教育|均衡|自查|汇报|位于|地处|始建|创建|是一所|现有|$)"
                                 rf"|(?<=基本情况)([{_CJK}]{{2,10}}?(?:{'|'.join(SCHOOL_SUFFIX)}))")
        county_name = re.compile(rf"(?<![{_CJK}Xx])((?:[Xx]+|[{_CJK}]{{2,8}}?)(?:县|区|市|镇|乡|学区))"
                                 r"(?=县域|义务教育|均衡|自查|自评|汇报|基本情况|位于|地处|总面积|现有|共有|辖)")
        for sentence in sentences:
            half = to_halfwidth(sentence.text)
            if GOVERNMENT_WORDS.search(half):
                self.government_actor = True
            if SCOPE_WORDS.search(half) and MENTION.search(half):
                self.scope_county = True
            if self.main.name is None:
                for match in school_name.finditer(half):
                    name = _clean_name(match.group(1) or match.group(2))
                    if name and len(name) >= 3 and name not in ("我校", "本校", "学校", "农村小学"):
                        self.main.name = name
                        self.main.attributes["name"] = (name, sentence)
                        break
            if "location" not in self.main.attributes:
                for words, location in (("农村|乡村|山区|村小", "rural"), ("城区|市区|城市", "urban"),
                                        ("镇区|县城|集镇", "town")):
                    if re.search(rf"(?:位于|属于|地处|是一所)[^。]{{0,20}}(?:{words})", half):
                        self.main.attributes["location"] = (location, sentence)
                        break
        for sentence in sentences:
            match = next((m for m in county_name.finditer(to_halfwidth(sentence.text))
                          if not m.group(1).startswith(("全", "本", "我", "年"))), None)
            if match:
                self.main.attributes["county_name"] = (_clean_name(match.group(1)), sentence)
                break
        # A 中心校 / 学区 speaks for several schools: it is read as a county of its schools.
        name = self.main.name or ""
        if name.endswith(("中心校", "中心学校", "学区")) and self.scope_county is False:
            self.scope_county = any(re.search(r"全中心校|各校|[三四五六七八九十\d]+所", to_halfwidth(s.text))
                                    for s in sentences)

    def _subject_for(self, school: str | None) -> Subject:
        if school is None:
            return self.main
        if school not in self.schools:
            self.schools[school] = Subject(name=school)
        return self.schools[school]

    def _sentence_school(self, half: str) -> str | None:
        """A sentence that opens with a school the text has named ("1．石门小学生均运动场地面积仅…")
        is about that school: its figures, shortfalls and verdicts are the school's."""
        opening = re.sub(r"^\s*(?:[（(]?[\d一二三四五六七八九十]+[)）.．、]\s*)?", "", half)
        known = sorted((name for name in self.schools if name), key=len, reverse=True)
        return next((name for name in known if opening.startswith(name)), None)

    def _school_lists(self, sentence: Sentence, half: str, mentions: list[Mention]) -> dict:
        """Figures given "分别为" for a list of named schools → {id(mention): school}."""
        result = {}
        found = _name_lists(half)
        self.name_lists.extend(found)
        marker = re.search(r"分别(?:为|是|达到|达|有)?", half)
        if not marker:
            return result
        group = [m for m in mentions if m.start >= marker.end()]
        # the list runs while figures follow each other with only "、", "和" between them
        run = group[:1]
        for previous, current in zip(group, group[1:]):
            between = half[previous.end:current.start]
            if re.fullmatch(r"\s*[、,，和及与]\s*", between) and current.dimension == previous.dimension:
                run.append(current)
            else:
                break
        if len(run) < 2:
            return result
        names = next((names for names in reversed(found) if len(names) == len(run)), None)
        if names is None:
            names = next((names for names in reversed(self.name_lists) if len(names) == len(run)), None)
        if names is None:
            return result
        for mention, name in zip(run, names):
            result[id(mention)] = name
        return result


def _clean_name(name: str) -> str:
    for heading in ("基本情况", "情况", "如下", "汇报", "资料", "报告", "简介", "概况"):
        if heading in name and len(name.rsplit(heading, 1)[1]) >= 3:
            name = name.rsplit(heading, 1)[1]
    for prefix in ("我们", "我", "本", "全", "现就", "现", "位于", "属于", "关于", "在", "对", "的", "是", "年",
                   "和", "及", "为"):
        if name.startswith(prefix) and len(name) - len(prefix) >= 3:
            name = name[len(prefix):]
    return name


def _name_lists(half: str) -> list[list[str]]:
    """School names listed with 、 ("红光、霍家庄、三交河三个小学") → ["红光小学", "霍家庄小学", "三交河小学"]."""
    lists = []
    for match in re.finditer(rf"[{_CJK}]+(?:、[{_CJK}]+)+", half):
        items = match.group(0).split("、")
        last = items[-1]
        tail = re.match(rf"(.+?)(?:[一二两三四五六七八九十\d]+[个所]|等)({'|'.join(SCHOOL_SUFFIX)})?", last)
        if not tail:
            continue   # not a list of schools: no "三个小学" / "等" after the names
        suffix = tail.group(2) or ""
        items[-1] = tail.group(1)
        first = items[0]
        if not first.endswith(SCHOOL_SUFFIX):
            cut = max(first.rfind(char) for char in "校乡镇县区")
            if cut >= 0 and len(first) - cut - 1 >= 2:
                items[0] = first[cut + 1:]
        names = []
        for item in items:
            if not 2 <= len(item) <= 12:
                break
            if suffix and not item.endswith(SCHOOL_SUFFIX):
                item += suffix if suffix not in ("学校", "校") else ""
            names.append(item)
        else:
            if suffix:
                lists.append(names)
    return lists
