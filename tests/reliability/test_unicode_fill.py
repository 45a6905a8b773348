"""Random Unicode in every text field: letters still open, file names suit Windows, control characters are refused."""

from __future__ import annotations

import functools
import itertools
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from desktop_app.documents.fill import generate_documents
from desktop_app.domain.catalog import Catalog, load_catalog
from desktop_app.domain.matching import match
from desktop_app.domain.profile import EnterpriseProfile, ProfileError
from desktop_app.domain.profile_io import load_profile, profile_from_data
from desktop_app.paths import examples_dir
from tests.conftest import AS_OF

TEXT_FIELDS = ("name", "address", "legal_representative", "contact_person", "contact_phone")
WINDOWS_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}

# Everything but control characters (refused, tested below) and lone surrogates (not valid text):
# emoji, RTL marks and overrides, zero-width joiners, CJK, combining marks, private use.
visible_text = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=60)
phone_text = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40)  # the model's bound
_counter = itertools.count()


@functools.cache
def _setup() -> tuple[EnterpriseProfile, Catalog]:
    """The 金山 example (one 免申即享 letter, row 11, exercises every text field) and the shipped catalog.

    Not fixtures: hypothesis prints a failing example's arguments, and a catalog would drown the report.
    """
    return load_profile(examples_dir() / "jinshan.json"), load_catalog()


def _document_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.fixed_dictionaries({f: visible_text for f in TEXT_FIELDS} | {"contact_phone": phone_text}))
@example(values={f: 'A&B <测试> "公司"/分部 \u202e\u200d👨‍👩‍👧 CON' for f in TEXT_FIELDS})
@example(values={**dict.fromkeys(TEXT_FIELDS, "甲"), "name": "长" * 10_000, "address": "址" * 10_000})
@example(values={**dict.fromkeys(TEXT_FIELDS, ""), "name": "CON"})
def test_fill_survives_any_text(tmp_path_factory: pytest.TempPathFactory, values: dict[str, str]) -> None:
    """Whatever is typed, fill writes .docx files that python-docx reopens, with the text intact and safe names."""
    base, catalog = _setup()
    data = base.model_dump(mode="json", exclude_none=True) | values
    profile = profile_from_data(data)
    if not profile.name:
        return  # an empty name is refused with its own message (tests/documents)
    out = tmp_path_factory.mktemp(f"fill{next(_counter)}")
    docs = generate_documents(
        profile=profile, report=match(profile, catalog, as_of=AS_OF), out_dir=out, measure_ids=["jinshan-2023-11"]
    )
    assert len(docs) == 3 and {d.measure_id for d in docs} == {"jinshan-2023-11", None}  # letter, 办理清单, report
    for doc in docs:
        name = doc.path.name
        assert doc.path.parent == out and doc.path.suffix == ".docx"
        assert not WINDOWS_FORBIDDEN.search(name) and name.split(".")[0].upper() not in RESERVED
        assert len(str(doc.path.relative_to(out))) <= 200, "leaves room under Windows' 260-character path limit"
        with zipfile.ZipFile(doc.path) as archive:  # every part is well-formed XML
            etree.fromstring(archive.read("word/document.xml"))
        text = _document_text(doc.path)
        assert profile.name in text


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x1b[31m", "\x7f", "第一行\n第二行", "\t"])
def test_control_characters_are_refused_with_the_field_named(field: str, bad: str) -> None:
    """Control characters are refused with a Chinese message that names the field, never silently kept."""
    with pytest.raises(ProfileError) as info:
        profile_from_data({"schema_version": 1, "name": "测试公司", field: f"前{bad}后"})
    assert field in info.value.message and "控制字符" in info.value.message
