"""Audit of the 宝山 2023 pack against its seed (宝府规〔2023〕1号): each test cites the clause it pins."""

from __future__ import annotations

from typing import Any

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status
from tests.domain.helpers import result_for, status_by_year


def _bare(text: str) -> str:
    return "".join(text.split())


def test_loan_renewal_cites_the_whole_sentence_from_its_subject(catalog: Catalog) -> None:
    """宝山 第2条: “鼓励区内银行业金融机构根据小微企业特点，提供差异化贷款延期方式，推广主动授信、随借随还贷款模式和
    线上续贷产品，支持正常经营的中小微企业融资周转无缝续贷。” — the excerpt a reader (and the 办理指引) sees is the
    whole sentence, not a fragment cut at 推广主动授信 that has lost who does what."""
    measure = catalog.by_id()["baoshan-2023-2b"].measure
    excerpt = _bare(measure.excerpt)
    assert excerpt.startswith("鼓励区内银行业金融机构根据小微企业特点，提供差异化贷款延期方式，")
    assert excerpt.endswith("支持正常经营的中小微企业融资周转无缝续贷。")


def test_first_time_in_the_sei_statistics_is_read_by_its_year(catalog: Catalog) -> None:
    """宝山 第17条: “对首次纳入宝山区战略性新兴产业（制造业）统计的规模以上工业企业一次性给予奖励资金 5万元” — 首次 is
    about when. With only a yes/no, a firm first counted in 2019 that answered 是 was 符合条件 for 5万元. Now, read
    as 第18条's 首次成为“四上”企业: 2023 holds, 2022 is for 区经委 to confirm, earlier is not met, no year is
    需补充信息."""
    base: dict[str, Any] = {"district": "baoshan", "above_scale_industrial": True, "newly_in_baoshan_sei_stats": True}
    assert status_by_year(catalog, "baoshan-2023-17b", base, "baoshan_sei_stats_year", (2023, 2022, 2019)) == {
        2023: Status.eligible,
        2022: Status.needs_check,
        2019: Status.not_eligible,
        None: Status.needs_info,
    }
    confirmed = result_for(catalog, "baoshan-2023-17b", **base, baoshan_sei_stats_year=2022)
    assert [c.confirmer for c in confirmed.open_checks] == ["区经委"] and confirmed.amount_text == "5万元"
    not_first = result_for(catalog, "baoshan-2023-17b", **{**base, "newly_in_baoshan_sei_stats": False})
    assert not_first.status is Status.not_eligible  # the year is not asked then (show_if) and not needed
