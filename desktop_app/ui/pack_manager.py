"""政策包管理: list extra packs (enable / disable, check result), add one, draft one from a document, review it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtWidgets as qw
from PySide6.QtCore import Qt

from desktop_app import paths
from desktop_app.domain.profile import DISTRICT_LABELS
from desktop_app.drafting import library
from desktop_app.errors import message_for
from desktop_app.ui.background import BackgroundOp, ProgressFn
from desktop_app.ui.pack_review import ReviewDialog


class DraftForm(qw.QWidget):
    """Document, district and id of a new draft."""

    def __init__(self, parent: qw.QWidget) -> None:
        super().__init__(parent)
        self.document = qw.QLineEdit(self)
        self.document.setObjectName("draft_document")
        choose = qw.QPushButton(self.tr("选择文件…"), self)
        choose.clicked.connect(self._choose)
        self.district = qw.QComboBox(self)
        self.district.setObjectName("draft_district")
        for value, label in DISTRICT_LABELS.items():
            self.district.addItem(label, value)
        self.pack_id = qw.QLineEdit(self)
        self.pack_id.setObjectName("draft_id")
        self.pack_id.setPlaceholderText(self.tr("区-年份，例如 qingpu-2024"))
        row = qw.QHBoxLayout()
        row.addWidget(self.document, 1)
        row.addWidget(choose)
        form = qw.QFormLayout(self)
        form.addRow(self.tr("政策文件："), row)
        form.addRow(self.tr("适用的区："), self.district)
        form.addRow(self.tr("政策包编号："), self.pack_id)

    def _choose(self) -> None:
        chosen, _ = qw.QFileDialog.getOpenFileName(
            self, self.tr("选择政策文件"), str(Path.home()), self.tr("政策文件 (*.txt *.docx *.pdf)")
        )
        if chosen:
            self.document.setText(chosen)


class PackManagerDialog(qw.QDialog):
    """Extra packs: ``enabled`` is what settings.json lists; ``on_change`` receives the new enabled list."""

    def __init__(
        self,
        *,
        enabled: list[str],
        on_change: Callable[[list[str]], None] | None = None,
        parent: qw.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pack_manager")
        self.setWindowTitle(self.tr("政策包管理"))
        self.resize(940, 560)
        self._on_change = on_change
        self.entries: list[library.PackEntry] = []
        self.review: ReviewDialog | None = None
        columns = [
            self.tr("启用"),
            self.tr("标题"),
            self.tr("文号"),
            self.tr("日期"),
            self.tr("有效期"),
            self.tr("措施（已审核/草稿）"),
            self.tr("校验"),
        ]
        self.table = qw.QTableWidget(0, len(columns), self)
        self.table.setObjectName("pack_table")
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setSelectionBehavior(qw.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(qw.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, qw.QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._toggled)
        self.table.cellDoubleClicked.connect(lambda row, _c: self.open_review(self.entries[row].path))
        self.error = qw.QLabel(self)
        self.error.setObjectName("pack_error")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet("color: #b00020")
        add = qw.QPushButton(self.tr("添加政策包…"), self)
        add.clicked.connect(self._choose_pack)
        review = qw.QPushButton(self.tr("审核所选…"), self)
        review.clicked.connect(self._review_selected)
        remove = qw.QPushButton(self.tr("从列表移除"), self)
        remove.clicked.connect(self._remove_selected)
        self.form = DraftForm(self)
        self.draft_button = qw.QPushButton(self.tr("起草政策包"), self)
        self.draft_button.setObjectName("draft_start")
        self.draft_button.clicked.connect(self.start_draft)
        self.progress = qw.QProgressBar(self)
        self.progress.setObjectName("draft_progress")
        self.progress.setVisible(False)
        top = qw.QHBoxLayout()
        for button in (add, review, remove):
            top.addWidget(button)
        top.addStretch(1)
        draft_row = qw.QHBoxLayout()
        draft_row.addWidget(self.draft_button)
        draft_row.addWidget(self.progress, 1)
        close = qw.QDialogButtonBox(qw.QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = qw.QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(qw.QLabel(self.tr("从政策文件起草新的政策包（每项措施标为草稿，审核后才会参与匹配）："), self))
        layout.addWidget(self.form)
        layout.addLayout(draft_row)
        layout.addWidget(close)
        for path, on in library.load_library(enabled):
            self.entries.append(library.describe(Path(path), enabled=on))
        self._fill()

    # -- the list
    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            check = qw.QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if e.enabled else Qt.CheckState.Unchecked)
            validity = f"{e.valid_from or '?'} 至 {e.valid_until or '?'}"
            verdict = self.tr("通过") if e.ok else self.tr("有 {n} 个问题").format(n=len(e.problems))
            cells = [
                e.title or e.path.name,
                e.number or self.tr("（无）"),
                str(e.date or self.tr("（原文未写）")),
                validity,
                f"{e.reviewed} / {e.drafts}",
                verdict,
            ]
            self.table.setItem(row, 0, check)
            for column, text in enumerate(cells, start=1):
                item = qw.QTableWidgetItem(text)
                item.setToolTip("\n".join(e.problems) if column == 6 and e.problems else str(e.path))
                self.table.setItem(row, column, item)
        for column in (0, 2, 3, 4, 5, 6):
            self.table.resizeColumnToContents(column)
        self.table.blockSignals(False)

    def enabled_packs(self) -> list[str]:
        return [str(e.path) for e in self.entries if e.enabled]

    def _changed(self) -> None:
        library.save_library([str(e.path) for e in self.entries])
        if self._on_change is not None:
            self._on_change(self.enabled_packs())

    def set_enabled(self, row: int, on: bool) -> None:
        entry = self.entries[row]
        if on and not entry.ok:
            self.error.setText(
                self.tr("{name} 未通过校验，不能启用：{problem}").format(
                    name=entry.path.name, problem=entry.problems[0]
                )
            )
            self._fill()
            return
        entry.enabled = on
        self._fill()
        self._changed()

    def _toggled(self, item: qw.QTableWidgetItem) -> None:
        if item.column() == 0:
            self.set_enabled(item.row(), item.checkState() == Qt.CheckState.Checked)

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _review_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.open_review(self.entries[row].path)

    def _remove_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            del self.entries[row]
            self._fill()
            self._changed()

    def _choose_pack(self) -> None:
        chosen, _ = qw.QFileDialog.getOpenFileNames(
            self, self.tr("选择政策包"), str(Path.home()), self.tr("政策包 (*.yaml *.yml)")
        )
        for path in chosen:
            self.add_pack_file(Path(path))

    def add_pack_file(self, path: Path) -> bool:
        """Add (and enable) a pack file; one that fails the check is listed disabled, its problems shown here."""
        if any(e.path == path for e in self.entries):
            self.error.setText(self.tr("{name} 已在列表中。").format(name=path.name))
            return False
        entry = library.describe(path, enabled=False)
        entry.enabled = entry.ok
        self.entries.append(entry)
        self._fill()
        self._changed()
        if entry.ok:
            self.error.setText("")
            return True
        shown = "\n".join(entry.problems[:5]) + ("\n…" if len(entry.problems) > 5 else "")
        self.error.setText(
            self.tr("政策包未通过校验，未启用（共 {n} 个问题）：\n{problems}").format(
                n=len(entry.problems), problems=shown
            )
        )
        return False

    # -- drafting
    def start_draft(self) -> None:
        from desktop_app.drafting import DraftError, draft_pack, source_name_for, write_draft
        from desktop_app.drafting.pack import check_options

        document = Path(self.form.document.text().strip())
        district = str(self.form.district.currentData())
        pack_id = self.form.pack_id.text().strip()
        try:
            check_options(district=district, pack_id=pack_id)
        except DraftError as exc:
            self.error.setText(str(exc).replace("--district", "区").replace("--id", "编号"))
            return
        if not self.form.document.text().strip():
            self.error.setText(self.tr("请先选择政策文件（.txt、.docx 或 .pdf）。"))
            return
        out = paths.user_packs_dir() / f"{pack_id}.yaml"
        if out.exists():
            self.error.setText(
                self.tr("已有编号为 {id} 的草稿：{path}。请换一个编号，或先在列表中审核它。").format(
                    id=pack_id, path=out
                )
            )
            return

        def op(progress: ProgressFn) -> Path:
            result = draft_pack(
                document, district=district, pack_id=pack_id, source_name=source_name_for(out), progress=progress
            )
            if not result.measures:
                raise DraftError(f"{document.name} 中没有找到写明对企业扶持的编号条款")
            write_draft(result, out)
            return out

        self.error.setText("")
        self.draft_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        BackgroundOp(parent=self, op=op).progress(self._on_progress).success(self._drafted).failure(
            self._draft_failed
        ).run_in_background()

    def _on_progress(self, done: int, total: int, _what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _draft_failed(self, exc: BaseException) -> None:
        self.draft_button.setEnabled(True)
        self.progress.setVisible(False)
        self.error.setText(self.tr("起草失败：{reason}").format(reason=message_for(exc)))

    def _drafted(self, out: Path) -> None:
        self.draft_button.setEnabled(True)
        self.progress.setVisible(False)
        self.add_pack_file(out)
        self.open_review(out)

    def open_review(self, path: Path) -> ReviewDialog:
        self.review = ReviewDialog(path, self)
        self.review.finished.connect(lambda _r: self._refresh(path))
        self.review.open()
        return self.review

    def _refresh(self, path: Path) -> None:
        for i, e in enumerate(self.entries):
            if e.path == path:
                fresh = library.describe(path, enabled=False)
                fresh.enabled = e.enabled and fresh.ok
                self.entries[i] = fresh
        self._fill()
        self._changed()
