"""企业台账: the service center's registry in a window — table, filters, import, wizard, generate, ledger, deadlines.

The window is a thin view over `desktop_app.workspace`: every slow step (import, matching, generating,
exporting) runs through :class:`~desktop_app.ui.background.BackgroundOp` with its own database
connection, and the table is reloaded from the store when it ends. An enterprise opened in the wizard is
handed over as a profile file in the user data folder; when the wizard saves it, it is written back.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import message_for
from desktop_app.ui.background import ProgressFn
from desktop_app.ui.workspace_handover import WizardHandover
from desktop_app.ui.workspace_jobs import JobRunner
from desktop_app.ui.workspace_ledger import LedgerPane
from desktop_app.ui.workspace_model import EnterpriseFilter, EnterpriseTableModel
from desktop_app.ui.workspace_panes import DeadlinePane, FilterBar
from desktop_app.workspace import LedgerState, Workspace, WorkspaceError, ledger, summary
from desktop_app.workspace.rematch import refresh as refresh_matches

if TYPE_CHECKING:
    from desktop_app.domain.catalog import Catalog
    from desktop_app.ui.host import RegistryHost
    from desktop_app.ui.wizard import PolicyWizard


class WorkspaceWindow(QMainWindow):
    """The 企业台账 window over one workspace file."""

    def __init__(
        self,
        *,
        db_path: Path | None = None,
        as_of: dt.date | None = None,
        packs: Sequence[Path] = (),
        wizard: RegistryHost | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = Workspace.open(db_path)
        self.as_of = as_of or dt.date.today()
        self.packs = [Path(p) for p in packs]
        self.wizard = wizard
        self.catalog_hash = summary.catalog_hash(self.packs)
        self._catalog: Catalog | None = wizard.catalog if wizard is not None else None
        self.last_import: Any = None
        self.last_generate: Any = None
        self.setObjectName("workspace_window")
        self.setWindowTitle(self.tr("企业台账 — {path}").format(path=self.ws.path))
        self.resize(1200, 760)

        self.model = EnterpriseTableModel(self)
        self.proxy = EnterpriseFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("enterprises")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)

        self.filters = FilterBar(self)
        self.count_label = QLabel(self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        self.ledger_pane = LedgerPane(self)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.ledger_pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 480])

        self.deadlines = DeadlinePane(self)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(splitter, self.tr("企业(&1)"))
        self.tabs.addTab(self.deadlines, self.tr("截止提醒(&2)"))
        self.setCentralWidget(self.tabs)

        self.jobs = JobRunner(window=self, db_path=self.ws.path, catalog=self._catalog_now)
        self.jobs.busy_changed.connect(self._lock_job_actions)
        self.jobs.failed.connect(self._job_failed)

        toolbar = self.addToolBar(self.tr("台账"))
        toolbar.setObjectName("workspace_toolbar")
        self.actions_: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
            ("import", self.tr("导入名单(&I)…"), "Ctrl+I", self.choose_import),
            ("open", self.tr("在向导中打开(&O)"), "Ctrl+O", self.open_selected_in_wizard),
            ("generate", self.tr("生成文书(&G)…"), "Ctrl+G", self.choose_generate),
            ("export", self.tr("导出(&E)…"), "Ctrl+E", self.choose_export),
            ("deadlines", self.tr("截止提醒(&D)"), "Ctrl+D", lambda: self.tabs.setCurrentIndex(1)),
            ("reload", self.tr("刷新(&R)"), QKeySequence.StandardKey.Refresh, self.reload),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda *_a, f=slot: f())
            toolbar.addAction(action)
            self.actions_[key] = action
        self.actions_["open"].setEnabled(wizard is not None)

        self.filters.changed.connect(self._apply_filters)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _i: self.open_selected_in_wizard())
        self.ledger_pane.record_requested.connect(self.record_ledger)
        self.deadlines.within_changed.connect(lambda _v: self.reload_deadlines())
        self.handover: WizardHandover | None = None
        if wizard is not None:
            self.handover = WizardHandover(parent=self, ws=self.ws, wizard=wizard, warn=self.warn)
            self.handover.stored.connect(self._stored_back)
        self.reload()

    # ------------------------------------------------------------------ loading
    def reload(self, *, rematch: bool = True) -> None:
        """Read the table from the store; match in the background whatever is stale for the date."""
        selected = self.selected_ids()
        self.model.set_rows(summary.rows(self.ws, as_of=self.as_of, catalog_hash=self.catalog_hash))
        self._apply_filters()
        self.reload_deadlines()
        self.select_ids(selected)
        if rematch and summary.stale(self.ws, as_of=self.as_of, catalog_hash=self.catalog_hash):
            self.jobs.run(
                self.tr("正在匹配…"),
                lambda ws, cat, progress: refresh_matches(
                    ws, as_of=self.as_of, packs=self.packs, catalog=cat, progress=lambda d, t: progress(d, t, "")
                ),
                lambda _n: self.reload(rematch=False),
            )

    def reload_deadlines(self) -> None:
        within = self.deadlines.within.value()
        found = summary.deadlines(self.ws, as_of=self.as_of, catalog_hash=self.catalog_hash, within=within)
        self.deadlines.show_deadlines(found, as_of=self.as_of)

    def _apply_filters(self) -> None:
        self.filters.apply_to(self.proxy)
        self.count_label.setText(
            self.tr("显示 {shown} / {total} 家企业（参考日期 {d}）").format(
                shown=self.proxy.rowCount(), total=self.model.rowCount(), d=self.as_of.isoformat()
            )
        )

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()).id for r in rows]

    def select_ids(self, ids: Sequence[int]) -> None:
        from PySide6.QtCore import QItemSelectionModel

        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.model.row_at(self.proxy.mapToSource(index).row()).id in ids:
                selection.select(index, flags)

    def _on_selection(self, *_args: object) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            self.ledger_pane.clear_enterprise()
            return
        self.show_ledger(ids[0])

    def show_ledger(self, enterprise_id: int) -> None:
        found = summary.rows(
            self.ws, as_of=self.as_of, catalog_hash=self.catalog_hash, with_measures=True, enterprise_id=enterprise_id
        )
        if not found:
            return
        row = found[0]
        self.ledger_pane.show_enterprise(
            title=f"[{row.id}] {row.name or row.credit_code}",
            measures=list(row.summary.measures) if row.summary else [],
            current=ledger.current(self.ws, enterprise_id=enterprise_id),
            history=ledger.history(self.ws, enterprise_id=enterprise_id),
        )

    # ------------------------------------------------------------------ ledger
    def record_ledger(self, measure_id: str, state: LedgerState, day: dt.date, amount: str, note: str) -> bool:
        ids = self.selected_ids()
        if len(ids) != 1:
            return False
        try:
            ledger.record(
                self.ws, enterprise_id=ids[0], measure_id=measure_id, state=state, date=day,
                amount=ledger.parse_amount(amount), note=note,
            )  # fmt: skip
        except WorkspaceError as exc:
            self.warn(self.tr("无法记录"), exc.message)
            return False
        self.ledger_pane.after_recorded()
        self.reload(rematch=False)
        self.ledger_pane.select_measure(measure_id)
        self.statusBar().showMessage(self.tr("已记录：{m} {s}").format(m=measure_id, s=state.value), 5000)
        return True

    # ------------------------------------------------------------------ background work
    def _catalog_now(self) -> Catalog:
        """The catalog (the wizard's when it has one; else loaded once, on the calling thread)."""
        if self._catalog is None:
            from desktop_app.domain.catalog import load_catalog

            self._catalog = load_catalog(self.packs)
        return self._catalog

    def _lock_job_actions(self, busy: bool) -> None:
        for key in ("import", "generate", "export"):
            self.actions_[key].setEnabled(not busy)

    def _job_failed(self, exc: BaseException) -> None:
        self.warn(self.tr("操作未完成"), message_for(exc))
        self.reload(rematch=False)

    # ------------------------------------------------------------------ import / generate / export
    def choose_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入企业名单"), str(Path.home()), self.tr("企业名单 (*.xlsx *.csv);;所有文件 (*)")
        )
        if chosen:
            self.import_file(Path(chosen))

    def import_file(self, path: Path) -> bool:
        from desktop_app.workspace.importer import import_sheet

        reading, matching = self.tr("导入中…"), self.tr("匹配中…")  # worded here, on the GUI thread

        def work(ws: Workspace, catalog: Catalog, progress: ProgressFn) -> Any:
            report = import_sheet(ws, path=path, progress=lambda d, t: progress(d, t, reading))
            refresh_matches(
                ws, as_of=self.as_of, packs=self.packs, catalog=catalog,
                progress=lambda d, t: progress(d, t, matching),
            )  # fmt: skip
            return report

        return self.jobs.run(self.tr("正在导入 {name}…").format(name=path.name), work, self._imported)

    def _imported(self, report: Any) -> None:
        from desktop_app.ui.workspace_dialogs import show_report

        self.last_import = report
        self.reload(rematch=False)
        self.select_ids(report.enterprise_ids)
        lines = [
            self.tr("新增 {a} 家，更新 {u} 家，未变化 {n} 家，有误 {r} 行。").format(
                a=len(report.added), u=len(report.updated), n=len(report.unchanged), r=len(report.rejected)
            ),
            *report.warnings,
            *(
                self.tr("第 {n} 行{who}：{error}").format(
                    n=r.number, who=f"（{r.name}）" if r.name else "", error=r.error
                )
                for r in report.rejected
            ),
        ]
        self.report_dialog = show_report(self, self.tr("导入结果：{name}").format(name=report.source.name), lines)

    def choose_generate(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self.selected_ids():
            self.warn(self.tr("生成文书"), self.tr("请先在表中选择一家或几家企业（按住 Ctrl 或 Shift 多选）。"))
            return
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择输出文件夹"), str(Path.home()))
        if chosen:
            self.generate_selected(Path(chosen))

    def generate_selected(self, out: Path, *, pdf: bool = False) -> bool:
        from desktop_app.workspace.generate import generate

        ids = self.selected_ids()
        if not ids:
            return False
        cancel = threading.Event()
        templates = self.wizard.settings.templates_dir if self.wizard is not None else None
        # The phones the user entered for every district; one run serves enterprises of several districts,
        # so a district's own entries are not applied (never one district's phone in another's letter).
        contacts = self.wizard.contacts.for_district(None) or None if self.wizard is not None else None

        def work(ws: Workspace, catalog: Catalog, progress: ProgressFn) -> Any:
            return generate(
                ws, enterprise_ids=ids, out=out, as_of=self.as_of, catalog=catalog, packs=self.packs, pdf=pdf,
                jobs=1, templates_dir=Path(templates) if templates else None, contacts=contacts,
                progress=progress, cancel=cancel,
            )  # fmt: skip

        what = self.tr("正在为 {n} 家企业生成文书…").format(n=len(ids))
        return self.jobs.run(what, work, self._generated, cancel=cancel)

    def _generated(self, result: Any) -> None:
        from desktop_app.ui.workspace_dialogs import show_report

        self.last_generate = result
        self.reload(rematch=False)
        ok = len(result.outcomes) - len(result.failed)
        lines = [
            self.tr("{ok} 家企业已生成文书，{bad} 家未完成；台账新记 {n} 项“待申报”。汇总表：{path}").format(
                ok=ok, bad=len(result.failed), n=result.recorded, path=result.summary_path
            ),
            *(f"[{o.number}] {o.name or ''}：{o.error}" for o in result.failed),
        ]
        self.report_dialog = show_report(self, self.tr("生成文书"), lines)

    def choose_export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出企业台账"), str(Path.home() / "企业台账.xlsx"), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if chosen:
            self.export_to(Path(chosen).with_suffix(".xlsx"))

    def export_to(self, path: Path) -> bool:
        from desktop_app.workspace.export import write_export

        def work(ws: Workspace, catalog: Catalog, progress: ProgressFn) -> Path:
            return write_export(ws, path=path, as_of=self.as_of, catalog_hash=self.catalog_hash, catalog=catalog)

        def done(written: Path) -> None:
            self.statusBar().showMessage(self.tr("已导出：{path}").format(path=written), 10000)

        return self.jobs.run(self.tr("正在导出…"), work, done)

    # ------------------------------------------------------------------ the wizard
    def open_selected_in_wizard(self) -> bool:
        """Hand the selected enterprise to the wizard; its saves come back to the store (ui/workspace_handover.py)."""
        ids = self.selected_ids()
        if self.handover is None or len(ids) != 1:
            self.statusBar().showMessage(self.tr("请选择一家企业。"), 5000)
            return False
        return self.handover.open(ids[0])

    def sync_opened(self) -> int:
        """Write back every handed-over file the wizard has saved since; return how many were stored."""
        return self.handover.sync() if self.handover is not None else 0

    def _stored_back(self, name: str) -> None:
        self.statusBar().showMessage(self.tr("已存回台账：{name}").format(name=name), 8000)
        self.reload()

    # ------------------------------------------------------------------ misc
    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.jobs.cancel()
        super().closeEvent(event)


def open_workspace_window(wizard: PolicyWizard) -> WorkspaceWindow | None:
    """Show the wizard's 企业台账 window (one per wizard), on the default workspace file."""
    existing = wizard.findChild(WorkspaceWindow)
    if isinstance(existing, WorkspaceWindow):
        window = existing
    else:
        try:
            window = WorkspaceWindow(as_of=wizard.as_of, packs=wizard.pack_paths(), wizard=wizard, parent=wizard)
        except WorkspaceError as exc:
            QMessageBox.warning(wizard, QCoreApplication.translate("WorkspaceWindow", "企业台账"), exc.message)
            return None
        window.setWindowFlag(Qt.WindowType.Window, True)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
