"""The vocabulary every view shares: result statuses, their order and labels, channel order and headings."""

from __future__ import annotations

from enum import Enum

from desktop_app.domain.policy import ChannelKind


class Status(str, Enum):
    """A measure's verdict for one enterprise on one reference date."""

    eligible = "eligible"
    needs_check = "needs_check"
    needs_info = "needs_info"
    not_eligible = "not_eligible"
    not_yet_valid = "not_yet_valid"
    expired = "expired"
    draft = "draft"
    not_applicable = "not_applicable"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    def text(self, language: str = "zh_CN") -> str:
        """The label in the interface language."""
        return STATUS_LABELS_EN[self] if language == "en" else STATUS_LABELS[self]

    def help_text(self, language: str = "zh_CN") -> str:
        """What the status means, in one line, in the interface language."""
        return STATUS_HELP_EN[self] if language == "en" else STATUS_HELP[self]

    @property
    def rank(self) -> int:
        """Position in :data:`STATUS_ORDER`, for sorting rows the way every view shows them."""
        return STATUS_ORDER.index(self)


STATUS_LABELS: dict[Status, str] = {
    Status.eligible: "符合条件",
    Status.needs_check: "待核实",
    Status.needs_info: "需补充信息",
    Status.not_eligible: "不符合",
    Status.not_yet_valid: "未施行",
    Status.expired: "已过期",
    Status.draft: "草稿（待审核）",
    Status.not_applicable: "不适用",
}

#: The order in which every view lists statuses: what the enterprise can act on first.
STATUS_ORDER: tuple[Status, ...] = tuple(STATUS_LABELS)

#: What each status means, in one line, for legends and tooltips.
STATUS_HELP: dict[Status, str] = {
    Status.eligible: "按已填信息符合全部条件",
    Status.needs_check: "已填信息未排除，但仍有一项条件须由受理部门确认",
    Status.needs_info: "还有问题未回答，回答后才能判断",
    Status.not_eligible: "按已填信息，不满足原文条件",
    Status.not_yet_valid: "参考日期早于措施的施行日期",
    Status.expired: "参考日期晚于措施的有效期",
    Status.draft: "由起草工具生成、尚未审核的措施，不作为申请依据",
    Status.not_applicable: "适用于其他区或不面向企业",
}

#: The same in the English interface (the letters and the CLI stay Chinese).
STATUS_LABELS_EN: dict[Status, str] = {
    Status.eligible: "Eligible",
    Status.needs_check: "To be confirmed",
    Status.needs_info: "Needs information",
    Status.not_eligible: "Not eligible",
    Status.not_yet_valid: "Not yet in force",
    Status.expired: "Expired",
    Status.draft: "Draft (not reviewed)",
    Status.not_applicable: "Not applicable",
}
STATUS_HELP_EN: dict[Status, str] = {
    Status.eligible: "Meets every condition on the answers given",
    Status.needs_check: "Not ruled out, but one condition must be confirmed by the department",
    Status.needs_info: "Some questions are unanswered; answer them to decide",
    Status.not_eligible: "On the answers given, a condition of the text is not met",
    Status.not_yet_valid: "The reference date is before the measure takes effect",
    Status.expired: "The reference date is after the measure's validity",
    Status.draft: "Drafted by the pack drafter and not yet reviewed; not a basis for an application",
    Status.not_applicable: "For another district, or not for enterprises",
}

#: Channels in the order the views show them, with the heading each group gets.
CHANNEL_HEADINGS: tuple[tuple[ChannelKind, str], ...] = (
    (ChannelKind.automatic, "免申即享（无需申请）"),
    (ChannelKind.online, "一网通办（网上申请）"),
    (ChannelKind.direct, "直接申请（向受理部门提交）"),
)
CHANNEL_HEADINGS_EN: dict[ChannelKind, str] = {
    ChannelKind.automatic: "Granted automatically (no application)",
    ChannelKind.online: "Online (一网通办)",
    ChannelKind.direct: "Apply to the department",
}


def channel_heading(kind: ChannelKind, language: str = "zh_CN") -> str:
    """The heading of a channel's group in the interface language."""
    return CHANNEL_HEADINGS_EN[kind] if language == "en" else dict(CHANNEL_HEADINGS)[kind]


#: Hotlines that are national service lines, not a unit's own number (domain-notes: never a document phone).
HOTLINES: dict[str, str] = {"12366": "纳税服务热线", "12333": "人社服务热线", "12345": "市民服务热线"}


def hotline_name(phone: str | None) -> str | None:
    """The service-line name when ``phone`` is 12366 / 12333 / 12345 (with or without 021-), else None."""
    if not phone:
        return None
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("021") and len(digits) == 8:
        digits = digits[3:]
    return HOTLINES.get(digits)
