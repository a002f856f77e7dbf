#!/usr/bin/env python3
"""Build doc_templates/audit-opinion.docx (督导核查意见) with tools/gbt9704.py.

    python tools/make_audit_template.py

`junheng audit FACTS -o 意见.docx` fills it (generator/audit/opinion.py, opinion_context()): what
was checked, the findings grouped by what they mean (a wrong conclusion, a wrong figure, parts that
do not add up, base data that contradict each other), each quoting the submission's sentence with
its place and stating what its own base data give, what could not be checked, what is asked, and
the issuing body's signature. A clerk may edit the wording in Word or WPS; keep each {{ … }} tag
inside one run.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gbt9704 as g  # noqa: E402
from builder import OUT, build_all, document, each, keep_with_signature, signature  # noqa: E402

NAME = "audit-opinion.docx"


def opinion():
    doc = document("关于{{ subject_name }}义务教育均衡发展")
    g.add_title(doc, "自评材料的督导核查意见")
    g.add_paragraph(doc, "")
    g.add_paragraph(doc, "{{ subject_name }}：", indent=False)
    g.add_paragraph(doc, "根据{{ profile_citation }}，我们对你{{ kind_word }}{{ submission }}所列数据进行了核查："
                         "以{{ short_name }}自身列出的基础数据（在校生数、面积、册数、台数、金额等）重新计算各项生均值、"
                         "尚缺数和达标结论，核对分项与合计，并检查基础数据之间应有的关系。所列数字与核算结果之差"
                         "小于其所写最后一位的一个单位的，视为一致。现将核查意见反馈如下。")
    g.add_heading1(doc, "一、核查情况")
    g.add_paragraph(doc, "{{ summary }}")
    g.add_heading1(doc, "二、发现的问题")
    g.add_tag_paragraph(doc, "{%p if groups %}")
    g.add_tag_paragraph(doc, "{%p for group in groups %}")
    g.add_heading2(doc, "{{ group.heading }}")
    each(doc, "f in group.findings", "{{ f.no }}．{{ f.text }}")
    g.add_tag_paragraph(doc, "{%p endfor %}")
    g.add_tag_paragraph(doc, "{%p else %}")
    g.add_paragraph(doc, "经逐项核算，未发现所列数据与基础数据不符之处。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_tag_paragraph(doc, "{%p if tail_text %}")
    g.add_paragraph(doc, "{{ tail_text }}")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_tag_paragraph(doc, "{%p if unverified %}")
    g.add_heading1(doc, "三、无法核对的事项")
    each(doc, "u in unverified", "{{ u.what }}：{{ u.why }}。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_heading1(doc, "{{ opinion_heading }}")
    g.add_paragraph(doc, "{{ conclusion }}")
    each(doc, "r in requests", "{{ r }}")
    keep_with_signature(g.add_paragraph(doc, "{{ closing }}"))
    signature(doc, "{{ issuer }}")
    return doc


def build(path: Path = OUT / NAME) -> Path:
    """Build the template at `path` (tests build it into a temporary folder)."""
    return build_all({path.name: opinion}, path.parent)[0]


if __name__ == "__main__":
    build()
