"""QWizard's modern header keeps the height of a one-line subtitle: when the subtitle wraps (a narrow window,
a large scale factor, a long intro), its second line was cut off. This keeps the header as tall as the
wrapped text needs at the current width, and no taller than Qt makes it otherwise."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QWizard


class HeaderFitter(QObject):
    """Installed on a wizard: after each resize and page change, fits the header to its subtitle."""

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._watched: set[QLabel] = set()
        wizard.installEventFilter(self)
        wizard.currentIdChanged.connect(lambda _id: QTimer.singleShot(0, self, self.fit))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self, self.fit)
        return False

    def subtitle_label(self) -> QLabel | None:
        page = self._wizard.currentPage()
        if page is None or not page.subTitle():
            return None
        for label in self._wizard.findChildren(QLabel):
            if label.wordWrap() and label.text() == page.subTitle() and not page.isAncestorOf(label):
                return label
        return None

    def fit(self) -> None:
        label = self.subtitle_label()
        header = label.parentWidget() if label is not None else None
        if label is None or header is None:
            return
        if label not in self._watched:  # its width settles after the wizard's own resize
            self._watched.add(label)
            label.installEventFilter(self)
        kept = label.minimumHeight()
        label.setMinimumHeight(0)  # heightForWidth counts the minimum in: measure without it
        needed = label.heightForWidth(label.width())
        wrapped = needed >= 2 * label.fontMetrics().lineSpacing()
        label.setMinimumHeight(needed if wrapped else 0)
        if label.minimumHeight() != kept or wrapped != (header.minimumHeight() > 0):
            header.setMinimumHeight(0)
            header.setMinimumHeight(header.sizeHint().height() if wrapped else 0)
