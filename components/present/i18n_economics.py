"""Labels (English, Russian) of the economics: conventions, streams, tax, IRR, break-even, NPV distribution; merged into :mod:`components.present.i18n`."""

from __future__ import annotations

from decimal import Decimal

from babel import Locale

LABELS: dict[str, tuple[str, str]] = {
    # conventions
    "conv_nominal": ("nominal", "номинальных ценах"),
    "conv_real": ("real, 2025 roubles", "реальных ценах 2025 г."),
    "conv_line_nominal": (
        "**Convention: nominal.** Rent, tariffs and costs are in 2025 prices indexed by CPI ({cpi}). Discounting "
        "follows the key-rate path {path}, then {rf} (10-year OFZ) a year; cost of equity = that + premium {rp}; "
        "loan = key rate + {spread}; with {debt} debt the WACC is **{wacc}** on average ({wacc_path}). Valued at the "
        "end of 2025; the {investment} investment is taken as nominal as stated.",
        "**Расчёт в номинальных ценах.** Аренда, тарифы и расходы в ценах 2025 г. индексируются по ИПЦ ({cpi}). "
        "Дисконтирование по пути ключевой ставки {path}, далее {rf} в год (10-летние ОФЗ); стоимость собственного "
        "капитала = она же + премия {rp}; кредит = ключевая ставка + {spread}; при доле долга {debt} WACC в среднем "
        "**{wacc}** ({wacc_path}). Оценка на конец 2025 г.; инвестиции {investment} — номинальные, как заявлено.",
    ),
    "conv_line_real": (
        "**Convention: real (2025 roubles).** Every flow is the nominal flow / price index (CPI {cpi}); each year's "
        "real rate = (1 + nominal WACC) / (1 + inflation) − 1: {real}. The nominal WACC follows the key-rate path "
        "{path}, then {rf} (10-year OFZ), premium {rp}, loan margin {spread}, {debt} debt: **{wacc}** on average "
        "({wacc_path}). NPV equals the nominal convention's by construction; valued at the end of 2025.",
        "**Расчёт в реальных ценах (рубли 2025 г.).** Каждый поток = номинальный поток / индекс цен (ИПЦ {cpi}); "
        "реальная ставка года = (1 + номинальный WACC) / (1 + инфляция) − 1: {real}. Номинальный WACC — по пути "
        "ключевой ставки {path}, далее {rf} (10-летние ОФЗ), премия {rp}, маржа кредита {spread}, доля долга {debt}: "
        "в среднем **{wacc}** ({wacc_path}). ЧДД совпадает с расчётом в номинальных ценах; оценка на конец 2025 г.",
    ),
    "conv_cpi_item": ("{year} {pct}", "{year} г. {pct}"),
    "conv_cpi_after": ("then {pct} a year", "далее {pct} в год"),
    "conv_real_item": ("{pct} in {year}", "{pct} в {year} г."),
    "conv_real_after": ("{pct} from {year}", "{pct} с {year} г."),
    # KPI cards
    "k_irr": ("IRR ({conv})", "ВНД (в {conv})"),
    "h_irr": (
        "Rate at which the NPV of the table's flows is zero (Brent's method), against the discount rate {r}.",
        "Ставка, при которой ЧДД потоков таблицы равен нулю (метод Брента); сравните со ставкой дисконтирования {r}.",
    ),
    "k_no_irr": ("not defined", "не определена"),
    "k_equity_irr": ("Equity IRR", "ВНД собственного капитала"),
    "h_equity_irr": (
        "Rate at which the cash to equity (project flow + loan drawn − interest − principal ± the tax effect of "
        "debt) has zero NPV. Not defined when that flow never changes sign or no rate zeroes it. Below: the "
        "equity NPV at the cost of equity.",
        "Ставка, при которой ЧДД денежного потока собственника (поток проекта + выборка кредита − проценты − "
        "погашение ± налоговый эффект долга) равен нулю. Не определена, если поток не меняет знак или такой "
        "ставки нет. Ниже — ЧДД собственного капитала по стоимости собственного капитала.",
    ),
    "k_equity_npv": ("equity NPV {v}", "ЧДД собственника {v}"),
    "k_min_dscr": ("Minimum DSCR", "Минимальный DSCR"),
    "h_min_dscr": (
        "Debt service coverage = (EBITDA − maintenance − profit tax) / (interest + principal), lowest year; "
        "the chart shows every year against the covenant.",
        "Коэффициент покрытия долга = (EBITDA − поддерживающие капвложения − налог на прибыль) / (проценты + "
        "погашение), худший год; на графике — каждый год в сравнении с ковенантом.",
    ),
    "k_dscr_breach": ("below the covenant {cov} in {n}", "ниже ковенанта {cov}: {n}"),
    "k_dscr_ok": ("covenant {cov} met", "ковенант {cov} соблюдён"),
    "k_no_debt": ("no debt", "без долга"),
    "k_wacc": ("WACC (implied)", "WACC (расчётный)"),
    "h_wacc": (
        "Year-by-year (1 − D) × (r_f + premium) + D × (key rate + margin) × (1 − tax), geometric mean over the "
        "operating years; D = debt share. Below: the cost of equity in the same years.",
        "По годам (1 − D) × (r_f + премия) + D × (ключевая ставка + маржа) × (1 − налог), среднее геометрическое "
        "за годы работы; D — доля долга. Ниже — стоимость собственного капитала за те же годы.",
    ),
    "k_cost_equity": ("cost of equity {v}", "стоимость собственного капитала {v}"),
    "k_exit_share": ("Exit value, share of the value", "Доля остаточной стоимости"),
    "h_exit_share": (
        "Present value of the Gordon exit value / (present value of the positive operating flows + it).",
        "Приведённая остаточная стоимость по Гордону / (приведённые положительные операционные потоки + она).",
    ),
    "k_exit_pv": ("PV {v}", "приведённая {v}"),
    "exit_warning": (
        "More than half of the value ({share}) is the exit value after the horizon: the NPV rests on the growth "
        "assumption more than on the years modelled.",
        "Больше половины стоимости ({share}) — остаточная стоимость за горизонтом: ЧДД держится на допущении о "
        "росте больше, чем на смоделированных годах.",
    ),
    "k_property_tax": ("Property tax, {year}", "Налог на имущество, {year} г."),
    "h_property_tax": (
        "Rate × average net book value (investment + capitalised interest − depreciation), in the table's "
        "convention; it falls as the book value is written down. Below: the book value at the year's end.",
        "Ставка × среднегодовая балансовая (остаточная) стоимость (инвестиции + капитализированные проценты − "
        "амортизация), в ценах таблицы; снижается вместе с ней. Ниже — балансовая стоимость на конец года.",
    ),
    "k_book_value": ("book value {v}", "балансовая стоимость {v}"),
    "k_payroll": ("Payroll, {year}", "Фонд оплаты труда, {year} г."),
    "h_payroll": (
        "Headcount × loaded wage (social contributions included) × 12, indexed by CPI, in the table's convention.",
        "Численность × стоимость рабочего места (со страховыми взносами) × 12, с индексацией по ИПЦ, в ценах таблицы.",
    ),
    "k_staff_wage": ("{n} staff × {w} a month", "{n} чел. × {w} в месяц"),
    "k_counterfactual": (
        "Counterfactual (without the project), {year}",
        "Без проекта (контрфактический сценарий), {year} г.",
    ),
    "h_counterfactual": (
        "What Selyatino carries and earns without the new capacity: the counterfactual share of the stated "
        "baseline exports at the same tariffs. The appraisal counts only what the project adds above it; set the "
        "share in the Economics group of the sidebar.",
        "Что «Селятино» перевозит и зарабатывает без новых мощностей: контрфактическая доля заявленного исходного "
        "экспорта по тем же тарифам. Оценка учитывает только то, что проект добавляет сверх этого; долю можно "
        "задать в группе «Экономика» боковой панели.",
    ),
    "k_cf_value": ("{t}/year, {feu} FEU", "{t}/год, {feu} ФЭ"),
    "k_cf_revenue": ("earns {v}", "выручка {v}"),
    "net_caption": (
        "Network: {crossed} of the eastbound boxes demanded in {first}–{last} cross when sent; the rest are deferred "
        "(they wait at Selyatino and earn when they cross); after {last} a standing excess is lost. Waiting at "
        "Selyatino borne by the hub: {hub}; waiting borne by shippers (border and the rest): {ship} over the horizon.",
        "Сеть: {crossed} контейнеров на восток, предъявленных к отправке в {first}–{last} гг., проходят сразу; остальные "
        "откладываются (ждут в «Селятино» и приносят выручку при отправке); после {last} г. постоянный избыток "
        "теряется. Ожидание в «Селятино» за счёт хаба: {hub}; за счёт грузоотправителей (граница и остальное): "
        "{ship} за горизонт оценки.",
    ),
    "terminal_caption": (
        "Hub terminal: at most {cap} FEU a day, loaded and empty, both directions; after the counterfactual's boxes "
        "there is no room for {lost} FEU eastbound over the horizon, lost to the project.",
        "Терминал хаба: не более {cap} ФЭ в сутки, гружёных и порожних, в обоих направлениях; после контейнеров "
        "контрфактического сценария не хватает места для {lost} ФЭ на восток за горизонт оценки, они теряются для "
        "проекта.",
    ),
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
        "own way (nominal roubles in either convention, before any loan).",
        "Минимум накопленного номинального денежного потока: сколько денег нужно проекту, пока он не "
        "начнёт окупать себя сам (номинальные рубли при любом способе расчёта, до кредита).",
    ),
    "k_p_positive": ("Chance NPV > 0", "Вероятность ЧДД > 0"),
    "h_p_positive": (
        "Share of 10,000 simulations with NPV above zero: the band's draws of delay and share reached plus the "
        "handling and storage tariffs both ways, services, staff, wage, fixed and variable cost drawn triangular "
        "over their slider ranges (mode at your value); the network's crossing share and waiting held at this "
        "scenario's. Below: the median; the chart shows P10 and P90.",
        "Доля из 10 000 симуляций с ЧДД выше нуля: задержка и доля достижения из диапазона прогноза "
        "плюс тарифы обработки и хранения в обе стороны, услуги, численность, зарплата, постоянные и переменные "
        "расходы по треугольному распределению в пределах ползунков (мода — ваше значение); доля проходящих "
        "границу контейнеров и ожидание — как в этом сценарии. Ниже — медиана; P10 и P90 на графике.",
    ),
    "k_p_median": ("P50: {v}", "P50: {v}"),
    # break-even
    "be_title": (
        "Break-even: the value that makes NPV zero, the rest as set",
        "Точки безубыточности: значения, при которых ЧДД = 0 (прочие допущения — как заданы)",
    ),
    "k_be_handling_rub_per_feu": ("Break-even handling tariff", "Безубыточный тариф терминальной обработки"),
    "k_be_rent_rub_per_m2_year": ("Break-even rent", "Безубыточная ставка аренды"),
    "k_be_attainment": ("Break-even export volume", "Безубыточный объём экспорта"),
    "be_tonnes": ("{t}/year", "{t}/год"),
    "be_above": ("above the tested range", "выше проверенного диапазона"),
    "be_below": ("NPV > 0 across the tested range", "ЧДД > 0 во всём проверенном диапазоне"),
    "be_now": ("now {v}", "сейчас {v}"),
    "h_be": (
        "Root of NPV(x) = 0 (Brent's method) within the slider's range {lo}–{hi}; every other input as set.",
        "Корень уравнения ЧДД(x) = 0 (метод Брента) в пределах ползунка {lo}–{hi}; прочие допущения — как заданы.",
    ),
    # build today
    "build_title": (
        "The stated investment against a build-today benchmark",
        "Заявленные инвестиции в сравнении со стоимостью строительства сегодня",
    ),
    "k_build_today": ("Build today at benchmark cost", "Стоимость строительства сегодня (ориентир)"),
    "h_build_today": (
        "Stated {area} m² × ((1 − reefer share) × dry class-A cost + reefer share × cold-store cost), "
        "from the two capex sliders; excl. VAT, land, rail sidings and yards.",
        "Заявленные {area} м² × ((1 − доля рефгрузов) × стоимость сухого склада класса А + доля "
        "рефгрузов × стоимость холодного склада) по двум ползункам стоимости строительства; без НДС, земли, "
        "ж/д путей и площадок.",
    ),
    "k_build_per_m2": ("{v} RUB/m² blended", "{v} ₽/м² в среднем"),
    "k_stated_vs_build": (
        "Stated {investment_bare} against it",
        "Заявленные {investment_bare} в сравнении с ориентиром",
    ),
    "h_stated_vs_build": (
        "{investment} / build-today cost. The gap would be rail sidings, yards, customs and "
        "equipment, which the benchmark leaves out, or a higher cost.",
        "{investment} / стоимость строительства сегодня. Разница — ж/д пути, площадки, таможня и "
        "оборудование, которых нет в ориентире, или более высокая стоимость.",
    ),
    "k_times": ("{x}×", "в {x} раза больше"),
    # charts
    "cf_rent": ("Warehouse rent", "Аренда складов"),
    "cf_handling": ("Handling, loaded boxes (both ways)", "Обработка гружёных контейнеров (в обе стороны)"),
    "cf_empties": ("Handling, empties", "Обработка порожних контейнеров"),
    "cf_services": ("Storage and services", "Хранение и услуги"),
    "cf_payroll": ("Payroll", "Фонд оплаты труда"),
    "cf_property_tax": ("Property tax", "Налог на имущество"),
    "cf_opex": ("Insurance and other operating cost", "Страхование и прочие операционные расходы"),
    "cf_waiting": ("Waiting borne by the hub", "Ожидание за счёт хаба"),
    "cf_exit": ("Exit value (Gordon)", "Остаточная стоимость (Гордон)"),
    "cf_maintenance": ("Maintenance capex", "Поддерживающие капвложения"),
    "cf_tax": ("Profit tax", "Налог на прибыль"),
    "cf_investment": ("Investment ({investment})", "Инвестиции ({investment})"),
    "footnote_cash": (
        "Outside-in estimate from public figures, not the operator's plan. Yearly flows by stream; "
        "line: cumulative net cash, the exit value in the last year.",
        "Оценка по открытым данным, а не план оператора. Годовые потоки по статьям; линия — накопленный "
        "чистый поток, остаточная стоимость в последнем году.",
    ),
    # the stream registry as a table
    "streams_title": ("Every stream: {year} and present value", "Все статьи: {year} г. и приведённая стоимость"),
    "col_stream": ("Stream", "Статья"),
    "col_year": ("{year}", "{year} г."),
    "col_pv": ("Present value", "Приведённая стоимость"),
    "streams_note": (
        "Project streams sum to the free cash flow (discounted at the WACC); financing streams turn it into the cash "
        "to equity (discounted at the cost of equity). Money in the table's convention.",
        "Статьи проекта складываются в свободный денежный поток (дисконтирование по WACC); статьи финансирования "
        "превращают его в поток собственнику (по стоимости собственного капитала). Деньги — в ценах таблицы.",
    ),
    "kind_revenue": ("revenue", "выручка"),
    "kind_opex": ("operating cost", "операционные расходы"),
    "kind_capex": ("capital", "капвложения"),
    "kind_tax": ("tax", "налог"),
    "kind_exit": ("exit", "остаточная стоимость"),
    "kind_financing": ("financing", "финансирование"),
    # the bridge and the year's waterfall
    "chart_bridge": ("From the stated plan's NPV to this scenario's", "От ЧДД заявленного плана к ЧДД сценария"),
    "footnote_bridge": (
        "Each step moves one group of assumptions from the plan's values to the scenario's, the earlier steps "
        "already moved; the steps add up to the difference.",
        "Каждый шаг переводит одну группу допущений от значений плана к значениям сценария (предыдущие шаги уже "
        "сделаны); сумма шагов равна разнице.",
    ),
    "bridge_start": ("Stated plan", "Заявленный план"),
    "bridge_volume": ("Volume", "Объём"),
    "bridge_tariffs": ("Tariffs and rent", "Тарифы и аренда"),
    "bridge_costs": ("Operating costs", "Операционные расходы"),
    "bridge_capex": ("Capex", "Капвложения"),
    "bridge_financing": ("Rates and financing", "Ставки и финансирование"),
    "bridge_taxes": ("Taxes", "Налоги"),
    "bridge_exit": ("Exit and horizon", "Остаточная стоимость и горизонт"),
    "bridge_waiting": ("Network and waiting", "Сеть и ожидание"),
    "bridge_other": ("Other", "Прочее"),
    "bridge_end": ("This scenario", "Этот сценарий"),
    "alt_bridge": (
        "Waterfall from the plan's NPV {start} to this scenario's {end}: a change of {diff}, step by step.",
        "Каскадная диаграмма от ЧДД плана {start} к ЧДД сценария {end}: изменение на {diff} по шагам.",
    ),
    "chart_year_waterfall": ("Where {year}'s revenue goes", "Куда уходит выручка {year} г."),
    "footnote_year_waterfall": (
        "Revenue − operating costs = EBITDA; − maintenance, profit tax (with debt), interest, principal = cash to "
        "equity. The first full year of loan repayment.",
        "Выручка − операционные расходы = EBITDA; − поддерживающие капвложения, налог на прибыль (с учётом долга), "
        "проценты, погашение = поток собственнику. Первый полный год погашения кредита.",
    ),
    "yw_revenue": ("Revenue", "Выручка"),
    "yw_payroll": ("Payroll", "Фонд оплаты труда"),
    "yw_property_tax": ("Property tax", "Налог на имущество"),
    "yw_other_opex": ("Other operating cost", "Прочие расходы"),
    "yw_ebitda": ("EBITDA", "EBITDA"),
    "yw_maintenance": ("Maintenance", "Поддерживающие капвложения"),
    "yw_profit_tax": ("Profit tax", "Налог на прибыль"),
    "yw_interest": ("Interest", "Проценты"),
    "yw_principal": ("Principal", "Погашение долга"),
    "yw_equity": ("Cash to equity", "Поток собственнику"),
    "alt_year_waterfall": (
        "Waterfall of {year}: revenue {revenue} down to the cash to equity {equity}.",
        "Каскадная диаграмма {year} г.: от выручки {revenue} до потока собственнику {equity}.",
    ),
    "chart_dscr": ("Debt service coverage (DSCR) by year", "Коэффициент покрытия долга (DSCR) по годам"),
    "dscr_bar": ("DSCR", "DSCR"),
    "dscr_axis": ("DSCR, ×", "DSCR, ×"),
    "dscr_covenant_line": ("Covenant {x}", "Ковенант {x}"),
    "footnote_dscr": (
        "(EBITDA − maintenance − profit tax) / (interest + principal) in each year with debt service; hatched bars "
        "are below the covenant.",
        "(EBITDA − поддерживающие капвложения − налог на прибыль) / (проценты + погашение) в каждом году "
        "обслуживания долга; заштрихованы годы ниже ковенанта.",
    ),
    "alt_dscr": (
        "Bars of DSCR by year; the lowest is {v} against a covenant of {cov}.",
        "Столбцы DSCR по годам; минимум {v} при ковенанте {cov}.",
    ),
    "alt_dscr_none": ("No debt: no debt service to cover.", "Без долга: обслуживать нечего."),
    "payback_mark": ("Payback {n:years}", "Окупаемость: {n:years}"),
    "chart_npv_dist": (
        "NPV over 10,000 simulations: delay, volume, tariffs and costs",
        "ЧДД по 10 000 симуляций: задержка, объём, тарифы и расходы",
    ),
    "npv_paths": ("Simulations", "Симуляции"),
    "paths_axis": ("Simulations (of 10,000)", "Симуляций (из 10 000)"),
    "footnote_npv_dist": (
        "Delay and share of the target reached: the projection band's draws; tariff, services and costs: triangular over the slider ranges.",
        "Задержка и доля достижения — из диапазона прогноза; тариф, услуги и расходы — треугольное распределение в пределах ползунков.",
    ),
    "p10_mark": ("P10", "P10"),
    "p50_mark": ("P50 (median)", "P50 (медиана)"),
    "p90_mark": ("P90", "P90"),
    "zero_mark": ("NPV = 0", "ЧДД = 0"),
    "alt_npv_dist": (
        "Histogram of NPV over 10,000 simulations: median {p50}, P10 {p10}, P90 {p90}; NPV above zero in {p} of them.",
        "Гистограмма ЧДД по 10 000 симуляций: медиана {p50}, P10 {p10}, P90 {p90}; ЧДД выше нуля в {p} симуляций.",
    ),
    # limitations
    "econ_limits_title": ("What this estimate leaves out", "Чего нет в этой оценке"),
    "econ_limits": (
        "- An **outside-in estimate** from public figures, not the operator's business plan: tariffs, staff and "
        "several costs are estimates (flagged on their sliders); the handling tariffs are a Far-East seaport "
        "terminal's, used for want of a Moscow inland-terminal price.\n"
        "- **Incremental:** only boxes above the counterfactual earn for the project; rent, staff and the investment "
        "are wholly the project's.\n"
        "- **Tax:** losses carried forward without a time limit and capped at 50% of each year's base in every "
        "year; interest deducted when incurred (also during construction); no limit on interest deductions; VAT is "
        "not modelled (prices net of VAT).\n"
        "- **Financing:** one loan on a floating key rate; construction-year interest capitalised; the balance left "
        "at the horizon repaid out of the exit value.\n"
        "- **Network:** the Monte Carlo and the tornado keep the network's crossing share and waiting per box at the "
        "scenario's values; only the point value and the bridge re-run the network.\n"
        "- **Timing:** yearly flows at year end; the {investment} is spread over the works months as stated money.",
        "- **Оценка по открытым данным**, а не бизнес-план оператора: тарифы, персонал и часть расходов — оценки "
        "(отмечены у ползунков); тарифы обработки взяты у терминала морского порта Дальнего Востока за "
        "отсутствием цен московских терминалов.\n"
        "- **Приростный расчёт:** проекту засчитываются только контейнеры сверх контрфактического сценария; "
        "аренда, персонал и инвестиции целиком относятся к проекту.\n"
        "- **Налог:** перенос убытков без ограничения срока, зачёт — не более 50\u00a0% базы каждого года; проценты "
        "учитываются в расходах по мере начисления (и в период строительства); ограничений на вычет процентов нет; "
        "НДС не моделируется (цены без НДС).\n"
        "- **Финансирование:** один кредит по плавающей ключевой ставке; проценты периода строительства "
        "капитализируются; остаток долга на конец горизонта гасится из остаточной стоимости.\n"
        "- **Сеть:** в методе Монте-Карло и анализе чувствительности доля проходящих контейнеров и ожидание на "
        "контейнер берутся при значениях сценария; сеть пересчитывается только для основного расчёта и каскада.\n"
        "- **Сроки:** годовые потоки на конец года; {investment} распределены по месяцам работ как заявленные деньги.",
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
