"""Sentence scanning and number reading for report extraction (generator/io/extract.py).

The vocabulary a Chinese 自查报告 uses for its figures (units and their dimensions, field
keywords, words of standards, verdicts, deficits, targets), the figures found in one sentence
(`find_mentions`: "学生981人", "1.2万元", "一千二百三十四册") and the fact field a label names
(`field_for`). Nothing here decides what a figure is; generator/io/extractor.py does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from generator.model import schema
from generator.io.cn_numbers import parse_cn_number, to_halfwidth, written_digits


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
    ("backbone_teachers", ("骨干教师",), ("people",)),
    ("pe_art_teachers", ("体育、艺术", "体育艺术", "体育、美术、音乐", "音体美专任"), ("people",)),
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
# "不足100名学生的村小学", "按100名学生核定": a bound or a rule's figure, not a count of anything
BOUND_BEFORE = re.compile(r"(?:不足|不到|少于|多于|超过|低于|高于|按)\s*$")
PER_STUDENT = re.compile(r"生均|每生|每名学生|人均")
PER_100 = re.compile(r"每百名学生|每百生|百名学生|每百名|百生")
DEFICIT = re.compile(r"尚缺|缺口|还缺|尚差|还差|仍缺|短缺|缺少|尚需|需增加|需补")
GROWTH = re.compile(r"增长|增幅|增加了|提高了|上升|下降|减少")
TOTAL_WORDS = re.compile(r"合计|共计|总计|总数|总台数|总册数|总共|一共|共有|总量")
TARGET = re.compile(r"确保|力争|争取|计划|预计|拟|目标|力求|将在|将达|不低于|不少于|不超过|不高于"
                    r"|以内|必须|应达到|应当")
# A statement of the present after a target word ("按不低于15册的标准，我校现有图书10600册"): the
# figures after it are the present again.
PRESENT = re.compile(r"现有|实有|目前|现状|已有|实际|现为|现拥有")
# A figure (other than money: an investment is a total of its own) right after one of these words is
# an amount added or to be added — a plan's purchase, a year's new building — not the stock the school
# has: "采购图书4115册", "新增计算机13台".
ADDITION = re.compile(r"采购|购置|购买|添置|新增|增配|补充|新建|扩建|改扩建|建设|配齐|补齐|补足|招聘|增加")
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
    r"\s*应配(?:备)?\s*(?P<required>\d+)\s*(?:人|名)[，,、]?\s*(?:实配|实有|现有)(?:备)?\s*(?P<actual>\d+)\s*(?:人|名)"
    r"(?:[，,、]?\s*(?:尚缺|缺|缺口|还缺)\s*(?P<short>\d+)\s*(?:人|名))?")
SCHOOL_SUFFIX = ("九年一贯制学校", "十二年一贯制学校", "完全中学", "初级中学", "中心小学", "中心学校",
                 "完全小学", "中心校", "小学", "中学", "初中", "学校", "完小", "教学点")
SCOPE_WORDS = re.compile(r"全县|全区|全市|全镇|全乡|全中心校|全学区|县域|辖区|我县|我区|我镇|我乡")
# a county's government acting: the text is about the county, not one school
GOVERNMENT_WORDS = re.compile(r"[县区]委|[县区]政府|[县区]人民政府|党委政府|教育局(?:投入|统筹)")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_CLAUSE_SEP = "，,；;：:（()）、\t"


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
    text = re.sub(r"^[\d一二三四五六七八九十百千零]+[、.．)）]|^[（(][\d一二三四五六七八九十百千零]+[)）]|^(?:\d{4}|20[Xx]{2})年", "",
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


def schema_type(key: str) -> str | None:
    for fields in (schema.SCHOOL_FIELDS, schema.COUNTY_FIELDS, schema.GOVERNMENT_FIELDS):
        for fld in fields:
            if fld.key == key:
                return fld.type
    return None
