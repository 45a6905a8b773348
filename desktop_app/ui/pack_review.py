"""审核政策包: one drafted measure at a time, its excerpt beside the drafted fields, with 确认 / 修改 / 删除."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.drafting import library
from desktop_app.errors import UserError


def _amount_text(spec: dict[str, Any]) -> str:
    from pydantic import TypeAdapter, ValidationError

    from desktop_app.domain.amounts import describe_rule
    from desktop_app.domain.policy import AmountSpec

    try:
        return describe_rule(TypeAdapter(AmountSpec).validate_python(spec))
    except ValidationError:
        return f"（金额写法有误：{spec.get('kind')}）"


class ReviewDialog(QDialog):
    """One drafted measure at a time: the excerpt beside the drafted fields, with 确认 / 修改 / 删除."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pack_review")
        self.setWindowTitle(self.tr("审核政策包：{name}").format(name=path.name))
        self.resize(980, 620)
        self.draft = library.DraftFile(path)
        self.measures = QListWidget(self)
        self.measures.setObjectName("review_measures")
        self.excerpt = QTextBrowser(self)
        self.excerpt.setObjectName("review_excerpt")
        self.fields = QTextBrowser(self)
        self.fields.setObjectName("review_fields")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("review_editor")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.fields)
        self.stack.addWidget(self.editor)
        self.message = QLabel(self)
        self.message.setObjectName("review_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm = QPushButton(self.tr("确认(&C)"), self)
        self.modify = QPushButton(self.tr("修改(&M)"), self)
        self.delete = QPushButton(self.tr("删除(&D)"), self)
        self.apply = QPushButton(self.tr("应用修改(&A)"), self)
        self.cancel_edit = QPushButton(self.tr("放弃修改"), self)
        for name, button in (
            ("review_confirm", self.confirm),
            ("review_modify", self.modify),
            ("review_delete", self.delete),
            ("review_apply", self.apply),
        ):
            button.setObjectName(name)
        self.confirm.clicked.connect(self.confirm_current)
        self.modify.clicked.connect(self.start_edit)
        self.delete.clicked.connect(self.delete_current)
        self.apply.clicked.connect(self.apply_edit)
        self.cancel_edit.clicked.connect(lambda: self._editing(False))
        split = QSplitter(self)
        split.addWidget(self.measures)
        right = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(right)
        excerpt_box = QWidget()
        excerpt_layout = QVBoxLayout(excerpt_box)
        excerpt_layout.addWidget(QLabel(self.tr("原文摘录"), excerpt_box))
        excerpt_layout.addWidget(self.excerpt)
        right.addWidget(excerpt_box)
        fields_box = QWidget()
        fields_layout = QVBoxLayout(fields_box)
        fields_layout.addWidget(QLabel(self.tr("起草的内容"), fields_box))
        fields_layout.addWidget(self.stack)
        right.addWidget(fields_box)
        split.setStretchFactor(1, 3)
        split.setSizes([320, 660])
        buttons = QHBoxLayout()
        for button in (self.confirm, self.modify, self.delete, self.apply, self.cancel_edit):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.measures.currentRowChanged.connect(lambda _row: self._show())
        self._editing(False)
        self._fill()

    # -- list and display
    def _fill(self, select: str | None = None) -> None:
        self.measures.blockSignals(True)
        self.measures.clear()
        for m in self.draft.measures():
            mark = self.tr("草稿") if m.get("review") == "draft" else self.tr("已审核")
            item = QListWidgetItem(f"[{mark}] {m['id']}  {m.get('title', '')}")
            item.setData(Qt.ItemDataRole.UserRole, m["id"])
            self.measures.addItem(item)
        self.measures.blockSignals(False)
        ids = self.measure_ids()
        self.measures.setCurrentRow(ids.index(select) if select in ids else (0 if ids else -1))
        self._show()

    def measure_ids(self) -> list[str]:
        return [self.measures.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.measures.count())]

    def current_id(self) -> str | None:
        item = self.measures.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, measure_id: str) -> None:
        self.measures.setCurrentRow(self.measure_ids().index(measure_id))

    def _show(self) -> None:
        mid = self.current_id()
        measure = next((m for m in self.draft.measures() if m["id"] == mid), None)
        for button in (self.confirm, self.modify, self.delete):
            button.setEnabled(measure is not None)
        if measure is None:
            self.excerpt.setPlainText("")
            self.fields.setPlainText(self.tr("政策包中没有措施。"))
            return
        self.excerpt.setPlainText(f"{measure.get('clause', '')}\n\n{measure.get('excerpt', '')}")
        validity = measure.get("validity") or {}
        contact = measure.get("contact") or {}
        channel = measure.get("channel") or {}
        criteria = [
            f"· {c.get('label')}：{c.get('expr') or ' 或 '.join(c.get('any_of') or [])}"
            for c in measure.get("criteria") or []
        ]
        checks = [f"· {c}" for c in measure.get("manual_checks") or []]
        status = self.tr("草稿（待审核）") if measure.get("review") == "draft" else self.tr("已审核")
        whole = self.tr("同整份文件")
        lines = [
            self.tr("标题：{v}").format(v=measure.get("title", "")),
            self.tr("审核状态：{v}").format(v=status),
            self.tr("金额：{v}").format(v=_amount_text(measure.get("amount") or {"kind": "none"})),
            self.tr("期限：{a} 至 {b}").format(
                a=validity.get("valid_from") or whole, b=validity.get("valid_until") or whole
            ),
            self.tr("责任单位：{v}").format(v="、".join(contact.get("units") or [])),
            self.tr("电话：{v}").format(v=contact.get("phone") or self.tr("原文未载")),
            self.tr("渠道：{k}（{d}）{s}").format(
                k=channel.get("kind", ""),
                d=channel.get("detail", ""),
                s="" if channel.get("from_document") else self.tr("——原文未写，本工具推定"),
            ),
            self.tr("条件："),
            *(criteria or [self.tr("· （无）")]),
            self.tr("需确认："),
            *(checks or [self.tr("· （无）")]),
            "",
            *self.draft.comments(measure["id"]),
        ]
        self.fields.setPlainText("\n".join(str(x) for x in lines))

    # -- actions
    def _save(self, select: str | None) -> bool:
        try:
            self.draft.save()
        except UserError as exc:  # fileio.WriteError: names the file and says why
            self.message.setText(exc.message)
            return False
        self._fill(select)
        return True

    def confirm_current(self) -> None:
        mid = self.current_id()
        if mid is None:
            return
        self.draft.set_reviewed(mid)
        if self._save(mid):
            self.message.setText(self.tr("已确认 {id}，已保存（原文件保存为 .bak）。").format(id=mid))

    def delete_current(self) -> None:
        mid = self.current_id()
        if mid is None:
            return
        ids = self.measure_ids()
        following = ids[ids.index(mid) + 1] if ids.index(mid) + 1 < len(ids) else None
        self.draft.delete(mid)
        if self._save(following):
            self.message.setText(self.tr("已删除 {id}，已保存。").format(id=mid))

    def _editing(self, on: bool) -> None:
        self.stack.setCurrentIndex(1 if on else 0)
        self.apply.setVisible(on)
        self.cancel_edit.setVisible(on)
        for button in (self.confirm, self.modify, self.delete):
            button.setVisible(not on)
        self.measures.setEnabled(not on)

    def start_edit(self) -> None:
        mid = self.current_id()
        if mid is None:
            return
        self.editor.setPlainText(self.draft.measure_text(mid))
        self.message.setText(self.tr("直接修改 YAML；确认无误后把 review: draft 改为 reviewed，再点“应用修改”。"))
        self._editing(True)

    def apply_edit(self) -> None:
        mid = self.current_id()
        if mid is None:
            return
        before = list(self.draft.lines)
        try:
            self.draft.replace(mid, self.editor.toPlainText())
        except ValueError as exc:
            self.message.setText(str(exc))
            return
        problems = self.draft.problems()
        if problems:
            self.draft.lines = before
            self.message.setText(self.tr("修改未保存：") + "\n".join(problems[:5]))
            return
        new_id = re.match(r"\s*- id:\s*['\"]?([^'\"\s#]+)", self.editor.toPlainText())
        self._editing(False)
        if self._save(new_id.group(1) if new_id else mid):
            self.message.setText(self.tr("已保存修改。"))
