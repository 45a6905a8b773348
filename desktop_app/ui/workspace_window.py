"""企业台账: the service center's registry in a window — table, filters, import, wizard, generate, ledger, deadlines.

The window is a thin view over `desktop_app.workspace`: every slow step (import, matching, generating,
exporting) runs through :class:`~desktop_app.ui.background.BackgroundOp` with its own database
connection, and the table is reloaded from the store when it ends. An enterprise opened in the wizard is
handed over as a profile file in the user data folder; when the wizard saves it, it is written back.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.background import BackgroundOp, ProgressFn
from desktop_app.ui.workspace_ledger import LedgerPane
from desktop_app.ui.workspace_model import DeadlineTableModel, EnterpriseFilter, EnterpriseTableModel, status_columns
from desktop_app.workspace import LedgerState, Workspace, WorkspaceError, ledger, serialize, summary

if TYPE_CHECKING:
    from desktop_app.domain.catalog import Catalog
    from desktop_app.ui.wizard import PolicyWizard


class WorkspaceWindow(QMainWindow):
    """The 企业台账 window over one workspace file."""

    def __init__(
        self,
        *,
        db_path: Path | None = None,
        as_of: dt.date | None = None,
        packs: Sequence[Path] = (),
        wizard: PolicyWizard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = Workspace.open(db_path)
        self.as_of = as_of or dt.date.today()
        self.packs = [Path(p) for p in packs]
        self.wizard = wizard
        self.catalog_hash = summary.catalog_hash(self.packs)
        self._catalog: Catalog | None = wizard.catalog if wizard is not None else None
        self._cancel: threading.Event | None = None
        self._busy = False
        self._opened: dict[Path, tuple[int, str]] = {}  # handed-over file -> (enterprise, last text)
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

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("企业名称中的文字，或信用代码开头"))
        self.search.setClearButtonEnabled(True)
        self.district = QComboBox(self)
        self.district.setObjectName("district_filter")
        self.district.addItem(self.tr("全部区"), None)
        from desktop_app.domain.profile import DISTRICT_LABELS

        for value, district_label in DISTRICT_LABELS.items():
            self.district.addItem(district_label, value)
        self.status = QComboBox(self)
        self.status.setObjectName("status_filter")
        self.status.addItem(self.tr("全部状态"), None)
        for value in status_columns():
            self.status.addItem(self.tr("有“{s}”的措施").format(s=serialize.status_label(value)), f"match:{value}")
        for state in LedgerState:
            self.status.addItem(self.tr("台账：{s}").format(s=state.value), f"ledger:{state.value}")
        filters = QHBoxLayout()
        for text, widget in (
            (self.tr("搜索(&S)："), self.search),
            (self.tr("所在区(&Q)："), self.district),
            (self.tr("状态(&T)："), self.status),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 2 if widget is self.search else 0)
        self.count_label = QLabel(self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        self.ledger_pane = LedgerPane(self)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.ledger_pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 480])

        self.deadline_model = DeadlineTableModel(self)
        self.deadline_table = QTableView(self)
        self.deadline_table.setObjectName("deadlines")
        self.deadline_table.setModel(self.deadline_model)
        self.deadline_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.deadline_table.horizontalHeader().setStretchLastSection(True)
        self.within = QSpinBox(self)
        self.within.setObjectName("within_days")
        self.within.setRange(0, 3660)
        self.within.setValue(30)
        self.within.setSuffix(self.tr(" 天内"))
        within_label = QLabel(self.tr("截止于(&W)："), self)
        within_label.setBuddy(self.within)
        deadline_page = QWidget(self)
        deadline_layout = QVBoxLayout(deadline_page)
        row = QHBoxLayout()
        row.addWidget(within_label)
        row.addWidget(self.within)
        self.deadline_note = QLabel(self)
        row.addWidget(self.deadline_note, 1)
        deadline_layout.addLayout(row)
        deadline_layout.addWidget(self.deadline_table, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(splitter, self.tr("企业(&1)"))
        self.tabs.addTab(deadline_page, self.tr("截止提醒(&2)"))
        self.setCentralWidget(self.tabs)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("取消(&X)"), self)
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setVisible(False)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

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

        self.search.textChanged.connect(self._apply_filters)
        self.district.currentIndexChanged.connect(self._apply_filters)
        self.status.currentIndexChanged.connect(self._apply_filters)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _i: self.open_selected_in_wizard())
        self.ledger_pane.record_requested.connect(self.record_ledger)
        self.within.valueChanged.connect(lambda _v: self.reload_deadlines())
        self.cancel_button.clicked.connect(self.cancel)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _d: self.sync_opened())
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
            self._run(
                self.tr("正在匹配…"),
                lambda ws, cat, progress: summary.refresh(
                    ws, as_of=self.as_of, packs=self.packs, catalog=cat, progress=lambda d, t: progress(d, t, "")
                ),
                lambda _n: self.reload(rematch=False),
            )

    def reload_deadlines(self) -> None:
        found = summary.deadlines(self.ws, as_of=self.as_of, catalog_hash=self.catalog_hash, within=self.within.value())
        self.deadline_model.set_rows(found)
        self.deadline_table.resizeColumnsToContents()
        self.deadline_note.setText(
            self.tr("参考日期 {d}：{n} 项仍可申报的措施将在 {w} 天内截止。").format(
                d=self.as_of.isoformat(), n=len(found), w=self.within.value()
            )
        )

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            text=self.search.text(), district=self.district.currentData(), status=self.status.currentData()
        )
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

    def _run(
        self,
        what: str,
        work: Callable[[Workspace, Catalog, ProgressFn], Any],
        done: Callable[[Any], None],
        *,
        cancellable: bool = False,
    ) -> bool:
        """Run ``work(ws, catalog, progress)`` on a worker thread with its own connection; one job at a time."""
        if self._busy:
            self.statusBar().showMessage(self.tr("请等当前任务完成后再试。"), 5000)
            return False
        self._busy = True
        for key in ("import", "generate", "export"):
            self.actions_[key].setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setFormat(f"{what} %v/%m")
        self.progress.setVisible(True)
        self.cancel_button.setVisible(cancellable)
        self.statusBar().showMessage(what)
        path = self.ws.path

        def op(progress: ProgressFn) -> Any:
            catalog = self._catalog_now()
            with Workspace.open(path) as ws:
                return work(ws, catalog, progress)

        def finished() -> None:
            self._busy = False
            for key in ("import", "generate", "export"):
                self.actions_[key].setEnabled(True)
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            self.statusBar().clearMessage()

        def succeeded(value: Any) -> None:
            finished()
            done(value)

        def failed(exc: BaseException) -> None:
            finished()
            self.warn(self.tr("操作未完成"), getattr(exc, "message", None) or str(exc) or type(exc).__name__)
            self.reload(rematch=False)

        (
            BackgroundOp(parent=self, op=op)
            .progress(self._on_progress)
            .success(succeeded)
            .failure(failed)
            .run_in_background()
        )
        return True

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            self.statusBar().showMessage(label)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.statusBar().showMessage(self.tr("正在取消：已开始的企业会处理完…"))

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
            summary.refresh(
                ws, as_of=self.as_of, packs=self.packs, catalog=catalog,
                progress=lambda d, t: progress(d, t, matching),
            )  # fmt: skip
            return report

        return self._run(self.tr("正在导入 {name}…").format(name=path.name), work, self._imported)

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
        cancel = self._cancel = threading.Event()
        templates = getattr(getattr(self.wizard, "settings", None), "templates_dir", None)
        contacts = getattr(self.wizard, "contacts", None) or None

        def work(ws: Workspace, catalog: Catalog, progress: ProgressFn) -> Any:
            return generate(
                ws, enterprise_ids=ids, out=out, as_of=self.as_of, catalog=catalog, packs=self.packs, pdf=pdf,
                jobs=1, templates_dir=Path(templates) if templates else None, contacts=contacts,
                progress=progress, cancel=cancel,
            )  # fmt: skip

        what = self.tr("正在为 {n} 家企业生成文书…").format(n=len(ids))
        return self._run(what, work, self._generated, cancellable=True)

    def _generated(self, result: Any) -> None:
        from desktop_app.ui.workspace_dialogs import show_report

        self._cancel = None
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

        return self._run(self.tr("正在导出…"), work, done)

    # ------------------------------------------------------------------ the wizard
    def open_selected_in_wizard(self) -> bool:
        """Hand the selected enterprise to the wizard; its saves come back to the store (see sync_opened)."""
        from desktop_app import paths
        from desktop_app.domain.profile_io import save_profile
        from desktop_app.fileio import WriteError, safe_filename

        ids = self.selected_ids()
        if self.wizard is None or len(ids) != 1:
            self.statusBar().showMessage(self.tr("请选择一家企业。"), 5000)
            return False
        if not self.wizard.is_ready():
            self.warn(self.tr("在向导中打开"), self.tr("向导仍在加载政策目录，请稍候再试。"))
            return False
        enterprise = self.ws.get(ids[0])
        if enterprise is None or not self.wizard.confirm_discard():
            return False
        folder = paths.user_data_dir() / "workspace-open"
        path = folder / f"{enterprise.id}-{safe_filename(enterprise.display_name, max_chars=40)}.json"
        try:
            save_profile(path, enterprise.profile)
        except WriteError as exc:
            self.warn(self.tr("在向导中打开"), exc.message)
            return False
        self._opened[path] = (enterprise.id, path.read_text(encoding="utf-8"))
        if str(folder) not in self.watcher.directories():
            self.watcher.addPath(str(folder))
        if not self.wizard.open_path(path):
            return False
        self.wizard.show()
        self.wizard.raise_()
        self.wizard.activateWindow()
        return True

    def sync_opened(self) -> int:
        """Write back every handed-over file the wizard has saved since; return how many were stored."""
        from desktop_app.domain.profile import ProfileError
        from desktop_app.domain.profile_io import load_profile

        stored = 0
        for path, (enterprise_id, last) in list(self._opened.items()):
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                continue
            if text == last:
                continue
            self._opened[path] = (enterprise_id, text)
            try:
                saved = self.ws.save_profile(enterprise_id=enterprise_id, profile=load_profile(path))
            except (ProfileError, WorkspaceError) as exc:
                self.warn(self.tr("无法存回台账"), exc.message)
                continue
            stored += 1
            self.statusBar().showMessage(self.tr("已存回台账：{name}").format(name=saved.display_name), 8000)
        if stored:
            self.reload()
        return stored

    # ------------------------------------------------------------------ misc
    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._cancel is not None:
            self._cancel.set()
        super().closeEvent(event)


def open_workspace_window(wizard: PolicyWizard) -> WorkspaceWindow | None:
    """Show the wizard's 企业台账 window (one per wizard), on the default workspace file."""
    existing = wizard.findChild(WorkspaceWindow)
    if isinstance(existing, WorkspaceWindow):
        window = existing
    else:
        try:
            window = WorkspaceWindow(
                as_of=wizard.as_of, packs=[Path(p) for p in wizard.settings.packs], wizard=wizard, parent=wizard
            )
        except WorkspaceError as exc:
            QMessageBox.warning(wizard, wizard.tr("企业台账"), exc.message)
            return None
        window.setWindowFlag(Qt.WindowType.Window, True)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
