"""Interface language: Qt's own Chinese strings (wizard buttons) or the program's English translation."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_app import paths

log = logging.getLogger(__name__)

QM_NAME = "policy_assistant_en.qm"
QT_EXTRA_NAME = "qt_extra_zh_CN.qm"
_installed: list[QTranslator] = []
_language = ["zh_CN"]


class _ProgramTranslator(QTranslator):
    """The program's English .qm, looked up in the caller's context and then in the empty one.

    lupdate files a string under the class it appears in, and under no class ("") where it cannot tell:
    a module-level ``tr`` helper, a mixin whose ``self.tr`` runs as another class at run time. Without the
    second lookup those strings stayed Chinese in the English interface.
    """

    def translate(self, context: str, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        for where in (context, "") if context else ("",):
            found = super().translate(where, sourceText, disambiguation, n)
            if found:
                return found
        return None  # a null QString: "not mine", so Qt goes on to the next translator and then the source


def current_language() -> str:
    """The interface language installed last ("zh_CN" or "en"): questions use it for their labels."""
    return _language[0]


def install(app: QCoreApplication, language: str) -> str:
    """Install the translators for ``language`` ("zh_CN" or "en"), replacing earlier ones; return the language used.

    The source strings are Chinese. For zh_CN only Qt's qtbase_zh_CN is needed (上一步/下一步/完成/取消);
    for English the program's .qm is loaded and Qt keeps its English buttons.
    """
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        program = _ProgramTranslator(app)
        if program.load(str(paths.translations_dir() / QM_NAME)):
            app.installTranslator(program)
            _installed.append(program)
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            _language[0] = "en"
            return "en"
        log.warning("找不到英文界面翻译 %s，继续使用中文", QM_NAME)
    translator = QTranslator(app)
    china = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    if translator.load(china, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        log.warning("找不到 Qt 的中文翻译 qtbase_zh_CN.qm，向导按钮将显示英文")
    extra = QTranslator(app)  # what qtbase_zh_CN leaves in English (QFileDialog's “Look in:”, “Files of type:”)
    if extra.load(str(paths.translations_dir() / QT_EXTRA_NAME)):
        app.installTranslator(extra)
        _installed.append(extra)
    QLocale.setDefault(china)
    _language[0] = "zh_CN"
    return "zh_CN"
