"""The enterprise profile: every answer the engine can read. ``None`` means unanswered, never zero."""

from __future__ import annotations

import datetime as dt
import unicodedata
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from desktop_app.errors import UserError

SCHEMA_VERSION = 1


class District(str, Enum):
    """The four districts whose 2023 documents are in the catalog."""

    qingpu = "qingpu"
    jiading = "jiading"
    baoshan = "baoshan"
    jinshan = "jinshan"

    @property
    def label(self) -> str:
        return DISTRICT_LABELS[self.value]

    @property
    def admin_code(self) -> str:
        return DISTRICT_CODES[self.value]


DISTRICT_LABELS = {"qingpu": "青浦区", "jiading": "嘉定区", "baoshan": "宝山区", "jinshan": "金山区"}
DISTRICT_CODES = {"qingpu": "310118", "jiading": "310114", "baoshan": "310113", "jinshan": "310116"}

Money = Annotated[int, Field(ge=0, le=10**13, json_schema_extra={"unit": "元"})]
Count = Annotated[int, Field(ge=0, le=10**6)]
#: People hired or trained in a year: 100000 is already far beyond any one enterprise.
Headcount = Annotated[int, Field(ge=0, le=100_000, json_schema_extra={"unit": "人"})]
Year = Annotated[int, Field(ge=1990, le=2100, json_schema_extra={"kind": "year"})]
Text = Annotated[str, Field(max_length=10_000)]
PvCapacity = Annotated[float, Field(ge=0, le=10**7, allow_inf_nan=False, json_schema_extra={"unit": "kW"})]
LeaseYears = Annotated[int, Field(ge=0, le=100, json_schema_extra={"unit": "年"})]
#: The thresholds the documents name, in 元 (产值首次突破5亿/10亿/50亿元; 社零首次达到5亿/10亿元); 0 for none.
OutputTier = Annotated[Literal[0, 500_000_000, 1_000_000_000, 5_000_000_000], Field(json_schema_extra={"unit": "元"})]
RetailTier = Annotated[Literal[0, 500_000_000, 1_000_000_000], Field(json_schema_extra={"unit": "元"})]

SizeClass = Literal["large", "medium", "small", "micro"]
Industry = Literal[
    "manufacturing",
    "wholesale",
    "retail",
    "accommodation",
    "catering",
    "construction",
    "express_logistics",
    "software_it",
    "exhibition",
    "travel_agency",
    "finance",
    "real_estate",
    "research_services",
    "other",
]
HitechEvent = Literal["none", "new", "introduced", "recertified"]
SrdiTier = Literal["none", "innovative_sme", "municipal_srdi", "national_little_giant", "single_champion"]
SciGiant = Literal["none", "cultivation", "giant"]
GreenTitle = Literal["park", "factory", "supply_chain", "product"]
FirstStoreLevel = Literal["none", "national", "shanghai", "district"]
Topic = Literal["tax", "hiring", "finance", "certification", "upgrade", "green", "commerce", "expo", "listing"]

#: Fields that describe the enterprise but that no criterion reads.
BASIC_FIELDS = (
    "name",
    "credit_code",
    "district",
    "address",
    "legal_representative",
    "contact_person",
    "contact_phone",
    "established_on",
    "topics",
    "bank_name",
    "bank_account",
    "confirmations",
    "reference_date",
)


def _f(title: str, **extra: Any) -> Any:
    return Field(None, title=title, **extra)


class EnterpriseProfile(BaseModel):
    """One enterprise's answers. Every field is optional: ``None`` is "not answered yet"."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)

    schema_version: int = Field(SCHEMA_VERSION, title="文件格式版本")

    # 企业基本信息
    name: Text | None = _f("企业名称")
    credit_code: str | None = _f("统一社会信用代码")
    district: District | None = _f("所在区")
    address: Text | None = _f("地址")
    legal_representative: Text | None = _f("法定代表人")
    contact_person: Text | None = _f("联系人")
    contact_phone: Annotated[str, Field(max_length=40)] | None = _f("联系电话")
    established_on: dt.date | None = _f("成立日期")
    topics: list[Topic] | None = _f("情况勾选（需要询问的主题）")
    bank_name: Annotated[str, Field(max_length=100)] | None = _f("开户银行")
    bank_account: Annotated[str, Field(max_length=40, pattern=r"^[0-9 \-]{6,40}$")] | None = _f("银行账号")
    confirmations: list[Annotated[str, Field(max_length=200)]] | None = _f(
        "已向受理部门确认的事项（措施编号:条件编号）"
    )
    reference_date: dt.date | None = _f("参考日期（判断有效期所用的日期）")

    # 规模与类型
    size_class: SizeClass | None = _f("企业规模（大/中/小/微）")
    small_scale_taxpayer: bool | None = _f("增值税小规模纳税人")
    small_low_profit: bool | None = _f("小型微利企业")
    industry: Industry | None = _f("所属行业")
    above_scale_industrial: bool | None = _f("规模以上工业企业")
    foreign_invested: bool | None = _f("外商投资企业")

    # 税费与社保
    bought_nev_2023: bool | None = _f("2023年购置列入免税目录的新能源汽车")
    excess_water_use_2023: bool | None = _f("非居民用水2023年超定额用水")
    deferred_social_insurance: bool | None = _f("有阶段性缓缴的社会保险费需补缴")

    # 招用人员
    eligible_hires: Headcount | None = _f("招录的符合条件人员人数")
    return_bus_organized: bool | None = _f("租用车辆（包车）组织员工返岗")
    return_bus_commissioned: bool | None = _f("委托劳务协作输出地包车输送市外务工人员返岗")
    return_bus_in_window: bool | None = _f("租车或包车返岗发生在2023年1月28日至2月5日期间")
    migrant_workers_returned: bool | None = _f("2023年春节后有外来务工人员返岗")
    postal_express: bool | None = _f("属于邮政、快递企业")
    ecommerce_platform: bool | None = _f("属于电商平台企业")
    key_construction_project: bool | None = _f("承担重点建设工程（重点工程项目）")
    return_bus_cost: Money | None = _f("包车返岗实际费用")
    online_training_headcount: Headcount | None = _f("开展线上职业培训的人数")

    # 贷款担保
    relief_quota_loan: bool | None = _f("在“防疫紧急纾困融资额度”内获得贷款")
    relief_quota_loan_interest: Money | None = _f("该笔贷款3个月的实际利息")
    batch_guarantee_loan: bool | None = _f("获得政策性融资担保基金担保贷款（批次贷、湾区贷等）")
    guarantee_fee_paid: Money | None = _f("已支付的担保费")
    guarantee_loan_amount: Money | None = _f("担保贷款金额")
    guarantee_loan_since_2022: bool | None = _f("担保贷款于2022年1月1日以后获得")
    pici_loan: bool | None = _f("该担保贷款为“批次贷”（由“批次贷”合作银行发放的批次担保贷款）")
    repaid_on_time: bool | None = _f("贷款按时还本付息")
    district_guarantee_loan: bool | None = _f("通过区政府性融资担保机构担保获得银行贷款")
    district_guarantee_loan_interest: Money | None = _f("该贷款一年期利息")
    kechuang_loan: bool | None = _f("办理“嘉定科创贷”批次担保贷款")
    small_micro_loan_due: bool | None = _f("有受疫情影响需延期或续贷的到期小微企业贷款")
    loan_renewal_needed: bool | None = _f("有需要续贷（融资周转）或延期还本付息的银行贷款")
    key_enterprise_loan_amount: Money | None = _f("2023年用于扩产、提升能级或绿色转型的贷款金额")
    sci_insurance_premium: Money | None = _f("科技型中小企业履约保证保险实际支付保费")

    # 资质认定
    hitech_valid: bool | None = _f("有效期内高新技术企业")
    hitech_event: HitechEvent | None = _f("高新技术企业认定情况")
    hitech_event_year: Year | None = _f("高新技术企业认定（引进、复审）年份")
    newly_four_above: bool | None = _f("首次成为“四上”企业")
    four_above_year: Year | None = _f("首次纳入“四上”企业库的年份")
    rd_expense_last_year: Money | None = _f("上一年度研发投入")
    srdi_recognition: SrdiTier | None = _f("新获得的专精特新梯度认定")
    srdi_recognition_year: Year | None = _f("专精特新认定年份")
    municipal_srdi_same_year: bool | None = _f("同年也新认定为市级“专精特新”中小企业")
    little_giant_same_year: bool | None = _f("同年也新认定为国家级专精特新“小巨人”企业")
    sci_giant: SciGiant | None = _f("上海市科技小巨人（培育）企业")
    sci_giant_city_grant: Money | None = _f("科技小巨人市级资助金额")
    tech_innovation_fund: bool | None = _f("获上海市科技型中小企业技术创新资金")
    dcmm_level: Annotated[int, Field(ge=0, le=5)] | None = _f("DCMM数据管理能力成熟度认证等级（0为未认证）")
    tech_transfer_project: bool | None = _f("有科技成果转移转化项目")
    incubator_city_support: Money | None = _f("大学科技园、孵化器或众创空间获市级支持金额")
    joint_rd_investment: Money | None = _f("联合攻关、协同创新项目总投入")

    # 技改投资与产业
    tech_upgrade_investment: Money | None = _f("单个技改项目经核定总投资")
    strategic_emerging: bool | None = _f("属于战略性新兴产业（战新）行业")
    newly_in_sei_catalog: bool | None = _f("新纳入战新企业名录库")
    newly_in_baoshan_sei_stats: bool | None = _f("首次纳入宝山区战略性新兴产业（制造业）统计")
    baoshan_sei_stats_year: Year | None = _f("首次纳入宝山区战新（制造业）统计的年份")
    municipal_tech_upgrade_grant: Money | None = _f("市级技改项目支持金额")
    newly_above_scale: bool | None = _f("首次进入规上工业企业库")
    above_scale_year: Year | None = _f("首次进入规上工业企业库的年份")
    output_first_crossed: OutputTier | None = _f("工业产值首次突破的档位（元）")
    output_crossed_year: Year | None = _f("工业产值首次突破该档位的年份")
    output_growth: bool | None = _f("规上工业产值较基期增长")
    expansion_completed: bool | None = _f("改扩建项目当年竣工投产")
    smart_diagnosis: bool | None = _f("开展智能化技术改造诊断")
    major_tech_upgrade_project: bool | None = _f("重点产业领域重大技术改造项目")
    key_sector_project: bool | None = _f("技改项目属于集成电路、人工智能或生物医药领域")
    service_firm_subsidiary: bool | None = _f("系生产性服务业企业单独设立、从事专业化生产制造的子公司")
    industrial_internet_project: bool | None = _f("工业互联网平台建设和应用项目")
    hq_recognized: bool | None = _f("获认定跨国公司地区总部、总部型机构或外资研发中心")
    foreign_capital_increase: bool | None = _f("外资先进制造业新项目或增资扩产项目")

    # 光伏与绿色
    pv_capacity_kw: PvCapacity | None = _f("光伏项目装机容量")
    green_national: list[GreenTitle] | None = _f("2023年首次认定的国家级绿色称号")
    green_municipal: list[GreenTitle] | None = _f("2023年首次认定的市级绿色称号")

    # 商贸消费
    wuwu_activity: bool | None = _f("活动纳入“五五购物节”总体活动")
    mall_operator: bool | None = _f("商业综合体或商业载体运营方")
    mall_renovation_cost: Money | None = _f("商业综合体改造和信息化建设实际支出")
    new_warehouse_club: bool | None = _f("新引进的大型会员制超市")
    nev_promotion: bool | None = _f("2023年开展新能源车促销活动")
    green_appliance_campaign: bool | None = _f("参与绿色智能家电补贴活动")
    city_consumption_award: Money | None = _f("获上海市消费市场创新发展奖励金额")
    first_store_level: FirstStoreLevel | None = _f("新引进的品牌首店级别")
    first_store_annual_rent: Money | None = _f("首店年租金")
    first_store_lease_years: LeaseYears | None = _f("首店租赁协议年限")
    mall_first_stores_national: Count | None = _f("综合体新引进全国首店数")
    mall_first_stores_shanghai: Count | None = _f("综合体新引进上海市首店数")
    mall_first_stores_district: Count | None = _f("综合体新引进区级首店数")
    mall_retail_milestone: RetailTier | None = _f("商业载体年度社会消费品零售总规模首次达到的档位（元）")
    mall_milestone_year: Year | None = _f("商业载体社零规模首次达到该档的年份")
    newly_above_quota: bool | None = _f("新增的限额以上批发、零售、住宿、餐饮企业")
    above_quota_year: Year | None = _f("首次纳入限额以上企业的年份")
    sales_milestone_first: bool | None = _f("年度商品销售额首次达10亿/20亿元或零售额首次达1亿/5亿元")
    sales_milestone_year: Year | None = _f("销售额（零售额）首次达到该档的年份")
    sports_event_or_facility: bool | None = _f("举办大型体育赛事活动或建设体育设施")

    # 外贸会展
    overseas_exhibition: bool | None = _f("参加境外展会")
    expo_group_cost: Money | None = _f("组团参加境外展会实际发生费用")
    expo_park_cost: Money | None = _f("会展产业园建设初期租赁、装修费用")
    ufi_new: bool | None = _f("新引进的UFI认证会展企业（或其控股子公司）")
    express_warehouse_service: bool | None = _f("快递企业为电商企业提供仓配一体化服务")
    express_system_upgrade: bool | None = _f("快递企业信息管理系统、自动分拣系统改造")
    express_ecosystem: bool | None = _f("属于快递生态圈相关企业（快递企业及其产业链上下游）")
    express_ecosystem_new: bool | None = _f("新注册落户的快递生态圈产业链上下游企业")

    # 上市
    listing: bool | None = _f("2023年发行上市")
    listing_market_value: Money | None = _f("发行市值")

    @field_validator("credit_code")
    @classmethod
    def _check_credit_code(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        return validate_credit_code(value)

    @field_validator("name", "address", "legal_representative", "contact_person", "contact_phone", "bank_name")
    @classmethod
    def _no_control_characters(cls, value: str | None) -> str | None:
        # Control characters are invisible, break the letters' XML and Windows file names: refuse them here,
        # where the message can name the field, rather than dropping them silently downstream.
        if value is not None and has_control_characters(value):
            raise ValueError("含有不可见的控制字符（如换行、制表符或复制带来的乱码），请删除后重新输入")
        return value

    @field_validator("*", mode="before")
    @classmethod
    def _strict_answers(cls, value: Any, info: ValidationInfo) -> Any:
        # JSON true is not 1 person, and "false" or 0 is no answer to a yes/no question (pydantic's lax mode).
        kind = _answer_kind(info.field_name)
        if value is None or kind is None:
            return value
        if kind is bool and not isinstance(value, bool):
            raise ValueError("应为 true（是）或 false（否），不能写成文字或数字")
        if kind is not bool and isinstance(value, bool):
            raise ValueError("应为数字，不能写成 true 或 false")
        return value

    @field_validator("established_on")
    @classmethod
    def _check_date(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not (dt.date(1949, 1, 1) <= value <= dt.date(2100, 12, 31)):
            raise ValueError("日期超出合理范围（1949年至2100年）")
        return value

    def answers(self) -> dict[str, Any]:
        """The answers as a plain mapping, unanswered fields as ``None``."""
        return {name: getattr(self, name) for name in type(self).model_fields}

    def district_label(self) -> str:
        return self.district.label if self.district else "（未填写所在区）"


@cache
def _answer_kind(name: str | None) -> type | None:
    """bool for a yes/no field, int or float for a number field (Literal choices of numbers too), else None."""
    info = EnterpriseProfile.model_fields.get(name or "")
    if info is None:
        return None
    args = [a for a in get_args(info.annotation) if a is not type(None)] or [info.annotation]
    base = get_args(args[0])[0] if get_args(args[0]) and hasattr(args[0], "__metadata__") else args[0]
    if get_origin(base) is Literal:
        values = get_args(base)
        return int if values and all(isinstance(v, int) for v in values) else None
    return base if base in (bool, int, float) else None


#: Every field a policy expression may read (all but the bookkeeping and contact details).
ANSWER_FIELDS: frozenset[str] = frozenset(set(EnterpriseProfile.model_fields) - {"schema_version", *BASIC_FIELDS}) | {
    "district"
}


def has_control_characters(text: str) -> bool:
    """Invisible control characters (Unicode Cc: newline, tab, NUL, C1 codes): the one rule for every answer."""
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def field_title(name: str) -> str:
    """The Chinese name of a profile field (the field name itself if it has none)."""
    info = EnterpriseProfile.model_fields.get(name)
    return info.title if info is not None and info.title else name


def field_unit(name: str) -> str | None:
    """The unit of a profile field (元, 人, kW, 年), looked up through ``X | None`` and ``Annotated``."""
    info = EnterpriseProfile.model_fields.get(name)
    if info is None:
        return None
    extras = [info.json_schema_extra]
    for arg in get_args(info.annotation) or (info.annotation,):
        extras += [getattr(meta, "json_schema_extra", None) for meta in getattr(arg, "__metadata__", ())]
    for extra in extras:
        if isinstance(extra, dict) and "unit" in extra:
            return str(extra["unit"])
    return None


def validate_credit_code(value: str) -> str:
    """Check an 18-character 统一社会信用代码 with python-stdnum; return it compacted."""
    from stdnum.cn import uscc
    from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

    try:
        return str(uscc.validate(value))
    except InvalidChecksum:
        raise ValueError("统一社会信用代码校验位不正确，请核对最后一位") from None
    except InvalidLength:
        raise ValueError("统一社会信用代码应为18位") from None
    except (InvalidFormat, InvalidComponent):
        raise ValueError("统一社会信用代码格式不正确（只能含数字和大写字母，不含I、O、Z、S、V）") from None


def region_notice(profile: EnterpriseProfile) -> str | None:
    """A notice (not an error) when the code's region part names another district."""
    if not profile.credit_code or not profile.district:
        return None
    region = profile.credit_code[2:8]
    if region in ("310000", "310100") or region == profile.district.admin_code:
        return None
    other = {code: DISTRICT_LABELS[key] for key, code in DISTRICT_CODES.items()}.get(region)
    where = f"{other}（{region}）" if other else f"行政区划 {region}"
    return f"提示：信用代码的登记地为{where}，与所选的{profile.district.label}不同。如企业已迁入本区，可继续填写。"


class ProfileError(UserError):
    """A profile file that cannot be used. ``field`` is the dotted path, ``message`` is Chinese."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
