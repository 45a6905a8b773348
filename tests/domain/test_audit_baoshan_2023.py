"""Audit of the 宝山 2023 pack against its seed (宝府规〔2023〕1号): each test cites the clause it pins."""

from __future__ import annotations

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status
from desktop_app.domain.profile import EnterpriseProfile
from tests.domain.helpers import result_for


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


def test_first_time_in_the_sei_statistics_does_not_claim_to_check_the_year(catalog: Catalog) -> None:
    """宝山 第17条: “对首次纳入宝山区战略性新兴产业（制造业）统计的规模以上工业企业一次性给予奖励资金 5万元” — 首次 is
    about when, but the questionnaire asks only yes/no: a firm first counted in 2019 that answers 是 is 符合条件, so the
    note must not say the tool reads the year; it tells the user which years to answer 是 for."""
    profile = EnterpriseProfile(district="baoshan", above_scale_industrial=True, newly_in_baoshan_sei_stats=True)
    r = result_for(catalog, "baoshan-2023-17b", profile)
    assert r.status is Status.eligible and r.amount_text == "5万元"
    note = r.reading_note or ""
    assert "未问纳入年份" in note and "不核对年份" in note
    assert "2022年或2023年首次纳入" in note and "答“是”" in note
    assert "本工具按2022年或2023年首次纳入" not in note
