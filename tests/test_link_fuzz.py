"""Property tests of URL → scenario parsing: whatever a link holds, parsing never raises and never leaves a range.

``components.data.scenario.parse_params`` and ``components.app.state.bad_link_params`` read the query string of any
link a user pastes. The strategies below build query dicts (``{key: [value, ...]}``, as ``st.query_params``
gives them) from real parameter names and random text, with values that are in range, out of range, not finite,
not numbers, huge, repeated or unicode. Values built to be valid or invalid carry their expected verdict, so the
properties are checked against the data table, not against a copy of the parser.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from components.app import state
from components.data.facts import tables
from components.data.scenario import CHOICES as CHOICE_FIELDS
from components.data.scenario import Scenario, parse_params, whole_number

A = tables().assumptions
NUMERIC = Scenario.numeric_fields()
# what the choice widgets write in a URL: language (its code, or its name in old links), currency, the scenario's
# choice fields (shape, profile, convention: their option's label in either language) and the comparison
CHOICES = state._choice_values()
assert set(CHOICE_FIELDS) <= set(CHOICES)  # every scenario choice field is a widget the oracle knows
ALL_KEYS = [*NUMERIC, *CHOICES]
SPECIAL = [
    "nan",
    "NaN",
    "-nan",
    "inf",
    "-inf",
    "Infinity",
    "1e999",
    "-1e999",
    "1e-999e",
    "",
    " ",
    "0x10",
    "1,5",
    "six",
    "None",
    "true",
    "[]",
    "١٢٣٤٥٦٧٨٩٠" * 5,
    "9" * 100_000,
    "x" * 10_000,
    "\x00",
    "🚂",
    "5 5",
    "--5",
    " " * 45 + "5x",
    "0" * 40 + "99",
    "1" + "0" * 39 + "e-39x",
]
#: Whitespace a link may carry around a number (URL-decoded): Python's float() and the slider both ignore it.
PADS = st.text(st.sampled_from(" \t\n"), max_size=60)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def in_range(key: str, x: float) -> bool:
    return math.isfinite(x) and A.at[key, "min"] <= x <= A.at[key, "max"]


# --- values with a known verdict -------------------------------------------------------------------------------


def valid_value(key: str) -> st.SearchStrategy[tuple[str, float]]:
    """(text, number) in [min, max] of ``key``, written the ways a link may write it, short or long: signs,
    exponents, trailing zeros, up to 60 leading zeros and up to 60 characters of whitespace either side."""
    lo, hi = float(A.at[key, "min"]), float(A.at[key, "max"])
    x = st.floats(lo, hi, allow_nan=False, allow_infinity=False)
    plain = x.map(lambda v: (repr(v), v))
    padding = st.sampled_from(["+", " ", "", "\t"]), st.sampled_from(["", " ", ".0", ".000"])
    bounds = st.sampled_from(
        [(repr(lo), lo), (repr(hi), hi), (f"{lo:e}", float(f"{lo:e}")), (f"{hi:g}", float(f"{hi:g}"))]
    )
    forms = [plain, bounds, st.tuples(plain, padding[0]).map(lambda t: (t[1] + t[0][0] + " ", t[0][1]))]
    if math.ceil(lo) <= math.floor(hi):  # whole numbers, with sign, spaces, leading and trailing zeros
        whole = st.integers(math.ceil(lo), math.floor(hi)).map(lambda i: (str(i), float(i)))
        zeros = st.tuples(whole, st.integers(0, 60)).map(lambda t: ("0" * t[1] + t[0][0], t[0][1]))
        forms += [whole, zeros, st.tuples(whole, *padding).map(lambda t: (t[1] + t[0][0] + t[2], t[0][1]))]
    padded = st.tuples(PADS, st.one_of(*forms), PADS).map(lambda t: (t[0] + t[1][0] + t[2], t[1][1]))
    return st.one_of(*forms, padded).filter(
        lambda t: (
            _parses(t[0])
            and float(t[0]) == t[1]
            and in_range(key, t[1])
            and (not whole_number(key) or t[1].is_integer())
        )
    )


def invalid_value(key: str) -> st.SearchStrategy[str]:
    """Text that is not a finite number in [min, max] of ``key``."""
    lo, hi = float(A.at[key, "min"]), float(A.at[key, "max"])
    below = st.floats(max_value=lo, exclude_max=True, allow_nan=False).map(repr)
    above = st.floats(min_value=hi, exclude_min=True, allow_nan=False).map(repr)
    words = st.text(st.characters(categories=["L", "P", "S", "Z"]), min_size=1, max_size=30).filter(
        lambda t: not _parses(t)
    )
    forms = [below, above, st.sampled_from(SPECIAL), words]
    forms.append(st.tuples(PADS, st.one_of(*forms), PADS).map("".join))  # long and padded, still invalid
    if whole_number(key):  # a fraction on a whole-number slider
        forms.append(st.floats(lo, hi, allow_nan=False).filter(lambda v: not v.is_integer()).map(repr))
    return st.one_of(*forms).filter(
        lambda t: not (_parses(t) and in_range(key, float(t)) and (not whole_number(key) or float(t).is_integer()))
    )


def _parses(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


@st.composite
def tagged_params(draw):
    """(params, expected): expected[key] is the number kept, or None if the key must fall back and be named."""
    params: dict[str, list[str]] = {}
    expected: dict[str, float | str | None] = {}
    for key in draw(st.lists(st.sampled_from(NUMERIC), unique=True, max_size=8)):
        kind = draw(st.sampled_from(["valid", "invalid", "repeated", "repeated_same", "empty_list"]))
        if kind == "valid":
            text, x = draw(valid_value(key))
            params[key], expected[key] = [text], x
        elif kind == "invalid":
            params[key], expected[key] = [draw(invalid_value(key))], None
        elif kind == "repeated":
            params[key] = [draw(valid_value(key))[0] for _ in range(draw(st.integers(2, 4)))]
            expected[key] = None
        elif kind == "repeated_same":  # ?k=5&k=5 is still two values for one slider
            params[key], expected[key] = [draw(valid_value(key))[0]] * 2, None
        else:
            params[key], expected[key] = [], None
    for field, options in CHOICE_FIELDS.items():  # parse_params reads a choice field by its option's code
        if draw(st.booleans()):
            code = draw(st.one_of(st.sampled_from(options), st.text(max_size=20)))
            params[field], expected[field] = [code], (code if code in options else None)
    for key in draw(st.lists(st.text(max_size=60), max_size=3)):
        if key not in Scenario.__dataclass_fields__ and key not in CHOICES and key not in params:
            params[key], expected[key] = draw(st.lists(st.text(max_size=20), max_size=2)), None
    return params, expected


# --- arbitrary query dicts --------------------------------------------------------------------------------------

any_value = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=50),
    st.text(max_size=200),
    st.tuples(PADS, st.integers(-50, 50).map(str), PADS).map("".join),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from([v for vs in CHOICES.values() for v in vs]),
)
any_key = st.one_of(st.sampled_from(ALL_KEYS), st.text(max_size=80), st.text(min_size=41, max_size=120))
any_params = st.dictionaries(any_key, st.lists(any_value, max_size=4), max_size=12)


# --- parse_params -----------------------------------------------------------------------------------------------


def assert_in_ranges(s: Scenario) -> None:
    for field, options in CHOICE_FIELDS.items():
        assert getattr(s, field) in options
    for key in NUMERIC:
        v = getattr(s, key)
        assert isinstance(v, float) and in_range(key, v), (
            f"{key}={v!r} outside [{A.at[key, 'min']}, {A.at[key, 'max']}]"
        )


@SETTINGS
@given(any_params)
@example({"delay_months": ["nan"], "attainment": ["inf"], "feu_payload_t": ["1e999"], "usd_kzt": ["-1e999"]})
@example({"delay_months": ["9" * 100_000], "x" * 1000: ["y" * 100_000]})
@example({"": [""], "shape": [], "delay_months": ["6", "6"]})
@example({"delay_months": [" " * 45 + "5"], "profile": ["even"], "convention": ["real "]})
def test_parse_params_never_raises_and_stays_in_range(params):
    s, notices = parse_params(params)
    assert isinstance(s, Scenario)
    assert_in_ranges(s)
    assert all(isinstance(k, str) and isinstance(r, str) for k, r in notices)
    assert {k for k, _ in notices} <= set(params)


@SETTINGS
@given(tagged_params())
def test_valid_params_are_kept_exactly_and_invalid_ones_fall_back_and_are_named(tagged):
    params, expected = tagged
    s, notices = parse_params(params)
    default = Scenario.default()
    named = Counter(k for k, _ in notices)
    assert all(n == 1 for n in named.values()), f"a key named more than once: {notices}"
    for key, want in expected.items():
        if want is None:
            assert key in named, f"{key}={params[key]!r} should be named in the notices {notices}"
            if key in Scenario.__dataclass_fields__:
                assert getattr(s, key) == getattr(default, key), f"{key} did not fall back to its default"
        else:
            assert key not in named, f"{key}={params[key]!r} is valid but named in {notices}"
            assert getattr(s, key) == want, f"{key}={params[key]!r} read as {getattr(s, key)!r}, not {want!r}"
    for key in set(NUMERIC) - set(params):
        assert getattr(s, key) == getattr(default, key)
    assert_in_ranges(s)


@pytest.mark.parametrize("key", NUMERIC)
def test_each_bound_and_just_outside(key):
    lo, hi = float(A.at[key, "min"]), float(A.at[key, "max"])
    for x in (lo, hi):
        s, notices = parse_params({key: [repr(x)]})
        assert getattr(s, key) == x and not notices
    for x in (math.nextafter(lo, -math.inf), math.nextafter(hi, math.inf), lo - 1, hi + 1):
        s, notices = parse_params({key: [repr(x)]})
        assert getattr(s, key) == float(A.at[key, "default"]) and notices == [(key, "invalid")]


# --- bad_link_params --------------------------------------------------------------------------------------------


def expected_bad(params: dict[str, list[str]]) -> Counter:
    """Keys (cut to 40 characters) that a correct checker must name, from the table and the widget options.

    A value is read whole, as ``float`` and the slider read it (surrounding whitespace ignored, nothing cut)."""
    bad = []
    for key, values in params.items():
        if key in CHOICES:
            ok = len(values) == 1 and values[0] in CHOICES[key]
        elif key in NUMERIC:
            ok = (
                len(values) == 1
                and _parses(values[0])
                and in_range(key, x := float(values[0]))
                and (not whole_number(key) or x.is_integer())
            )  # a whole-number slider takes no fraction
        else:
            ok = False
        if not ok:
            bad.append(key[:40])
    return Counter(bad)


@SETTINGS
@given(any_params)
@example({"lang": ["English"], "currency": ["EUR"], "shape": ["s_curve"], "compare": ["Optimistic", "Optimistic"]})
@example({"k" * 41: ["1"], "k" * 42: ["2"], "delay_months": ["6"]})
@example({"delay_months": ["0.5"]})  # found by hypothesis: the oracle did not know whole-number sliders
@example({"delay_months": [" " * 45 + "5"]})  # valid, read whole; an oracle cutting to 40 characters called it bad
@example({"shape": ["Linear"], "profile": ["Равномерно"], "convention": ["real"], "lang": ["ru"]})
def test_bad_link_params_names_exactly_the_bad_keys(params):
    bad = state.bad_link_params(params)
    assert all(isinstance(k, str) and len(k) <= 40 for k in bad)
    assert Counter(bad) == expected_bad(params)


@SETTINGS
@given(tagged_params())
def test_bad_link_params_agrees_with_tagged_verdicts(tagged):
    params, expected = tagged
    params = {k: v for k, v in params.items() if k not in CHOICE_FIELDS}  # in a URL a choice is its label: above
    bad = Counter(state.bad_link_params(params))
    for key, values in params.items():
        assert (key[:40] in bad) == (expected[key] is None), f"{key}={values!r}: named={key[:40] in bad}"


def test_every_widget_option_label_is_accepted():
    for key, labels in CHOICES.items():
        for label in labels:
            assert state.bad_link_params({key: [label]}) == [], (key, label)


def test_long_values_are_judged_as_the_slider_reads_them():
    # '0'*40+'99' is 99 months (out of range); '1'+'0'*39+'e-39' is 1 (valid), as the slider reads them

    assert state.bad_link_params({"delay_months": ["0" * 40 + "99"]}) == ["delay_months"]
    assert state.bad_link_params({"delay_months": ["1" + "0" * 39 + "e-39"]}) == []
