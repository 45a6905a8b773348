"""生成文书: pick measures and a folder, generate on a worker thread, open; the preview pane is ui/letter_preview.py."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop_app.errors import message_for
from desktop_app.ui import dialogs, output_folder
from desktop_app.ui.background import BackgroundOp, ProgressFn
from desktop_app.ui.letter_preview import LetterPreview

if TYPE_CHECKING:
    from desktop_app.documents.fill import GeneratedDocument
    from desktop_app.domain.matching import MeasureResult
    from desktop_app.ui.host import WizardHost

ROLE = Qt.ItemDataRole.UserRole


class GeneratePage(QWizardPage):
    """The last page. Generating never blocks the window; widgets are touched only in the callbacks."""

    def __init__(self, *, host: WizardHost) -> None:
        super().__init__()
        self._host = host
        self.documents: list[GeneratedDocument] = []
        self.busy = False
        self.setObjectName("page_generate")
        self.setTitle(self.tr("生成文书"))
        self.setSubTitle(
            self.tr(
                "为符合条件的措施生成申请书、办理指引或告知书，另附一份政策体检报告。文书是草稿，请核对后盖章使用。"
            )
        )

        measures_box = QGroupBox(self.tr("要生成文书的措施(&M)"), self)
        self.measures = QListWidget(measures_box)
        self.measures.setObjectName("measures")
        self.measures.setWordWrap(True)
        box = QVBoxLayout(measures_box)
        box.addWidget(self.measures)

        folder_label = QLabel(self.tr("保存到(&H)："), self)
        self.folder = QLineEdit(self)
        self.folder.setObjectName("output_folder")
        self.folder.textEdited.connect(self._on_folder_typed)
        folder_label.setBuddy(self.folder)
        self.folder_note = QLabel(self)
        self.folder_note.setObjectName("notice")
        self.folder_note.setWordWrap(True)
        self.folder_note.setVisible(False)
        self.browse = QPushButton(self.tr("浏览(&R)…"), self)
        self.browse.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)

        self.generate_button = QPushButton(self.tr("生成文书(&G)"), self)
        self.generate_button.setObjectName("generate")
        self.generate_button.clicked.connect(self.generate)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(True)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setObjectName("generate_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        run_row = QHBoxLayout()
        run_row.addWidget(self.generate_button)
        run_row.addWidget(self.progress, 1)

        self.files = QListWidget(self)
        self.files.setObjectName("generated_files")
        self.files.setWordWrap(True)
        self.viewer = LetterPreview(self)
        self.files.currentItemChanged.connect(
            lambda current, _prev: self.viewer.show_letter(Path(current.data(ROLE)) if current is not None else None)
        )
        self.files.itemActivated.connect(lambda _item: self.open_document())
        self.viewer.changed.connect(self._update_buttons)
        self.viewer.status.connect(self.status.setText)

        self.print_button = QPushButton(self.tr("打印(&P)…"), self)
        self.pdf_button = QPushButton(self.tr("导出 PDF(&E)…"), self)
        self.folder_button = QPushButton(self.tr("打开文件夹(&D)"), self)
        self.open_button = QPushButton(self.tr("用 Word/WPS 打开(&W)"), self)
        self.print_button.clicked.connect(self.viewer.print_preview)
        self.pdf_button.clicked.connect(self.viewer.export_pdf)
        self.folder_button.clicked.connect(self.open_folder)
        self.open_button.clicked.connect(self.open_document)
        actions = QHBoxLayout()
        for button in (self.print_button, self.pdf_button, self.folder_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)

        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(measures_box, 1)
        files_label = QLabel(self.tr("已生成的文书(&L)："), left)
        files_label.setBuddy(self.files)
        left_box.addWidget(files_label)
        left_box.addWidget(self.files, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.viewer)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addWidget(self.folder_note)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        self._update_buttons()

    # ------------------------------------------------------------------ set-up
    def initializePage(self) -> None:
        report = self._host.report()  # the answers as they are now (confirmations included)
        from desktop_app.domain.matching import Status

        self.measures.clear()
        for result in report.with_status(Status.eligible):
            item = QListWidgetItem(self._measure_text(result), self.measures)
            item.setData(ROLE, result.measure.id)
            item.setToolTip(result.amount_text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        if not self.measures.count():
            self.status.setText(self.tr("没有符合条件的措施；仍可生成政策体检报告，列出需补充的信息。"))
        # The folder follows the enterprise: recomputed on every visit (another profile, a new name),
        # unless the user chose one for this profile.
        self.folder.setText(str(self.default_folder()))
        self.check_folder()

    def reset_for_profile(self) -> None:
        """Another profile was opened: forget the previous enterprise's letters and folder."""
        self.documents = []
        self.files.clear()
        self.viewer.show_letter(None)
        self.status.setText("")
        if self._host.catalog is not None and self.isVisible():
            self.folder.setText(str(self.default_folder()))
            self.check_folder()
        self._update_buttons()

    def focus_first(self) -> None:
        self.generate_button.setFocus()

    def _on_folder_typed(self, text: str) -> None:
        self._host.set_output_folder(Path(text.strip()) if text.strip() else None)
        self.check_folder()

    def _company_prefix(self) -> str:
        from desktop_app.documents.context import short_company_name

        return short_company_name(self._host.profile().name or "")

    def other_companies(self, folder: Path) -> list[str]:
        return output_folder.other_companies(folder, mine=self._company_prefix())

    def earlier_set(self, folder: Path) -> list[Path]:
        return output_folder.earlier_set(folder, mine=self._company_prefix())

    def check_folder(self) -> None:
        others = self.other_companies(Path(self.folder.text().strip())) if self.folder.text().strip() else []
        text = ""
        if others:
            text = self.tr("注意：这个文件夹里已有其他企业（{names}）的文书。建议为每家企业使用单独的文件夹。").format(
                names="、".join(others)
            )
        self.folder_note.setText(text)
        self.folder_note.setVisible(bool(text))

    def _measure_text(self, result: MeasureResult) -> str:
        return f"{result.measure.title}（{result.measure.channel.kind.value}）"

    def default_folder(self) -> Path:
        base = self._host.settings.output_dir
        root = Path(base) if base else output_folder.default_output_root()
        return self._host.session.output_folder(root=root, company=self._host.profile().name)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择保存文书的文件夹"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self._on_folder_typed(chosen)

    def chosen_measures(self) -> list[str]:
        out = []
        for index in range(self.measures.count()):
            item = self.measures.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(ROLE)))
        return out

    # ------------------------------------------------------------------ generating
    def generate(self) -> None:
        """Write the chosen letters and the report on a worker thread, with a progress bar."""
        folder_text = self.folder.text().strip()
        if not folder_text:
            self.status.setText(self.tr("请先选择保存文书的文件夹。"))
            return
        host = self._host
        profile = host.profile()
        report = host.report()
        out_dir = Path(folder_text)
        measure_ids = self.chosen_measures()
        templates = Path(host.settings.templates_dir) if host.settings.templates_dir else None
        contacts = host.contacts.for_district(profile.district.value if profile.district else None)
        earlier = self.earlier_set(out_dir)
        force = False
        if earlier:
            choice = self.ask_replace(len(earlier))
            if choice is None:
                return
            force = choice

        def op(progress: ProgressFn) -> list[GeneratedDocument]:
            from desktop_app.documents.fill import generate_documents

            return generate_documents(
                profile=profile,
                report=report,
                out_dir=out_dir,
                measure_ids=measure_ids,
                templates_dir=templates,
                user_contacts=contacts,
                progress=progress,
                force=force,
            )

        self.busy = True
        self.progress.setRange(0, len(measure_ids) + 1)
        self.progress.setValue(0)
        self.status.setText(self.tr("正在生成…"))
        self._update_buttons()
        BackgroundOp(parent=self, op=op).progress(self._on_progress).success(self._on_generated).failure(
            self._on_failed
        ).run_in_background()

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(self.tr("正在生成：{label}").format(label=label))

    def _on_generated(self, documents: list[GeneratedDocument]) -> None:
        self.busy = False
        self.documents = documents
        self.progress.setValue(self.progress.maximum())
        self.files.clear()
        titles = {
            r.measure.id: r.measure.title for r in (self._host.last_report.results if self._host.last_report else ())
        }
        for document in documents:
            title = titles.get(document.measure_id or "", "")
            label = f"{document.kind.value}：{title}" if title else document.kind.value
            item = QListWidgetItem(label, self.files)
            item.setData(ROLE, str(document.path))
            item.setToolTip(str(document.path))
        folder = documents[0].path.parent if documents else Path(self.folder.text())
        self.status.setText(
            self.tr("已生成 {count} 份文书，保存在 {folder}").format(count=len(documents), folder=folder)
        )
        if documents:
            self.files.setCurrentRow(0)
        self._update_buttons()

    def ask_replace(self, count: int) -> bool | None:
        """替换 (True) / 另存一套 (False) / 取消 (None) — a method of its own so that tests can answer it."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("生成文书"), "", QMessageBox.StandardButton.Cancel, self)
        box.setText(self.tr("文件夹中已有本企业之前生成的 {count} 份文书。要替换它们吗？").format(count=count))
        replace = box.addButton(self.tr("替换(&R)"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("另存一套(&K)"), QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(replace)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is replace else False if clicked is keep else None

    def _on_failed(self, exc: BaseException) -> None:
        from desktop_app.ui.messages import chinese_message

        self.busy = False
        self.progress.setValue(0)
        message = chinese_message(message_for(exc))
        self.status.setText(self.tr("未能生成文书：{message}").format(message=message))
        self._update_buttons()
        dialogs.warn(self, self.tr("未能生成文书"), message)

    # ------------------------------------------------------------------ opening
    def current_document(self) -> Path | None:
        item = self.files.currentItem()
        return Path(item.data(ROLE)) if item is not None else None

    def open_folder(self) -> None:
        folder = self.documents[0].path.parent if self.documents else Path(self.folder.text())
        if not folder.is_dir():
            dialogs.warn(self, self.tr("无法打开文件夹"), self.tr("文件夹不存在：{path}").format(path=folder))
        elif not self.open_url(QUrl.fromLocalFile(str(folder))):
            dialogs.warn(
                self,
                self.tr("无法打开文件夹"),
                self.tr("系统没有可以打开文件夹的程序。文书保存在：\n{path}").format(path=folder),
            )

    def open_document(self) -> None:
        path = self.current_document()
        if path is None:
            return
        if not path.is_file():
            dialogs.warn(self, self.tr("无法打开文书"), self.tr("文件已不存在：{path}").format(path=path))
        elif not self.open_url(QUrl.fromLocalFile(str(path))):
            dialogs.warn(
                self,
                self.tr("无法打开文书"),
                self.tr("系统没有可以打开 .docx 的程序（Word 或 WPS）。请手动打开：\n{path}").format(path=path),
            )

    def open_url(self, url: QUrl) -> bool:
        """Hand a file or folder to the system (Word, WPS, the file manager)."""
        return bool(QDesktopServices.openUrl(url))

    def _update_buttons(self) -> None:
        has_preview = bool(self.viewer.html)
        self.generate_button.setEnabled(not self.busy)
        self.print_button.setEnabled(has_preview)
        self.pdf_button.setEnabled(has_preview)
        self.folder_button.setEnabled(bool(self.documents))
        self.open_button.setEnabled(self.current_document() is not None)

    def isComplete(self) -> bool:
        return not self.busy

    def nextId(self) -> int:
        return -1
