"""Policy pack models: one validated, traceable record per support measure of one document."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from desktop_app.domain.profile import District

Yuan = Annotated[Decimal, Field(ge=0, le=Decimal(10) ** 13)]
Rate = Annotated[Decimal, Field(gt=0, le=10)]
ExprText = Annotated[str, Field(min_length=1, max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChannelKind(str, Enum):
    """How a measure is obtained."""

    automatic = "免申即享"
    online = "一网通办"
    direct = "直接申请"


class Audience(str, Enum):
    enterprise = "enterprise"
    individual = "individual"
    government = "government"


AUDIENCE_LABELS = {"enterprise": "企业", "individual": "个人消费者", "government": "政府部门及公共机构"}


class DocumentInfo(_Strict):
    """The document a pack encodes."""

    title: str
    number: str | None = Field(None, description="文号, e.g. 青府规发〔2023〕1号; None where the text gives none")
    issuer: str
    date: dt.date | None = Field(None, description="issue date; None where the text prints none (never presumed)")
    source_file: str = Field(description="file name of the full text, beside the pack or under resources/sources/")


class Validity(_Strict):
    """A clause's own period, overriding the pack's."""

    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    excerpt: str | None = Field(None, description="the words that set this period, verbatim")

    @model_validator(mode="after")
    def _ordered(self) -> Validity:
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValueError("valid_from 晚于 valid_until")
        return self


class Criterion(_Strict):
    """A named condition. ``expr`` must hold; with ``any_of``, at least one of the expressions must.

    ``confirm`` names what only the department can settle when the expressions do not hold: an open list
    ("制造业、批发零售业等行业" — a value outside the named ones is 待核实, never 不符合), or, with no expression at
    all, a condition no answer of the enterprise can decide. Such a criterion makes the measure ``needs_check``
    until the user ticks it as confirmed with ``confirmer``.
    """

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    label: str = Field(description="Chinese, phrased as the condition that must hold")
    expr: ExprText | None = None
    any_of: list[ExprText] | None = None
    confirm: str | None = Field(None, description="the condition the department confirms, phrased for the user")
    confirmer: str | None = Field(None, description="who confirms it (defaults to the measure's units)")

    @model_validator(mode="after")
    def _one_form(self) -> Criterion:
        if self.expr is None and self.any_of is None and self.confirm is not None:
            return self
        if (self.expr is None) == (self.any_of is None):
            raise ValueError("criterion needs exactly one of expr / any_of (or only confirm)")
        if self.any_of is not None and len(self.any_of) < 2:
            raise ValueError("any_of needs at least two expressions")
        return self

    def expressions(self) -> list[str]:
        return [self.expr] if self.expr is not None else list(self.any_of or [])


class Channel(_Strict):
    kind: ChannelKind
    detail: str = Field(description="where exactly: 电子税务局或办税服务厅, 向金山区经委申请 …")
    from_document: bool = Field(description="True when the document itself names the channel")
    letter: Literal["申请书", "办理指引", "告知书"] | None = Field(
        None,
        description=(
            "the document to draft when the channel alone would pick the wrong one: a measure claimed by "
            "self-declaration (tax relief at filing time) or at a bank gets a 办理指引, not a 申请书 nobody files"
        ),
    )


class Contact(_Strict):
    units: list[str] = Field(min_length=1, description="responsible units as the document names them")
    phone: Annotated[str, Field(pattern=r"^[0-9\-、， ]{5,40}$")] | None = None
    phone_source: Literal["document", "hotline"] | None = None
    note: str | None = Field(None, description="e.g. 联系相应贷款银行进行咨询")

    @model_validator(mode="after")
    def _source_given(self) -> Contact:
        if (self.phone is None) != (self.phone_source is None):
            raise ValueError("phone and phone_source go together")
        return self


class Bonus(_Strict):
    """An uplift on the whole amount, e.g. 青浦 6.4: 新纳入战新名录库 adds 20%."""

    when: ExprText
    percent: Rate
    label: str


class ConditionalRate(_Strict):
    """Another rate when a condition holds; its own cap, if given, replaces the measure's cap."""

    when: ExprText
    rate: Rate
    label: str
    cap: Yuan | None = None


class _AmountBase(_Strict):
    note: str | None = None
    bonus: Bonus | None = None


class FixedAmount(_AmountBase):
    kind: Literal["fixed"]
    value: Yuan


class PerUnitAmount(_AmountBase):
    """rate 元 per unit × quantity, e.g. 2000元/人 × 3人, 0.3元/瓦 × 瓦数."""

    kind: Literal["per_unit"]
    rate: Yuan
    quantity: ExprText
    unit: str
    cap: Yuan | None = None


class PercentAmount(_AmountBase):
    """rate × base, optionally capped; ``up_to`` when the document gives only a maximum rate."""

    kind: Literal["percent"]
    rate: Rate
    base: ExprText
    base_label: str
    rate_when: list[ConditionalRate] = Field(default_factory=list)
    cap: Yuan | None = None
    up_to: bool = False
    contested_cap: Yuan | None = Field(
        None,
        description=(
            "a cap one reading of the clause also puts on the base rate (青浦 六、4: 最高200万元 after two rates); "
            "the amount then spans both readings and the measure must carry a reading_note"
        ),
    )


class Tier(_Strict):
    min: Yuan | None = Field(None, description="applies when value >= min")
    above: Yuan | None = Field(None, description="applies when value > above")
    amount: Yuan

    @model_validator(mode="after")
    def _one_bound(self) -> Tier:
        if self.min is not None and self.above is not None:
            raise ValueError("a tier has min or above, not both")
        return self


class TiersAmount(_AmountBase):
    """The highest tier whose bound the value reaches."""

    kind: Literal["tiers"]
    value: ExprText
    value_label: str
    tiers: list[Tier] = Field(min_length=1)


class LookupAmount(_AmountBase):
    """An amount per answer, e.g. DCMM 二级 20万 / 三级 30万."""

    kind: Literal["lookup"]
    key: ExprText
    key_label: str
    table: dict[str, Yuan] = Field(min_length=1)
    labels: dict[str, str] = Field(default_factory=dict)


class MatchAmount(_AmountBase):
    """配套: ratio × what the city granted, up to a cap."""

    kind: Literal["match"]
    ratio: Rate
    base: ExprText
    base_label: str
    cap: Yuan | None = None


class AtLeastAmount(_AmountBase):
    """不低于 X: the maximum is open."""

    kind: Literal["at_least"]
    min: Yuan


class UpToAmount(_AmountBase):
    """最高 X, where the document gives no rate: anywhere from 0 to X (or to the spending, if lower)."""

    kind: Literal["up_to"]
    max: Yuan
    base: ExprText | None = None
    base_label: str | None = None


class RangeAmount(_AmountBase):
    kind: Literal["range"]
    min: Yuan
    max: Yuan


class NoAmount(_AmountBase):
    """The document names a benefit but no figure."""

    kind: Literal["none"]


class SumTerm(_Strict):
    """One per-unit part of a sum: 全国首店 30万元/家 × 家数."""

    label: str
    rate: Yuan
    quantity: ExprText
    unit: str


class SumAmount(_AmountBase):
    """Several per-unit parts added up, then capped: 金山 12: 30万/20万/10万 per 首店, 累计最高50万."""

    kind: Literal["sum"]
    terms: list[SumTerm] = Field(min_length=2)
    cap: Yuan | None = None


class FormulaAmount(_AmountBase):
    kind: Literal["formula"]
    min: ExprText
    max: ExprText | None = None
    basis: str


AmountSpec = Annotated[
    FixedAmount
    | PerUnitAmount
    | PercentAmount
    | TiersAmount
    | LookupAmount
    | MatchAmount
    | AtLeastAmount
    | UpToAmount
    | RangeAmount
    | NoAmount
    | SumAmount
    | FormulaAmount,
    Field(discriminator="kind"),
]

MEASURE_ID = re.compile(r"^(qingpu|jiading|baoshan|jinshan)-(\d{4})-(p?\d+(?:\.\d+)?)([a-z]?)$")


class Measure(_Strict):
    """One support measure, traceable to its clause."""

    id: Annotated[str, Field(pattern=MEASURE_ID.pattern)]
    title: Annotated[str, Field(min_length=2, max_length=40)]
    summary: str
    audience: Audience = Audience.enterprise
    clause: str = Field(description="the document's own numbering, e.g. 六、4. / 21 / 第11行")
    excerpt: Annotated[str, Field(min_length=8)]
    validity: Validity | None = None
    criteria: list[Criterion] = Field(default_factory=list)
    manual_checks: list[str] = Field(default_factory=list)
    amount: AmountSpec
    channel: Channel
    contact: Contact
    materials: list[str] = Field(default_factory=list, description="attachments the document names")
    reading_note: str | None = Field(
        None, description="user-facing note where the clause allows more than one reading (shown with the amount)"
    )
    review: Literal["draft", "reviewed"] = Field(
        "reviewed", description="draft: written by draft-pack, not yet reviewed; never eligible, never a letter"
    )

    @field_validator("criteria")
    @classmethod
    def _unique_criteria(cls, value: list[Criterion]) -> list[Criterion]:
        ids = [c.id for c in value]
        if len(ids) != len(set(ids)):
            raise ValueError("criterion ids repeat")
        return value

    @model_validator(mode="after")
    def _contested_explained(self) -> Measure:
        if getattr(self.amount, "contested_cap", None) is not None and not self.reading_note:
            raise ValueError("contested_cap needs a reading_note telling the user why the amount spans two readings")
        return self

    @property
    def clause_id(self) -> str:
        match = MEASURE_ID.match(self.id)
        return match.group(3) if match else self.id


class Rule(_Strict):
    """A rule that spans measures of one pack, where the document states one."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_\-.]+$")]
    kind: Literal["cap_total", "highest_only"]
    measures: list[str] = Field(min_length=2)
    cap: Yuan | None = None
    label: str
    excerpt: str

    @model_validator(mode="after")
    def _cap_given(self) -> Rule:
        if (self.kind == "cap_total") != (self.cap is not None):
            raise ValueError("cap_total needs a cap; highest_only takes none")
        return self


class PolicyPack(_Strict):
    """One document's measures."""

    pack_format: Literal[1]
    id: Annotated[str, Field(pattern=r"^[a-z0-9\-]+$")]
    district: District
    document: DocumentInfo
    valid_from: dt.date
    valid_until: dt.date
    validity_excerpt: str
    notes: list[str] = Field(default_factory=list, description="manual checks that hold for every measure")
    rules: list[Rule] = Field(default_factory=list)
    measures: list[Measure] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> PolicyPack:
        ids = [m.id for m in self.measures]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"措施编号重复：{', '.join(dupes)}")
        for measure in self.measures:
            if not measure.id.startswith(f"{self.district.value}-"):
                raise ValueError(f"措施 {measure.id} 的编号应以 {self.district.value}- 开头")
        known = set(ids)
        for rule in self.rules:
            missing = [m for m in rule.measures if m not in known]
            if missing:
                raise ValueError(f"规则 {rule.id} 引用了不存在的措施：{', '.join(missing)}")
        return self

    def validity_of(self, measure: Measure) -> tuple[dt.date, dt.date]:
        own = measure.validity
        start = own.valid_from if own and own.valid_from else self.valid_from
        end = own.valid_until if own and own.valid_until else self.valid_until
        return start, end
