"""Labels in English and Russian; numbers, money and dates formatted per language through babel."""

from __future__ import annotations

import datetime as dt
import math
import string
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

LANGS = ("en", "ru")
LANG_NAMES = {"en": "English", "ru": "Русский"}

_T: dict[str, tuple[str, str]] = {
    "app_title": ("Corridor capacity dashboard", "Дашборд пропускной способности коридора"),
    "app_subtitle": (
        "Selyatino hub · Almaty Agrohub · Russia–Kazakhstan–China agri exports",
        "Хаб «Селятино» · Агрохаб в Алматинской области · агроэкспорт Россия–Казахстан–Китай",
    ),
    "language": ("Language", "Язык"),
    # pages
    "page_overview": ("Overview", "Обзор"),
    "page_projections": ("Export projections", "Прогноз экспорта"),
    "page_capacity": ("Capacity", "Мощности"),
    "page_economics": ("Economics", "Экономика"),
    "page_corridor": ("Corridor", "Коридор"),
    "page_sources": ("Sources and method", "Источники и методика"),
    # sidebar
    "scenario": ("Scenario", "Сценарий"),
    "preset": ("Preset", "Готовый сценарий"),
    "preset_plan": ("Stated plan", "Заявленный план"),
    "preset_delayed": ("Delayed 6 months", "Задержка 6 месяцев"),
    "preset_optimistic": ("Optimistic", "Оптимистичный"),
    "preset_pessimistic": ("Pessimistic", "Пессимистичный"),
    "preset_fitted": ("Fitted to actuals", "Подобран по факту"),
    "share_hint": (
        "The address bar holds this scenario: copy the link to share it.",
        "Сценарий записан в адресе страницы: скопируйте ссылку, чтобы поделиться им.",
    ),
    "changed_from_plan": ("Changed from the plan", "Отличия от плана"),
    "no_changes": ("Scenario = stated plan", "Сценарий = заявленный план"),
    "group_projection": ("Projection", "Прогноз"),
    "group_capacity": ("Capacity", "Мощности"),
    "group_economics": ("Economics", "Экономика"),
    "group_financing": ("Financing", "Финансирование"),
    "repayment": ("Loan repayment", "Погашение кредита"),
    "repayment_equal": ("Equal instalments", "Равными долями"),
    "repayment_sculpted": ("Sculpted to the DSCR covenant", "По графику под ковенант DSCR"),
    "repayment_help": (
        "Equal principal over the repayment period, or principal = cash flow available / covenant − interest "
        "(the rest in the last year).",
        "Основной долг равными долями за срок погашения или основной долг = денежный поток для обслуживания "
        "долга / ковенант − проценты (остаток — в последний год).",
    ),
    "group_currency": ("Exchange rates", "Курсы валют"),
    "bad_link": (
        "Some settings in the link were not valid and were not applied as written: {keys}. "
        "The sliders show what is in use.",
        "Некоторые параметры ссылки неверны и применены не так, как записаны: {keys}. "
        "Ползунки показывают действующие значения.",
    ),
    "shape": ("Ramp-up shape", "Форма роста"),
    "shape_s_curve": ("S-curve", "S-кривая"),
    "shape_linear": ("Linear", "Линейная"),
    "shape_constant_growth": ("Constant growth rate", "Постоянный темп"),
    "shape_help": (
        "How the annual rate moves from {baseline_kt} to {target_kt} kt/year.",
        "Как годовой объём растёт с {baseline_kt} до {target_kt} тыс. т/год.",
    ),
    "profile": ("Seasonal profile", "Сезонный профиль"),
    "profile_agri_mix": ("Agri mix (cited)", "Агропродукция (по статистике)"),
    "profile_even": ("Even months", "Равномерно"),
    "profile_grain_heavy": ("Grain-heavy", "Преобладает зерно"),
    "profile_help": (
        "How a year's tonnes spread over its months; capacity is checked month by month.",
        "Как годовой объём распределяется по месяцам; мощности проверяются помесячно.",
    ),
    "convention": ("Money convention", "Цены расчёта"),
    "convention_nominal": ("Nominal (indexed flows, nominal rate)", "Номинальные (с индексацией, номинальная ставка)"),
    "convention_real": ("Real (today's roubles, real rate)", "Реальные (в сегодняшних рублях, реальная ставка)"),
    "convention_help": (
        "Both give the same NPV when the real rate = (1 + nominal) / (1 + inflation) − 1.",
        "Оба способа дают одинаковый ЧДД, если реальная ставка = (1 + номинальная) / (1 + инфляция) − 1.",
    ),
    # assumptions
    "a_delay_months": ("Delay after {completion} (months)", "Задержка после {completion_gen} (мес.)"),
    "a_attainment": ("Share of {target_kt} kt reached", "Доля достижения цели {target_kt} тыс. т"),
    "a_growth_after_pct": ("Growth after target (%/year)", "Рост после цели (%/год)"),
    "a_delay_sd_months": ("Band: delay spread (months)", "Диапазон: разброс задержки (мес.)"),
    "a_attainment_sd": ("Band: spread of the share reached", "Диапазон: разброс доли достижения цели"),
    "a_feu_payload_t": (
        "Cargo mass per 40-ft dry box (t)",
        "Масса груза в 40-фут. универсальном контейнере (т)",
    ),
    "a_reefer_share": ("Share of tonnes in reefer boxes", "Доля грузов в рефконтейнерах"),
    "a_reefer_payload_t": ("Cargo mass per 40-ft reefer (t)", "Масса груза в 40-фут. рефконтейнере (т)"),
    "a_rail_share": (
        "Share of {target_kt} kt by rail via Selyatino",
        "Доля {target_kt} тыс. т по ж/д через «Селятино»",
    ),
    "a_khorgos_share": ("Share crossing at Altynkol–Khorgos", "Доля через Алтынколь–Хоргос"),
    "a_service_trains_per_week": ("Planned service (trains/week)", "Плановый график (поездов/нед.)"),
    "a_feu_per_train": ("Boxes per train (FEU)", "Контейнеров в поезде (ФЭ)"),
    "a_dwell_days": ("Dwell time at the hub terminal (days)", "Время нахождения на терминале хаба (сут.)"),
    "a_utilisation": ("Warehouse utilisation", "Коэффициент использования склада"),
    "a_storage_t_per_m2": ("Tonnes held per m²", "Тонн на м² площади"),
    "a_backhaul_ratio": (
        "Back-haul: loaded westbound boxes per eastbound box",
        "Обратная загрузка: гружёных контейнеров на запад на один гружёный на восток",
    ),
    "a_transit_days": ("Rail transit time to China (days)", "Срок доставки по ж/д до Китая (сут.)"),
    "a_capex_rub_per_m2": (
        "Build cost, class-A dry warehouse (RUB/m²)",
        "Стоимость строительства сухого склада класса А (₽/м²)",
    ),
    "a_rent_rub_per_m2_year": ("Rent (RUB/m²/year)", "Аренда (₽/м²/год)"),
    "a_handling_rub_per_feu": (
        "Handling tariff, eastbound loaded box (RUB/FEU)",
        "Тариф обработки гружёного контейнера на восток (₽/ФЭ)",
    ),
    "a_capex_cold_rub_per_m2": ("Build cost, cold store (RUB/m²)", "Стоимость строительства холодного склада (₽/м²)"),
    "a_leasable_share": ("Share of area let as warehouse", "Доля площади под аренду складов"),
    "a_vacancy": ("Vacancy at maturity", "Вакантность после выхода на режим"),
    "a_occupancy_start": ("Occupancy in the first year", "Заполняемость в первый год"),
    "a_occupancy_ramp_years": ("Years to full occupancy", "Срок выхода на полную заполняемость (лет)"),
    "a_empty_handling_share": (
        "Tariff for an empty box (share of loaded)",
        "Тариф за порожний контейнер (доля от гружёного)",
    ),
    "a_ancillary_rub_per_feu": ("Storage and services (RUB/FEU)", "Хранение и услуги (₽/ФЭ)"),
    "a_opex_fixed_rub_per_m2_year": (
        "Other fixed cost (RUB/m²/year)",
        "Прочие постоянные расходы (₽/м²/год)",
    ),
    "a_opex_var_rub_per_feu": (
        "Variable cost per box (RUB/FEU)",
        "Переменные операционные расходы на контейнер (₽/ФЭ)",
    ),
    "a_risk_free_rate": (
        "Long-run risk-free rate after the key-rate path (per year)",
        "Долгосрочная безрисковая ставка после пути ключевой ставки (в год)",
    ),
    "a_risk_premium": ("Risk premium (per year)", "Премия за риск (в год)"),
    "a_cpi_long_run": ("Inflation from 2027 (per year)", "Инфляция с 2027 г. (в год)"),
    "a_profit_tax_rate": ("Profit tax rate", "Ставка налога на прибыль"),
    "a_depreciation_years": ("Depreciation life (years)", "Срок амортизации (лет)"),
    "a_maintenance_capex_share": (
        "Maintenance capex (share of investment a year)",
        "Поддерживающие капвложения (доля инвестиций в год)",
    ),
    "a_exit_growth": (
        "Growth after the horizon (Gordon exit, per year)",
        "Рост после горизонта (остаточная стоимость по Гордону, в год)",
    ),
    "a_handling_west_rub_per_feu": (
        "Handling tariff, westbound loaded box (RUB/FEU)",
        "Тариф обработки гружёного контейнера на запад (₽/ФЭ)",
    ),
    "a_storage_west_rub_per_feu": (
        "Storage and services, westbound box (RUB/FEU)",
        "Хранение и услуги, импортный контейнер (₽/ФЭ)",
    ),
    "a_counterfactual_share": (
        "Counterfactual: share of the baseline carried anyway",
        "Контрфактический сценарий: доля исходного объёма, перевозимая и без проекта",
    ),
    "a_headcount": ("Operator's staff (people)", "Персонал оператора (чел.)"),
    "a_wage_rub_month": ("Loaded wage (RUB/month, 2025 prices)", "Стоимость рабочего места (₽/мес., цены 2025 г.)"),
    "a_property_tax_rate": ("Property tax rate (per year)", "Ставка налога на имущество (в год)"),
    "a_insurance_share": ("Insurance (share of book value a year)", "Страхование (доля балансовой стоимости в год)"),
    "a_debt_share": ("Debt share of the investment", "Доля кредита в инвестициях"),
    "a_debt_spread": ("Loan margin over the key rate (per year)", "Маржа кредита сверх ключевой ставки (в год)"),
    "a_debt_tenor_years": ("Repayment period (years)", "Срок погашения (лет)"),
    "a_debt_grace_years": ("Grace period from opening (years)", "Льготный период от открытия (лет)"),
    "a_dscr_covenant": ("DSCR covenant (×)", "Ковенант DSCR (×)"),
    "a_key_rate_shift": ("Shift of the key-rate path (per year)", "Сдвиг пути ключевой ставки (в год)"),
    "a_hub_wait_share": (
        "Share of waiting at Selyatino the hub bears",
        "Доля ожидания в «Селятино» за счёт хаба",
    ),
    "a_terminal_capacity_feu_day": (
        "Hub terminal capacity, boxes a day (FEU/day)",
        "Пропускная способность терминала хаба (ФЭ/сут.)",
    ),
    "a_capex_first_half_share": (
        "Investment spent in the first half of the works",
        "Доля инвестиций в первой половине работ",
    ),
    "a_horizon_years": ("Appraisal horizon (years)", "Горизонт оценки (лет)"),
    "a_usd_rub": ("RUB per USD", "Рублей за доллар"),
    "a_usd_kzt": ("KZT per USD", "Тенге за доллар"),
    # kinds
    "stated": ("Stated", "Заявлено"),
    "assumed": ("Assumed", "Допущение"),
    "estimate": ("estimate", "оценка"),
    # charts
    "month": ("Month", "Месяц"),
    "year": ("Year", "Год"),
    "t_month": ("Exports, t/month", "Экспорт, т/мес."),
    "scenario_line": ("Your scenario", "Ваш сценарий"),
    "plan_line": ("Stated plan", "Заявленный план"),
    "band": ("10–90% range (Monte Carlo)", "Диапазон 10–90\u00a0% (Монте-Карло)"),
    "stated_points": (
        "Stated: {baseline_kt} and {target_kt} kt/year",
        "Заявлено: {baseline_kt} и {target_kt} тыс. т/год",
    ),
    "actuals": ("Actual (uploaded)", "Факт (загружено)"),
    "compare_line": ("Comparison: {name}", "Сравнение: {name}"),
    "chart_export": ("Exports to China under the scenario", "Экспорт в Китай по сценарию"),
    "chart_trains": ("Trains a week needed", "Необходимо поездов в неделю"),
    "chart_boxes": ("Boxes a month", "Контейнеров в месяц"),
    "chart_warehouse": ("Hub area the China flow needs", "Площадь хаба под поток в Китай"),
    "chart_two_way": ("Loaded and empty boxes, two-way trains, {year}", "Гружёные и порожние контейнеры, {year}"),
    "chart_cash": ("Cash flow by stream and cumulative position", "Денежный поток по статьям и накопленный итог"),
    "chart_tornado": ("NPV sensitivity: each assumption at its range ends", "Чувствительность ЧДД к допущениям"),
    "chart_stated": ("Stated figures: exports to China", "Заявленные цифры: экспорт в Китай"),
    "trains_week": ("Trains a week", "Поездов в неделю"),
    "limit": ("Planned service", "Плановый график"),
    "feu": ("FEU (40-ft boxes)", "ФЭ (40-фут. контейнеры)"),
    "teu": ("TEU (20-ft equivalent)", "ДФЭ (20-фут. эквивалент)"),
    "boxes_month": ("Boxes a month", "Контейнеров в месяц"),
    "area_needed": ("Area needed", "Нужная площадь"),
    "area_stated": ("Stated total area {area} m²", "Заявленная площадь {area} м²"),
    "m2": ("Area, m²", "Площадь, м²"),
    "boxes_year": ("Boxes a year (FEU)", "Контейнеров в год (ФЭ)"),
    "loaded": ("Loaded", "Гружёные"),
    "empty": ("Empty", "Порожние"),
    "eastbound": ("Eastbound (exports)", "На восток (экспорт)"),
    "westbound": ("Westbound (back-haul)", "На запад (обратная загрузка)"),
    "cumulative": ("Cumulative net cash", "Накопленный чистый денежный поток"),
    "npv_axis": ("NPV, {cur}", "ЧДД, {cur}"),
    "low_end": ("Low end of range", "Нижняя граница"),
    "high_end": ("High end of range", "Верхняя граница"),
    "t_year": ("t/year", "т/год"),
    "footnote_source": (
        "Source: news report of {report_day} (stated figures);",
        "Источник: сообщение от {report_day} (заявленные цифры);",
    ),
    "footnote_assumptions": (
        "assumptions: see the Sources and method page.",
        "допущения: страница «Источники и методика».",
    ),
    "footnote_projection": (
        "Projected lines are scenarios, not forecasts.",
        "Расчётные линии — сценарии, а не прогноз.",
    ),
    "footnote_bars": (
        "Bars are computed from the scenario; they are not a forecast.",
        "Столбцы рассчитаны по сценарию, это не прогноз.",
    ),
    "footnote_tornado": (
        "Each bar: one assumption at the low and the high end of its range, the others as set in the sidebar.",
        "Каждая полоса — одно допущение на нижней и верхней границе диапазона, остальные — как в боковой панели.",
    ),
}

_T.update(
    {
        "download": ("Download", "Скачать"),
        "no_images": (
            "PNG and SVG need a Chromium browser on the server, and none was found ({reason}). HTML, CSV and XLSX still work.",
            "Для PNG и SVG на сервере нужен браузер Chromium, он не найден ({reason}). HTML, CSV и XLSX работают.",
        ),
        "page_error": (
            "This page hit an unexpected error and could not be drawn. Your scenario is kept. Error id: {id}.",
            "На странице произошла непредвиденная ошибка. Ваш сценарий сохранён. Код ошибки: {id}.",
        ),
        "derived": ("Derived", "Расчёт"),
        "dismiss": ("OK", "Понятно"),
        "col_id": ("Id", "Код"),
        "col_entity": ("Entity", "Объект"),
        "col_metric": ("Figure", "Показатель"),
        "col_unit": ("Unit", "Ед."),
        "col_stated_as": ("As stated", "Как в источнике"),
        "col_speaker": ("Who said it", "Кто сказал"),
        "col_locator": ("Where", "Где"),
        "col_note": ("Note", "Примечание"),
        "col_when": ("Date", "Дата"),
        "col_label": ("Slider", "Ползунок"),
        "col_default": ("Default", "По умолчанию"),
        "col_min": ("Min", "Мин."),
        "col_max": ("Max", "Макс."),
        "col_estimate": ("Estimate", "Оценка"),
        "col_source": ("Source", "Источник"),
        "col_formula": ("Formula", "Формула"),
        "report_title": ("Download the scenario and report", "Выгрузить сценарий и отчёт"),
        "report_zip": ("Report pack (ZIP)", "Пакет отчёта (ZIP)"),
        "report_zip_help": (
            "Every chart as PNG and SVG, its data as CSV and XLSX, the scenario as JSON and a README of sources. Takes a few seconds.",
            "Все графики в PNG и SVG, данные в CSV и XLSX, сценарий в JSON и README с источниками. Занимает несколько секунд.",
        ),
        "report_html": ("Report (one HTML page)", "Отчёт (одна HTML-страница)"),
        "report_files": ("Files", "Файлы"),
        "report_html_help": (
            "Every chart with its data and sources in one file that opens offline.",
            "Все графики с данными и источниками в одном файле, открывается без интернета.",
        ),
        "k_population_value": ("about {n} million", "около {n}\u00a0млн"),
        "k_multiple": ("{x}× as much", "в {x} раза больше"),
        "ha": ("ha", "га"),
        "mo": ("month", "мес."),
        "years": ("{n:years}", "{n:years}"),
        "days": ("{n:days}", "{n:days}"),
        "value": ("Value", "Значение"),
        "currency": ("Currency", "Валюта"),
        "intro_overview": (
            "What was announced for the **Selyatino** logistics hub near Moscow, the **Agrohub** in the Almaty region and "
            "the Russia–Kazakhstan border, as reported on {report_day}. Hover over the question mark on a card to see where its "
            "number comes from; the other pages turn these figures into projections you can change in the sidebar.",
            "Что объявлено о логистическом хабе **«Селятино»** в Подмосковье, **Агрохабе** в Алматинской области и "
            "российско-казахстанской границе (сообщение от {report_day}). Наведите курсор на знак вопроса у карточки, чтобы увидеть "
            "источник цифры; на других страницах эти цифры становятся прогнозами, которые меняются в боковой панели.",
        ),
        "hub_selyatino": ("TLC Selyatino hub, Moscow region", "ТЛЦ «Селятино», Московская область"),
        "hub_agrohub_border": ("Agrohub, Almaty region, and the border", "Агрохаб в Алматинской области и граница"),
        "k_investment": ("Investment", "Инвестиции"),
        "k_jobs": ("Jobs created", "Рабочие места"),
        "k_area": ("Total area", "Общая площадь"),
        "k_completion": ("Works finished by", "Завершение работ"),
        "k_agreement": ("agreement {month}", "соглашение: {month}"),
        "k_exports": ("Exports to China a year", "Экспорт в Китай в год"),
        "k_share": ("Share of the region's agri exports (stage 2)", "Доля агроэкспорта области (2-я очередь)"),
        "k_per_job": ("Investment per job", "Инвестиции на рабочее место"),
        "k_per_m2": ("Investment per m²", "Инвестиции на м²"),
        "k_vs_capex": ("{x}× class-A build cost", "в {x} раза выше стоимости строительства склада класса А"),
        "k_agrohub": ("Agrohub area", "Площадь Агрохаба"),
        "k_agrohub_parts": ("4 parts", "4 части"),
        "k_agrohub_parts_help": (
            "Parts: container terminal, warehouses, customs terminal, wholesale and retail centre.",
            "Части: контейнерный терминал, склады, таможенный терминал, оптово-розничный центр.",
        ),
        "k_border_regions": ("Border regions (two sides)", "Приграничные регионы (по обе стороны)"),
        "k_population": ("People in border regions", "Население приграничья"),
        "k_border_rank": (
            "Russia–Kazakhstan border: the longest continuous land border in the world",
            "Граница России и Казахстана — самая длинная непрерывная сухопутная граница в мире",
        ),
        "k_longest": ("No. 1", "№ 1"),
        "k_baseline": ("Before ({baseline_kt} kt)", "Было ({baseline_kt} тыс. т)"),
        "k_target": ("After stage 2 ({target_kt} kt)", "После 2-й очереди ({target_kt} тыс. т)"),
        "alt_stated": (
            "Bar chart: stated exports to China rise from {baseline_kt} to {target_kt} kt a year, a "
            "{multiple}-fold increase.",
            "Столбцы: заявленный экспорт в Китай растёт с {baseline_kt} до {target_kt} тыс. т в год, в {multiple} раза.",
        ),
        "intro_projections": (
            "How exports to China could move from **{baseline_kt}** to **{target_kt} kt a year**. The blue line is your scenario, "
            "the dashed grey line the stated plan (target reached in {completion}), the shaded band the range of 10,000 "
            "simulated paths with an uncertain delay and share of the target reached. The report gives no baseline year, so the ramp starts "
            "at the report date.",
            "Как экспорт в Китай может вырасти с **{baseline_kt}** до **{target_kt} тыс. т в год**. Синяя линия — ваш сценарий, серая "
            "пунктирная — заявленный план (срок цели — {completion}), полоса — разброс 10 000 симуляций "
            "с неопределённой задержкой и долей достижения. Базовый год в сообщении не указан, рост начинается с даты сообщения.",
        ),
        "k_target_month": ("Target month", "Месяц достижения цели"),
        "k_target_rate": ("Annual rate at target", "Годовой объём при цели"),
        "k_growth": ("Equivalent constant monthly growth", "Эквивалентный постоянный темп роста в месяц"),
        "k_2027": ("Exports in 2027", "Экспорт за 2027 год"),
        "k_2030": ("Annual rate, December 2030", "Годовой объём, декабрь 2030"),
        "h_target_month": (
            "{completion} (stated) plus the scenario's delay.",
            "Заявленный срок ({completion}) плюс задержка сценария.",
        ),
        "h_target_rate": (
            "{target_kt} kt a year (stated) × the share reached.",
            "{target_kt} тыс. т в год (заявлено) × доля достижения.",
        ),
        "h_growth": (
            "Monthly growth that would take {baseline_kt} kt to the target in the months available.",
            "Ежемесячный рост, который приведёт от {baseline_kt} тыс. т к цели за доступные месяцы.",
        ),
        "h_2027": ("Sum of the scenario's monthly tonnes in 2027.", "Сумма месячных объёмов сценария за 2027 год."),
        "compare_with": ("Compare with", "Сравнить с"),
        "compare_none": ("— nothing —", "— ничем —"),
        "side_by_side": ("Side by side", "Сравнение"),
        "alt_projection": (
            "Line chart of monthly exports to China: the scenario reaches {rate} a year in {month}; the stated plan reaches {target_kt} kt in {completion}.",
            "Линейный график месячного экспорта в Китай: сценарий выходит на {rate} в год, срок — {month}; план — "
            "{target_kt} тыс. т, срок — {completion}.",
        ),
        "upload_title": ("Compare with actual volumes (upload)", "Сравнить с фактическими объёмами (загрузить файл)"),
        "upload_help": (
            "Upload actual monthly tonnes as CSV or XLSX (up to {mb} MB): columns *month* and *tonnes* "
            "(or *месяц* and *тонн*), optional *direction* and *cargo*. Russian Excel and 1C exports work as they are: "
            "semicolons, decimal commas, Windows-1251, months like `03.2025` or `март 2025`.",
            "Загрузите фактические месячные объёмы в CSV или XLSX (до {mb} МБ): столбцы *месяц* и *тонн* "
            "(или *month* и *tonnes*), по желанию *направление* и *груз*. Выгрузки Excel и 1С подходят как есть: "
            "точка с запятой, десятичная запятая, Windows-1251, месяцы вида `03.2025` или `март 2025`.",
        ),
        "upload_label": ("Actual monthly volumes", "Фактические месячные объёмы"),
        "upload_button": ("Upload", "Загрузить"),
        "upload_limits": ("Up to {mb} MB a file · CSV, XLSX, TXT", "До {mb}\u00a0МБ на файл · CSV, XLSX, TXT"),
        "upload_ok": ("Read {n} months from {name}.", "Прочитано месяцев: {n} из файла {name}."),
        "upload_kept": (
            "The data you uploaded before is still shown.",
            "Ранее загруженные данные по-прежнему показаны.",
        ),
        "upload_clear": ("Remove actuals", "Убрать факт"),
        "template": ("Template {fmt}", "Шаблон {fmt}"),
        "track_title": ("Actuals against the target", "Факт в сравнении с целью"),
        "track_year": ("Tonnes in {year} so far", "Тонн за {year} год"),
        "track_never": ("not at this pace", "при этом темпе — никогда"),
        "intro_capacity": (
            "What the scenario's tonnes mean for each link of the chain from Selyatino to China, month by month: which "
            "link runs out first (the bottleneck), how many boxes the flow keeps in circulation, and how long a box takes "
            "door to door. Below: 40-ft boxes (FEU) and their 20-ft equivalents (TEU), trains a week against the planned "
            "service, the hub area the China flow needs against the stated {area} m², and how many boxes run empty when "
            "trains go both ways.",
            "Что тонны сценария значат для каждого звена цепи от Селятино до Китая, месяц за месяцем: какое звено первым "
            "исчерпает пропускную способность (узкое место), сколько контейнеров поток держит в обороте и сколько суток "
            "контейнер идёт от двери до двери. Ниже — 40-футовые контейнеры (ФЭ) и их 20-футовый эквивалент (ДФЭ), "
            "поезда в неделю в сравнении с плановым графиком, площадь хаба под поток в Китай в сравнении с заявленными {area} м² и доля "
            "порожних контейнеров в двусторонних поездах.",
        ),
        "k_limit_hit": (
            "Trains exceed the planned {limit} a week from",
            "Месяц, когда поездов нужно больше плановых {limit} в неделю",
        ),
        "h_limit": (
            "First month the trains a week needed exceed the planned service set in the sidebar. The service is "
            "a timetable: a plan that can be raised.",
            "Первый месяц, когда поездов в неделю нужно больше, чем по плановому графику из боковой панели. "
            "График — это план, его можно увеличить.",
        ),
        "d_investment_per_job": ("Investment per job", "Инвестиции на рабочее место"),
        "d_investment_per_m2": ("Investment per m² of total area", "Инвестиции на м² общей площади"),
        "d_export_multiple": ("Growth of exports to China", "Рост экспорта в Китай"),
        "d_export_increase": ("Increase of exports to China", "Прирост экспорта в Китай"),
        "d_border_regions_total": ("Border regions on both sides", "Приграничные регионы с обеих сторон"),
        "d_agrohub_area_ha": ("Agrohub area in hectares", "Площадь Агрохаба в гектарах"),
        "m2_per_ha": ("10,000 m² per ha", "10 000 м² в гектаре"),
        "col_figure": ("Figure", "Показатель"),
        "k_never": ("not within the horizon ({end})", "нет до конца горизонта ({end})"),
        "h_area_share": (
            "Tonnes on hand (annual t × dwell days / 365) / (t per m² × utilisation) / {area} m². "
            "Below: the most the whole area could turn over in a year at these assumptions.",
            "Тонн на складе (т в год × дни хранения / 365) / (т на м² × коэффициент использования) / {area} м². "
            "Ниже: сколько вся площадь могла бы пропустить за год при этих допущениях.",
        ),
        "k_max_throughput": ("whole area: at most {t}/year", "вся площадь: не более {t}/год"),
        "alt_trains": (
            "Line chart of trains a week: {n} a week at the target month {month}, against the planned service "
            "(dotted: a plan that can be raised).",
            "График числа поездов в неделю: {n} в месяце цели ({month}) в сравнении с плановым графиком "
            "(пунктир: план, который можно увеличить).",
        ),
        "alt_boxes": (
            "Line chart of boxes a month; {feu} 40-ft boxes (FEU) a month at target.",
            "График контейнеров в месяц; {feu} ФЭ в месяц при цели.",
        ),
        "alt_warehouse": (
            "Area chart: the China flow needs {share} of the stated {area} m² at target.",
            "Площадь: поток в Китай занимает {share} от заявленных {area} м² при цели.",
        ),
        "alt_two_way": (
            "Stacked bars of loaded and empty boxes each way in {year}; {share} of boxes moved are loaded.",
            "Столбцы гружёных и порожних контейнеров в {year} г. в обе стороны; доля гружёных — {share}.",
        ),
        "intro_economics": (
            "An outside-in appraisal of the **{investment}** Selyatino hub in the conventions of a project-finance desk, "
            "valued against what Selyatino would carry without it: warehouse rent, handling and storage of boxes in "
            "both directions, payroll, property tax, insurance and other costs, profit tax with losses carried forward, "
            "a loan with its DSCR, and a Gordon exit value, discounted along the key-rate path. It is an estimate from "
            "public figures, not the operator's plan.",
            "Оценка хаба «Селятино» (**{investment}**) по правилам проектного финансирования, в сравнении с тем, что "
            "«Селятино» перевозило бы и без него: аренда складов, обработка и хранение контейнеров в обе стороны, фонд "
            "оплаты труда, налог на имущество, страхование и прочие расходы, налог на прибыль с переносом убытков, "
            "кредит с коэффициентом покрытия долга (DSCR) и остаточная стоимость по Гордону; дисконтирование по пути "
            "ключевой ставки. Это оценка по открытым данным, а не план оператора.",
        ),
        "k_npv": ("NPV at the WACC, {n}", "ЧДД по WACC, {n}"),
        "h_npv": (
            "Σ free cash flow × discount factor over the table; the factor compounds the year-by-year WACC {r} "
            "(geometric mean; valued at the end of 2025); investment, tax and the exit value included, debt not "
            "(it is in the WACC). The same in both conventions.",
            "Σ свободный денежный поток × коэффициент дисконтирования по таблице; коэффициент накапливает WACC по "
            "годам ({r} в среднем геометрическом; оценка на конец 2025 г.); с инвестициями, налогом и остаточной "
            "стоимостью, без долга (он учтён в WACC). Одинаков при обоих способах расчёта.",
        ),
        "alt_cash": (
            "Stacked bars of yearly cash flow by stream in {conv} roubles with the cumulative line; NPV {npv}.",
            "Столбцы годового денежного потока по статьям в {conv} с линией накопленного итога; ЧДД {npv}.",
        ),
        "alt_tornado": (
            "Tornado chart of NPV sensitivity; {name} moves the NPV most.",
            "Диаграмма чувствительности ЧДД; сильнее всего влияет «{name}».",
        ),
        "econ_scope": (
            "Volumes count the modelled China exports through Selyatino above the counterfactual and their two-way "
            "boxes on the stated {area} m²; other cargo through the hub is not counted.",
            "Объёмы — смоделированный экспорт в Китай через «Селятино» сверх контрфактического сценария и его "
            "контейнеры в обе стороны на заявленных {area} м²; прочие грузы хаба не учтены.",
        ),
        "n_selyatino": ("Selyatino hub", "ТЛЦ «Селятино»"),
        "n_ru_kz_border": ("Russia–Kazakhstan border", "Граница РФ–РК"),
        "n_agrohub": ("Agrohub, Almaty region", "Агрохаб, Алматинская обл."),
        "n_dostyk": ("Dostyk–Alashankou", "Достык–Алашанькоу"),
        "n_xian": ("China (Xi'an)", "Китай (Сиань)"),
        "n_selyatino_h": ("TLC Selyatino: {area} m², {inv} (stated)", "ТЛЦ «Селятино»: {area} м², {inv} (заявлено)"),
        "n_border_h": (
            "{a} + {b} border regions, about {p} people (stated)",
            "{a} + {b} приграничных регионов, около {p} человек (заявлено)",
        ),
        "n_agrohub_h": (
            "Agrohub: {ha} ha with container terminal, warehouses, customs terminal, wholesale and retail centre (stated)",
            "Агрохаб: {ha} га, контейнерный терминал, склады, таможенный терминал, оптово-розничный центр (заявлено)",
        ),
        "n_dostyk_h": (
            "Kazakhstan–China rail crossing; trains regrouped here (reference)",
            "Ж/д погранпереход Казахстан–Китай, здесь поезда переформируются (справочно)",
        ),
        "n_xian_h": (
            "Destination example: a Selyatino–Xi'an train ran in 2024; about {days} days by rail (assumed)",
            "Пример назначения: поезд Селятино–Сиань (2024); около {days} сут. по ж/д (допущение)",
        ),
        "kind_hub": ("Hub (stated)", "Хаб (заявлено)"),
        "kind_border": ("Border crossing", "Погранпереход"),
        "kind_city": ("Destination", "Пункт назначения"),
        "border_facts": ("The border in figures", "Граница в цифрах"),
        "k_transit": ("Rail transit time to China (assumed)", "Срок доставки по ж/д до Китая (допущение)"),
        "corridor_notes": (
            "- The report does not say which side has {regions_a} border regions and which {regions_b}; it pairs the numbers with 'both sides'.\n"
            "- The Agrohub's partners aim at container trains loaded in both directions; the Capacity page shows what the "
            "back-haul share does to empty running.",
            "- В сообщении не сказано, у какой стороны {regions_a} приграничных регионов, а у какой {regions_b}.\n"
            "- Партнёры Агрохаба рассчитывают на поезда, гружёные в обе стороны; на странице «Мощности» "
            "видно, как обратная загрузка меняет порожний пробег.",
        ),
        "intro_sources": (
            "Every number on this dashboard is one of three kinds: **stated** in the report of {report_day}, "
            "**assumed** from the public references below, or **derived** by a formula from the two.",
            "Каждое число на дашборде относится к одному из трёх видов: **заявлено** в сообщении от {report_day}, "
            "**допущение** по указанным ниже открытым источникам или **расчёт** по формуле из них.",
        ),
        "src_stated": ("Stated figures", "Заявленные цифры"),
        "src_publication": ("Publication", "Публикация"),
        "src_assumptions": ("Assumptions behind the sliders", "Допущения за ползунками"),
        "src_derived": ("Derived figures", "Расчётные показатели"),
        "src_method": ("Method", "Метод"),
        "src_glossary": ("Glossary", "Глоссарий"),
        "glossary": (
            "- **FEU** — one 40-ft container ('box'); **TEU** — twenty-foot equivalent unit: 1 FEU = 2 TEU.\n"
            "- **Crossing** — a Kazakhstan–China rail border crossing (Dostyk–Alashankou, Altynkol–Khorgos, "
            "Bakhty–Tacheng) where trains are handed over to China.\n"
            "- **Russia–Kazakhstan interchange points** — stations where trains pass between the Russian and the Kazakh "
            "railways.\n"
            "- **Capacity** — trains a day a crossing can hand over to China, after acceptance cuts.\n"
            "- **Utilisation** — trains offered ÷ capacity; at 100% and over a queue builds.\n"
            "- **Waiting** — days a train waits at a crossing before hand-over.\n"
            "- **Acceptance cut (episode)** — a period when the Chinese side takes fewer trains.\n"
            "- **Bottleneck** — the first link whose utilisation reaches 100%.\n"
            "- **Planned service** — the hub's planned trains a week: a timetable that can be raised, not a capacity.\n"
            "- **Dwell time** — days a box stays at the hub terminal.\n"
            "- **Back-haul** — westbound loaded boxes (China → Russia) per eastbound loaded box.\n"
            "- **NPV** — net present value; **IRR** — internal rate of return; **WACC** — weighted average cost of "
            "capital; **DSCR** — debt service coverage ratio.",
            "- **ФЭ** — 40-футовый контейнер (сорокафутовый эквивалент); **ДФЭ** — двадцатифутовый эквивалент: "
            "1 ФЭ = 2 ДФЭ.\n"
            "- **Погранпереход** — железнодорожный пограничный переход Казахстан — Китай (Достык — Алашанькоу, "
            "Алтынколь — Хоргос, Бахты — Тачэн), где поезда передаются китайской стороне.\n"
            "- **МГСП** — межгосударственные стыковые пункты: станции передачи поездов между железными дорогами "
            "России и Казахстана.\n"
            "- **Пропускная способность** — сколько поездов в сутки погранпереход может передать в Китай с учётом "
            "ограничений приёма.\n"
            "- **Загрузка** — предъявленные поезда ÷ пропускная способность; при 100\u00a0% и выше растёт очередь.\n"
            "- **Ожидание** — сколько суток поезд ждёт передачи на погранпереходе.\n"
            "- **Ограничение приёма (эпизод)** — период, когда китайская сторона принимает меньше поездов.\n"
            "- **Узкое место** — первое звено, загрузка которого достигает 100\u00a0%.\n"
            "- **Плановый график** — запланированное число поездов хаба в неделю: расписание, которое можно "
            "увеличить, а не предел.\n"
            "- **Время нахождения на терминале** — сколько суток контейнер проводит на терминале хаба.\n"
            "- **Обратная загрузка** — гружёные контейнеры на запад (Китай → Россия) на один гружёный на восток.\n"
            "- **ЧДД** — чистый дисконтированный доход; **ВНД** — внутренняя норма доходности; **WACC** — "
            "средневзвешенная стоимость капитала; **DSCR** — коэффициент покрытия долга.",
        ),
        "method": (
            "- **Projection.** The {baseline_kt} and {target_kt} kt are read as annual rates; the ramp runs from the report date "
            "({report_month}) to {completion} plus the delay, along a linear, constant-growth or S-shaped curve, to "
            "{target_kt} kt × the share reached, then grows at the set rate. Monthly tonnes = annual rate / 12.\n"
            "- **Band.** 10,000 paths with the delay and the share reached drawn from normal distributions around the "
            "slider values (spreads set in the sidebar); the band is their 10th to 90th percentile.\n"
            "- **Boxes and trains.** FEU = tonnes / payload; TEU = 2 × FEU; trains a week = FEU a month × 12 / 52 / boxes per train.\n"
            "- **Warehouse.** Tonnes on hand = annual tonnes × dwell days / 365; area needed = tonnes on hand / "
            "(t per m² × utilisation), against the stated {area} m².\n"
            "- **Two-way trains.** Westbound loaded = back-haul ratio × eastbound; each way moves the larger count, the rest runs empty.\n"
            "- **Economics.** Yearly, in 2025 prices × the year's price index P_y (cited CPI, then the long-run slider). Rent = "
            "{area} m² × leasable share × occupancy (start → 1 − vacancy over the ramp years) × rent; handling = tariff × "
            "(eastbound + westbound loaded FEU) + empty share × tariff × empty FEU; services = rate × loaded FEU; opex = "
            "fixed × m² + variable × all FEU; maintenance = share × {investment_bare}. Tax = rate × max(0, EBITDA − depreciation "
            "({investment_bare} / life) − maintenance − losses used), losses used ≤ 50 % of the year's profit. Investment: {investment_bare} "
            "spread monthly {agreement} → target month. Residual = last EBITDA / cap rate. NPV = Σ flow / (1 + n)^(y − 2025), "
            "n = risk-free + premium; real view: flow / P_y at r_y = (1 + n) / (1 + π_y) − 1, π_y being the year's inflation, same NPV. IRR and break-evens: the root of NPV = 0 by Brent's method, break-evens "
            "within the slider's range.\n"
            "- **Currencies.** USD = RUB / (RUB per USD); KZT = USD × (KZT per USD).",
            "- **Прогноз.** {baseline_kt} и {target_kt} тыс. т считаются годовыми объёмами; рост идёт от даты сообщения "
            "({report_month}) до заявленного срока ({completion}) плюс задержка, по линейной, экспоненциальной или S-образной кривой, до {target_kt} тыс. т × доля "
            "достижения, затем с заданным темпом. Месячный объём = годовой / 12.\n"
            "- **Диапазон.** 10 000 симуляций, задержка и доля достижения — из нормальных распределений вокруг значений "
            "ползунков; полоса — от 10-го до 90-го перцентиля.\n"
            "- **Контейнеры и поезда.** ФЭ (40-фут. контейнеры) = тонны / масса груза в контейнере; ДФЭ = 2 × ФЭ; поездов в неделю = ФЭ в месяц × 12 / 52 / контейнеров в поезде.\n"
            "- **Склад.** Тонн на складе = тонн в год × дни хранения / 365; нужная площадь = тонн на складе / "
            "(т на м² × коэффициент использования), в сравнении с заявленными {area} м².\n"
            "- **Двусторонние поезда.** Гружёных на запад = коэффициент обратной загрузки × на восток; в каждую сторону "
            "идёт большее число контейнеров, остальные — порожние.\n"
            "- **Экономика.** По годам, в ценах 2025 г. × индекс цен года P_y (фактический ИПЦ, затем ползунок инфляции). "
            "Аренда = {area} м² × доля под аренду × заполняемость (от начальной до 1 − вакантность за срок роста) × ставка; "
            "обработка = тариф × (гружёные ФЭ на восток и на запад) + доля × тариф × порожние ФЭ; услуги = ставка × "
            "гружёные ФЭ; расходы = постоянные × м² + переменные × все ФЭ; поддерживающие капвложения = доля × {investment_bare}. "
            "Налог на прибыль = ставка × max(0, EBITDA − амортизация ({investment_bare} / срок) − поддерживающие капвложения − "
            "зачтённые убытки прошлых лет), зачёт убытков ≤ 50 % прибыли года. Инвестиции {investment_bare} — по месяцам с {agreement_gen} до месяца цели. Остаточная "
            "стоимость = EBITDA последнего года / ставка капитализации. ЧДД = Σ поток / (1 + n)^(y − 2025), n = безрисковая "
            "ставка + премия; в реальных ценах: поток / P_y по ставке r_y = (1 + n) / (1 + π_y) − 1, где π_y — инфляция года; ЧДД тот же. ВНД и "
            "точки безубыточности — метод Брента.\n"
            "- **Валюты.** $ = ₽ / курс доллара; ₸ = $ × курс тенге к доллару.",
        ),
    }
)


# Labels of the second round's features live beside their topic; merged here, one table for Labels.
from components.present import i18n_chain, i18n_economics, i18n_network, i18n_tracking  # noqa: E402

for _topic in (i18n_chain, i18n_economics, i18n_tracking, i18n_network):
    _clash = _T.keys() & _topic.LABELS.keys()
    assert not _clash, f"label keys defined twice: {sorted(_clash)}"
    _T.update(_topic.LABELS)


#: Nouns that follow a count, in each CLDR plural form: ``{n:years}`` in a label gives «21 год», «22 года»,
#: «5 лет», «7,2 года» (a fraction takes the "other" form) and "1 year", "7.2 years".
NOUNS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "years": ({"one": "year", "other": "years"}, {"one": "год", "few": "года", "many": "лет", "other": "года"}),
    "months": (
        {"one": "month", "other": "months"},
        {"one": "месяц", "few": "месяца", "many": "месяцев", "other": "месяца"},
    ),
    "days": ({"one": "day", "other": "days"}, {"one": "день", "few": "дня", "many": "дней", "other": "дня"}),
    "times": ({"one": "×", "other": "×"}, {"one": "раз", "few": "раза", "many": "раз", "other": "раза"}),
}

#: Units of ``data/`` as a reader of each language writes them (Sources page, report README).
UNITS: dict[str, tuple[str, str]] = {
    "RUB": ("RUB", "₽"),
    "USD": ("USD", "долл. США"),
    "KZT": ("KZT", "тенге"),
    "jobs": ("jobs", "рабочих мест"),
    "m2": ("m²", "м²"),
    "ha": ("ha", "га"),
    "t": ("t", "т"),
    "t/year": ("t/year", "т/год"),
    "t/month": ("t/month", "т/мес."),
    "share": ("share", "доля"),
    "x": ("×", "раз"),
    "date": ("date", "дата"),
    "count": ("count", "шт."),
    "regions": ("regions", "регионов"),
    "people": ("people", "человек"),
    "rank": ("rank", "место"),
    "months": ("months", "мес."),
    "days": ("days", "сут."),
    "years": ("years", "лет"),
    "%/year": ("%/year", "%/год"),
    "t/FEU": ("t/FEU", "т/ФЭ"),
    "FEU/train": ("FEU/train", "ФЭ/поезд"),
    "trains/week": ("trains/week", "поездов/нед."),
    "t/m2": ("t/m²", "т/м²"),
    "RUB/m2": ("RUB/m²", "₽/м²"),
    "RUB/job": ("RUB/job", "₽ на рабочее место"),
    "RUB/m2/year": ("RUB/m²/year", "₽/м²/год"),
    "RUB/FEU": ("RUB/FEU", "₽/ФЭ"),
    "RUB/month": ("RUB/month", "₽/мес."),
    "FEU": ("FEU", "ФЭ"),
    "pct": ("%", "%"),
    "pct/year": ("%/year", "% в год"),
    "share/year": ("share/year", "доля в год"),
    "RUB/USD": ("RUB/USD", "₽/долл."),
    "KZT/USD": ("KZT/USD", "тенге/долл."),
}
UNITS.update(i18n_network.UNITS)

MINUS = "\u2212"  # «−»: negative numbers in text (not in plotly tick formats)


def _minus(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


class _Formatter(string.Formatter):
    """``str.format`` for labels: named figures from ``data/`` fill what the caller does not pass, a placeholder
    neither gives stays as written, and a noun spec (``{n:years}``) puts the count's CLDR plural form after it."""

    def __init__(self, labels: Labels):
        super().__init__()
        self.labels = labels

    def get_value(self, key, args, kwargs):  # noqa: ANN001, ANN201
        if key in kwargs:
            return kwargs[key]
        figures = _figures(self.labels.lang)
        return figures[key] if key in figures else _Kept(key)

    def format_field(self, value, format_spec):  # noqa: ANN001, ANN201
        if isinstance(value, _Kept):
            return "{" + value.key + (":" + format_spec if format_spec else "") + "}"
        if format_spec in NOUNS:
            return self.labels.count(value, format_spec)
        return super().format_field(value, format_spec)


class _Kept:
    def __init__(self, key: str):
        self.key = key


@lru_cache(maxsize=len(LANGS))
def _figures(lang: str) -> dict[str, str]:
    """Stated figures a label may name (``{target_kt}``, ``{area}``, ``{completion}``...), formatted for ``lang``,
    read from ``data/facts.csv`` so that no label repeats a figure as a literal."""
    from components.data.facts import tables  # the table loads on first use, not on import

    t, L = tables(), Labels(lang)
    completion = t.date("selyatino_completion")
    return {
        "baseline_kt": L.dec(t.fact("export_china_baseline") / 1e3),
        "target_kt": L.dec(t.fact("export_china_target") / 1e3),
        "target_t": L.num(t.fact("export_china_target")),
        "area": L.num(t.fact("selyatino_area")),
        "investment": L.money(t.fact("selyatino_investment")),
        "jobs": L.num(t.fact("selyatino_jobs")),
        "completion": L.month(completion),
        # genitive in Russian: «после апреля 2026»
        "completion_gen": format_date(pd.Timestamp(completion).date(), "MMMM yyyy", locale=lang),
        "completion_year": str(pd.Timestamp(completion).year),
        "agrohub_ha": L.dec(t.fact("agrohub_area") / 1e4),
        "regions_a": L.num(t.fact("border_regions_side_a")),
        "regions_b": L.num(t.fact("border_regions_side_b")),
        "investment_bare": L.compact(t.fact("selyatino_investment")),  # "14 bn" in a formula
        "multiple": L.num(t.fact("export_china_target") / t.fact("export_china_baseline"), 2),
        "agreement": L.month(t.date("selyatino_agreement")),
        "agreement_gen": format_date(pd.Timestamp(t.date("selyatino_agreement")).date(), "MMMM yyyy", locale=lang),
        "report_day": L.day(t.facts["as_of"].iloc[0]),
        "report_month": L.month(t.facts["as_of"].iloc[0]),
    }


class Labels:
    """Callable label lookup for one language: ``L("page_overview")``, ``L("bad_link", keys="x")``.

    Label texts name stated figures as placeholders (``{target_kt}``, ``{area}``, ``{completion}``: see
    :func:`_figures`), filled from ``data/facts.csv``; a caller's keyword wins over a figure of the same name.
    """

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "en"
        self._i = LANGS.index(self.lang)

    def __call__(self, key: str, **kw) -> str:
        pair = _T.get(key)
        text = pair[self._i] if pair else key
        return _Formatter(self).vformat(text, (), kw) if "{" in text else text

    def count(self, n: float | str, noun: str, digits: int = 1) -> str:
        """A count and its noun in the CLDR plural form: ``21 год``, ``22 года``, ``5 лет``, ``7,2 года``.

        Parameters
        ----------
        n : float or str
            The count, or the count already formatted for this language (``"7,2"``).
        noun : str
            A key of :data:`NOUNS`.
        digits : int
            Decimals shown at most when ``n`` is a number (trailing zeros dropped).

        Returns
        -------
        str
            The number as shown, a no-break space, the noun in the form the shown number takes.
        """
        if isinstance(n, str):
            text = n
            try:
                shown = parse_decimal(n.replace(MINUS, "-"), locale=self.lang, strict=False)
            except (NumberFormatError, InvalidOperation):
                shown = Decimal(0)
        else:
            text = _minus(format_decimal(round(float(n), digits), format="#,##0." + "#" * digits, locale=self.lang))
            shown = Decimal(str(round(float(n), digits)))
        shown = abs(shown)
        if shown == shown.to_integral_value():
            shown = int(shown)  # "7" is a whole number ("many": 7 лет), "7.0" would read as a fraction
        forms = NOUNS[noun][self._i]
        form = Locale(self.lang).plural_form(shown)
        return f"{text}\u00a0{forms.get(form, forms['other'])}"

    def unit(self, unit: str) -> str:
        """A unit of ``data/`` as this language writes it: ``m2`` → ``m²`` / ``м²``, ``t/year`` → ``т/год``."""
        return UNITS.get(unit, (unit, unit))[self._i]

    # numbers ---------------------------------------------------------------------------------
    def num(self, x: float, digits: int = 0) -> str:
        """``1,500`` / ``1 500``; NaN as an em dash."""
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return "—"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return _minus(format_decimal(x, format=pattern, locale=self.lang))

    def dec(self, x: float) -> str:
        """Up to two decimals, trailing zeros dropped: ``6``, ``0.85`` / ``0,85``, ``70,600``."""
        return _minus(format_decimal(round(x, 2), format="#,##0.##", locale=self.lang))

    def pct(self, share: float, digits: int = 0) -> str:
        """A share as a percentage: ``40%`` / ``40 %``."""
        return self.num(share * 100, digits) + ("\u00a0%" if self.lang == "ru" else "%")

    _SCALES = ((1e9, ("bn", "млрд")), (1e6, ("mn", "млн")), (1e3, ("thousand", "тыс.")))
    _CUR = {"RUB": ("RUB", "₽"), "USD": ("USD", "$"), "KZT": ("KZT", "₸")}

    def compact(self, x: float, digits: int = 2) -> str:
        """``14 bn`` / ``14 млрд``, ``9.33 mn`` / ``9,33 млн``; trailing zeros dropped."""
        for size, words in self._SCALES:
            if abs(x) >= size:
                body = format_decimal(round(x / size, digits), format="#,##0." + "#" * digits, locale=self.lang)
                return f"{_minus(body)}\u00a0{words[self._i]}"
        return _minus(format_decimal(round(x, digits), format="#,##0." + "#" * digits, locale=self.lang))

    def money(self, x: float, currency: str = "RUB", digits: int = 2) -> str:
        """``14 bn RUB`` / ``14 млрд ₽``."""
        return f"{self.compact(x, digits)}\u00a0{self.cur(currency)}"

    def cur(self, currency: str) -> str:
        return self._CUR.get(currency, (currency, currency))[self._i]

    def tonnes(self, x: float) -> str:
        """``180 kt`` / ``180 тыс. т``; ``1.2 Mt`` / ``1,2 млн т``."""
        for size, words in ((1e6, ("Mt", "млн\u00a0т")), (1e3, ("kt", "тыс.\u00a0т"))):
            if abs(x) >= size:
                body = format_decimal(round(x / size, 1), format="#,##0.#", locale=self.lang)
                return f"{_minus(body)}\u00a0{words[self._i]}"
        return f"{self.num(x)}\u00a0{'t' if self.lang == 'en' else 'т'}"

    def scale(self, values) -> tuple[float, str]:
        """Divisor and word that keep an axis of money readable: (1e9, 'bn') / (1e6, 'млн')."""
        top = max((abs(float(v)) for v in values), default=0.0)
        for size, words in self._SCALES:
            if top >= size:
                return size, words[self._i]
        return 1.0, ""

    def month(self, day: dt.date | pd.Timestamp | None) -> str:
        """``April 2026`` / ``апрель 2026``."""
        if day is None or pd.isna(day):
            return "—"
        return format_date(pd.Timestamp(day).date(), "LLLL yyyy", locale=self.lang)

    def date(self, day: dt.date | pd.Timestamp | None, precision: str = "day") -> str:
        """A date as precise as its source gives it: ``June 2024`` / ``июнь 2024`` for a month,
        ``10 September 2025`` / ``10 сентября 2025 г.`` for a day."""
        if day is None or pd.isna(day):
            return "—"
        return self.month(day) if precision == "month" else self.day(day)

    def day(self, day: dt.date | pd.Timestamp) -> str:
        """``10 September 2025`` (en-GB, not the US ``September 10, 2025``) / ``10 сентября 2025 г.``."""
        return format_date(pd.Timestamp(day).date(), "long", locale="en_GB" if self.lang == "en" else self.lang)

    # plotly ----------------------------------------------------------------------------------
    @property
    def separators(self) -> str:
        """Plotly's ``layout.separators``: decimal mark, then thousands mark."""
        return ", " if self.lang == "ru" else ".,"

    @property
    def date_tickformat(self) -> str:
        """Axis format that needs no plotly.js locale bundle: ``Apr 2026`` or ``04.2026``."""
        return "%m.%Y" if self.lang == "ru" else "%b %Y"
