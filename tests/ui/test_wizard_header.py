"""The wizard's header shows a subtitle that wraps in a narrow window whole (QWizard alone cut its second line)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWizard, QWizardPage

from desktop_app.ui.wizard import PolicyWizard
from desktop_app.ui.wizard_header import HeaderFitter

#: The 情况勾选 page's intro (forms/questionnaire.yaml), two lines in a 583-pixel window.
INTRO = "这些情况您有吗？勾选后只询问相关的问题；未勾选的主题不会提问，相关政策显示为“需补充信息”。"


def _subtitle(wizard: QWizard) -> QLabel:
    return next(label for label in wizard.findChildren(QLabel) if label.text() == INTRO)


def _wizard(qtbot: Any, width: int, *, fitted: bool) -> QWizard:
    wizard = QWizard()
    qtbot.addWidget(wizard)
    wizard.setWizardStyle(QWizard.WizardStyle.ModernStyle)
    page = QWizardPage()
    page.setTitle("情况勾选")
    page.setSubTitle(INTRO)
    wizard.addPage(page)
    if fitted:
        HeaderFitter(wizard)
    wizard.resize(width, 500)
    wizard.show()
    qtbot.waitExposed(wizard)
    qtbot.wait(30)  # the fitter runs once the resize has been laid out
    return wizard


def _shown_whole(label: QLabel) -> bool:
    """The label is as tall as its wrapped text (two lines or more here) and inside its header."""
    header = label.parentWidget()
    assert header is not None
    needed = label.heightForWidth(label.width())
    assert needed >= 2 * label.fontMetrics().lineSpacing()  # the case at hand: the subtitle wraps
    return label.height() >= needed and label.geometry().bottom() <= header.height()


def test_a_wrapped_subtitle_gets_the_height_it_needs(qtbot: Any) -> None:
    wizard = _wizard(qtbot, 583, fitted=True)
    assert _shown_whole(_subtitle(wizard))


def test_qwizard_alone_cuts_the_second_line(qtbot: Any) -> None:
    """Why the fitter exists (and the proof the test above can fail): without it the label keeps one line's
    height (plus a little) while its wrapped text needs two. When Qt fixes this, the fitter can go."""
    wizard = _wizard(qtbot, 583, fitted=False)
    label = _subtitle(wizard)
    assert label.heightForWidth(label.width()) > label.height()
    assert not _shown_whole(label)


def test_a_one_line_subtitle_leaves_the_header_as_qt_makes_it(qtbot: Any) -> None:
    plain, fitted = _wizard(qtbot, 1400, fitted=False), _wizard(qtbot, 1400, fitted=True)
    heights = [_subtitle(w).parentWidget().height() for w in (plain, fitted)]  # type: ignore[union-attr]
    assert heights[0] == heights[1]


def test_going_wide_again_gives_the_height_back(qtbot: Any) -> None:
    wizard = _wizard(qtbot, 583, fitted=True)
    narrow = _subtitle(wizard).parentWidget().height()  # type: ignore[union-attr]
    wizard.resize(1400, 500)
    qtbot.wait(30)
    assert _subtitle(wizard).parentWidget().height() < narrow  # type: ignore[union-attr]


def test_the_policy_wizard_fits_its_header(wizard: PolicyWizard) -> None:
    assert isinstance(wizard.header_fitter, HeaderFitter)
