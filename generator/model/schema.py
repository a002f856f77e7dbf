"""The fact-file vocabulary: every key, its Chinese label, unit and type.

This is the list of keys a fact file may hold (README, "Fact files") in one table, so that
the loader, `junheng new` and the error messages all speak of the same fields.
A field's `labels` are the Chinese names a clerk may write instead of the English key.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str
    label: str                      # 中文名, shown in tables and blank files
    type: str                       # see generator.model.coerce for the meaning of each type
    unit: str = ""
    labels: tuple[str, ...] = ()    # extra Chinese aliases accepted on input
    choices: tuple[str, ...] = ()   # for type "enum"
    required: bool = False
    example: object = None          # what `junheng new` writes as a hint
    help: str = ""
    divides: str = ""               # what a rule divides by it ("per_student"): then 0 is refused


def _f(key, label, type_, unit="", *labels, **kw) -> Field:
    return Field(key, label, type_, unit, tuple(labels), **kw)


STAGES = ("primary", "junior", "nine_year", "complete_middle", "twelve_year", "teaching_point")
STAGE_LABELS = {
    "primary": "小学", "junior": "初级中学", "nine_year": "九年一贯制学校",
    "complete_middle": "完全中学", "twelve_year": "十二年一贯制学校", "teaching_point": "教学点",
}
# The 学段 a school type teaches, in order; "senior" (高中) only matters for splitting.
STAGE_PARTS = {
    "primary": ("primary",), "teaching_point": ("primary",), "junior": ("junior",),
    "nine_year": ("primary", "junior"), "complete_middle": ("junior", "senior"),
    "twelve_year": ("primary", "junior", "senior"),
}
PART_LABELS = {"primary": "小学", "junior": "初中", "senior": "高中"}
PART_SUFFIX = {"primary": "小学部", "junior": "初中部", "senior": "高中部"}
LOCATIONS = {"urban": "城区", "town": "镇区", "rural": "乡村"}
OWNERSHIPS = {"public": "公办", "private": "民办"}
AFFILIATIONS = {"county": "县(区)属", "municipal": "市直属", "provincial": "省直属"}
# 学校类别: 特殊教育 and 职业 schools are left out of the 优质均衡 resource evaluation and CVs.
CATEGORIES = {"general": "普通学校", "special_education": "特殊教育学校", "vocational": "职业学校"}

# Accepted Chinese spellings of enum values (e.g. `stage: 小学`).
ENUM_ALIASES = {
    "stage": {**{v: k for k, v in STAGE_LABELS.items()}, "初中": "junior", "九年一贯制": "nine_year",
              "十二年一贯制": "twelve_year"},
    "location": {**{v: k for k, v in LOCATIONS.items()}, "城市": "urban", "县镇": "town",
                 "镇": "town", "农村": "rural"},
    "ownership": {v: k for k, v in OWNERSHIPS.items()},
    "affiliation": {v: k for k, v in AFFILIATIONS.items()},
    "category": {**{v: k for k, v in CATEGORIES.items()}, "普通": "general", "特教": "special_education",
                 "特殊教育": "special_education", "职业": "vocational"},
    "kind": {"学校": "school", "县": "county", "县区": "county", "中心学校": "centre"},
}

LAB_LABELS = {"science": "科学", "physics": "物理", "chemistry": "化学", "biology": "生物",
              "biology_chemistry": "生化合一"}

# The laboratories a 学段 has (a form for one 学段 shows only these columns).
LABS_BY_PART = {"primary": ("science",), "junior": ("physics", "chemistry", "biology", "biology_chemistry"),
                "senior": ("physics", "chemistry", "biology")}

CLAIM_MEASURES = ("value", "per_student", "per_100_students", "deficit", "rate", "verdict")

SCHOOL_FIELDS: tuple[Field, ...] = (
    _f("kind", "类型", "enum", "", choices=("school",), required=True, example="school"),
    _f("name", "学校名称", "str", "", "校名", required=True, example="某某小学"),
    _f("stage", "学校类型", "enum", "", "学段", choices=STAGES, required=True, example="primary",
       help="primary 小学 | junior 初中 | nine_year 九年一贯制 | complete_middle 完全中学 | "
            "twelve_year 十二年一贯制 | teaching_point 教学点"),
    _f("ownership", "办学性质", "enum", "", choices=tuple(OWNERSHIPS), example="public",
       help="public 公办 | private 民办"),
    _f("location", "城乡类别", "enum", "", "所在地", choices=tuple(LOCATIONS), example="rural",
       help="urban 城区 | town 镇区 | rural 乡村"),
    _f("affiliation", "隶属关系", "enum", "", choices=tuple(AFFILIATIONS), example="county",
       help="county 县(区)属 | municipal 市直属 | provincial 省直属 (直属学校不计入差异系数)"),
    _f("category", "学校类别", "enum", "", choices=tuple(CATEGORIES), example="general",
       help="general 普通学校 | special_education 特殊教育学校 | vocational 职业学校 "
            "(特教、职业学校不计入优质均衡资源配置评估和差异系数)"),
    _f("province", "省份", "str", "", example="山西"),
    _f("county", "县区", "str", "", "县(区)", example="某某县"),
    _f("year", "年度", "int", "年", "学年", example=2024),
    _f("students", "在校生数", "stage_count", "人", "学生数", required=True, example=981, divides="per_student",
       help="spanning schools: {primary: 小学生, junior: 初中生, senior: 高中生}"),
    _f("classes", "教学班数", "count", "个", "班级数", "班数", example=20, divides="per_class"),
    _f("class_sizes", "各班人数", "count_list", "人", "班额", example=[49, 50, 48]),
    _f("teachers", "专任教师数", "stage_count", "人", "教师数", example=53,
       help="spanning schools: per 学段 mapping"),
    _f("teachers_above_required_degree", "高于规定学历教师数", "stage_count", "人", example=40),
    _f("teachers_mid_senior_title", "中级及以上职称教师数", "stage_count", "人",
       "中级及以上专业技术职务教师数", example=20),
    _f("backbone_teachers", "县级以上骨干教师数", "stage_count", "人", "骨干教师数", example=6,
       help="优质均衡 Q2；spanning schools: per 学段 mapping"),
    _f("pe_art_teachers", "体育、艺术专任教师数", "stage_count", "人", "体育艺术专任教师数",
       "体育、艺术（美术、音乐）专任教师数", example=5,
       help="优质均衡 Q3：体育、美术、音乐专任教师；spanning schools: per 学段 mapping"),
    _f("land_area_m2", "占地面积", "number", "㎡", "学校占地面积", "占地总面积", example=13125),
    _f("building_area_m2", "校舍建筑面积", "number", "㎡", "校舍总建筑面积", example=3616,
       help="不含宿舍"),
    _f("dormitory_area_m2", "宿舍面积", "number", "㎡", "学生宿舍面积", example=0),
    _f("teaching_aux_area_m2", "教学及辅助用房面积", "number", "㎡", example=2900),
    _f("sports_area_m2", "体育运动场馆面积", "number", "㎡", "运动场地面积", "体育场地面积", example=7800),
    _f("equipment_value_yuan", "教学仪器设备值", "number", "元", "教学仪器设备总值", example=650000),
    _f("books", "图书册数", "count", "册", "图书", "藏书册数", example=16000),
    _f("computers", "计算机台数", "count", "台", "计算机", example=120),
    _f("multimedia_classrooms", "多媒体教室数", "count", "间", "班班通教室数", "网络多媒体教室数", example=20),
    _f("internet_bandwidth_mbps", "互联网接入带宽", "number", "Mbps", "带宽", example=200),
    _f("labs", "实验室", "labs", "间", example={"science": 1},
       help="science 科学 | physics 物理 | chemistry 化学 | biology 生物 | biology_chemistry 生化合一"),
    _f("subject_teachers", "学科教师配备", "subjects", "人", "学科教师",
       example={"music": {"required": 2, "actual": 1}},
       help="每科 {required: 应配, actual: 实配}"),
    _f("courses_complete", "课程开齐开足", "bool", "", example=True),
    _f("network_space_rate", "教师网络学习空间开通应用率", "rate", "%", example=0.85),
    _f("qualified_degree_rate", "专任教师学历合格率", "rate", "%", "学历合格率", example=1.0),
    _f("retention_rate", "年巩固率", "rate", "%", "巩固率", example=0.99),
    _f("responsibles", "责任人", "text_map", "", "整改责任人", example={"K3": "图书室 张老师", "default": "总务处"},
       help="整改方案的责任人：指标编号（K3、B16）→ 责任人或科室；default（默认）为其余各项"),
    _f("narrative", "叙述", "text_map", "", "工作情况", example={"统筹管理": "学校制定了均衡发展规划……"},
       help="自查报告的叙述部分（如实填写，未填的在报告中标〔请补充〕）：统筹管理、经费投入、师资队伍、"
            "教育教学管理、主要做法、下一步打算"),
    _f("claims", "报告声明", "claims", "", "声明", example=[]),
    _f("breakdowns", "分项合计", "breakdowns", "", "分项", example=[]),
    _f("sample", "示例数据", "bool", example=False,
       help="是：文件含演示用的示例数据（如 samples/ 中标“# 示例”的数字），报告在基本情况后注明"),
)

# Counts a spanning school gives per 学段 ({primary: …, junior: …}); never split by weights.
STAGE_COUNT_KEYS = tuple(f.key for f in SCHOOL_FIELDS if f.type == "stage_count")


def stage_total(value):
    """A per-学段 count's whole-school total; None (missing) when a 学段 was left empty."""
    if isinstance(value, dict):
        parts = list(value.values())
        return None if any(v is None for v in parts) else sum(parts)
    return value

GOVERNMENT_FIELDS: tuple[Field, ...] = (
    _f("migrant_children_planned", "随迁子女就学纳入规划和财政保障", "bool", example=True),
    _f("left_behind_care_system", "留守儿童关爱体系健全", "bool", example=True),
    _f("disabled_enrolment_rate", "三类残疾儿童少年入学率", "rate", "%", example=0.85),
    _f("quality_hs_quota_rate", "优质高中招生名额分配到初中比例", "rate", "%", example=0.52),
    _f("quality_hs_quota_rate_prev", "上年优质高中招生名额分配比例", "rate", "%", example=0.50),
    _f("primary_enrolment_rate", "小学适龄儿童入学率", "rate", "%", example=0.998),
    _f("junior_gross_enrolment_rate", "初中毛入学率", "rate", "%", example=0.995),
    _f("primary_dropout_rate", "小学辍学率", "rate", "%", example=0.002),
    _f("junior_dropout_rate", "初中辍学率", "rate", "%", example=0.012),
    _f("accountability_mechanism", "均衡发展责任、监督和问责机制", "bool", example=True),
    _f("funding_growth", "教育经费三个增长(近三年增长率)", "series", "%",
       example={"财政教育拨款": [0.08, 0.06, 0.05], "生均教育事业费": [0.05, 0.04, 0.03],
                "生均公用经费": [0.04, 0.03, 0.02]},
       help="每项近三年的年增长率; 负增长一年扣1分"),
    _f("weak_school_improvement", "标准化建设与薄弱学校改造，经费向薄弱学校倾斜", "bool", example=True),
    _f("rural_transfer_payment_rate", "农村税费改革转移支付用于义务教育比例", "rate", "%", example=0.55),
    _f("education_surcharge_due", "教育费附加应征额", "number", "元", example=12000000),
    _f("education_surcharge_levied", "教育费附加实征额", "number", "元", example=12000000),
    _f("education_surcharge_allocated", "教育费附加用于教育额", "number", "元", example=12000000),
    _f("land_transfer_education_rate", "土地出让收益计提教育资金比例", "rate", "%", example=0.10),
    _f("public_funds_per_student_actual", "生均公用经费实际拨付", "number", "元", example=650),
    _f("public_funds_per_student_standard", "生均公用经费拨付标准", "number", "元", example=600),
    _f("staffing_unified", "教职工编制城乡统一并按标准核定", "bool", example=True),
    _f("teacher_avg_salary", "教师平均工资", "number", "元", example=78000),
    _f("civil_servant_avg_salary", "当地公务员平均工资", "number", "元", example=76000),
    _f("rotation_rate", "校长教师交流轮岗比例", "rate", "%", example=0.12),
    _f("backbone_rotation_rate", "骨干教师占交流轮岗比例", "rate", "%", example=0.22),
    _f("training_funds_rate", "教师培训经费占公用经费比例", "rate", "%", example=0.05),
    _f("subject_teachers", "音体美等学科教师配备", "subjects", "人",
       example={"music": {"required": 40, "actual": 40}},
       help="可省略: 省略时由各校 subject_teachers 合计"),
    _f("nearby_enrolment", "免试就近入学，无择校", "bool", example=True),
    _f("no_key_schools", "无重点学校、重点班", "bool", example=True),
    _f("class_sizes", "全县各班人数", "count_list", "人", example=[45, 48, 52],
       help="可省略: 省略时由各校 class_sizes 合并"),
    _f("courses_complete", "开齐开足课程，课业负担不过重", "bool", example=True),
    _f("fitness_pass_rate", "学生体质健康达标率", "rate", "%", example=0.93),
    # 优质均衡（教督〔2017〕6号）: 政府保障程度 15 items, 教育质量 9 items, 一票否决 6 items.
    _f("layout_planned", "县域学校规划布局合理", "bool", example=True, help="优质均衡 P1"),
    _f("urban_rural_four_unified", "城乡“四个统一”", "bool", "", "四个统一", example=True,
       help="优质均衡 P2：建设标准、编制标准、生均公用经费基准定额、基本装备配置标准城乡统一"),
    _f("music_art_rooms_complete", "音乐美术专用教室配备达标", "bool", example=True,
       help="优质均衡 P3：每12个班各1间以上，面积不小于96、90㎡"),
    _f("largest_school_students", "最大学校规模（非一贯制）", "count", "人", example=1800,
       help="优质均衡 P4：可省略，省略时取各校（小学、初中、教学点）在校生数的最大值"),
    _f("largest_spanning_school_students", "最大一贯制学校义务教育阶段规模", "count", "人", example=2100,
       help="优质均衡 P4：可省略，省略时取各一贯制学校小学、初中在校生之和的最大值（无一贯制学校为0）"),
    _f("max_class_size_primary", "小学最大班额", "count", "人", example=45,
       help="优质均衡 P5：可省略，省略时由各小学、教学点的各班人数求得（一贯制学校填写了各班人数时须填写）"),
    _f("max_class_size_junior", "初中最大班额", "count", "人", example=50,
       help="优质均衡 P5：可省略，省略时由各初中的各班人数求得（一贯制学校填写了各班人数时须填写）"),
    _f("small_school_funding_100", "不足100人学校按100人核定公用经费", "bool", example=True, help="优质均衡 P6"),
    _f("special_school_funds_per_student", "特殊教育学校生均公用经费", "number", "元", example=6000,
       help="优质均衡 P7"),
    _f("teacher_training_360_rate", "教师5年360学时培训完成率", "rate", "%", example=1.0, help="优质均衡 P9"),
    _f("staffing_coordinated", "编制和岗位统筹分配", "bool", example=True, help="优质均衡 P10"),
    _f("teacher_certificate_rate", "专任教师持证上岗率", "rate", "%", "教师资格证上岗率", example=1.0,
       help="优质均衡 P12"),
    _f("nearby_enrolment_rate_urban", "城区就近划片入学比例", "rate", "%", example=1.0, help="优质均衡 P13"),
    _f("nearby_enrolment_rate_town", "镇区就近划片入学比例", "rate", "%", example=0.96, help="优质均衡 P13"),
    _f("migrant_public_school_rate", "随迁子女在公办及购买服务民办学校就读比例", "rate", "%", example=0.9,
       help="优质均衡 P15"),
    _f("junior_three_year_retention_rate", "初中三年巩固率", "rate", "%", example=0.96, help="优质均衡 E1"),
    _f("charters_and_informatization", "学校章程及管理与教学信息化", "bool", example=True, help="优质均衡 E3"),
    _f("min_school_training_funds_rate", "各校教师培训经费占公用经费比例（最低）", "rate", "%", example=0.05,
       help="优质均衡 E4：各校中最低的一所"),
    _f("ict_teaching_and_equipment_use", "信息化教学及设施设备利用", "bool", example=True, help="优质均衡 E5"),
    _f("moral_education_good", "德育工作、校园文化建设良好以上", "bool", example=True, help="优质均衡 E6"),
    _f("curriculum_and_practice", "课程开齐开足、教学秩序规范、综合实践有效", "bool", example=True,
       help="优质均衡 E7"),
    _f("no_excess_burden", "无过重课业负担", "bool", example=True, help="优质均衡 E8"),
    _f("monitoring_level", "国家质量监测学业水平等级", "int", "级", "学业水平等级", example=3,
       help="优质均衡 E9：Ⅲ级写 3"),
    _f("monitoring_school_gap", "国家质量监测校际差异率", "number", "", "校际差异率", example=0.12,
       help="优质均衡 E9：低于0.15"),
    _f("veto_exam_admission", "以考试方式招生", "bool", example=False, help="优质均衡一票否决：发生写“是”"),
    _f("veto_school_choice", "违规择校行为突出", "bool", example=False, help="优质均衡一票否决：发生写“是”"),
    _f("veto_key_schools", "设置重点学校或重点班", "bool", example=False, help="优质均衡一票否决：发生写“是”"),
    _f("veto_unfilled_posts", "“有编不补”或长期聘用编外教师", "bool", "", "有编不补", example=False,
       help="优质均衡一票否决：发生写“是”"),
    _f("veto_major_incident", "重大安全责任事故或严重违纪违规事件", "bool", example=False,
       help="优质均衡一票否决：发生写“是”"),
    _f("veto_fraud", "弄虚作假", "bool", example=False, help="优质均衡一票否决：发生写“是”"),
)

COUNTY_FIELDS: tuple[Field, ...] = (
    _f("kind", "类型", "enum", "", choices=("county",), required=True, example="county"),
    _f("name", "县区名称", "str", "", "县名", required=True, example="某某县"),
    _f("province", "省份", "str", "", example="云南"),
    _f("year", "年度", "int", "年", example=2024),
    _f("profile", "评估标准", "str", "", example="basic-2012"),
    _f("schools", "学校", "schools", "", "学校名单", required=True, example=["schools/a.yaml"],
       help="相对本文件的路径，或直接写学校条目"),
    _f("government", "县级人民政府推进工作", "government", "", "政府工作", example={}),
    _f("satisfaction_rate", "公众满意度", "rate", "%", "满意度", example=0.91),
    _f("recognition_rate", "社会认可度", "rate", "%", "认可度", example=0.88, help="优质均衡：达到85%以上"),
    _f("responsibles", "责任人", "text_map", "", "整改责任人", example={"B16": "人事股", "default": "教育局基教股"},
       help="整改方案的责任人：指标编号（B16、C4）或学校名称 → 责任人或科室；default（默认）为其余各项"),
    _f("narrative", "叙述", "text_map", "", "工作情况", example={"统筹管理": "县政府制定了均衡发展规划……"},
       help="自查报告的叙述部分（如实填写，未填的在报告中标〔请补充〕）：统筹管理、经费投入、师资队伍、"
            "教育教学管理、主要做法、下一步打算"),
    _f("claims", "报告声明", "claims", "", "声明", example=[]),
    _f("breakdowns", "分项合计", "breakdowns", "", "分项", example=[]),
    _f("sample", "示例数据", "bool", example=False,
       help="是：文件含演示用的示例数据，报告在基本情况后注明"),
)

CENTRE_FIELDS: tuple[Field, ...] = (
    _f("kind", "类型", "enum", "", choices=("centre",), required=True, example="centre"),
    _f("name", "中心学校名称", "str", "", required=True, example="某某镇中心学校"),
    _f("date", "日期", "date", "", example="2013-09-23"),
    _f("county", "县区", "str", "", example="某某县"),
    _f("profile", "评估标准", "str", "", example="basic-2012",
       help="宣传方案与标语按此标准措辞（quality-2017 为优质均衡）/ the publicity follows this standard"),
    # 宣传方案 details (junheng publicity); each has a stated default when left out.
    _f("website", "宣传网站", "str", "", example="某某县教育局信息网",
       help="默认“{县区}教育局网站” / default: the county education bureau's website"),
    _f("news_per_month", "每校每月报送信息条数", "int", "条", example=1, help="默认 1"),
    _f("parents_meeting", "家长会时间", "str", "", example="10月中旬", help="默认“本学期内”"),
    _f("schools", "所辖学校", "centre_schools", "", required=True,
       example=[{"name": "某某完小", "banner_sites": ["学校门口"]}]),
)

CENTRE_SCHOOL_FIELDS: tuple[Field, ...] = (
    _f("name", "学校名称", "str", "", required=True),
    _f("banner_sites", "横幅悬挂地点", "str_list", "", "悬挂地点"),
)

CLAIM_FIELDS: tuple[Field, ...] = (
    _f("of", "对象", "str", "", required=True),
    _f("measure", "口径", "enum", "", choices=CLAIM_MEASURES, required=True),
    _f("value", "声明值", "any", "", required=True),
    _f("standard", "标准", "number", ""),
    _f("stage", "学段", "str", ""),
    _f("text", "原文", "str", ""),
    _f("line", "行", "int", ""),
    _f("where", "出处", "str", ""),
)

BREAKDOWN_FIELDS: tuple[Field, ...] = (
    _f("of", "对象", "str", "", required=True),
    _f("total", "合计", "number", ""),
    _f("parts", "分项", "number_map", "", required=True),
    _f("text", "原文", "str", ""),
    _f("line", "行", "int", ""),
    _f("where", "出处", "str", ""),
)

SUBJECT_LABELS = {"music": "音乐", "pe": "体育", "art": "美术", "science": "科学",
                  "it": "信息技术", "english": "英语", "mental_health": "心理健康"}

FIELDS_BY_KIND = {"school": SCHOOL_FIELDS, "county": COUNTY_FIELDS, "centre": CENTRE_FIELDS}

# The groups a blank form and the list of what is still to fill (check on a blank form) show the keys in.
FIELD_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("基本情况", ("kind", "name", "stage", "ownership", "location", "affiliation", "category", "province", "county",
              "year", "date", "profile")),
    ("学生与班级", ("students", "classes", "class_sizes")),
    ("教师", ("teachers", "teachers_above_required_degree", "teachers_mid_senior_title", "backbone_teachers",
            "pe_art_teachers", "subject_teachers", "qualified_degree_rate", "network_space_rate")),
    ("校舍与场地", ("land_area_m2", "building_area_m2", "dormitory_area_m2", "teaching_aux_area_m2", "sports_area_m2")),
    ("设施设备", ("equipment_value_yuan", "books", "computers", "multimedia_classrooms", "internet_bandwidth_mbps",
              "labs")),
    ("课程与巩固", ("courses_complete", "retention_rate")),
    ("学校", ("schools",)),
    ("县级人民政府推进工作", ("government",)),
    ("满意度与认可度", ("satisfaction_rate", "recognition_rate")),
    ("宣传方案", ("website", "news_per_month", "parents_meeting")),
    ("报告与整改（可不填）", ("responsibles", "narrative", "claims", "breakdowns")),
)
# The keys that name a form rather than state a fact: a form with nothing else filled decides nothing.
IDENTITY_KEYS = FIELD_GROUPS[0][1]


def grouped_fields(kind: str) -> list[tuple[str, list[Field]]]:
    """The fields of a kind in FIELD_GROUPS order, as (group, fields); a field no group names goes last."""
    fields = {fld.key: fld for fld in FIELDS_BY_KIND[kind]}
    groups, placed = [], set()
    for group, keys in FIELD_GROUPS:
        members = [fields[key] for key in keys if key in fields]
        placed.update(fld.key for fld in members)
        if members:
            groups.append((group, members))
    rest = [fld for key, fld in fields.items() if key not in placed]
    if rest:
        groups.append(("其他", rest))
    return groups


def field_index(fields) -> dict[str, Field]:
    """Every spelling (English key, Chinese label, alias) → Field."""
    index: dict[str, Field] = {}
    for fld in fields:
        index[fld.key] = fld
        index[fld.label] = fld
        for alias in fld.labels:
            index[alias] = fld
    return index


def label_of(key: str) -> str:
    for fields in (SCHOOL_FIELDS, GOVERNMENT_FIELDS, COUNTY_FIELDS):
        for fld in fields:
            if fld.key == key:
                return fld.label
    return key


def field_notes(fld: Field, hints: tuple = None, example: str | None = None) -> list[str]:
    """A field described as a clerk reads it beside the key — the one description both a blank fact file's comment
    (generator.io.blank) and a workbook header's note (generator.io.workbook.sheets) are made of: the unit, 必填, what
    to write (`hints`: the field's help unless a 学段 or a cell asks for more or other), an example as the form
    writes it (`example`, already spelled by the form; None: none shown)."""
    notes = []
    if fld.unit:
        notes.append(f"单位：{fld.unit}")
    if fld.required:
        notes.append("必填")
    notes += [hint for hint in ((fld.help,) if hints is None else hints) if hint]
    if example is not None:
        notes.append(f"例：{example}")
    return notes
