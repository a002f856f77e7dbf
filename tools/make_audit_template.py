#!/usr/bin/env python3
"""Build doc_templates/audit-opinion.docx (督导核查意见) with tools/gbt9704.py.

    python tools/make_audit_template.py

`junheng audit FACTS -o 意见.docx` fills it (generator/cli/audit.py, opinion_context()): what
was checked, each finding with the figure the submission gave, the figure its own facts give,
the difference and how it was computed, what could not be checked, and the conclusion. A clerk
may edit the wording in Word or WPS; keep each {{ … }} tag inside one run.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gbt9704 as g  # noqa: E402
from builder import CENTER, LEFT, OUT, RIGHT, build_all, document, each, signature  # noqa: E402

NAME = "audit-opinion.docx"


def opinion():
    doc = document("{{ subject_name }}")
    g.add_title(doc, "义务教育均衡发展自评材料督导核查意见")
    g.add_paragraph(doc, "")
    g.add_paragraph(doc, "{{ subject_name }}：", indent=False)
    g.add_paragraph(doc, "根据{{ profile_citation }}，"
                         "我们对你{{ kind_word }}报送的自评材料所列数据进行了逐项核查：以材料自身的基础数据重新计算"
                         "各项声明数字，核对分项与合计，并检查基础数据之间应有的关系。数字与核算结果之差小于材料所写"
                         "最后一位的一个单位即视为一致。现将核查意见反馈如下。")
    g.add_heading1(doc, "一、核查情况")
    g.add_paragraph(doc, "共核对声明数字和分项合计{{ checked }}项、基础数据关系{{ relations_checked }}条，"
                         "发现不符{{ finding_count }}处，{{ unverified_count }}项因基础数据不足无法核对。")
    g.add_heading1(doc, "二、发现的问题")
    g.add_tag_paragraph(doc, "{%p if findings %}")
    g.add_paragraph(doc, "下列数字与材料自身的基础数据不符：")
    g.add_loop_table(doc, ["序号", "位置", "核对内容", "材料所列", "核算结果", "差"],
                     ["{{ f.no }}", "{{ f.where }}", "{{ f.what }}", "{{ f.claimed }}", "{{ f.should }}",
                      "{{ f.difference }}"],
                     loop="f in findings", widths_mm=[13, 21, 48, 26, 26, 22],
                     aligns=[CENTER, CENTER, LEFT, RIGHT, RIGHT, RIGHT])
    g.add_paragraph(doc, "")
    g.add_paragraph(doc, "各项核算过程如下：")
    each(doc, "f in findings", "{{ f.no }}. {{ f.what }}。{{ f.how }}。")
    g.add_tag_paragraph(doc, "{%p else %}")
    g.add_paragraph(doc, "经逐项核算，未发现所列数据与基础数据不符之处。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_tag_paragraph(doc, "{%p if unverified %}")
    g.add_heading1(doc, "三、无法核对的事项")
    each(doc, "u in unverified", "{{ u.what }}：{{ u.why }}。")
    g.add_paragraph(doc, "请补充相应基础数据，以便核对。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_heading1(doc, "{{ opinion_heading }}")
    g.add_tag_paragraph(doc, "{%p if findings %}")
    g.add_paragraph(doc, "{{ conclusion }}")
    g.keep_with_next(g.add_paragraph(doc, "请对上述问题逐项核实，以基础数据为准更正相关数字和表述，"
                                          "并将更正情况连同更正后的材料书面报送。"))
    g.add_tag_paragraph(doc, "{%p else %}")
    g.keep_with_next(g.add_paragraph(doc, "{{ conclusion }}"))
    g.add_tag_paragraph(doc, "{%p endif %}")
    signature(doc, "督导评估核查组")
    return doc


def build(path: Path = OUT / NAME) -> Path:
    """Build the template at `path` (tests build it into a temporary folder)."""
    return build_all({path.name: opinion}, path.parent)[0]


if __name__ == "__main__":
    build()
