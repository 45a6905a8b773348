"""Audit of the 金山 2023 task-table pack against its seed: hand-worked cases, each citing its row.

The first test pins the one reading the audit changed (第17行 “小巨人” for a firm that became 单项冠军 the same
year); the others pin the printed channel, 是否即申即享, receiving office and telephone of every policy row, and
the rows' own periods on both boundary days, so a later edit cannot drift silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status
from desktop_app.domain.phones import receiving_unit, resolve_contact
from desktop_app.domain.profile import District, EnterpriseProfile
from tests.domain.helpers import IN_FORCE_FROM_FIRST_TO_LAST, failed_ids, result_for, status_on_each_side

JINSHAN = District("jinshan")


def jinshan(**answers: Any) -> EnterpriseProfile:
    return EnterpriseProfile(district="jinshan", **answers)


# 金山 政策类第17行: “对新认定的国家专精特新‘小巨人’企业，给予不低于30万元奖励。” The tier question takes the
# highest tier only, so a firm newly 小巨人 and then 单项冠军 in 2023 is still a newly recognised 小巨人.
def test_little_giant_award_counts_a_little_giant_that_became_single_champion_the_same_year(
    catalog: Catalog,
) -> None:
    measure = "jinshan-2023-17b"
    both = result_for(
        catalog,
        measure,
        jinshan(srdi_recognition="single_champion", srdi_recognition_year=2023, little_giant_same_year=True),
    )
    assert both.status is Status.eligible
    assert both.amount is not None and both.amount.minimum == 300000 and both.amount.maximum is None
    only_champion = result_for(
        catalog,
        measure,
        jinshan(srdi_recognition="single_champion", srdi_recognition_year=2023, little_giant_same_year=False),
    )
    assert only_champion.status is Status.not_eligible and failed_ids(only_champion) == ["new_little_giant"]
    unasked = result_for(catalog, measure, jinshan(srdi_recognition="single_champion", srdi_recognition_year=2023))
    assert unasked.status is Status.needs_info and "little_giant_same_year" in unasked.missing
    # the plain reading is unchanged
    plain = result_for(catalog, measure, jinshan(srdi_recognition="national_little_giant", srdi_recognition_year=2023))
    assert plain.status is Status.eligible


# (measure, channel kind, words of 办理渠道 / 是否即申即享 the detail must carry, receiving office, phone as printed)
CHANNEL_ROWS = [
    # 第1–4行: 电子税务局或办税服务厅 / 纳税人自行申报享受… / 021-12366
    ("jinshan-2023-1a", "直接申请", ["电子税务局或办税服务厅"], "金山税务局", "021-12366"),
    ("jinshan-2023-1b", "直接申请", ["电子税务局或办税服务厅"], "金山税务局", "021-12366"),
    ("jinshan-2023-2", "直接申请", ["电子税务局或办税服务厅"], "金山税务局", "021-12366"),
    ("jinshan-2023-3", "直接申请", ["电子税务局或办税服务厅"], "金山税务局", "021-12366"),
    ("jinshan-2023-4", "直接申请", ["电子税务局或办税服务厅"], "金山税务局", "021-12366"),
    # 第5–6行: 各银行机构 / 自行申请 / 联系相应贷款银行进行咨询 (no number printed)
    ("jinshan-2023-5", "直接申请", ["各银行机构"], "贷款银行", None),
    ("jinshan-2023-6", "直接申请", ["各银行机构"], "贷款银行", None),
    # 第7行: 区财政局 / 否 / 37907579; 第8行: 金开担保 / 是 / 37907669
    ("jinshan-2023-7", "直接申请", ["区财政局", "非即申即享"], "金山区财政局", "37907579"),
    ("jinshan-2023-8", "直接申请", ["金开担保", "即申即享"], "金开担保", "37907669"),
    # 第9行: 税务网上经办平台 / 部分险种免申即享、部分险种申报享受 / 12333
    ("jinshan-2023-9", "直接申请", ["税务网上经办平台", "部分险种免申即享、部分险种申报享受"], None, "12333"),
    # 第10行: 各街镇（高新区）社区事务受理中心、园区企业服务部门线下申请 / 是 / 67961951
    (
        "jinshan-2023-10",
        "直接申请",
        ["线下", "即申即享"],
        "各街镇（高新区）社区事务受理中心、园区企业服务部门",
        "67961951",
    ),
    # 第11行: 免申即享 / 免申即享 / 67961792
    ("jinshan-2023-11", "免申即享", ["免申即享"], "金山区人社局", "67961792"),
    # 第12–14行: 向金山区经委申请 / 否 / 57921185
    ("jinshan-2023-12a", "直接申请", ["金山区经委", "非即申即享"], "金山区经委", "57921185"),
    ("jinshan-2023-12b", "直接申请", ["金山区经委", "非即申即享"], "金山区经委", "57921185"),
    ("jinshan-2023-13", "直接申请", ["金山区经委", "非即申即享"], "金山区经委", "57921185"),
    ("jinshan-2023-14", "直接申请", ["金山区经委", "非即申即享"], "金山区经委", "57921185"),
    # 第15行: 线上申请 / 审核通过后可享 / 4008203152; 第16行: 市商务委 / 否 / 市商务委 23110675、 23110794
    ("jinshan-2023-15", "直接申请", ["线上申请", "审核通过后可享"], "金山区经委", "4008203152"),
    ("jinshan-2023-16", "直接申请", ["市商务委", "非即申即享"], "市商务委", "23110675、23110794"),
    # 第17行: 向金山区经委申请 / 否 / 57921750
    ("jinshan-2023-17a", "直接申请", ["金山区经委", "非即申即享"], "金山区经委", "57921750"),
    ("jinshan-2023-17b", "直接申请", ["金山区经委", "非即申即享"], "金山区经委", "57921750"),
    # 第18行: 一网通办 / 是; 第19行: 一网通办 / 是（需通过市级部门认定）; 57971309
    ("jinshan-2023-18a", "一网通办", ["一网通办", "即申即享"], "金山区科委", "57971309"),
    ("jinshan-2023-18b", "一网通办", ["一网通办", "即申即享"], "金山区科委", "57971309"),
    ("jinshan-2023-18c", "一网通办", ["一网通办", "即申即享"], "金山区科委", "57971309"),
    ("jinshan-2023-19", "一网通办", ["一网通办", "即申即享", "需通过市级部门认定"], "金山区科委", "57971309"),
    # 第20–21行: 免申即享（配套市级资金） / 免申即享 / 57971309
    ("jinshan-2023-20a", "免申即享", ["免申即享（配套市级资金）"], "金山区科委", "57971309"),
    ("jinshan-2023-20b", "免申即享", ["免申即享（配套市级资金）"], "金山区科委", "57971309"),
    ("jinshan-2023-21", "免申即享", ["免申即享（配套市级资金）"], "金山区科委", "57971309"),
    # 第22行: 向市经信委申请 / 否 / 23112714 — received by 市经信委 although 区经委 is the responsible unit
    ("jinshan-2023-22", "直接申请", ["市经信委", "非即申即享"], "市经信委", "23112714"),
    # 第23行: 一网通办 / 否 / 57931942 (区科委)
    ("jinshan-2023-23", "一网通办", ["一网通办", "非即申即享"], "金山区科委", "57931942"),
]


@pytest.mark.parametrize(("measure_id", "kind", "words", "receiver", "phone"), CHANNEL_ROWS)
def test_every_policy_row_keeps_its_printed_channel_receiver_and_phone(
    catalog: Catalog, measure_id: str, kind: str, words: list[str], receiver: str | None, phone: str | None
) -> None:
    measure = next(m for p in catalog.packs for m in p.measures if m.id == measure_id)
    assert measure.channel.kind.value == kind
    assert measure.channel.from_document is True
    for word in words:
        assert word in measure.channel.detail, word
    if receiver is not None:
        assert receiving_unit(measure, JINSHAN) == receiver
    contact = resolve_contact(measure, JINSHAN)
    assert contact.phone == phone
    if phone is not None:
        assert contact.source == "document"


# A row's own period, on both boundary days.
@pytest.mark.parametrize(
    ("measure_id", "answers", "first", "last"),
    [
        # 第3行: “自 2023 年 1 月 1 日至 2024 年 12 月 31 日，继续按照 50% 幅度减免……”
        ("jinshan-2023-3", {"small_scale_taxpayer": True}, dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
        # 第5行: “还本付息日期原则上最长可延至 2023 年 6 月 30 日”
        (
            "jinshan-2023-5",
            {"size_class": "small", "small_micro_loan_due": True},
            dt.date(2023, 1, 1),
            dt.date(2023, 6, 30),
        ),
        # 第1行: “自 2023 年 1 月 1 日至 2023 年 12 月 31 日，落实增值税小规模纳税人减免增值税等政策”
        ("jinshan-2023-1a", {"small_scale_taxpayer": True}, dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        # 第18行: no period of its own — the city-wide plan's 2023
        (
            "jinshan-2023-18a",
            {"hitech_event": "new", "hitech_event_year": 2022},
            dt.date(2023, 1, 1),
            dt.date(2023, 12, 31),
        ),
    ],
)
def test_rows_own_period_on_both_boundary_days(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], first: dt.date, last: dt.date
) -> None:
    assert status_on_each_side(catalog, measure_id, jinshan(**answers), first, last) == IN_FORCE_FROM_FIRST_TO_LAST


# 金山 政策类第1–4行 share one 责任单位 cell: “金山税务局、区财政局、区发改委、区水务局” — in that order for 超定额用水
# too; the office receiving the filing is 金山税务局 (办理渠道 “电子税务局或办税服务厅”).
@pytest.mark.parametrize(
    "measure_id", ["jinshan-2023-1a", "jinshan-2023-1b", "jinshan-2023-2", "jinshan-2023-3", "jinshan-2023-4"]
)
def test_tax_rows_name_the_responsible_units_as_printed(catalog: Catalog, measure_id: str) -> None:
    measure = next(m for p in catalog.packs for m in p.measures if m.id == measure_id)
    contact = resolve_contact(measure, JINSHAN)
    assert contact.units == "金山税务局、金山区财政局、金山区发改委、金山区水务局"
    assert contact.receiver == "金山税务局"
