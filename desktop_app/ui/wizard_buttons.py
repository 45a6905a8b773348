"""The wizard's own buttons and shortcuts: 打开 / 保存 / 设置 / 退出 in the button row, Ctrl+S, Ctrl+O, Ctrl+K.

The texts keep the wizard's translation context (``QCoreApplication.translate("PolicyWizard", …)``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWizard

Slot = Callable[[], object]

#: The custom buttons, in the order they stand at the left of the button row.
OPEN, SAVE, SETTINGS = (
    QWizard.WizardButton.CustomButton1,
    QWizard.WizardButton.CustomButton2,
    QWizard.WizardButton.CustomButton3,
)


def set_up_buttons(wizard: QWizard, *, open_file: Slot, save: Slot, settings: Slot) -> None:
    """Put 打开, 保存 and 设置 at the left of the button row and rename 取消 to 退出."""
    wizard.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
    wizard.setOption(QWizard.WizardOption.NoCancelButton, False)
    for option in (
        QWizard.WizardOption.HaveCustomButton1,
        QWizard.WizardOption.HaveCustomButton2,
        QWizard.WizardOption.HaveCustomButton3,
    ):
        wizard.setOption(option, True)
    wizard.setButtonText(OPEN, QCoreApplication.translate("PolicyWizard", "打开(&O)…"))
    wizard.setButtonText(SAVE, QCoreApplication.translate("PolicyWizard", "保存(&S)"))
    wizard.setButtonText(SETTINGS, QCoreApplication.translate("PolicyWizard", "设置(&T)…"))
    # 取消 would read as "undo this page"; the button leaves the program, asking first if work would be lost.
    wizard.setButtonText(QWizard.WizardButton.CancelButton, QCoreApplication.translate("PolicyWizard", "退出(&Q)"))
    wizard.setButtonLayout(
        [
            OPEN,
            SAVE,
            SETTINGS,
            QWizard.WizardButton.Stretch,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ]
    )
    slots = {OPEN.value: open_file, SAVE.value: save, SETTINGS.value: settings}
    wizard.customButtonClicked.connect(lambda which: slots[which]() if which in slots else None)


def set_project_buttons_enabled(wizard: QWizard, enabled: bool) -> None:
    """打开 and 保存 work once the questionnaire is loaded."""
    for which in (OPEN, SAVE):
        button = wizard.button(which)
        if button is not None:
            button.setEnabled(enabled)


def add_shortcuts(wizard: QWizard, *, save: Slot, save_as: Slot, open_file: Slot, workspace: Slot) -> None:
    """Ctrl+S, Ctrl+Shift+S, Ctrl+O and Ctrl+K (once there is something to save or open into)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence

    from desktop_app.ui.workspace_dialogs import workspace_action  # Ctrl+K: 企业台账

    for text, key, slot in (
        (QCoreApplication.translate("PolicyWizard", "保存"), QKeySequence.StandardKey.Save, save),
        (QCoreApplication.translate("PolicyWizard", "另存为"), QKeySequence.StandardKey.SaveAs, save_as),
        (QCoreApplication.translate("PolicyWizard", "打开"), QKeySequence.StandardKey.Open, open_file),
    ):
        action = QAction(text, wizard)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda *_, slot=slot: slot())
        wizard.addAction(action)
    wizard.addAction(workspace_action(wizard, workspace))
