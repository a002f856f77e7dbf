"""Mapping a report's figures to fields: each figure becomes a fact, claim, breakdown or unrecognised.

The extractor walks the sentences (generator/extract/report_text.py), finds the figures of each
(generator/extract/report_words.py), and decides what each one is: a fact of the school or county,
a claim (per student, per 100 students, a shortfall against a stated standard, a verdict, a
second statement of a fact), a breakdown (a total and its parts), or a figure it could not tie
to a field (listed, never dropped). Who the text is about comes from
generator/extract/schools.py; the result is an Extraction (generator/extract/extraction.py).
"""
from __future__ import annotations

import re
from decimal import Decimal

from generator.model import schema
from generator.extract.cn_numbers import parse_cn_number, to_halfwidth
from generator.extract.schools import SchoolNames, clean_name
from generator.extract.extraction import Extraction, Item, Subject
from generator.extract.report_text import Line, Sentence, sentences_of
from generator.extract.report_words import (CLAUSE_SEP, ADDITION, BOUND_AFTER, BOUND_BEFORE, DEFICIT, GROWTH,
                                       MEASURE_WORDS, PER_100, PER_STUDENT, PRESENT, RATIO, SCHOOL_SUFFIX,
                                       STANDARD, SUBJECT_LINE, SUBJECT_WORDS, TARGET, TOTAL_WORDS, VERDICT_WORD,
                                       Mention, figure_label, strip_fillers, field_for, find_mentions, schema_type)


SCHOOL_KEYS = {fld.key for fld in schema.SCHOOL_FIELDS}
# A top-level heading ("六、下一步打算") and the ones that open a section of plans rather than facts.
SECTION_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*[^，,。；;]{2,20}$")
PLAN_SECTION = re.compile(r"下一步|打算|整改|措施|计划|努力方向|工作思路|工作重点|目标任务")
# 学段 words of a school table's 类型 column
STAGE_OF_LABEL = {label: part for part, label in schema.PART_LABELS.items()}    # 小学 → primary
STAGE_OF_TYPE = {"小学": "primary", "完全小学": "primary", "初级中学": "junior", "初中": "junior",
                 "九年一贯制学校": "nine_year", "九年一贯制": "nine_year", "完全中学": "complete_middle",
                 "十二年一贯制学校": "twelve_year", "十二年一贯制": "twelve_year", "教学点": "teaching_point"}
STAGE_SUBSET = re.compile(r"\s*(?:[（(]?[\d一二三四五六七八九十]+[)）.．、]\s*)?(?:小学|初中)[（(][^）)]*所学校")


# ---------------------------------------------------------------- the extractor
class Extractor(SchoolNames):
    def __init__(self, source: str, rule_for_field: dict[str, str]):
        self.source = source
        self.rule_for_field = rule_for_field
        self.main = Subject()
        self.schools: dict[str, Subject] = {}
        self.unrecognised: list[Item] = []
        self.assumptions: list[str] = []
        self.name_lists: list[list[str]] = []     # school lists met so far ("红光、霍家庄、三交河")
        self.scope_county = False
        self.government_actor = False     # "区委、区政府…": counts only when no school is named

    # -- whole document
    def run(self, lines: list[Line]) -> Extraction:
        sentences = sentences_of(lines)
        self._identify(sentences)
        in_plan = False
        for sentence in sentences:
            heading = SECTION_HEADING.match(to_halfwidth(sentence.text))
            if heading:
                # a section of what is still to be done: every figure in it is a target
                in_plan = bool(PLAN_SECTION.search(heading.group(0)))
            if in_plan and not heading:
                for mention in find_mentions(sentence.text):
                    mention.label = figure_label(mention.context) or strip_fillers(mention.after)
                    self._unrecognised(mention, sentence, "target")
                continue
            self._sentence(sentence)
        kind = "county" if (self.scope_county or self.schools or
                            (self.government_actor and self.main.name is None)) else "school"
        self._finish(kind)
        kind = self.kind
        return Extraction(self.source, kind, self.main, self.schools, self.unrecognised, self.assumptions,
                          title=_title(lines))

    def _item(self, kind, data, sentence: Sentence, school=None, note="") -> Item:
        if kind == "claim" and "stage" not in data:
            # "红星九年一贯制学校初中部：生均…", "生均图书册数（小学部）": a figure of one 学段 of a
            # school spanning 学段 is checked against that 学段 (one 学段 named, not two)
            named = {stage for stage, suffix in schema.PART_SUFFIX.items() if suffix in sentence.text}
            if len(named) == 1:
                data["stage"] = named.pop()
        return Item(kind, data, sentence.text, sentence.line.number, sentence.line.where, school, note)

    def _unrecognised(self, mention: Mention | None, sentence: Sentence, reason: str, label=None,
                      value=None, unit=None):
        data = {"value": mention.value if mention else value,
                "unit": (mention.unit if mention else unit) or "",
                "label": label if label is not None else (mention.label if mention else ""),
                "reason": reason}
        if mention is not None:
            data["written"] = mention.raw + mention.multiplier_text + mention.approx
        self.unrecognised.append(self._item("unrecognised", data, sentence))
        if mention is not None:
            mention.role = "unrecognised"

    # -- one sentence
    def _sentence(self, sentence: Sentence):
        half = to_halfwidth(sentence.text)
        consumed: list[tuple[int, int]] = []
        self._subject_lines(sentence, half, consumed)
        standards = self._standards(half, consumed)
        mentions = [m for m in find_mentions(sentence.text)
                    if not any(start <= m.start < end for start, end in consumed)]
        self._ratios(sentence, half, consumed)
        row_school = re.match(r"\s*(?:学校名称|学校|校名|单位名称|单位)[:：]\s*([^，,；;：:]{2,20}?)\s*[，,；;。]", half)
        if row_school:
            # a school table's row names a school even where it gives no figure with a unit, so that
            # later sentences opening with its name are read as about it
            named = self._subject_for(clean_name(row_school.group(1)))
            kind = re.search(r"(?:类型|学校类型|类别)[:：]\s*([^，,；;。]+)", half)
            stage = STAGE_OF_TYPE.get(kind.group(1).strip()) if kind else None
            if stage and "stage" not in named.attributes:
                named.attributes["stage"] = (stage, sentence)
        if not mentions:
            return
        if STAGE_SUBSET.match(half):
            # "1．小学（8所学校，在校生7770人）": a 学段 heading over the schools of a table (those
            # entering the 差异系数), not the county's whole 学段
            for mention in mentions:
                self._unrecognised(mention, sentence, "stage_subset")
            return
        groups = self._school_lists(sentence, half, mentions)
        if row_school:
            # a table row of one school (docx tables are read as "学校：红光小学，在校生数120人，…")
            for mention in mentions:
                groups.setdefault(id(mention), clean_name(row_school.group(1)))
        for mention in mentions:
            after_label = strip_fillers(mention.after)
            if mention.unit in MEASURE_WORDS and after_label:
                mention.label = after_label      # "40个蹲位", "10个行政村": the noun follows
            else:
                mention.label = figure_label(PER_STUDENT.sub("", DEFICIT.sub("", mention.context))) or after_label
            self._classify(mention, mentions, half)
        for mention in mentions:
            if _after_target(half, mention.start):
                self._unrecognised(mention, sentence, "target")
            elif mention.measure == "value" and mention.dimension != "money" and ADDITION.search(mention.context):
                # "采购图书4115册": what is bought or built, not what the school has
                self._unrecognised(mention, sentence, "addition")
            elif BOUND_AFTER.match(mention.after) or BOUND_BEFORE.search(half[:mention.start]):
                self._unrecognised(mention, sentence, "bound")
        mentions = [mention for mention in mentions if not mention.role]
        sentence_school = self._sentence_school(half)
        if sentence_school:
            for mention in mentions:
                groups.setdefault(id(mention), sentence_school)
        self._verdicts_and_deficits(sentence, half, mentions, standards, sentence_school)
        self._stage_counts(sentence, half, mentions, groups)
        self._breakdowns(sentence, half, mentions)
        for mention in mentions:
            if mention.role:
                continue
            school = groups.get(id(mention))
            if mention.measure == "growth":
                self._unrecognised(mention, sentence, "growth")
            elif mention.field is None:
                self._unrecognised(mention, sentence, "no_field")
            elif mention.measure in ("per_student", "per_100_students"):
                self._claim(sentence, mention, mention.measure, school=school)
            elif mention.measure == "value":
                self._fact(sentence, mention, school)
            else:
                self._unrecognised(mention, sentence, "no_field")
        for mention in mentions:
            if not mention.role:   # never dropped: whatever found no place is listed
                self._unrecognised(mention, sentence, "no_field")

    def _classify(self, mention: Mention, mentions: list[Mention], half: str):
        context = mention.context
        if GROWTH.search(context) and mention.dimension in ("rate", "points"):
            mention.measure = "growth"
        elif PER_100.search(context):
            mention.measure = "per_100_students"
        elif PER_STUDENT.search(context):
            mention.measure = "per_student"
        elif DEFICIT.search(context):
            mention.measure = "deficit"
        label_text = PER_100.sub("", PER_STUDENT.sub("", context))
        mention.field = field_for(label_text, mention.dimension)
        if mention.field == "teachers":
            # "体育、艺术（美术、音乐）专任教师数为1人": the kind of teacher stands before the 、 and （
            index = mentions.index(mention)
            start = mentions[index - 1].end if index else 0
            wide = re.split(r"[，,；;。]", half[start:mention.start])[-1]
            mention.field = field_for(PER_100.sub("", PER_STUDENT.sub("", wide)), mention.dimension)
            if mention.measure == "value" and PER_100.search(wide):
                mention.measure = "per_100_students"
            elif mention.measure == "value" and PER_STUDENT.search(wide):
                mention.measure = "per_student"
        if mention.field is None and mention.unit in ("个", "所", "间", "名", "人", "位", "台", "册"):
            mention.field = field_for(mention.after, mention.dimension)
        if mention.field is None and not strip_fillers(DEFICIT.sub("", label_text)):
            # A bare "生均3.7平方米" or "、28平米" continues the figure before it.
            index = mentions.index(mention)
            for earlier in reversed(mentions[:index]):
                if earlier.field and earlier.dimension == mention.dimension:
                    mention.field = earlier.field
                    if not PER_STUDENT.search(context) and not PER_100.search(context) \
                            and not DEFICIT.search(context) and earlier.measure != "value":
                        mention.measure = earlier.measure
                    break
        if mention.field is None and mention.measure in ("per_student", "per_100_students", "deficit") \
                and not strip_fillers(DEFICIT.sub("", label_text)):
            # "尚缺…台" with the subject named once at the start of the sentence
            mention.field = field_for(half[:mention.start], mention.dimension)
        if mention.field and mention.measure == "per_student" and mention.field in (
                "classes", "students", "multimedia_classrooms"):
            mention.field = None   # "生均…个班" is not a measure anyone states

    # -- special sentence shapes
    def _subject_lines(self, sentence: Sentence, half: str, consumed: list):
        for match in SUBJECT_LINE.finditer(half):
            subject_word = match.group("subject")
            subject = SUBJECT_WORDS.get(subject_word, subject_word)
            required, actual = int(match.group("required")), int(match.group("actual"))
            consumed.append((match.start(), match.end()))
            target = self._subject_for(None)
            teachers = target.facts.get("subject_teachers")
            if teachers is None:
                teachers = self._item("fact", {"key": "subject_teachers", "value": {}}, sentence)
                target.facts["subject_teachers"] = teachers
            teachers.data["value"][subject] = {"required": required, "actual": actual}
            teachers.data.setdefault("sources", {})[subject] = (sentence.text, sentence.line.number)
            if match.group("short") is not None:
                label = schema.SUBJECT_LABELS.get(subject, subject_word)
                target.breakdowns.append(self._item("breakdown", {
                    "of": f"{label}教师应配", "total": Decimal(required),
                    "parts": {"实配": Decimal(actual), "尚缺": Decimal(match.group("short"))}}, sentence))

    def _standards(self, half: str, consumed: list) -> list[dict]:
        standards = []
        for match in STANDARD.finditer(half):
            num = match.group("num") or match.group("num2")
            mult = match.group("mult") or match.group("mult2") or ""
            try:
                value = parse_cn_number(num + mult)
            except ValueError:
                continue
            start = match.start("num") if match.group("num") else match.start("num2")
            consumed.append((start, match.end()))
            verdict = None
            for word in VERDICT_WORD.finditer(half[max(0, match.start() - 16):match.start() + 2]):
                verdict = word.group(1)
            standards.append({"value": value, "raw": num + mult, "start": match.start(), "end": match.end(),
                              "verdict": verdict, "used": False})
        return standards

    def _ratios(self, sentence: Sentence, half: str, consumed: list):
        for match in RATIO.finditer(half):
            if any(start <= match.start() < end for start, end in consumed):
                continue
            before = half[max(0, match.start() - 8):match.start()]
            if not re.search(r"比|师|生|机", before):
                continue   # a time of day or a score, not a ratio a report states about a school
            label = strip_fillers(re.split(rf"[{re.escape(CLAUSE_SEP)}]", before)[-1])
            reason = "target" if _after_target(half, match.start()) else "ratio"
            self._unrecognised(None, sentence, reason, label=label, value=match.group(0), unit="")

    # -- claims and facts
    def _claim(self, sentence: Sentence, mention: Mention, measure: str, school=None, standard=None,
               of=None, value=None):
        data = {"of": of or mention.field, "measure": measure}
        data["value"] = value if value is not None else mention.value
        data["written"] = mention.written if value is None else None
        if standard is not None:
            data["standard"] = standard
        subject = self._subject_for(school)
        subject.claims.append(self._item("claim", data, sentence, school,
                                         note="约" if mention.approx else ""))
        mention.role = "claim"

    def _fact(self, sentence: Sentence, mention: Mention, school=None):
        subject = self._subject_for(school)
        key = mention.field
        value = mention.value / 100 if mention.dimension == "rate" else mention.value
        note = {"多": f"原文为“{mention.raw}多”，按 {mention.raw} 计", "余": f"原文为“{mention.raw}余”，按 {mention.raw} 计",
                "约": "原文为约数"}.get(mention.approx, "")
        if key in subject.facts:
            existing = subject.facts[key]
            if existing.data["value"] != value:
                # a second, different statement of the same fact: the audit shows the contradiction
                self._claim(sentence, mention, "rate" if mention.dimension == "rate" else "value", school)
            mention.role = "fact"
            return
        data = {"key": key, "value": value, "written": mention.written}
        if mention.dimension == "rate":
            data["percent_written"] = mention.raw
        subject.facts[key] = self._item("fact", data, sentence, school, note=note)
        mention.role = "fact"

    def _verdicts_and_deficits(self, sentence: Sentence, half: str, mentions: list[Mention], standards,
                               school: str | None = None):
        last_field = None
        for mention in mentions:
            if mention.measure in ("per_student", "per_100_students") and mention.field:
                last_field = mention.field
            if mention.measure != "deficit":
                continue
            standard = next((s for s in reversed(standards) if s["start"] < mention.start), None)
            of = mention.field or last_field
            if of is None:
                continue
            if standard is None and of not in self.rule_for_field:
                # without a stated standard only a rule of the profile says what the shortfall is against
                mention.label = mention.label or schema.label_of(of)
                self._unrecognised(mention, sentence, "deficit_without_standard")
                continue
            if standard is not None:
                standard["used"] = True
            value = standard["value"] if standard else None
            floor = re.search(r"达到(?:标准的)?(\d+(?:\.\d+)?)%[^，,；;。]*$", half[max(0, mention.start - 30):mention.start])
            if floor and value is not None:
                # "达到85%尚需增加…": the shortfall to 85 % of the standard (优质均衡's floor)
                value = value * Decimal(floor.group(1)) / 100
            self._claim(sentence, mention, "deficit", standard=value, of=of, school=school)
        for standard in standards:
            if not standard["verdict"]:
                continue
            positive = not re.match(r"未|没|达不到|低于|不足|不到", standard["verdict"])
            before = [m for m in mentions if m.start < standard["start"] and m.field
                      and m.measure in ("per_student", "per_100_students")]
            after = [m for m in mentions if m.start > standard["end"] and m.field]
            anchor = before[-1] if before else (after[0] if after else None)
            if anchor is None:
                self._unrecognised(None, sentence, "standard_without_figure", label=standard["verdict"] + "标准",
                                   value=standard["value"])
                continue
            rule_id = self.rule_for_field.get(anchor.field)
            verdict = "pass" if positive else "fail"
            subject = self._subject_for(school)
            if rule_id:
                subject.claims.append(self._item("claim", {"of": rule_id, "measure": "verdict", "value": verdict,
                                                           "standard": standard["value"]}, sentence, school))
            elif standard["used"]:
                pass   # the stated shortfall against this standard is already a deficit claim
            elif positive:
                # "达到标准(S)" with no rule for the field: the stated shortfall against S is nil
                subject.claims.append(self._item("claim", {"of": anchor.field, "measure": "deficit",
                                                           "value": Decimal(0), "written": "0",
                                                           "standard": standard["value"]}, sentence, school,
                                                 note="由“达到标准”推得：尚缺为 0"))
            else:
                self._unrecognised(None, sentence, "verdict_without_rule",
                                   label=f"{schema.label_of(anchor.field)}{standard['verdict']}标准",
                                   value=standard["value"])

    def _stage_counts(self, sentence: Sentence, half: str, mentions: list[Mention], groups: dict):
        """"专任教师74人（小学36人、初中38人）": a count that a school spanning 学段 keeps per 学段
        (students, teachers …), followed by each 学段's count in brackets, is that fact per 学段
        ({primary: 36, junior: 38}); the brackets are also a breakdown of the total written before
        them, so a total that is not their sum is found."""
        for index, total in enumerate(mentions):
            if total.role or total.measure != "value" or total.field is None \
                    or schema_type(total.field) != "stage_count" or not re.match(r"\s*\(", half[total.end:]):
                continue
            close = half.find(")", total.end)
            inside = [m for m in mentions[index + 1:] if close < 0 or m.start < close]
            stages: dict[str, Mention] = {}
            for part in inside:
                stage = STAGE_OF_LABEL.get(strip_fillers(part.label or "").strip())
                if stage is None or stage in stages or part.role or part.unit != total.unit:
                    stages = {}
                    break
                stages[stage] = part
            if len(stages) < 2 or groups.get(id(total)) is not None:
                continue
            subject = self.main
            value = {stage: part.value for stage, part in stages.items()}
            existing = subject.facts.get(total.field)
            if existing is None:
                data = {"key": total.field, "value": value, "written": total.written}
                subject.facts[total.field] = self._item("fact", data, sentence)
            elif existing.data["value"] != value:
                self._claim(sentence, total, "value")
            data = {"of": total.field, "total": total.value, "total_written": total.written,
                    "parts": {schema.PART_LABELS[stage]: part.value for stage, part in stages.items()}}
            subject.breakdowns.append(self._item("breakdown", data, sentence))
            total.role = total.role or "fact"
            for part in stages.values():
                part.role = "part"

    def _breakdowns(self, sentence: Sentence, half: str, mentions: list[Mention]):
        candidates = [m for m in mentions if not m.role and m.measure == "value"]
        # "其中" introduces parts of the figure before it
        for index, mention in enumerate(candidates):
            context_before = half[candidates[index - 1].end if index else 0:mention.start]
            if "其中" not in context_before:
                continue
            parts = [mention]
            for following in candidates[index + 1:]:
                if following.dimension != mention.dimension and not (
                        {following.dimension, mention.dimension} <= {"things", "rooms"}):
                    break
                parts.append(following)
            totals = [m for m in candidates[:index] if _same_kind(m, mention)]
            if not totals:
                continue
            total = _best_total(totals, parts)
            self._add_breakdown(sentence, total, parts)
            return
        # "…16台，…100台，…24台，总台数140台": the total comes last
        for index, mention in enumerate(candidates):
            if not TOTAL_WORDS.search(mention.context) or index < 2:
                continue
            # parts named by another field ("在校学生540人") are not parts of "教职工总数36人"
            parts = [m for m in candidates[:index] if _same_kind(m, mention) and not m.role
                     and m.field in (None, mention.field)]
            if len(parts) >= 2:
                self._add_breakdown(sentence, mention, parts)
                return

    def _add_breakdown(self, sentence: Sentence, total: Mention, parts: list[Mention]):
        head = re.split(rf"[{re.escape(CLAUSE_SEP)}]", to_halfwidth(sentence.text))[0]
        total.field = total.field or field_for(head, total.dimension)
        of = total.field or total.label or "合计"
        named: dict[str, Decimal] = {}
        for number, part in enumerate(parts, start=1):
            label = part.label or f"分项{number}"
            while label in named:
                label += "'"
            named[label] = part.value / 100 if part.dimension == "rate" else part.value
            if part.field and not part.role and part.field != of:
                self._fact(sentence, part)
            part.role = part.role or "part"
        data = {"of": of, "total": total.value, "parts": named, "total_written": total.written}
        self.main.breakdowns.append(self._item("breakdown", data, sentence))
        if total.field and not total.role:
            self._fact(sentence, total)
        total.role = total.role or "total"

    def _finish(self, kind: str):
        if kind == "school" and "students" not in self.main.facts:
            # A school's fact file needs its 在校生数; without it nothing per student can be
            # recomputed, so the figures are written as a county file of no schools (valid for
            # the audit, which then lists them as not checkable) and the reader is told why.
            self.assumptions.append("no_students")
            kind = "county"
        self.kind = kind
        if kind == "school":
            name = self.main.name
            stage = None
            for suffix, value in (("九年一贯制", "nine_year"), ("十二年一贯制", "twelve_year"),
                                  ("完全中学", "complete_middle"), ("初级中学", "junior"), ("初中", "junior"),
                                  ("教学点", "teaching_point"), ("小学", "primary"), ("完小", "primary"),
                                  ("中学", "junior")):
                if name and suffix in name:
                    stage = value
                    break
            if stage is None:
                stage = "primary"
                self.assumptions.append("stage")
            self.main.attributes["stage"] = (stage, None)
            if name is None:
                self.assumptions.append("name")
        else:
            county_name = self.main.attributes.get("county_name", (None, None))
            if county_name[0] and (self.main.name is None or self.main.name in self.schools
                                   or self.main.name.endswith(SCHOOL_SUFFIX)):
                # the first school name met was one of the county's schools (or a kind of school
                # the text speaks of), not the county
                self.main.name = county_name[0]
                self.main.attributes["name"] = county_name
            name = self.main.name
            if name is None:
                self.assumptions.append("name")
            self.main.name = name
            # county files carry no school fields: the county's own counts become claims about
            # the sum over its schools, which the audit can recompute once schools are listed
            moved = []
            for key, item in list(self.main.facts.items()):
                if key in {fld.key for fld in schema.COUNTY_FIELDS}:
                    continue
                del self.main.facts[key]
                value = item.data["value"]
                if isinstance(value, dict) and key != "subject_teachers":
                    value = sum(value.values())      # a county's count is one figure, its 学段 summed
                if key == "subject_teachers":
                    for subject, counts in value.items():
                        text, line = item.data["sources"][subject]
                        self._unrecognised(None, Sentence(text, Line(line, f"第 {line} 行", text)),
                                           "county_subject_teachers", label=schema.SUBJECT_LABELS.get(subject, subject),
                                           value=f"{counts['required']}/{counts['actual']}")
                    continue
                if schema_type(key) not in ("number", "count", "stage_count"):
                    # a county states no rate of a school field the audit could add up (巩固率 is
                    # a county statistic, not a sum over schools)
                    self._unrecognised(None, Sentence(item.text, Line(item.line, item.where, item.text)),
                                       "county_rate", label=schema.label_of(key),
                                       value=item.data.get("percent_written") or value * 100, unit="%")
                    continue
                measure = "value"
                moved.append(Item("claim", {"of": key, "measure": measure, "value": value,
                                            "written": item.data.get("written")},
                                  item.text, item.line, item.where, None, item.note))
            self.main.claims[:0] = moved
            self._county_claims_checkable()

    def _county_claims_checkable(self):
        """A county's own claims are checked as sums over its schools (and against its conditions);
        a shortfall or a basic-condition verdict is a school's, and a sum is checkable only when every
        school the text lists can be loaded. Anything else is listed, not turned into a claim the
        audit would refuse or get wrong."""
        extraction = Extraction(self.source, "county", self.main, self.schools)
        loadable = [extraction.checkable_school(name) for name in self.schools]
        # some schools loaded and some not: a sum would be over part of the county (with none
        # loaded the audit itself says the county lists no schools to add up)
        complete = all(loadable) or not any(loadable)
        kept = []
        for item in self.main.claims:
            data = item.data
            school_rule = data["measure"] == "verdict" and data["of"] in self.rule_for_field.values()
            if data["measure"] == "deficit" or school_rule or (not complete and data["of"] in SCHOOL_KEYS):
                reason = "county_shortfall" if data["measure"] in ("deficit", "verdict") else "schools_pending"
                value = data.get("written") or data["value"]
                self.unrecognised.append(Item("unrecognised", {
                    "value": value, "unit": "", "label": schema.label_of(data["of"]), "reason": reason},
                    item.text, item.line, item.where, None, item.note))
            else:
                kept.append(item)
        self.main.claims[:] = kept


def _title(lines: list[Line]) -> str | None:
    """The report's own title: among its first lines, one that names a report and is no sentence."""
    for line in lines[:5]:
        text = re.sub(r"\s*\n\s*", "", line.text.strip())      # a title set on two lines is one title
        if 4 <= len(text) <= 60 and re.search(r"报告|汇报|自评|自查|材料", text) and not re.search(r"[，。；,;]", text):
            return text
    return None


def _after_target(half: str, position: int) -> bool:
    """A figure is a target when a target word ("确保", "不低于" …) comes before it in its sentence
    and no word of the present ("现有") comes between: "未达到不高于8:1的要求" leaves the 8.9:1 before
    it a statement of the present."""
    before = half[:position]
    last = None
    for last in TARGET.finditer(before):
        pass
    return last is not None and not PRESENT.search(before[last.end():])


def _same_kind(a: Mention, b: Mention) -> bool:
    return a.dimension == b.dimension or {a.dimension, b.dimension} <= {"things", "rooms"}


def _best_total(totals: list[Mention], parts: list[Mention]) -> Mention:
    """The figure the parts belong to: the one whose label shares a word with theirs, else the nearest."""
    def shared(a: str, b: str) -> int:
        best = 0
        for i in range(len(a)):
            for j in range(i + 2, len(a) + 1):
                if a[i:j] in b:
                    best = max(best, j - i)
        return best
    scored = [(max(shared(total.label, part.label) for part in parts), index, total)
              for index, total in enumerate(totals)]
    best_score = max(score for score, _, _ in scored)
    if best_score >= 2:
        return max((item for item in scored if item[0] == best_score), key=lambda item: item[1])[2]
    return totals[-1]
