"""What the letters say: a 申请书 holds only what the applicant asserts; guidance goes to the 办理清单.

Issue 12: the bureau receives the 申请书, so no internal note of the tool may be in it; for an "A或B"
condition only the alternative that held is cited; ticked confirmations are stated by the applicant;
the 办理清单 names every open check and every inferred channel.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from docx import Document

from desktop_app.documents.context import DocumentKind, letter_context
from desktop_app.documents.fill import GeneratedDocument, generate_documents
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile import EnterpriseProfile
from desktop_app.domain.profile_io import load_profile
from desktop_app.paths import examples_dir
from tests.conftest import AS_OF
from tests.documents.helpers import docx_text
from tests.domain.helpers import catalog_of, green_awards

EXAMPLES = sorted(examples_dir().glob("*.json"))
Outputs = dict[str, list[GeneratedDocument]]
#: Words that must never reach a bureau (issue 12 "Done when").
FORBIDDEN = ("提交前可删除", "本程序", "本工具", "推定", "按原文字面", "实施细则")


def _paragraphs(path: Path) -> list[str]:
    """Every paragraph of the body, of every table cell, and of the footers."""
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    for section in document.sections:
        texts += [p.text for p in section.footer.paragraphs]
    return texts


@pytest.fixture(scope="module")
def example_outputs(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    """fill of the four examples on 2023-06-01, once for the module."""
    out = {}
    for path in EXAMPLES:
        profile = load_profile(path)
        report = match(profile, catalog, as_of=AS_OF)
        folder = tmp_path_factory.mktemp(path.stem)
        out[path.stem] = generate_documents(profile=profile, report=report, out_dir=folder)
    return out


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
def test_no_application_carries_a_note_of_the_tool(example: str, example_outputs: Outputs) -> None:
    """No paragraph of any example's 申请书 has 提交前可删除, 本程序, 本工具, 推定, 按原文字面 or 实施细则."""
    applications = [d for d in example_outputs[example] if d.kind is DocumentKind.application]
    assert applications, "every example has at least one 申请书"
    for document in applications:
        for paragraph in _paragraphs(document.path):
            found = [word for word in FORBIDDEN if word in paragraph]
            assert not found, (document.path.name, found, paragraph)
        text = docx_text(document.path)
        assert "附件：（请按受理部门要求" not in text
        assert "文书模板" not in text


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
def test_guidance_states_things_once_and_addresses_one_way(example: str, example_outputs: Outputs) -> None:
    """办理指引 and 告知书: no 免申即享 claim beside an inferred channel, no 本市做法, no 您, no program signature."""
    for document in example_outputs[example]:
        if document.kind not in (DocumentKind.online_guide, DocumentKind.notice):
            continue
        text = docx_text(document.path)
        assert not ("本项政策实行“免申即享”" in text and "办理方式为推定" in text), document.path.name
        assert "本市做法" not in text and "您" not in text
        assert "惠企政策申报助手" not in text
        assert "为准，金额以实施细则为准" not in text and "而定，金额以实施细则为准" not in text
        assert "→" not in text
        assert "（（" not in text.splitlines()[1] and not text.splitlines()[1].startswith("（")  # subtitle
        assert text.count("办理方式：") == 1


def test_tax_guides_mention_no_bank(example_outputs: Outputs, catalog: Catalog) -> None:
    """A tax item (受理 by a 税务局) is claimed at filing: its guide names no bank."""
    taxed = 0
    for documents in example_outputs.values():
        for document in documents:
            if document.kind is DocumentKind.online_guide:
                text = docx_text(document.path)
                if "税务局" in text and "电子税务局" in text:
                    taxed += 1
                    assert "银行" not in text, document.path.name
    assert taxed


def test_hotline_is_named_as_a_hotline(example_outputs: Outputs) -> None:
    """12366 is 纳税服务热线, never printed as the number of 税务局、财政局."""
    seen = 0
    for documents in example_outputs.values():
        for document in documents:
            text = docx_text(document.path)
            if "12366" in text:
                seen += 1
                assert "纳税服务热线：" in text
                assert "财政局：12366" not in text and "税务局：12366" not in text
    assert seen


def test_any_of_prints_only_the_alternative_that_held(catalog: Catalog, tmp_path: Path) -> None:
    """金山 政策类第3行 (六税两费): 小型微利企业 held, 小规模纳税人 did not; only the first is cited."""
    profile = EnterpriseProfile(
        name="上海测试精密有限公司", district="jinshan", small_scale_taxpayer=False, small_low_profit=True
    )
    report = match(profile, catalog, as_of=AS_OF)
    result = report.result_for("jinshan-2023-3")
    assert result is not None and result.status is Status.eligible
    context = letter_context(profile=profile, result=result, as_of=AS_OF)
    details = " ".join(f.detail for f in context.facts)
    assert "小型微利企业：是" in details
    assert "小规模纳税人" not in details
    documents = generate_documents(profile=profile, report=report, out_dir=tmp_path, measure_ids=["jinshan-2023-3"])
    for document in documents[:2]:  # the guide and the 办理清单
        text = docx_text(document.path)
        assert "小规模纳税人：否" not in text and "小规模纳税人）：否" not in text


CONFIRM_PACK = textwrap.dedent(
    """
    pack_format: 1
    id: test-confirm
    district: baoshan
    document: {title: 测试文件, number: 测〔2023〕1号, issuer: 测试区政府, date: 2023-01-01, source_file: test.txt}
    valid_from: 2023-01-01
    valid_until: 2023-12-31
    validity_excerpt: 有效期至2023年12月31日
    measures:
      - id: baoshan-2099-1
        title: 重点领域项目支持
        summary: 测试
        clause: 第1条
        excerpt: 对重点领域项目给予10万元支持
        criteria:
          - {id: field, label: 项目属于重点领域, confirm: 项目属于集成电路、人工智能、生物医药等重点领域}
        amount: {kind: fixed, value: 100000}
        channel: {kind: 直接申请, detail: 向区经委申请, from_document: false}
        contact: {units: [区经委]}
        reading_note: 原文未写明重点领域的名单，以区经委的认定为准
    """
)


@pytest.fixture
def confirm_catalog(tmp_path: Path) -> Catalog:
    return catalog_of(tmp_path, CONFIRM_PACK, "confirm.yaml")


def test_confirmed_check_is_stated_by_the_applicant(confirm_catalog: Catalog, tmp_path: Path) -> None:
    """Once ticked, a department-settled condition makes the measure eligible and the 申请书 says 本企业确认：…."""
    open_profile = EnterpriseProfile(name="上海测试有限公司", district="baoshan")
    waiting = match(open_profile, confirm_catalog, as_of=AS_OF).result_for("baoshan-2099-1")
    assert waiting is not None and waiting.status is Status.needs_check
    ticked = open_profile.model_copy(update={"confirmations": ["baoshan-2099-1:field"]})
    report = match(ticked, confirm_catalog, as_of=AS_OF)
    confirmed = report.result_for("baoshan-2099-1")
    assert confirmed is not None and confirmed.status is Status.eligible
    documents = generate_documents(profile=ticked, report=report, out_dir=tmp_path)
    letter = docx_text(documents[0].path)
    assert documents[0].kind is DocumentKind.application
    assert "本企业确认：项目属于集成电路、人工智能、生物医药等重点领域。" in letter
    assert "申请金额：10万元（大写：人民币壹拾万元整）。" in letter


def test_needs_check_gets_no_letter_but_is_in_the_report(confirm_catalog: Catalog, tmp_path: Path) -> None:
    """An unconfirmed check: no 申请书, and the report lists it with who confirms it."""
    profile = EnterpriseProfile(name="上海测试有限公司", district="baoshan")
    report = match(profile, confirm_catalog, as_of=AS_OF)
    documents = generate_documents(profile=profile, report=report, out_dir=tmp_path)
    assert [d.kind for d in documents] == [DocumentKind.report]
    text = docx_text(documents[0].path)
    assert "重点领域项目支持（待核实）" in text
    assert "项目属于集成电路、人工智能、生物医药等重点领域（须由区经委确认）" in text
    assert "条款理解说明" in text and "原文未写明重点领域的名单，以区经委的认定为准" in text  # reading_note


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
def test_checklist_lists_every_open_check_and_inferred_channel(
    example: str, example_outputs: Outputs, catalog: Catalog
) -> None:
    """The 办理清单 names, for every letter, its file, its open checks, and 推定 where the channel is inferred."""
    profile = load_profile(examples_dir() / f"{example}.json")
    report = match(profile, catalog, as_of=AS_OF)
    documents = example_outputs[example]
    checklist = next(d for d in documents if d.kind is DocumentKind.checklist)
    text = docx_text(checklist.path)
    entries = text.split("\n")
    letters = [d for d in documents if d.measure_id is not None]
    for document in letters:
        assert document.measure_id is not None
        result = report.result_for(document.measure_id)
        assert result is not None
        assert document.path.name in text
        for check in result.manual_checks:
            assert check.strip().rstrip("。；;，,、 ") in text, (document.measure_id, check)
        for open_check in result.unconfirmed_checks:
            assert open_check.text in text
        title = next(i for i, line in enumerate(entries) if line.endswith(f"．{result.measure.title}"))
        block = "\n".join(entries[title : title + 8])
        assert ("（推定，原文未写明）" in block) is (not result.measure.channel.from_document), block


CAPPED_PACK = textwrap.dedent(
    """
    pack_format: 1
    id: test-capped
    district: baoshan
    document: {title: 测试文件, number: 测〔2023〕2号, issuer: 测试区政府, date: 2023-01-01, source_file: test.txt}
    valid_from: 2023-01-01
    valid_until: 2023-12-31
    validity_excerpt: 有效期至2023年12月31日
    rules:
      - {id: cap, kind: cap_total, measures: [baoshan-2099-2a, baoshan-2099-2b], cap: 300000,
         label: 合计上限, excerpt: 总奖励额度不超过30万元}
    measures:
    """
    + green_awards("baoshan-2099", from_document=True)
    + "\n"
)


def test_a_measure_left_zero_by_a_cap_gets_no_letter(tmp_path: Path) -> None:
    """A cap used up by the first measure leaves the second 0元: it is 不符合 and gets no 申请书."""
    capped = catalog_of(tmp_path, CAPPED_PACK, "capped.yaml")
    profile = EnterpriseProfile(name="上海测试有限公司", district="baoshan", green_national=["supply_chain", "product"])
    report = match(profile, capped, as_of=AS_OF)
    statuses = {r.measure.id: r.status for r in report.results}
    assert sorted(statuses.values()) == sorted([Status.eligible, Status.not_eligible])
    documents = generate_documents(profile=profile, report=report, out_dir=tmp_path / "out")
    letters = [d.measure_id for d in documents if d.measure_id is not None]
    assert letters == [m for m, s in statuses.items() if s is Status.eligible]


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
def test_examples_never_cite_a_false_alternative(example: str, example_outputs: Outputs, catalog: Catalog) -> None:
    """In every example letter, an "A或B" condition that held never prints the alternative answered 否."""
    from desktop_app.domain.questionnaire import load_questionnaire

    questions = load_questionnaire()
    profile = load_profile(examples_dir() / f"{example}.json")
    report = match(profile, catalog, as_of=AS_OF)
    for document in example_outputs[example]:
        if document.measure_id is None:
            continue
        result = report.result_for(document.measure_id)
        assert result is not None
        text = docx_text(document.path)
        for outcome in result.criteria:
            for name, value in outcome.values.items():
                if value is False and outcome.state == "held":
                    question = questions.question(name)
                    label = question.label if question is not None else name
                    assert f"{label}：否" not in text, (document.measure_id, label)


def test_either_or_condition_names_the_way_that_held_when_the_other_is_unanswered(catalog: Catalog) -> None:
    """宝山 第6条: 租用大巴车……组织外来务工人员返岗的，或委托劳务协作输出地包车……的企业 — an enterprise that hired
    buses and left the 委托包车 question open asserts the way it used, not the whole either/or sentence alone."""
    profile = EnterpriseProfile(
        district="baoshan",
        name="示例企业",
        return_bus_organized=True,
        return_bus_in_window=True,
        return_bus_cost=100_000,
    )
    result = match(profile, catalog, as_of=AS_OF).result_for("baoshan-2023-6b")
    assert result is not None and result.status is Status.eligible
    facts = letter_context(profile=profile, result=result, as_of=AS_OF).facts
    (fact,) = [f for f in facts if "委托" in f.text]
    assert fact.detail.endswith("：是") and "租用大巴车" in fact.detail and "委托" not in fact.detail, fact
