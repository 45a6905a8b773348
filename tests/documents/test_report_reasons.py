"""The 体检报告's 未满足 lines come from the reasons' parts, never from cutting a sentence apart."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from desktop_app.documents.summary import report_context
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile import EnterpriseProfile
from tests.domain.helpers import catalog_of, green_awards

AS_OF = dt.date(2023, 6, 1)
PACK = textwrap.dedent(
    """
    pack_format: 1
    id: test-pack
    district: baoshan
    document: {title: 测试文件, number: 测〔2023〕1号, issuer: 测试区政府, date: 2023-01-01, source_file: test.txt}
    valid_from: 2023-01-01
    valid_until: 2023-12-31
    validity_excerpt: 有效期至2023年12月31日
    rules:
      - {id: cap, kind: cap_total, measures: [baoshan-2023-2a, baoshan-2023-2b], cap: 300000,
         label: 合计上限, excerpt: 总奖励额度不超过30万元}
    measures:
      - id: baoshan-2023-1
        title: 引文条件
        summary: 测试
        clause: "1"
        excerpt: 条件本身引用另一文件的测试
        criteria:
          - {id: cited, label: 符合——《上海市测试办法》所定条件, expr: small_scale_taxpayer}
        amount: {kind: fixed, value: 10000}
        channel: {kind: 直接申请, detail: 向区经委申请, from_document: false}
        contact: {units: [区经委]}
    """
    + green_awards()
    + "\n"
)


def _failed_lines(tmp_path: Path, profile: EnterpriseProfile) -> dict[str, str]:
    report = match(profile, catalog_of(tmp_path, PACK), as_of=AS_OF)
    return {line.id: line.text for line in report_context(report=report).failed}


def test_a_criterion_that_cites_a_document_keeps_its_whole_label(tmp_path: Path) -> None:
    """A label with ——《…》 in it is printed whole; only the engine's own clause citation is left off."""
    lines = _failed_lines(tmp_path, EnterpriseProfile(district="baoshan", small_scale_taxpayer=False))
    assert lines["baoshan-2023-1"] == "未满足：需符合——《上海市测试办法》所定条件（本企业：否）"


def test_a_measure_a_cap_leaves_nothing_says_so(tmp_path: Path) -> None:
    """Two 30万 awards under a 30万 joint cap: the second is 不符合 because the cap is used up, and says that.

    Its first reason is a condition that held (符合：认定绿色产品); the report names the reason it is not
    met, never 未满足：符合：….
    """
    profile = EnterpriseProfile(district="baoshan", green_national=["supply_chain", "product"])
    lines = _failed_lines(tmp_path, profile)
    zeroed = [text for mid, text in lines.items() if mid.startswith("baoshan-2023-2")]
    assert len(zeroed) == 1
    assert zeroed[0].startswith("未满足：合计上限") and zeroed[0].endswith("本项可得金额为0元")
    assert "符合：" not in zeroed[0]


def test_only_not_eligible_measures_are_listed(tmp_path: Path) -> None:
    """An eligible measure has no 未满足 line."""
    profile = EnterpriseProfile(district="baoshan", small_scale_taxpayer=True)
    report = match(profile, catalog_of(tmp_path, PACK), as_of=AS_OF)
    result = report.result_for("baoshan-2023-1")
    assert result is not None and result.status is Status.eligible
    assert "baoshan-2023-1" not in {line.id for line in report_context(report=report).failed}
