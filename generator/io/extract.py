"""Figures from a submitted report's prose → facts, claims, breakdowns (issue 6).

Inspectors receive Word documents and plain text, not fact files. This module reads a
report (.docx paragraphs and tables, or .txt in UTF-8 / GBK / GB18030), splits it into
sentences, finds every figure written with a unit ("学生981人", "13125平方米", "1.2万元",
"一千二百三十四册", "47%"), and decides what each one is:

* a **fact** of the school or county (a key of generator/model/schema.py: students, land_area_m2 …);
* a **claim** in the contract.md shape `{of, measure, value, standard?, text, line}` —
  a per-student value ("生均13.4平方米"), a per-100-students value, a shortfall against a
  stated standard ("低于标准面积(14㎡)，尚缺校地面积5230㎡"), a verdict ("未达到市级标准(15册)"),
  or a second, different statement of a fact already given;
* a **breakdown**: a total and the parts listed for it ("其中…元；…元", "…16台，…100台，总台数…台",
  "音乐应配5人实配3人尚缺2人");
* **unrecognised**: a figure that could not be tied to a field (教职工, 门卫, 参培率, a growth
  rate, a target "确保…不低于…"). These are listed, never dropped.

Every item keeps the sentence it came from and its line (.txt: the line of the file;
.docx: the paragraph or table row counted in document order, "表1第2行").

Several schools in one text ("红光、霍家庄、三交河三个小学生均用地面积分别为23平米、28平米、14.6平米"):
the document becomes a county file and each named school gets its own figures. A school
whose 在校生数 the text does not give cannot be recomputed; `to_fact_yaml()` writes it as a
commented-out inline school (its claims included) for the inspector to complete, and the
audit lists those figures as not yet checkable rather than pretending to check them.

Values are kept as written: "9.60" is written `9.60` in the fact file so the audit's
tolerance (one unit in the last digit written) sees the report's own precision.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.model import schema
from generator.io.cn_numbers import parse_cn_number, to_halfwidth, written_digits
from generator.errors import InputError, InputErrors
from generator.i18n import MESSAGES as _ALL_MESSAGES

MESSAGES = {
    "report_not_text": {"zh": "无法识别文件编码（已尝试 UTF-8、GB18030）",
                        "en": "cannot decode the file (tried UTF-8 and GB18030)"},
    "report_bad_docx": {"zh": "不是有效的 Word（.docx）文件：{detail}",
                        "en": "not a valid Word (.docx) file: {detail}"},
    "report_suffix": {"zh": "报告应为 .docx 或 .txt 文件，实际是“{suffix}”",
                      "en": "a report must be a .docx or .txt file, got '{suffix}'"},
    "report_empty": {"zh": "报告中没有文字", "en": "the report contains no text"},
}
_ALL_MESSAGES.update(MESSAGES)

# ---------------------------------------------------------------- vocabulary
# Unit → dimension. Figures are tied to a field only when the dimensions agree, so that
# "学生用100台" is never read as a count of students.
UNIT_DIMENSION = {
    "平方米": "area", "平米": "area", "㎡": "area", "m2": "area", "m²": "area",
    "平方公里": "land_km2", "亩": "mu", "米": "length",
    "元": "money",
    "人": "people", "名": "people", "位": "people", "人次": "visits",
    "%": "rate", "‰": "permille", "个百分点": "points",
    "个": "things", "所": "things", "间": "rooms", "台": "machines", "套": "sets", "册": "volumes",
    "本": "volumes", "辆": "vehicles", "Mbps": "bandwidth", "mbps": "bandwidth", "M": "bandwidth",
    "兆": "bandwidth",
}
_UNITS_BY_LENGTH = sorted(UNIT_DIMENSION, key=len, reverse=True)

# (field key, keywords, dimensions) — most specific first: "校舍总建筑面积" is a building area,
# "教学及辅助用房" is not the whole building.
FIELD_WORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("teaching_aux_area_m2", ("教学及辅助用房", "教学辅助用房", "教学及教学辅助用房"), ("area",)),
    ("dormitory_area_m2", ("宿舍",), ("area",)),
    ("sports_area_m2", ("体育运动场馆", "运动场", "体育场", "操场", "活动场地"), ("area",)),
    ("building_area_m2", ("校舍", "建筑面积"), ("area",)),
    ("land_area_m2", ("占地", "用地", "校园面积", "校地", "校园总面积"), ("area",)),
    ("equipment_value_yuan", ("仪器设备", "教学仪器", "设备值", "设备总值"), ("money",)),
    ("books", ("图书", "藏书"), ("volumes",)),
    ("computers", ("计算机", "电脑"), ("machines",)),
    ("multimedia_classrooms", ("多媒体教室", "班班通"), ("rooms", "things")),
    ("internet_bandwidth_mbps", ("带宽", "宽带", "光纤接入"), ("bandwidth",)),
    ("qualified_degree_rate", ("学历合格率",), ("rate",)),
    ("network_space_rate", ("网络学习空间",), ("rate",)),
    ("retention_rate", ("巩固率",), ("rate",)),
    ("teachers_above_required_degree", ("高于规定学历",), ("people",)),
    ("teachers_mid_senior_title", ("中级及以上", "中高级职称"), ("people",)),
    ("classes", ("教学班", "班级", "个班"), ("things",)),
    ("teachers", ("专任教师", "教师"), ("people",)),
    ("students", ("在校生", "在校学生", "学生", "小学生", "中学生"), ("people",)),
)
# Words that make a figure something else than the field its keyword names.
NOT_FIELD_WORDS = ("教职工", "门卫", "宿舍管理", "寄宿生", "留守", "残疾", "贫困", "毕业", "招生",
                   "参培", "特岗", "交流", "轮岗", "教职员", "后勤", "保安", "工勤", "幼儿",
                   "学生用", "教师用", "办公用", "增长", "增加", "新增", "减少")
SUBJECT_WORDS = {label: key for key, label in schema.SUBJECT_LABELS.items()}
SUBJECT_WORDS.update({"信息": "it", "心理": "mental_health", "体育与健康": "pe"})

MEASURE_WORDS = ("个", "所", "间", "台", "套", "本", "辆", "名", "位", "米")
BOUND_AFTER = re.compile(r"^\s*(?:及|或)?(?:以上|以下|以内|左右)")
PER_STUDENT = re.compile(r"生均|每生|每名学生|人均")
PER_100 = re.compile(r"每百名学生|每百生|百名学生|每百名|百生")
DEFICIT = re.compile(r"尚缺|缺口|还缺|尚差|还差|仍缺|短缺|缺少|尚需|需增加|需补")
GROWTH = re.compile(r"增长|增幅|增加了|提高了|上升|下降|减少")
TOTAL_WORDS = re.compile(r"合计|共计|总计|总数|总台数|总册数|总共|一共|共有|总量")
TARGET = re.compile(r"确保|力争|争取|计划|预计|拟|目标|力求|将在|将达|不低于|不少于|不超过|不高于"
                    r"|以内|必须|应达到|应当")
VERDICT_WORD = re.compile(r"(未能达到|未达到|没有达到|没达到|达不到|未达|低于|不足|不到|"
                          r"达到|超过|高于|符合|满足|优于)[^，,。；;]{0,8}?标准")
FILLERS = ("分别为", "分别是", "分别达到", "分别", "约为", "约合", "约", "大约", "为", "达到了", "达到",
           "达", "共有", "共计", "合计", "总计", "现有", "实有", "拥有", "只有", "仅有", "共",
           "有", "是", "计", "近", "已", "仅", "其中", "都", "均", "全部", "的", "了",
           "总", "以上", "多", "余", "左右", "及", "和", "与", "、", "：", ":", " ")

_CJK = "\u4e00-\u9fff"
_NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇两一二三四五六七八九十百千万亿]+)"
_UNIT_ALT = "|".join(re.escape(unit) for unit in _UNITS_BY_LENGTH)
MENTION = re.compile(
    rf"(?<![\d.])(?<!\d,)(?P<num>{_NUM})(?P<mult>[万亿]?)(?P<approx>多|余)?\s*(?P<unit>{_UNIT_ALT})"
    rf"(?![A-Za-z])")
RATIO = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[:：比]\s*(\d+(?:\.\d+)?)(?![\d.])")
STANDARD = re.compile(rf"标准[^，,。；;()（）]{{0,10}}?[（(]\s*(?:为|是)?\s*(?P<num>{_NUM})(?P<mult>[万亿]?)\s*"
                      rf"(?P<unit>{_UNIT_ALT})?[^)）]{{0,6}}[）)]"
                      rf"|标准(?:为|是)\s*(?P<num2>{_NUM})(?P<mult2>[万亿]?)\s*(?P<unit2>{_UNIT_ALT})")
SUBJECT_LINE = re.compile(
    r"(?P<subject>音乐|体育与健康|体育|美术|科学|信息技术|信息|英语|心理健康|心理)(?:学科)?(?:教师|老师)?[，,：:]?"
    r"\s*应配(?:备)?\s*(?P<required>\d+)\s*(?:人|名)[，,、]?\s*实配(?:备)?\s*(?P<actual>\d+)\s*(?:人|名)"
    r"(?:[，,、]?\s*(?:尚缺|缺|缺口|还缺)\s*(?P<short>\d+)\s*(?:人|名))?")
SCHOOL_SUFFIX = ("九年一贯制学校", "十二年一贯制学校", "完全中学", "初级中学", "中心小学", "中心学校",
                 "完全小学", "中心校", "小学", "中学", "初中", "学校", "完小", "教学点")
SCOPE_WORDS = re.compile(r"全县|全区|全市|全镇|全乡|全中心校|全学区|县域|辖区|我县|我区|我镇|我乡")
# a county's government acting: the text is about the county, not one school
GOVERNMENT_WORDS = re.compile(r"[县区]委|[县区]政府|[县区]人民政府|党委政府|教育局(?:投入|统筹)")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_CLAUSE_SEP = "，,；;：:（()）、\t"


# ---------------------------------------------------------------- data
@dataclass
class Line:
    number: int          # .txt: line of the file; .docx: paragraph / table row in document order
    where: str           # how a person finds it: "第 5 行", "第 12 段", "表1第3行"
    text: str


@dataclass
class Item:
    """One extracted figure (or group of figures) with the sentence it came from."""
    kind: str            # fact | claim | breakdown | unrecognised
    data: dict
    text: str
    line: int
    where: str
    school: str | None = None   # a school named in a county text ("红光小学")
    note: str = ""

    def to_json(self) -> dict:
        result = {"kind": self.kind, **_jsonable(self.data), "text": self.text, "line": self.line,
                  "where": self.where}
        if self.school:
            result["school"] = self.school
        if self.note:
            result["note"] = self.note
        return result


@dataclass
class Subject:
    """What the text says about one school (or the county itself)."""
    name: str | None = None
    attributes: dict = field(default_factory=dict)   # key → (value, Item-like source or None)
    facts: dict = field(default_factory=dict)        # key → Item
    claims: list = field(default_factory=list)
    breakdowns: list = field(default_factory=list)


@dataclass
class Extraction:
    source: str
    kind: str                                    # school | county
    subject: Subject
    schools: dict = field(default_factory=dict)  # name → Subject (county texts)
    unrecognised: list = field(default_factory=list)
    assumptions: list = field(default_factory=list)

    # -- views
    @property
    def facts(self) -> dict:
        return {key: item.data["value"] for key, item in self.subject.facts.items()}

    @property
    def claims(self) -> list[dict]:
        return [item.data for item in self.subject.claims]

    @property
    def breakdowns(self) -> list[dict]:
        return [item.data for item in self.subject.breakdowns]

    def items(self):
        for subject in (self.subject, *self.schools.values()):
            yield from subject.facts.values()
            yield from subject.claims
            yield from subject.breakdowns
        yield from self.unrecognised

    def checkable_school(self, name: str) -> bool:
        """A school can be written as a loadable inline school only with its 在校生数."""
        return "students" in self.schools[name].facts

    def to_json(self) -> dict:
        def subject_json(subject: Subject) -> dict:
            return {"name": subject.name,
                    "attributes": {key: value for key, (value, _) in subject.attributes.items()},
                    "facts": {key: item.to_json() for key, item in subject.facts.items()},
                    "claims": [item.to_json() for item in subject.claims],
                    "breakdowns": [item.to_json() for item in subject.breakdowns]}
        return {"source": self.source, "kind": self.kind, **subject_json(self.subject),
                "schools": {name: subject_json(s) for name, s in self.schools.items()},
                "unrecognised": [item.to_json() for item in self.unrecognised],
                "assumptions": list(self.assumptions)}

    def to_fact_yaml(self) -> str:
        return _FactWriter(self).render()


def _jsonable(data: dict) -> dict:
    result = {}
    for key, value in data.items():
        if isinstance(value, Decimal):
            value = _plain(value)
        elif isinstance(value, dict):
            value = _jsonable(value)
        result[key] = value
    return result


def _plain(value: Decimal):
    value = value.normalize() if value != 0 else Decimal(0)
    return int(value) if value == value.to_integral_value() else float(value)


# ---------------------------------------------------------------- reading
def read_report(path) -> list[Line]:
    """The report's text as numbered lines. Raises InputErrors (exit 2) when unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputErrors([InputError(path, None, None, "file_missing")])
    if suffix == ".docx":
        lines = _read_docx(path)
    elif suffix in (".txt", ".text", ""):
        lines = _read_txt(path)
    else:
        raise InputErrors([InputError(path, None, None, "report_suffix", suffix=suffix)])
    if not any(line.text.strip() for line in lines):
        raise InputErrors([InputError(path, None, None, "report_empty")])
    return lines


def decode_text(raw: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _read_txt(path: Path) -> list[Line]:
    from generator.io.limits import MAX_YAML_BYTES, read_limited
    try:
        raw = read_limited(path, MAX_YAML_BYTES, "text")     # a regular file, within the limit
    except InputError as err:
        raise InputErrors([err]) from None
    text = decode_text(raw)
    if text is None:
        raise InputErrors([InputError(path, None, None, "report_not_text")])
    return [Line(number, f"第 {number} 行", content)
            for number, content in enumerate(text.splitlines(), start=1)]


def _read_docx(path: Path) -> list[Line]:
    import zipfile

    import docx
    from docx.table import Table

    from generator.io.limits import check_docx
    try:
        check_docx(path)           # a regular file, within the size and inflated-size limits
    except InputError as err:
        raise InputErrors([err]) from None
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputErrors([InputError(path, None, None, "report_bad_docx", detail=str(exc))]) from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and lxml errors
        raise InputErrors([InputError(path, None, None, "report_bad_docx",
                                      detail=str(exc).splitlines()[0][:120] if str(exc) else "not a Word file")]) from None
    lines: list[Line] = []
    paragraph_number = table_number = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            table_number += 1
            for row_number, row_text in enumerate(_table_rows(block), start=1):
                lines.append(Line(len(lines) + 1, f"表{table_number}第{row_number}行", row_text))
        else:
            paragraph_number += 1
            lines.append(Line(len(lines) + 1, f"第 {paragraph_number} 段", block.text))
    return lines


def _table_rows(table) -> list[str]:
    """Each row as a sentence. With a header row, "学生数（人）｜981" becomes "学生数981人"."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:          # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
        rows.append(cells)
    if not rows:
        return []
    header = rows[0]
    header_is_labels = len(rows) > 1 and not any(MENTION.search(to_halfwidth(cell)) or
                                                 re.fullmatch(r"[\d.,]+", cell) for cell in header)
    result = ["，".join(cell for cell in header if cell) + "。"]
    for cells in rows[1:]:
        if header_is_labels and len(cells) == len(header):
            pieces = [_labelled_cell(label, value) for label, value in zip(header, cells) if value]
        elif len(cells) == 2:
            pieces = [_labelled_cell(cells[0], cells[1])]
        else:
            pieces = [cell for cell in cells if cell]
        result.append("，".join(piece for piece in pieces if piece) + "。")
    if not header_is_labels and len(header) == 2:
        result[0] = _labelled_cell(header[0], header[1]) + "。"
    return result


def _labelled_cell(label: str, value: str) -> str:
    """"占地面积（㎡）" + "13125" → "占地面积13125㎡"; a value with its own unit keeps it."""
    unit_match = re.search(r"[（(]\s*([^()（）]{1,6})\s*[)）]\s*$", label)
    bare_label = label[:unit_match.start()] if unit_match else label
    if re.fullmatch(r"[\d.,，]+", to_halfwidth(value).strip()):
        unit = unit_match.group(1) if unit_match else ""
        unit = {"平方米": "平方米", "m²": "㎡", "万元": "万元"}.get(unit, unit)
        return f"{bare_label}{value}{unit}"
    return f"{bare_label}：{value}" if bare_label else value


# ---------------------------------------------------------------- mentions
@dataclass
class Mention:
    start: int
    end: int
    raw: str             # the number as written ("13,125", "1.2万", "一千二百")
    value: Decimal
    unit: str
    dimension: str
    approx: str = ""     # "约", "多", "余"
    context: str = ""    # clause text before the figure (back to the previous figure)
    after: str = ""      # text right after the unit, up to punctuation
    role: str = ""       # fact | claim | part | total | standard | unrecognised
    field: str | None = None
    measure: str = "value"
    label: str = ""

    @property
    def written(self) -> str | None:
        digits = written_digits(self.raw + self.multiplier_text)
        if digits is not None and self.dimension == "rate":
            return None     # rates are re-expressed as fractions; see _claim_value
        return digits

    multiplier_text: str = ""


def find_mentions(sentence: str) -> list[Mention]:
    """Every figure with a unit in one sentence, with its clause context."""
    half = to_halfwidth(sentence)
    mentions = []
    for match in MENTION.finditer(half):
        raw, unit = match.group("num"), match.group("unit")
        if unit == "M" and not re.match(r"\s*(?:b|B|带宽|宽带|光纤)?", half[match.end():]):
            continue
        if raw[0] in "零〇两一二三四五六七八九十百千万亿":
            if half[max(0, match.start() - 1):match.start()] == "每":
                continue   # "每百名学生": a rate's denominator, not a figure
            # Chinese numerals below ten are words in prose ("一所", "三个小学"), not figures.
            try:
                value = parse_cn_number(raw)
            except ValueError:
                continue
            if value < 10 and not any(char in raw for char in "十百千万亿"):
                continue
        try:
            value = parse_cn_number(raw + match.group("mult"))
        except ValueError:
            continue
        if unit == "米" and half[match.end():match.end() + 1] in ("长", "宽", "高"):
            pass  # a length is still a figure; it will be listed as unrecognised
        mention = Mention(match.start(), match.end(), raw, value, unit, UNIT_DIMENSION[unit],
                          approx=match.group("approx") or "")
        mention.multiplier_text = match.group("mult")
        mentions.append(mention)
    previous_end = 0
    for mention in mentions:
        before = half[previous_end:mention.start]
        cut = max((before.rfind(sep) for sep in _CLAUSE_SEP), default=-1)
        mention.context = before[cut + 1:]
        if re.search(r"约|大约|近$", before[-4:]) and not mention.approx:
            mention.approx = "约"
        after = half[mention.end:mention.end + 10]
        stop = min((after.find(sep) for sep in _CLAUSE_SEP + "。！？!?" if sep in after), default=len(after))
        mention.after = re.split(r"\d", after[:stop])[0]
        previous_end = mention.end
    return mentions


def _label(text: str) -> str:
    """What a figure is called: "本年初全镇共有小学教学点" → "小学教学点"."""
    pieces = [piece for piece in re.split(r"共有|现有|拥有|实有|共计|合计|其中|分别为|.*[.．、]", text)
              if _strip_fillers(piece)]
    return _strip_fillers(pieces[-1]) if pieces else ""


def _strip_fillers(text: str) -> str:
    text = re.sub(r"^[\d一二三四五六七八九十]+[、.．)）]|^[（(][\d一二三四五六七八九十]+[)）]|^(?:\d{4}|20[Xx]{2})年", "",
                  text)
    changed = True
    while changed:
        changed = False
        for word in FILLERS:
            if text.startswith(word) and len(text) > 0:
                text, changed = text[len(word):], True
            if text.endswith(word) and len(text) > 0:
                text, changed = text[: -len(word)], True
    return text.strip()


def field_for(text: str, dimension: str) -> str | None:
    """The fact field a label names, when its unit fits ("占地总面积" + ㎡ → land_area_m2)."""
    if any(word in text for word in NOT_FIELD_WORDS):
        return None
    for key, words, dimensions in FIELD_WORDS:
        if dimension in dimensions and any(word in text for word in words):
            return key
    return None


# ---------------------------------------------------------------- sentences
@dataclass
class Sentence:
    text: str
    line: Line


def sentences_of(lines: list[Line]) -> list[Sentence]:
    result = []
    for line in lines:
        for piece in _SENTENCE_END.split(line.text):
            piece = piece.strip()
            if piece:
                result.append(Sentence(piece, line))
    return result


# ---------------------------------------------------------------- the extractor
class _Extractor:
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
        for sentence in sentences:
            self._sentence(sentence)
        kind = "county" if (self.scope_county or self.schools or
                            (self.government_actor and self.main.name is None)) else "school"
        self._finish(kind)
        kind = self.kind
        return Extraction(self.source, kind, self.main, self.schools, self.unrecognised, self.assumptions)

    def _identify(self, sentences: list[Sentence]):
        """Name, 学段 and 城乡 of the subject, from the first sentences that state them."""
        # a name is believed where a report introduces its subject: "东社小学义务教育…汇报",
        # "星火小学是一所…", "左木中心校位于…", or a title line holding only the name
        school_name = re.compile(rf"(?:^|(?<=[^{_CJK}]))([{_CJK}]{{2,10}}?(?:{'|'.join(SCHOOL_SUFFIX)}))"
                                 r"(?=义务教育|均衡|自查|汇报|位于|地处|始建|创建|是一所|现有|$)"
                                 rf"|(?<=基本情况)([{_CJK}]{{2,10}}?(?:{'|'.join(SCHOOL_SUFFIX)}))")
        county_name = re.compile(rf"(?<![{_CJK}Xx])((?:[Xx]+|[{_CJK}]{{2,8}}?)(?:县|区|市|镇|乡|学区))"
                                 r"(?=义务教育|均衡|自查|汇报|基本情况|位于|地处|总面积|现有|共有|辖)")
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

    def _item(self, kind, data, sentence: Sentence, school=None, note="") -> Item:
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
        if not mentions:
            return
        is_target = bool(TARGET.search(half))
        groups = self._school_lists(sentence, half, mentions)
        row_school = re.match(r"\s*(?:学校名称|学校|校名|单位名称|单位)[:：]\s*([^，,；;：:]{2,20}?)\s*[，,；;。]", half)
        if row_school:
            # a table row of one school (docx tables are read as "学校：红光小学，在校生数120人，…")
            for mention in mentions:
                groups.setdefault(id(mention), _clean_name(row_school.group(1)))
        for mention in mentions:
            after_label = _strip_fillers(mention.after)
            if mention.unit in MEASURE_WORDS and after_label:
                mention.label = after_label      # "40个蹲位", "10个行政村": the noun follows
            else:
                mention.label = _label(PER_STUDENT.sub("", DEFICIT.sub("", mention.context))) or after_label
            self._classify(mention, mentions, half)
        if is_target:
            for mention in mentions:
                self._unrecognised(mention, sentence, "target")
            return
        for mention in mentions:
            if BOUND_AFTER.match(mention.after):
                self._unrecognised(mention, sentence, "bound")
        self._verdicts_and_deficits(sentence, half, mentions, standards)
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
        if mention.field is None and mention.unit in ("个", "所", "间", "名", "人", "位", "台", "册"):
            mention.field = field_for(mention.after, mention.dimension)
        if mention.field is None and not _strip_fillers(DEFICIT.sub("", label_text)):
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
                and not _strip_fillers(DEFICIT.sub("", label_text)):
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
            label = _strip_fillers(re.split(rf"[{re.escape(_CLAUSE_SEP)}]", before)[-1])
            reason = "target" if TARGET.search(half) else "ratio"
            self._unrecognised(None, sentence, reason, label=label, value=match.group(0), unit="")

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

    def _verdicts_and_deficits(self, sentence: Sentence, half: str, mentions: list[Mention], standards):
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
            self._claim(sentence, mention, "deficit",
                        standard=standard["value"] if standard else None, of=of)
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
            subject = self._subject_for(None)
            if rule_id:
                subject.claims.append(self._item("claim", {"of": rule_id, "measure": "verdict", "value": verdict,
                                                           "standard": standard["value"]}, sentence))
            elif standard["used"]:
                pass   # the stated shortfall against this standard is already a deficit claim
            elif positive:
                # "达到标准(S)" with no rule for the field: the stated shortfall against S is nil
                subject.claims.append(self._item("claim", {"of": anchor.field, "measure": "deficit",
                                                           "value": Decimal(0), "written": "0",
                                                           "standard": standard["value"]}, sentence,
                                                 note="由“达到标准”推得：尚缺为 0"))
            else:
                self._unrecognised(None, sentence, "verdict_without_rule",
                                   label=f"{schema.label_of(anchor.field)}{standard['verdict']}标准",
                                   value=standard["value"])

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
        head = re.split(rf"[{re.escape(_CLAUSE_SEP)}]", to_halfwidth(sentence.text))[0]
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
            if self.main.name is None or (self.main.name in self.schools and county_name[0]):
                # the first school name met was one of the county's schools, not the county
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


def schema_type(key: str) -> str | None:
    for fields in (schema.SCHOOL_FIELDS, schema.COUNTY_FIELDS, schema.GOVERNMENT_FIELDS):
        for fld in fields:
            if fld.key == key:
                return fld.type
    return None


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


# ---------------------------------------------------------------- public API
def extract_lines(lines: list[Line], source: str = "<text>", profile=None) -> Extraction:
    """Extract from lines already read. `profile`: which rule ids verdict claims refer to."""
    rule_for_field = {}
    if profile is None:
        from generator.criteria.profiles import load_profile
        profile = load_profile("basic-2012")
    for rule in profile.basic_rules:
        if rule.get("of"):
            rule_for_field.setdefault(rule["of"], rule["id"])
    return _Extractor(source, rule_for_field).run(lines)


def extract_text(text: str, source: str = "<text>", profile=None) -> Extraction:
    lines = [Line(number, f"第 {number} 行", content)
             for number, content in enumerate(text.splitlines(), start=1)]
    return extract_lines(lines, source, profile)


def extract_file(path, profile=None) -> Extraction:
    """A .docx or .txt report → Extraction. Raises InputErrors when the file cannot be read."""
    return extract_lines(read_report(path), str(path), profile)


# ---------------------------------------------------------------- fact file
_NOT_PRINTABLE = re.compile("[^\x09\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REASONS = {
    "no_field": "未能对应到事实字段", "target": "目标或要求，不是现状", "growth": "增长率",
    "ratio": "比值", "bound": "写的是界限（…以上/以下），不是确数", "standard_without_figure": "只写了标准，没有对应的数值",
    "verdict_without_rule": "写了是否达标，但评估标准中没有对应规则，也未写尚缺数",
    "county_subject_teachers": "县级学科教师配备（请按学校填写）",
    "county_rate": "县级比率，无法由各校合计核对",
    "deficit_without_standard": "写了尚缺数，但没写标准，评估标准中也没有对应规则",
}


def _comment(text: str) -> str:
    text = _NOT_PRINTABLE.sub(" ", text).replace("\u2028", " ").replace("\u2029", " ").replace("\x85", " ")
    return " ".join(text.split())


def _scalar(value, written: str | None = None) -> str:
    """A YAML scalar: numbers as written ("9.60"), strings double-quoted (JSON is valid YAML)."""
    if isinstance(value, Decimal):
        if written and re.fullmatch(r"\d+(?:\.\d+)?", written) and Decimal(written) == value:
            return written
        return str(_plain(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(_comment(str(value)), ensure_ascii=False)


class _FactWriter:
    def __init__(self, extraction: Extraction):
        self.x = extraction
        self.out: list[str] = []

    def emit(self, line: str = ""):
        self.out.append(line)

    def source_comment(self, item, indent: str):
        where = item.where if hasattr(item, "where") else ""
        self.emit(f"{indent}# {where}：{_comment(item.text)}")
        if getattr(item, "note", ""):
            self.emit(f"{indent}#   （{_comment(item.note)}）")

    def render(self) -> str:
        x = self.x
        self.emit(f"# 由 junheng 从报告提取：{_comment(x.source)}")
        self.emit("# 每个数字上方的注释是它所在的原句。请核对后运行：junheng audit 本文件")
        if "no_students" in x.assumptions:
            self.emit("# 原文未给出在校生数：数字按县级文件（不列学校）写出，均无法按生均核算。")
            self.emit("# 如这是一所学校的报告，请改为 kind: school，补上 stage 与 students 后再核对。")
        self.emit(f"kind: {x.kind}")
        name = x.subject.name
        if name is None:
            self.emit("# 原文未写明名称，请填写")
            name = "（未写明）"
        source = x.subject.attributes.get("name")
        if source and source[1] is not None:
            self.emit(f"# {source[1].line.where}：{_comment(source[1].text)}")
        self.emit(f"name: {_scalar(name)}")
        if x.kind == "school":
            self.school_attributes(x.subject, "")
            self.subject_body(x.subject, "")
        else:
            self.subject_body(x.subject, "")
            self.schools()
        self.unrecognised()
        return "\n".join(self.out) + "\n"

    def school_attributes(self, subject: Subject, indent: str):
        stage = subject.attributes.get("stage", ("primary", None))[0]
        if "stage" in self.x.assumptions or subject is not self.x.subject:
            self.emit(f"{indent}# 原文未写明学校类型，按小学（primary）填写，请核对")
        self.emit(f"{indent}stage: {stage}")
        location = subject.attributes.get("location")
        if location:
            if location[1] is not None:
                self.emit(f"{indent}# {location[1].line.where}：{_comment(location[1].text)}")
            self.emit(f"{indent}location: {location[0]}")

    def subject_body(self, subject: Subject, indent: str):
        for key, item in subject.facts.items():
            self.source_comment(item, indent)
            value = item.data["value"]
            if key == "subject_teachers":
                self.emit(f"{indent}subject_teachers:")
                for name, counts in value.items():
                    self.emit(f"{indent}  {name}: {{required: {counts['required']}, actual: {counts['actual']}}}")
                continue
            if schema_type(key) == "rate":
                self.emit(f"{indent}{key}: {_scalar(value)}    # {schema.label_of(key)}，原文 {item.data.get('percent_written')}%")
                continue
            self.emit(f"{indent}{key}: {_scalar(value, item.data.get('written'))}    # {schema.label_of(key)}")
        if subject.claims:
            self.emit(f"{indent}claims:")
            for item in subject.claims:
                self.claim(item, indent + "  ")
        if subject.breakdowns:
            self.emit(f"{indent}breakdowns:")
            for item in subject.breakdowns:
                self.breakdown(item, indent + "  ")

    def claim(self, item: Item, indent: str):
        data = item.data
        self.source_comment(item, indent)
        value = data["value"]
        if data["measure"] == "rate" and isinstance(value, Decimal):
            value_text = _scalar(value)
        elif isinstance(value, str):
            value_text = value
        else:
            value_text = _scalar(value, data.get("written"))
        self.emit(f"{indent}- of: {_scalar(data['of']) if not re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', data['of']) else data['of']}")
        self.emit(f"{indent}  measure: {data['measure']}")
        self.emit(f"{indent}  value: {value_text}")
        if data.get("standard") is not None:
            self.emit(f"{indent}  standard: {_scalar(data['standard'])}")
        self.emit(f"{indent}  text: {_scalar(item.text)}")
        self.emit(f"{indent}  line: {item.line}")

    def breakdown(self, item: Item, indent: str):
        data = item.data
        self.source_comment(item, indent)
        self.emit(f"{indent}- of: {_scalar(data['of']) if not re.fullmatch(r'[a-z_]+', data['of']) else data['of']}")
        self.emit(f"{indent}  total: {_scalar(data['total'], data.get('total_written'))}")
        self.emit(f"{indent}  parts:")
        for label, value in data["parts"].items():
            self.emit(f"{indent}    {_scalar(label)}: {_scalar(value)}")
        self.emit(f"{indent}  text: {_scalar(item.text)}")
        self.emit(f"{indent}  line: {item.line}")

    def schools(self):
        x = self.x
        loadable = [name for name in x.schools if x.checkable_school(name)]
        pending = [name for name in x.schools if name not in loadable]
        if loadable:
            self.emit("schools:")
            for name in loadable:
                self.inline_school(x.schools[name], "  ")
        else:
            self.emit("schools: []")
        if pending:
            self.emit("")
            self.emit("# 以下学校的数字原文未给出在校生数，暂无法核算。补上 students（及面积等总量）后")
            self.emit("# 去掉行首的“#”，并把条目移到上面的 schools: 下：")
            start = len(self.out)
            for name in pending:
                self.inline_school(x.schools[name], "  ")
            for index in range(start, len(self.out)):
                self.out[index] = "#" + self.out[index]

    def inline_school(self, subject: Subject, indent: str):
        self.emit(f"{indent}- kind: school")
        self.emit(f"{indent}  name: {_scalar(subject.name)}")
        stage = "primary"
        for suffix, value in (("初中", "junior"), ("中学", "junior"), ("九年一贯制", "nine_year")):
            if suffix in subject.name:
                stage = value
        self.emit(f"{indent}  stage: {stage}")
        if "students" not in subject.facts:
            self.emit(f"{indent}  students:     # 在校生数：原文未给出，请填写")
        self.subject_body(subject, indent + "  ")

    def unrecognised(self):
        if not self.x.unrecognised:
            return
        self.emit("")
        self.emit("# ---- 未能对应到字段的数字（unrecognised）：请核对，需要时写入上面的字段 ----")
        for item in self.x.unrecognised:
            data = item.data
            value = data["value"]
            shown = data.get("written") or (str(_plain(value)) if isinstance(value, Decimal) else str(value))
            label = data.get("label") or "？"
            reason = REASONS.get(data["reason"], data["reason"])
            self.emit(f"# {item.where}  {_comment(label)} {_comment(shown)}{data.get('unit', '')}"
                      f"  —— {reason}")
            self.emit(f"#     原句：{_comment(item.text)}")


# ---------------------------------------------------------------- the audit verb (issue 6)
MESSAGES_AUDIT = {
    "extract_heading": {"zh": "报告中未能对应到字段的数字（{count} 个，请核对，需要时写入事实文件）：",
                        "en": "Figures in the report not tied to a fact field ({count}; check them, add them to the fact file if needed):"},
    "extract_pending": {"zh": "以下学校的数字原文未给出在校生数，无法核算（已写入事实文件的注释中）：{names}",
                        "en": "These schools' figures cannot be recomputed, the report gives no student count "
                              "(written as comments in the fact file): {names}"},
    "extract_no_students": {"zh": "报告未给出在校生数：各数字按县级文件写出，均无法按生均核算。",
                            "en": "The report gives no student count: its figures were read as a county file "
                                  "and nothing per student can be recomputed."},
    "extract_emitted": {"zh": "已写出事实文件：{path}", "en": "fact file written: {path}"},
}
_ALL_MESSAGES.update(MESSAGES_AUDIT)
REASONS_EN = {
    "no_field": "not tied to a fact field", "target": "a target or requirement, not the present state",
    "growth": "a growth rate", "ratio": "a ratio", "bound": "a bound (…以上/以下), not a figure",
    "standard_without_figure": "a standard with no figure", "county_rate": "a county rate the schools cannot add up to",
    "verdict_without_rule": "a verdict against a standard no rule of the profile measures",
    "county_subject_teachers": "county subject teachers (give them per school)",
    "deficit_without_standard": "a shortfall with no stated standard and no rule",
}


def is_report(path) -> bool:
    """`junheng audit` reads a report's text when given .docx or .txt, a fact file otherwise."""
    return str(path).lower().endswith((".docx", ".txt"))


def load_report(path, emit_facts=None, force: bool = False, profile=None):
    """Extract a report, then load the facts through facts.load_facts as any fact file is.

    The fact YAML goes to a temporary file (and to `emit_facts` when given, atomically, never
    over an existing file without `force`), so the audit sees exactly what the inspector can
    correct and re-run. Returns (subject, extraction); raises InputErrors (exit 2).
    """
    import tempfile

    from generator.model.facts import load_facts
    from generator.io.writing import check_writable, write_text_atomic

    if emit_facts:
        check_writable(emit_facts, force)          # refuse before any work
    extraction = extract_file(path, profile)
    text = extraction.to_fact_yaml()
    with tempfile.TemporaryDirectory(prefix="junheng-report-") as folder:
        temporary = Path(folder) / (Path(path).stem + ".facts.yaml")
        temporary.write_text(text, encoding="utf-8")
        try:
            subject = load_facts(temporary, allow_empty_county=True)
        except InputErrors as errors:     # name the report, not a temporary file's line
            for err in errors.errors:
                if err.file == str(temporary):
                    err.file, err.line = str(path), None
            raise
    # findings name the report, not a temporary file that no longer exists
    subject.file = str(path)
    for school in getattr(subject, "schools", []) or []:
        if hasattr(school, "file"):
            school.file = str(path)
    if emit_facts:
        write_text_atomic(emit_facts, text, force=force)
    return subject, extraction


def extraction_json(extraction: Extraction) -> dict:
    """What `audit --json` adds for a report: the figures not tied to a field, schools not checkable."""
    return {"source": extraction.source,
            "unrecognised": [item.to_json() for item in extraction.unrecognised],
            "pending_schools": [name for name in extraction.schools if not extraction.checkable_school(name)],
            "assumptions": list(extraction.assumptions)}


def print_extraction_notes(extraction: Extraction, lang: str, echo=print):
    from generator.i18n import message
    pending = [name for name in extraction.schools if not extraction.checkable_school(name)]
    if "no_students" in extraction.assumptions:
        echo(message("extract_no_students", lang))
    if pending:
        echo(message("extract_pending", lang, names="、".join(pending) if lang == "zh" else ", ".join(pending)))
    if not extraction.unrecognised:
        return
    echo(message("extract_heading", lang, count=len(extraction.unrecognised)))
    for item in extraction.unrecognised:
        data = item.data
        value = data["value"]
        shown = data.get("written") or (str(_plain(value)) if isinstance(value, Decimal) else str(value))
        reason = (REASONS if lang == "zh" else REASONS_EN).get(data["reason"], data["reason"])
        label = data.get("label") or "?"
        echo(f"  {where_words(item.where, lang)}  {label} {shown}{data.get('unit', '')} —— {reason}")
        echo(f"      {_comment(item.text)}")


def where_words(where: str, lang: str) -> str:
    """"第 5 行" / "第 3 段" / "表1第2行" in the user's language."""
    if lang == "zh":
        return where
    where = re.sub(r"^表(\d+)第(\d+)行$", r"table \1 row \2", where)
    where = re.sub(r"^第 (\d+) 段$", r"paragraph \1", where)
    return re.sub(r"^第 (\d+) 行$", r"line \1", where)
