"""设置: reference date, output and template folders, extra policy packs, user contacts, interface language."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.contacts import PHONE_PATTERN, ContactBook
from desktop_app.domain.profile import DISTRICT_LABELS
from desktop_app.domain.scope import applies_to
from desktop_app.fileio import WriteError
from desktop_app.ui import dialogs, storage
from desktop_app.ui.messages import chinese_message
from desktop_app.ui.widgets import DateField, WheelSafeComboBox, install_wheel_guard

if TYPE_CHECKING:
    from desktop_app.ui.host import WizardHost

#: The district column's first entry: a phone that applies in every district (older contacts files).
ALL_DISTRICTS = "全部区"


class SettingsDialog(QDialog):
    """Saved per user; contacts fill the phone numbers the documents leave out, marked as user-entered."""

    def __init__(self, *, wizard: WizardHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wizard = wizard
        settings = wizard.settings
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("设置"))
        self.resize(720, 520)
        tabs = QTabWidget(self)
        self.tabs = tabs

        # -- general
        general = QWidget()
        form = QFormLayout(general)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.use_today = QCheckBox(self.tr("使用当天日期(&Y)"), general)
        self.as_of = DateField(general, object_name="settings_as_of")
        self.as_of.set_date(settings.as_of or wizard.as_of)
        self.use_today.setChecked(settings.as_of is None)
        self.as_of.setEnabled(settings.as_of is not None)
        self.use_today.toggled.connect(lambda on: self.as_of.setEnabled(not on))
        date_row = QHBoxLayout()
        date_row.addWidget(self.as_of)
        date_row.addWidget(self.use_today)
        date_row.addStretch(1)
        date_label = QLabel(self.tr("默认参考日期(&R)："), general)
        date_label.setBuddy(self.as_of.edit)
        form.addRow(date_label, date_row)

        self.output_dir = QLineEdit(settings.output_dir or "", general)
        self.output_dir.setObjectName("settings_output_dir")
        from desktop_app.ui.output_folder import default_output_root

        self.output_dir.setPlaceholderText(
            self.tr("默认：{path}").format(path=str(default_output_root() / self.tr("企业名称")))
        )
        output_label = QLabel(self.tr("文书保存文件夹(&O)："), general)
        output_label.setBuddy(self.output_dir)
        form.addRow(
            output_label, self._folder_row(self.output_dir, self.tr("选择文书保存文件夹"), self.tr("浏览(&B)…"))
        )
        self.templates_dir = QLineEdit(settings.templates_dir or "", general)
        self.templates_dir.setObjectName("settings_templates_dir")
        self.templates_dir.setPlaceholderText(self.tr("留空则使用程序自带的模板"))
        templates_label = QLabel(self.tr("自有模板文件夹(&M)："), general)
        templates_label.setBuddy(self.templates_dir)
        form.addRow(
            templates_label, self._folder_row(self.templates_dir, self.tr("选择自有模板文件夹"), self.tr("浏览(&W)…"))
        )
        templates_help = QLabel(
            self.tr(
                "文件夹中同名的模板（申请书.docx、办理指引.docx、告知书.docx、办理清单.docx、体检报告.docx）优先于自带模板。"
            ),
            general,
        )
        templates_help.setObjectName("help")
        templates_help.setWordWrap(True)
        form.addRow("", templates_help)
        self.templates_error = QLabel(general)
        self.templates_error.setObjectName("error")
        self.templates_error.setWordWrap(True)
        self.templates_error.setVisible(False)
        form.addRow("", self.templates_error)
        self.templates_dir.editingFinished.connect(self.check_templates_dir)

        self.language = WheelSafeComboBox(general)
        self.language.setObjectName("settings_language")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        language_label = QLabel(self.tr("界面语言(&L)："), general)
        language_label.setBuddy(self.language)
        form.addRow(language_label, self.language)
        tabs.addTab(general, self.tr("常规(&1)"))

        # -- packs
        packs = QWidget()
        packs_box = QVBoxLayout(packs)
        packs_help = QLabel(
            self.tr("除程序自带的政策文件外，再加载以下政策包（YAML）。有问题的政策包不会加载，并会列出原因。"), packs
        )
        packs_help.setWordWrap(True)
        self.packs = QListWidget(packs)
        self.packs.setObjectName("settings_packs")
        self.packs.addItems(settings.packs)
        add_pack = QPushButton(self.tr("添加政策包(&A)…"), packs)
        remove_pack = QPushButton(self.tr("移除(&E)"), packs)
        self.packs_error = QLabel(packs)
        self.packs_error.setObjectName("error")
        self.packs_error.setWordWrap(True)
        self.packs_error.setVisible(False)
        add_pack.clicked.connect(self._add_pack)
        remove_pack.clicked.connect(lambda: self.packs.takeItem(self.packs.currentRow()))
        pack_buttons = QHBoxLayout()
        pack_buttons.addWidget(add_pack)
        pack_buttons.addWidget(remove_pack)
        manage_packs = QPushButton(self.tr("政策包管理(&G)…"), packs)
        manage_packs.setObjectName("settings_pack_manager")
        manage_packs.clicked.connect(self._open_pack_manager)
        pack_buttons.addWidget(manage_packs)
        pack_buttons.addStretch(1)
        packs_box.addWidget(packs_help)
        packs_box.addWidget(self.packs, 1)
        packs_box.addWidget(self.packs_error)
        packs_box.addLayout(pack_buttons)
        tabs.addTab(packs, self.tr("政策包(&2)"))

        # -- contacts
        contacts = QWidget()
        contacts_box = QVBoxLayout(contacts)
        contacts_help = QLabel(
            self.tr(
                "政策原文没有写明电话的受理部门，可在此填写本中心掌握的电话。"
                "这些电话只保存在本机，用于结果页和文书，并标注为“用户填写”。"
            ),
            contacts,
        )
        contacts_help.setWordWrap(True)
        # 区财政局 is a different office in every district: each phone belongs to one district and unit.
        self.contacts = QTableWidget(0, 3, contacts)
        self.contacts.setObjectName("settings_contacts")
        self.contacts.setHorizontalHeaderLabels(
            [self.tr("所在区"), self.tr("受理部门（与政策原文一致）"), self.tr("电话")]
        )
        self.contacts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.contacts.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.contacts.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.contacts.setColumnWidth(2, 220)
        self.contacts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for district, unit, phone in wizard.contacts.rows():
            self.add_contact(unit, phone, district=district)
        add_row = QPushButton(self.tr("添加一行(&N)"), contacts)
        add_row.clicked.connect(lambda: self.add_contact("", "", district=self._current_district()))
        remove_row = QPushButton(self.tr("删除选中行(&D)"), contacts)
        remove_row.clicked.connect(lambda: self.contacts.removeRow(self.contacts.currentRow()))
        suggest = QPushButton(self.tr("列出缺电话的部门(&U)"), contacts)
        suggest.clicked.connect(self.add_units_without_phone)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(add_row)
        row_buttons.addWidget(remove_row)
        row_buttons.addWidget(suggest)
        row_buttons.addStretch(1)
        contacts_box.addWidget(contacts_help)
        contacts_box.addWidget(self.contacts, 1)
        contacts_box.addLayout(row_buttons)
        tabs.addTab(contacts, self.tr("联系电话(&3)"))

        self.message = QLabel(self)
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定(&K)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消(&C)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        install_wheel_guard(self)

    def _folder_row(self, edit: QLineEdit, title: str, browse: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        button = QPushButton(browse, self)

        def choose() -> None:
            chosen = QFileDialog.getExistingDirectory(self, title, edit.text())
            if chosen:
                edit.setText(chosen)

        button.clicked.connect(choose)
        row.addWidget(button)
        return row

    def _add_pack(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择政策包"), str(Path.home()), self.tr("政策包 (*.yaml *.yml)")
        )
        for path in chosen:
            self.add_pack(Path(path))

    def add_pack(self, path: Path) -> bool:
        """Check the pack at once: a broken one is not added, and the reason is shown here, not later."""
        from desktop_app.domain.catalog import PackError, load_pack

        try:
            load_pack(path)
        except PackError as exc:
            reasons = "\n".join(chinese_message(str(p)) for p in exc.problems[:5])
            self.packs_error.setText(self.tr("未添加 {name}：\n{reasons}").format(name=path.name, reasons=reasons))
            self.packs_error.setVisible(True)
            return False
        self.packs_error.setVisible(False)
        if not self.packs.findItems(str(path), Qt.MatchFlag.MatchExactly):
            self.packs.addItem(str(path))
        return True

    def _open_pack_manager(self) -> None:
        """The pack manager edits this tab's list of enabled packs (saved with the other settings on OK)."""
        from desktop_app.ui.pack_manager import PackManagerDialog

        def changed(enabled: list[str]) -> None:
            self.packs.clear()
            self.packs.addItems(enabled)

        current = [self.packs.item(i).text() for i in range(self.packs.count())]
        PackManagerDialog(enabled=current, on_change=changed, parent=self).open()

    def check_templates_dir(self) -> bool:
        """Check a template folder the moment it is set; its problems are listed under the field."""
        text = self.templates_dir.text().strip()
        problems: list[str] = []
        if text and not Path(text).is_dir():
            problems = [self.tr("自有模板文件夹不存在：{path}").format(path=text)]
        elif text:
            from desktop_app.documents.check import check_templates

            problems = [chinese_message(str(p)) for p in check_templates(Path(text))[:5]]
        self.templates_error.setText("\n".join(problems))
        self.templates_error.setVisible(bool(problems))
        return not problems

    def _current_district(self) -> str | None:
        if self._wizard.form is None:
            return None
        district = self._wizard.profile().district
        return district.value if district is not None else None

    def add_contact(self, unit: str, phone: str, *, district: str | None = None) -> None:
        row = self.contacts.rowCount()
        self.contacts.insertRow(row)
        combo = WheelSafeComboBox(self.contacts)
        combo.addItem(self.tr(ALL_DISTRICTS), None)
        for value, label in DISTRICT_LABELS.items():
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(district)))
        self.contacts.setCellWidget(row, 0, combo)
        self.contacts.setItem(row, 1, QTableWidgetItem(unit))
        self.contacts.setItem(row, 2, QTableWidgetItem(phone))

    def _district_of(self, row: int) -> str | None:
        combo = self.contacts.cellWidget(row, 0)
        return combo.currentData() if isinstance(combo, QComboBox) else None

    def add_units_without_phone(self) -> None:
        """Add a row for every responsible unit of the enterprise's district whose documents give no phone."""
        catalog = self._wizard.catalog
        if catalog is None:
            return
        district = self._wizard.profile().district if self._wizard.form is not None else None
        key = district.value if district is not None else None
        present = {self._cell(r, 1) for r in range(self.contacts.rowCount()) if self._district_of(r) in (key, None)}
        units: list[str] = []
        for compiled in catalog.measures:
            if not applies_to(compiled, district):
                continue
            contact = compiled.measure.contact
            if contact.phone is None:
                units += [u for u in contact.units if u not in present and u not in units]
        for unit in units:
            self.add_contact(unit, "", district=key)

    def _cell(self, row: int, column: int) -> str:
        item = self.contacts.item(row, column)
        return item.text().strip() if item is not None else ""

    def collected(self) -> tuple[storage.UserSettings, ContactBook] | None:
        """The dialog's values, or None after showing what is wrong."""
        contacts = ContactBook()
        for row in range(self.contacts.rowCount()):
            unit, phone = self._cell(row, 1), self._cell(row, 2)
            if not unit and not phone:
                continue
            if not unit:
                self._complain(self.tr("第 {row} 行：请填写受理部门名称。").format(row=row + 1))
                return None
            if not phone:
                continue  # a unit listed without a phone yet is simply not saved
            if not PHONE_PATTERN.match(phone):
                self._complain(
                    self.tr("第 {row} 行：电话“{phone}”格式不正确，只能包含数字、短横线和空格（5 至 40 位）。").format(
                        row=row + 1, phone=phone
                    )
                )
                return None
            contacts.set(self._district_of(row), unit, phone)
        as_of: dt.date | None = None
        if not self.use_today.isChecked():
            as_of = self.as_of.parsed()
            if as_of is None:
                self._complain(self.tr("默认参考日期无效，请按 2023-06-01 的格式填写。"))
                self.tabs.setCurrentIndex(0)
                return None
        settings = dataclasses.replace(
            self._wizard.settings,
            as_of=as_of,
            output_dir=self.output_dir.text().strip() or None,
            templates_dir=self.templates_dir.text().strip() or None,
            packs=[self.packs.item(i).text() for i in range(self.packs.count())],
            language=str(self.language.currentData()),
        )
        if settings.templates_dir and not self.check_templates_dir():
            self._complain(self.tr("自有模板文件夹有问题，请更正或清空后再确定。"))
            self.tabs.setCurrentIndex(0)
            return None
        return settings, contacts

    def _complain(self, text: str) -> None:
        self.message.setText(text)

    def accept(self) -> None:
        values = self.collected()
        if values is None:
            return
        settings, contacts = values
        try:
            storage.save_settings(settings)
            storage.save_contacts(contacts)
        except WriteError as exc:
            dialogs.warn(self, self.tr("无法保存设置"), exc.message)
            return
        super().accept()
        self._wizard.apply_settings(settings, contacts)
