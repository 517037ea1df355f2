"""Labels (English, Russian) of the economics: conventions, streams, tax, IRR, break-even, NPV distribution; merged into :mod:`components.present.i18n`."""

from __future__ import annotations

from decimal import Decimal

from babel import Locale

LABELS: dict[str, tuple[str, str]] = {
    # conventions
    "conv_nominal": ("nominal", "номинальных ценах"),
    "conv_real": ("real, 2025 roubles", "реальных ценах 2025 г."),
    "conv_line_nominal": (
        "**Convention: nominal.** Rent, tariffs and costs are in 2025 prices indexed by CPI ({cpi}); discount rate "
        "**{n} nominal** = risk-free {rf} + risk premium {rp}. The same rate in real terms: {real}; valued at the end "
        "of 2025; the {investment} investment is taken as nominal as stated.",
        "**Расчёт в номинальных ценах.** Аренда, тарифы и расходы в ценах 2025 г. индексируются по ИПЦ ({cpi}); "
        "ставка дисконтирования **{n} номинальная** = безрисковая {rf} + премия за риск {rp}; в реальном выражении "
        "{real}; оценка на конец 2025 г.; инвестиции {investment} — номинальные, как заявлено.",
    ),
    "conv_line_real": (
        "**Convention: real (2025 roubles).** Every flow is the nominal flow / price index (CPI {cpi}); discount "
        "rate **{real} real** = (1 + {n} nominal) / (1 + inflation) − 1, the nominal rate being risk-free {rf} + risk "
        "premium {rp}; NPV equals the nominal convention's by construction; valued at the end of 2025.",
        "**Расчёт в реальных ценах (рубли 2025 г.).** Каждый поток = номинальный поток / индекс цен (ИПЦ {cpi}); "
        "ставка **{real} реальная** = (1 + {n} номинальная) / (1 + инфляция) − 1, где номинальная = безрисковая "
        "{rf} + премия за риск {rp}; ЧДД совпадает с расчётом в номинальных ценах; оценка на конец 2025 г.",
    ),
    "conv_cpi_item": ("{year} {pct}", "{year} г. {pct}"),
    "conv_cpi_after": ("then {pct} a year", "далее {pct} в год"),
    "conv_real_item": ("{pct} in {year}", "{pct} в {year} г."),
    "conv_real_after": ("{pct} from {year}", "{pct} с {year} г."),
    # KPI cards
    "k_irr": ("IRR ({conv})", "ВНД (в {conv})"),
    "h_irr": (
        "Rate at which the NPV of the table's flows is zero (scipy brentq), against the discount rate {r}.",
        "Ставка, при которой ЧДД потоков таблицы равен нулю (метод Брента); сравните со ставкой дисконтирования {r}.",
    ),
    "k_no_irr": ("no IRR", "ВНД нет"),
    "k_dpayback": ("Discounted payback", "Дисконтированный срок окупаемости"),
    "h_dpayback": (
        "Years of operation from the opening month until the discounted flows repay the investment; "
        "the residual value is left out. Below: the simple (undiscounted) payback.",
        "Лет работы от месяца открытия, пока дисконтированные потоки не вернут инвестиции; остаточная "
        "стоимость не учитывается. Ниже — простой (недисконтированный) срок окупаемости.",
    ),
    "k_simple_payback": ("simple: {v}", "простой: {v}"),
    "k_not_within": ("> {n}", "> {n}"),
    "k_peak": ("Peak funding need", "Пиковая потребность в финансировании"),
    "h_peak": (
        "Deepest point of the cumulative nominal cash flow: the money the project needs before it pays its "
        "own way (nominal roubles in either convention, no debt).",
        "Минимум накопленного номинального денежного потока: сколько денег нужно проекту, пока он не "
        "начнёт окупать себя сам (номинальные рубли при любом способе расчёта, без долга).",
    ),
    "k_p_positive": ("Chance NPV > 0", "Вероятность ЧДД > 0"),
    "h_p_positive": (
        "Share of 10,000 paths with NPV above zero: the band's delay and attainment draws plus the "
        "handling tariff, services, fixed and variable cost drawn triangular over their slider ranges "
        "(mode at your value). Below: the median; the chart shows P10 and P90.",
        "Доля из 10 000 траекторий с ЧДД выше нуля: задержка и доля достижения из диапазона прогноза "
        "плюс тариф обработки, услуги, постоянные и переменные расходы по треугольному распределению "
        "в пределах ползунков (мода — ваше значение). Ниже — медиана; P10 и P90 на графике.",
    ),
    "k_p_median": ("P50: {v}", "P50: {v}"),
    # break-even
    "be_title": (
        "Break-even: the value that makes NPV zero, the rest as set",
        "Точки безубыточности: значения, при которых ЧДД = 0 (прочие допущения — как заданы)",
    ),
    "k_be_handling_rub_per_feu": ("Break-even handling tariff", "Безубыточный тариф терминальной обработки"),
    "k_be_rent_rub_per_m2_year": ("Break-even rent", "Безубыточная ставка аренды"),
    "k_be_attainment": ("Break-even exports", "Безубыточный объём экспорта"),
    "be_tonnes": ("{t}/yr", "{t}/год"),
    "be_above": ("not reachable in the slider's range", "недостижимо в пределах ползунка"),
    "be_below": ("NPV > 0 across the slider's range", "ЧДД > 0 во всём диапазоне"),
    "be_now": ("now {v}", "сейчас {v}"),
    "h_be": (
        "Root of NPV(x) = 0 (scipy brentq) within the slider's range {lo} – {hi}; every other input as set.",
        "Корень уравнения ЧДД(x) = 0 (метод Брента) в пределах ползунка {lo} – {hi}; прочие допущения как заданы.",
    ),
    # build today
    "build_title": (
        "The stated investment against a build-today benchmark",
        "Заявленные инвестиции против стоимости строительства сегодня",
    ),
    "k_build_today": ("Build today at benchmark cost", "Стоимость строительства сегодня (эталон)"),
    "h_build_today": (
        "Stated {area} m² × ((1 − reefer share) × dry class-A cost + reefer share × cold-store cost), "
        "from the two capex sliders; excl. VAT, land, rail sidings and yards.",
        "Заявленные {area} м² × ((1 − доля рефгрузов) × стоимость сухого склада класса А + доля "
        "рефгрузов × стоимость холодного склада) по двум ползункам стоимости строительства; без НДС, земли, "
        "ж/д путей и площадок.",
    ),
    "k_build_per_m2": ("{v} RUB/m² blended", "{v} ₽/м² в среднем"),
    "k_stated_vs_build": ("Stated {investment_bare} against it", "Заявленные {investment_bare} к эталону"),
    "h_stated_vs_build": (
        "{investment} / build-today cost. The gap would be rail sidings, yards, customs and "
        "equipment, which the benchmark leaves out, or a higher cost.",
        "{investment} / стоимость строительства сегодня. Разница — ж/д пути, площадки, таможня и "
        "оборудование, которых нет в эталоне, или более высокая стоимость.",
    ),
    "k_times": ("{x}×", "×{x}"),
    # charts
    "cf_rent": ("Warehouse rent", "Аренда складов"),
    "cf_handling": ("Handling, loaded boxes (both ways)", "Обработка гружёных контейнеров (в обе стороны)"),
    "cf_empties": ("Handling, empties", "Обработка порожних контейнеров"),
    "cf_services": ("Storage and services (estimate)", "Хранение и услуги (оценка)"),
    "cf_residual": ("Residual value", "Остаточная стоимость"),
    "cf_opex": ("Operating cost", "Операционные расходы"),
    "cf_maintenance": ("Maintenance capex", "Поддерживающие капвложения"),
    "cf_tax": ("Profit tax", "Налог на прибыль"),
    "cf_investment": ("Investment ({investment})", "Инвестиции ({investment})"),
    "footnote_cash": (
        "Outside-in estimate from public figures, not the operator's plan. Yearly flows by stream; "
        "line: cumulative net cash, residual value in the last year.",
        "Оценка по открытым данным, а не план оператора. Годовые потоки по статьям; линия — накопленный "
        "чистый поток, остаточная стоимость в последнем году.",
    ),
    "payback_mark": ("Payback {n:years}", "Окупаемость: {n:years}"),
    "chart_npv_dist": (
        "NPV over 10,000 paths: delay, volume, tariffs and costs",
        "ЧДД по 10 000 траекторий: задержка, объём, тарифы и расходы",
    ),
    "npv_paths": ("Paths", "Траектории"),
    "paths_axis": ("Paths (of 10,000)", "Траекторий (из 10 000)"),
    "footnote_npv_dist": (
        "Delay and attainment: the projection band's draws; tariff, services and costs: triangular over the slider ranges.",
        "Задержка и доля достижения — из диапазона прогноза; тариф, услуги и расходы — треугольное распределение в пределах ползунков.",
    ),
    "p10_mark": ("P10", "P10"),
    "p50_mark": ("P50 (median)", "P50 (медиана)"),
    "p90_mark": ("P90", "P90"),
    "zero_mark": ("NPV = 0", "ЧДД = 0"),
    "alt_npv_dist": (
        "Histogram of NPV over 10,000 paths: median {p50}, P10 {p10}, P90 {p90}; NPV above zero in {p} of paths.",
        "Гистограмма ЧДД по 10 000 траекторий: медиана {p50}, P10 {p10}, P90 {p90}; ЧДД выше нуля в {p} траекторий.",
    ),
    # limitations
    "econ_limits_title": ("What this estimate leaves out", "Чего нет в этой оценке"),
    "econ_limits": (
        "- An **outside-in estimate** from public figures, not the operator's business plan: the tariff, services "
        "and costs are estimates (flagged on their sliders).\n"
        "- **Unlevered:** no debt, interest or tax shield; the peak funding need is what debt or equity would cover.\n"
        "- **Tax:** losses carried forward without a time limit and capped at 50 % of each year's taxable profit in "
        "every year; maintenance capex deducted as repairs in the year spent; the residual value is not taxed; no "
        "property-tax or VAT modelling beyond the fixed cost per m².\n"
        "- **Volumes:** only the modelled China export flow and its two-way boxes; other cargo through the hub is "
        "not counted. Prices change once a year with CPI; the real view deflates by the same index.\n"
        "- **Timing:** yearly flows at year end; the {investment} is spread over the works months as stated money; "
        "a delay stretches the spending, so with a negative NPV a delay can raise it (less money spent earlier).",
        "- **Оценка по открытым данным**, а не бизнес-план оператора: тариф, услуги и расходы — оценки "
        "(отмечены у ползунков).\n"
        "- **Без долга:** нет процентов и налогового щита; пиковая потребность в финансировании — то, что "
        "покрыли бы долг или капитал.\n"
        "- **Налог:** перенос убытков на будущее без ограничения срока, зачёт — не более 50 % налоговой базы года; "
        "поддерживающие капвложения списываются как ремонт в год расходов; остаточная стоимость не облагается; "
        "налог на имущество и НДС отдельно не моделируются (входят в постоянные расходы на м²).\n"
        "- **Объёмы:** только смоделированный экспорт в Китай и его контейнеры в обе стороны; прочие грузы хаба "
        "не учтены. Цены меняются раз в год по ИПЦ; в реальных ценах потоки делятся на тот же индекс.\n"
        "- **Сроки:** годовые потоки на конец года; {investment} распределены по месяцам работ как заявленные деньги; "
        "задержка растягивает расходы, поэтому при отрицательном ЧДД задержка может его повысить.",
    ),
}

_YEARS = {
    "en": {"one": "{n} year", "other": "{n} years"},
    "ru": {"one": "{n} год", "few": "{n} года", "many": "{n} лет", "other": "{n} года"},
}


def years(L, n: float, digits: int = 1) -> str:
    """``11.0 years`` / ``11,0 года``, ``5 лет``: the number as shown, with the CLDR plural of 'year' for it."""
    operand = Decimal(f"{float(n):.{digits}f}")  # the visible fraction digits decide the form (v > 0: 'other')
    forms = _YEARS[L.lang]
    return forms.get(Locale.parse(L.lang).plural_form(operand), forms["other"]).format(n=L.num(n, digits))
