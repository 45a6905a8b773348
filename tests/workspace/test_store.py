"""The workspace repository: keys, idempotent imports, validation in and out, the append-only ledger."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from desktop_app.domain.matching import match
from desktop_app.workspace import LedgerState, Workspace, WorkspaceError, ledger, rematch, summary
from desktop_app.workspace.importer import import_sheet
from desktop_app.workspace.maintenance import backup, check
from desktop_app.workspace.rematch import stale_parts
from tests.conftest import AS_OF
from tests.workspace.sheets import company, credit_code, examples, write_sheet


def _snapshot(ws: Workspace) -> list[tuple[object, ...]]:
    return ws.conn.execute(
        "SELECT id, name, credit_code, profile_hash, updated_at FROM enterprise ORDER BY id"
    ).fetchall()


def test_import_twice_is_idempotent(ws: Workspace, tmp_path: Path) -> None:
    """A second import of the same sheet reports every row unchanged and writes nothing."""
    sheet = write_sheet(tmp_path / "名单.csv", [company(i) for i in range(12)])
    first = import_sheet(ws, path=sheet)
    assert first.added == list(range(2, 14)) and not first.updated and not first.rejected
    before = _snapshot(ws)
    second = import_sheet(ws, path=sheet)
    assert second.unchanged == list(range(2, 14)) and not second.added and not second.updated
    assert _snapshot(ws) == before


def test_import_updates_by_credit_code_and_keeps_answers_an_empty_cell_leaves(ws: Workspace, tmp_path: Path) -> None:
    """A row with a known credit code updates that enterprise; its empty cells do not erase stored answers."""
    original = company(0)
    import_sheet(ws, path=write_sheet(tmp_path / "a.csv", [original]))
    renamed = original.model_copy(update={"name": "改名后的企业有限公司", "size_class": None})
    report = import_sheet(ws, path=write_sheet(tmp_path / "b.csv", [renamed]))
    assert report.updated == [2]
    stored = ws.enterprises()[0]
    assert stored.name == "改名后的企业有限公司"
    assert stored.profile.size_class == original.size_class is not None


def test_rejected_row_is_reported_with_its_number_and_nothing_else_is_lost(ws: Workspace, tmp_path: Path) -> None:
    """A bad credit code on row 4 rejects that row only; the rows before and after it are stored."""
    good = [company(i) for i in range(5)]
    sheet = write_sheet(tmp_path / "名单.csv", good)
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3].replace(good[2].credit_code or "", "91310116MA1J8K2X4X")  # wrong check digit
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    report = import_sheet(ws, path=sheet)
    assert [r.number for r in report.rejected] == [4]
    assert "校验位" in report.rejected[0].error
    assert report.added == [2, 3, 5, 6]
    assert sorted(e.name or "" for e in ws.enterprises()) == sorted(p.name or "" for i, p in enumerate(good) if i != 2)


def test_the_same_enterprise_twice_in_one_sheet_is_rejected_on_the_later_row(ws: Workspace, tmp_path: Path) -> None:
    """Two rows with one credit code would make reruns flip-flop: the second is refused and names the first."""
    twin = company(1).model_copy(update={"name": "同一信用代码的另一行"})
    report = import_sheet(ws, path=write_sheet(tmp_path / "名单.csv", [company(0), company(1), twin]))
    assert [r.number for r in report.rejected] == [4]
    assert "第 3 行" in report.rejected[0].error
    assert ws.count() == 2


def test_an_invalid_profile_is_refused_and_never_stored(ws: Workspace) -> None:
    """add_profile validates again: a profile whose credit code was forced past validation is not stored."""
    bad = company(0).model_copy(update={"credit_code": "91310116MA1J8K2X4X"})  # model_copy skips validation
    with pytest.raises(WorkspaceError, match="校验位"):
        ws.add_profile(profile=bad)
    assert ws.count() == 0


def test_a_profile_damaged_in_the_file_is_refused_on_the_way_out(filled: Workspace) -> None:
    """A profile edited behind the program's back is reported with the enterprise's number, never returned."""
    data = json.loads(filled.conn.execute("SELECT profile_json FROM enterprise WHERE id = 2").fetchone()[0])
    data["eligible_hires"] = -3
    with filled.transaction() as conn:
        conn.execute("UPDATE enterprise SET profile_json = ? WHERE id = 2", (json.dumps(data),))
    with pytest.raises(WorkspaceError, match=r"第 2 家企业.*eligible_hires"):
        filled.get(2)


def test_resolve_by_number_credit_code_or_exact_name(filled: Workspace) -> None:
    """ENTERPRISE may be the list number, the credit code or the exact name; anything else is a clear error."""
    third = filled.get(3)
    assert third is not None and third.credit_code and third.name
    assert filled.resolve("3").id == filled.resolve(third.credit_code).id == filled.resolve(third.name).id == 3
    with pytest.raises(WorkspaceError, match="没有企业"):
        filled.resolve("不存在的企业")


def test_ledger_is_append_only_and_the_current_state_is_derived(filled: Workspace) -> None:
    """UPDATE and DELETE are refused by the database; the current state is the last event of the history."""
    ledger.record(filled, enterprise_id=3, measure_id="jinshan-2023-11", state=LedgerState.pending)
    ledger.record(filled, enterprise_id=3, measure_id="jinshan-2023-11", state=LedgerState.submitted)
    with pytest.raises(sqlite3.IntegrityError, match="只能追加"):
        filled.conn.execute("UPDATE ledger_event SET state = '已兑现'")
    with pytest.raises(sqlite3.IntegrityError, match="只能追加"):
        filled.conn.execute("DELETE FROM ledger_event")
    paid = ledger.record(
        filled,
        enterprise_id=3,
        measure_id="jinshan-2023-11",
        state=LedgerState.paid,
        date=dt.date(2023, 9, 1),
        amount=ledger.parse_amount("3000"),
        note="区人社局拨付",
    )
    states = [e.state for e in ledger.history(filled, enterprise_id=3, measure_id="jinshan-2023-11")]
    assert states == [LedgerState.pending, LedgerState.submitted, LedgerState.paid]
    assert ledger.current(filled, enterprise_id=3)["jinshan-2023-11"] == paid
    assert ledger.progress(filled)[3] == {"已兑现": 1}


def test_ledger_refuses_going_back_without_a_note(filled: Workspace) -> None:
    """已受理 → 待申报 is refused unless a note explains the correction; the refused step leaves no event."""
    ledger.record(filled, enterprise_id=1, measure_id="baoshan-2023-1", state=LedgerState.accepted)
    with pytest.raises(WorkspaceError, match="不能退回"):
        ledger.record(filled, enterprise_id=1, measure_id="baoshan-2023-1", state=LedgerState.pending)
    assert len(ledger.history(filled, enterprise_id=1)) == 1
    ledger.record(filled, enterprise_id=1, measure_id="baoshan-2023-1", state=LedgerState.pending, note="误登记")
    assert ledger.current(filled, enterprise_id=1)["baoshan-2023-1"].state is LedgerState.pending


def test_amount_only_with_paid_and_never_in_the_future(filled: Workspace) -> None:
    """An amount belongs to 已兑现; a date after today is refused (the ledger records what happened)."""
    with pytest.raises(WorkspaceError, match="已兑现"):
        ledger.record(
            filled, enterprise_id=1, measure_id="m", state=LedgerState.submitted, amount=ledger.parse_amount("5")
        )
    with pytest.raises(WorkspaceError, match="晚于今天"):
        ledger.record(
            filled, enterprise_id=1, measure_id="m", state=LedgerState.submitted, date=dt.date.today() + dt.timedelta(1)
        )
    with pytest.raises(WorkspaceError, match="不是数字"):
        ledger.parse_amount("两万")


def test_deadlines_match_the_engine_for_each_enterprise(filled: Workspace, catalog: object) -> None:
    """On 2023-06-01 the deadlines list holds exactly the measures `match` finds open and ending within the window."""
    rematch.refresh(filled, as_of=AS_OF, catalog=catalog)  # type: ignore[arg-type]
    within = 214  # up to 2023-12-31
    found = summary.deadlines(filled, as_of=AS_OF, catalog_hash=summary.catalog_hash(), within=within)
    got = {(d.enterprise_id, d.measure.measure_id, d.measure.valid_until) for d in found}
    expected = set()
    for enterprise in filled.enterprises():
        for r in match(enterprise.profile, catalog, as_of=AS_OF).results:  # type: ignore[arg-type]
            if r.status.value in summary.open_statuses() and 0 <= (r.valid_until - AS_OF).days <= within:
                expected.add((enterprise.id, r.measure.id, r.valid_until))
    assert got == expected and len(got) > 10
    assert ("qingpu-2023-1.2a" in {m for _, m, _ in got}) and min(d.days_left for d in found) == 29


def test_a_summary_follows_the_profile_and_the_catalog(filled: Workspace, catalog: object, tmp_path: Path) -> None:
    """Changing a profile or adding a pack makes the cached summary stale; refreshing matches only those."""
    assert rematch.refresh(filled, as_of=AS_OF, catalog=catalog) == 4  # type: ignore[arg-type]
    assert rematch.refresh(filled, as_of=AS_OF, catalog=catalog) == 0  # type: ignore[arg-type]
    enterprise = filled.get(2)
    assert enterprise is not None
    filled.save_profile(enterprise_id=2, profile=enterprise.profile.model_copy(update={"eligible_hires": 40}))
    assert [i for i, *_ in summary.stale(filled, as_of=AS_OF, catalog_hash=summary.catalog_hash())] == [2]
    extra = tmp_path / "extra.yaml"
    extra.write_text("id: nothing\n", encoding="utf-8")
    with_extra = summary.catalog_hash([extra])
    todo = stale_parts(filled, as_of=AS_OF, catalog_hash=with_extra)
    assert len(todo) == 4 and {missing for i, *_, missing in todo if i != 2} == {(with_extra.split(",")[-1],)}


def test_summaries_matched_pack_by_pack_equal_one_full_match(filled: Workspace, catalog: object) -> None:
    """Counts, totals and the nearest deadline combined over per-pack summaries are those of match() on the
    whole catalog (the engine's rules never span packs)."""
    rematch.refresh(filled, as_of=AS_OF, catalog=catalog)  # type: ignore[arg-type]
    for row in summary.rows(filled, as_of=AS_OF, catalog_hash=summary.catalog_hash(), with_measures=True):
        enterprise = filled.get(row.id)
        assert enterprise is not None and row.summary is not None
        report = match(enterprise.profile, catalog, as_of=AS_OF)  # type: ignore[arg-type]
        whole = summary.summarise(enterprise_id=row.id, profile_hash="", catalog_hash="", report=report)
        assert row.summary.counts == {k: v for k, v in whole.counts.items() if v or k in row.summary.counts}
        assert (row.summary.total_min, row.summary.total_max) == (whole.total_min, whole.total_max)
        assert row.summary.nearest_deadline == whole.nearest_deadline
        assert sorted(m.measure_id for m in row.summary.measures) == sorted(m.measure_id for m in whole.measures)


def test_a_changed_pack_rematches_that_pack_only(filled: Workspace, catalog: object, tmp_path: Path) -> None:
    """A new pack (宝山's measures under new ids) is matched for every enterprise; the shipped packs are not."""
    from desktop_app.workspace.rematch import _match_chunk

    rematch.refresh(filled, as_of=AS_OF, catalog=catalog)  # type: ignore[arg-type]
    before = summary.rows(
        filled, as_of=AS_OF, catalog_hash=summary.catalog_hash(), enterprise_id=1, with_measures=True
    )[0].summary
    source = Path("resources/policies/baoshan-2023.yaml").read_text(encoding="utf-8")
    pack = tmp_path / "baoshan-2099.yaml"
    pack.write_text(
        source.replace("baoshan-2023-", "baoshan-2099-").replace("id: baoshan-2023", "id: baoshan-2099"),
        encoding="utf-8",
    )
    digest = summary.catalog_hash([pack])
    todo = stale_parts(filled, as_of=AS_OF, catalog_hash=digest)
    assert {missing for *_, missing in todo} == {(digest.split(",")[-1],)}
    assert len(_match_chunk((todo, AS_OF.isoformat(), (str(pack),)))) == 4  # one summary each: the new pack's
    assert rematch.refresh(filled, as_of=AS_OF, packs=[pack]) == 4
    after = summary.rows(filled, as_of=AS_OF, catalog_hash=digest, enterprise_id=1)[0].summary
    assert after is not None and before is not None
    cloned = sum(1 for m in before.measures if m.status == "eligible" and m.measure_id.startswith("baoshan-2023"))
    assert cloned > 0 and after.counts["eligible"] == before.counts["eligible"] + cloned


def test_backup_and_check(filled: Workspace, tmp_path: Path) -> None:
    """The online backup is a complete workspace that passes the check; a missing guard fails the check."""
    ledger.record(filled, enterprise_id=2, measure_id="jiading-2023-1", state=LedgerState.submitted)
    copy = backup(filled, target=tmp_path / "备份.sqlite")
    with Workspace.open(copy) as restored:
        report = check(restored)
        assert report.ok and report.enterprises == 4 and report.events == 1
        restored.conn.execute("DROP TRIGGER ledger_event_no_delete")
        assert any("只追加" in p for p in check(restored).problems)
    assert backup(filled, target=copy).name == "备份(2).sqlite"


def test_a_file_that_is_not_a_workspace_is_refused(tmp_path: Path) -> None:
    """Opening a random file names it and says what to do, and leaves it as it was."""
    other = tmp_path / "名单.xlsx"
    other.write_bytes(b"PK\x03\x04 not a database at all" * 100)
    before = other.read_bytes()
    with pytest.raises(WorkspaceError, match="不是企业台账文件"):
        Workspace.open(other)
    assert other.read_bytes() == before


def test_a_newer_file_is_refused(db: Path) -> None:
    """A file written by a newer program (higher user_version) is not opened, and not downgraded."""
    Workspace.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(WorkspaceError, match="更新版本"):
        Workspace.open(db)


def test_search_by_name_part_or_credit_code_prefix(ws: Workspace) -> None:
    """A name fragment or the start of a credit code finds the enterprise; % and _ are taken literally."""
    for i in range(30):
        ws.add_profile(profile=company(i))
    assert ws.search_ids(text="企业00017") == [17]
    assert ws.search_ids(text=credit_code(5, "310113")[:17]) == [5]
    assert ws.search_ids(text="%") == []
    assert len(ws.search_ids(district="jinshan")) == len(
        [i for i in range(30) if company(i).district == examples()[2].district]
    )


def test_catalog_hash_reads_the_shipped_packs_and_json_numbers_agree() -> None:
    """catalog_hash finds the same pack files as catalog.shipped_pack_files; its JSON numbers match the engine's."""
    from decimal import Decimal

    from desktop_app import paths
    from desktop_app.domain.catalog import shipped_pack_files
    from desktop_app.domain.serialize import number
    from desktop_app.workspace.serialize import _number

    assert sorted(paths.policies_dir().glob("*.yaml")) == shipped_pack_files()
    for value in (None, Decimal("0"), Decimal("12000.00"), Decimal("0.5"), Decimal("1234.56")):
        assert _number(value) == number(value) and type(_number(value)) is type(number(value))
