"""Labels (English, Russian) of today, tracking against actuals, saved actuals and scenarios; merged into :mod:`components.present.i18n`.

Also three helpers for these labels: CLDR plurals through babel, and signed percentages and tonnes with «−».
"""

from __future__ import annotations

from babel import Locale

_MONTHS = {
    "one": ("{n} month", "{n} месяц"),
    "few": ("{n} months", "{n} месяца"),
    "many": ("{n} months", "{n} месяцев"),
    "other": ("{n} months", "{n} месяца"),
}
_AGO = {
    "one": ("{n} month ago", "{n} месяц назад"),
    "few": ("{n} months ago", "{n} месяца назад"),
    "many": ("{n} months ago", "{n} месяцев назад"),
    "other": ("{n} months ago", "{n} месяца назад"),
}

LABELS: dict[str, tuple[str, str]] = {
    **{f"trk_months_{k}": v for k, v in _MONTHS.items()},
    **{f"trk_months_ago_{k}": v for k, v in _AGO.items()},
    # today on charts
    "today_line": ("today, {day}", "сегодня, {day}"),
    # public figures on the export chart and the Sources page
    "public_marker": (
        "Public figure: region's total (not the hub's flow)",
        "Публичные данные: вся область (не поток хаба)",
    ),
    "public_hover": (
        "{what}, {period}: {bound} {value} a year = {month} a month on average. The region's total "
        "exports, not the hub's own flow. Source: {source} ({rel} reliability).",
        "{what}, {period}: {bound} {value} в год = {month} в месяц в среднем. Весь экспорт области, "
        "а не поток хаба. Источник: {source} (надёжность {rel}).",
    ),
    "public_footnote": (
        "Triangles: a published regional total for a whole year, drawn as its monthly average "
        "(not the hub's own flow).",
        "Треугольники: опубликованный итог по области за год, показан как среднемесячный (не поток хаба).",
    ),
    "season_footnote": (
        "Months follow the seasonal profile ‘{profile}’ (plan: ‘{plan}’), and so does the band.<br>"
        "Diamonds: annual figures ÷ 12; the annual rate is in the hover and in the downloaded data.",
        "Месяцы — по сезонному профилю «{profile}» (план — «{plan}»), диапазон распределён так же.<br>"
        "Ромбы — годовые значения ÷ 12; годовой объём — в подсказке и в скачанных данных.",
    ),
    "rate_hover": ("annual rate, t/year:", "годовой объём, т/год:"),
    "bound_over": ("over", "более"),
    "bound_under": ("under", "менее"),
    "bound_about": ("about", "около"),
    "bound_exact": ("", ""),
    "src_public": ("Other public figures", "Другие публичные данные"),
    "src_public_intro": (
        "Figures published since the report by other sources. They describe the region or the "
        "country, not the hub's own flow; reliability: H official or operator, M press or "
        "industry, L weak, derived = computed from other figures.",
        "Цифры, опубликованные после сообщения другими источниками. Они относятся к области или "
        "стране, а не к потоку хаба; надёжность: H — официальные данные или оператор, M — пресса "
        "или отрасль, L — слабый источник, «расчёт» — вычислено из других цифр.",
    ),
    "col_period": ("Period", "Период"),
    "col_published": ("Published", "Опубликовано"),
    "col_bound": ("Bound", "Граница"),  # col_reliability: i18n_chain
    # As of today
    "asof_title": ("As of {day}", "По состоянию на {day}"),
    "asof_months": (" (January–{last})", " (январь — {last})"),
    "asof_rate": ("Stated plan: annual rate now", "План: годовой объём сейчас"),
    "asof_scenario": ("your scenario: {v}", "ваш сценарий: {v}"),
    "asof_rate_help": (
        "The annual rate the stated plan (and, below, your scenario) expects in {month}: "
        "{target_kt} kt/year from {completion} in the plan.",
        "Годовой объём, который план (и ниже — ваш сценарий) ожидает сейчас ({month}). "
        "План: {target_kt} тыс. т/год, срок — {completion}.",
    ),
    "asof_ytd": ("Stated plan: tonnes in {year} so far", "План: объём за {year} год на сегодня"),
    "asof_ytd_help": (
        "Sum of the monthly tonnes the plan and the scenario expect from January to the last "
        "complete month, each month by its seasonal profile (the plan's is the default one), so the "
        "harvest months weigh more.",
        "Сумма месячных объёмов плана и сценария с января по последний "
        "завершённый месяц с учётом сезонного профиля (у плана — профиль по умолчанию): месяцы урожая "
        "весят больше.",
    ),
    "asof_completion": ("Stated completion, {month}", "Заявленный срок: {month}"),
    "asof_passed": ("passed {n}", "истёк {n}"),
    "asof_this_month": ("this month", "в этом месяце"),
    "asof_ahead": ("in {n}", "через {n}"),
    "asof_completion_help": (
        "The report of {report_day} said the works would be finished by {completion}.",
        "В сообщении от {report_day} заявлен срок окончания работ: {completion}.",
    ),
    "asof_actual": ("Actual, {n} uploaded", "Факт, загружено: {n}"),
    "asof_gap": (
        "Actual this year, {n} uploaded: **{v}**, that is **{plan}** against the stated plan and **{scen}** "
        "against your scenario over the same months.",
        "Факт за этот год, загружено {n}: **{v}**, это **{plan}** к заявленному плану и **{scen}** к вашему "
        "сценарию за те же месяцы.",
    ),
    "asof_actual_help": (
        "Uploaded tonnes this year, compared with the plan and the scenario over the same months.",
        "Загруженный факт за этот год в сравнении с планом и сценарием за те же месяцы.",
    ),
    "asof_actual_none": ("Actual in {year}: no month uploaded", "Факт за {year} год: месяцев нет"),
    "asof_no_actuals": ("Actual volumes", "Фактические объёмы"),
    "asof_no_actuals_help": (
        "Upload monthly actuals on the Export projections page to compare them here.",
        "Загрузите месячный факт на странице «Прогноз экспорта», чтобы сравнить его здесь.",
    ),
    "asof_rate_gap": (
        "Actual 12 months to {month}: **{v}**, that is **{plan}** against the plan's annual rate now and "
        "**{scen}** against your scenario's.",
        "Факт за 12 месяцев по {month}: **{v}**, это **{plan}** к нынешнему годовому объёму плана и "
        "**{scen}** к вашему сценарию.",
    ),
    # tracking
    "trk_year_help": (
        "Sum of the {n} of this year uploaded, up to {month}.",
        "Сумма загруженных месяцев этого года ({n}) по {month}.",
    ),
    "trk_12m": ("Last 12 months, to {month}", "За 12 месяцев по {month}"),
    "trk_12m_help": (
        "Sum of the 12 months up to the latest uploaded one: a whole year, so a harvest peak does not "
        "pass for the annual rate. The target is reached when this sum is at least {target}.",
        "Сумма 12 месяцев по последний загруженный: целый год, поэтому пик урожая не выдаётся за "
        "годовой объём. Цель достигнута, когда эта сумма не меньше {target}.",
    ),
    "trk_12m_missing": ("{n} missing: not a full year yet", "не хватает: {n}, это ещё не год"),
    "trk_12m_reached": ("{target_kt} kt/year reached in {month}", "{target_kt} тыс. т/год достигнуты: {month}"),
    "trk_12m_share": ("{share} of {target_kt} kt", "{share} от {target_kt} тыс. т"),
    "trk_pace": ("Pace, year on year", "Темп год к году"),
    "trk_per_year": ("{v} year on year", "{v} г/г"),
    "trk_pace_none": ("needs 13 months", "нужно 13 месяцев данных"),
    "trk_pace_help_12m": (
        "The 12 months to {month} against the 12 months before them.",
        "12 месяцев по {month} в сравнении с 12 месяцами до них.",
    ),
    "trk_pace_help_month": (
        "{month} against the same month a year earlier (a full 12-month comparison needs 24 months).",
        "{month} в сравнении с тем же месяцем годом ранее (для сравнения по 12 месяцев нужно 24 месяца данных).",
    ),
    "trk_pace_help_none": (
        "Growth is measured year on year, never between neighbouring months (the season moves "
        "them); it needs a month and the same month a year earlier.",
        "Рост считается год к году, а не между соседними месяцами (их двигает сезон); нужен "
        "месяц и тот же месяц годом ранее.",
    ),
    "trk_needed": ("Growth needed to reach the target on time", "Нужный рост для цели в срок"),
    "trk_needed_help": (
        "Growth a year of the 12-month sum from the latest uploaded month to {rate} in {month} "
        "(the scenario's target and month).",
        "Годовой рост суммы 12 месяцев, нужный, чтобы от последнего загруженного месяца выйти на "
        "{rate} (цель сценария), срок — {month}.",
    ),
    "trk_needed_passed": ("target date passed {n}", "срок истёк {n}"),
    "trk_needs_12": ("needs 12 months", "нужно 12 месяцев данных"),
    "trk_reached_in": (
        "The 12-month sum first reached {target_kt} kt in {month}.",
        "Сумма 12 месяцев впервые достигла {target_kt} тыс. т: {month}.",
    ),
    "trk_reach_at_pace": (
        "At this year-on-year pace the 12-month sum reaches {target_kt} kt in {month}.",
        "При нынешнем темпе год к году сумма 12 месяцев достигнет {target_kt} тыс. т; срок — {month}.",
    ),
    "trk_reach_unknown": (
        "When {target_kt} kt/year is reached cannot be said yet: that needs a full year and a pace.",
        "Когда будут достигнуты {target_kt} тыс. т/год, пока сказать нельзя: нужны полный год "
        "данных и темп год к году.",
    ),
    "trk_last_zero": (
        "The latest month, {month}, shows 0 t. If its figures are not in yet, remove that row: it "
        "counts as 0 in the 12-month sum.",
        "Последний месяц, {month}, — 0 т. Если данных за него ещё нет, удалите эту строку: в сумме "
        "12 месяцев она считается нулём.",
    ),
    "trk_last_running": (
        "The latest month, {month}, is still running: its tonnes are likely incomplete.",
        "Последний месяц, {month}, ещё не закончился: данные за него, скорее всего, неполные.",
    ),
    "trk_last_stale": (
        "The latest uploaded month is {month}; {n} since then not uploaded.",
        "Последний загруженный месяц — {month}; после него не загружено: {n}.",
    ),
    "trk_fit_too_few": (
        "A scenario is fitted only to at least {need} uploaded months from {report_month} on; this upload has {n}.",
        "Для подбора сценария нужно не меньше {need} загруженных месяцев начиная с месяца "
        "сообщения ({report_month}); в файле — {n}.",
    ),
    "trk_apply_fit": (
        "Apply the scenario fitted to actuals: delay {delay}, {att} of target",
        "Применить сценарий по факту: задержка {delay}, {att} цели",
    ),
    "trk_fit_quality": (
        "How well it fits: a typical miss of {miss} a month, {share} of the average month, over "
        "{n} months ({verdict}).",
        "Качество подбора: типичное отклонение — {miss} в месяц ({share} среднего месяца) по {n} мес.; {verdict}.",
    ),
    "trk_fit_season": (
        "Each month is compared with the same month of the curve, spread by the seasonal profile ‘{profile}’.",
        "Каждый месяц сравнивается с тем же месяцем кривой с учётом сезонного профиля «{profile}».",
    ),
    "trk_fit_close": ("a close fit", "совпадение хорошее"),
    "trk_fit_rough": ("a rough fit", "совпадение приблизительное"),
    "trk_fit_loose": (
        "a loose fit: the plan's curve does not describe these months well",
        "совпадение слабое: кривая плана плохо описывает эти месяцы",
    ),
    "trk_fit_edge": (
        "The fit landed on the {end} of the slider ‘{what}’: the best value may lie beyond it, so "
        "read it as a bound, not an estimate.",
        "Подбор упёрся в {end} ползунка «{what}»: лучшее значение может лежать за ним, считайте "
        "его границей, а не оценкой.",
    ),
    "trk_edge_min": ("lower end", "нижнюю границу"),
    "trk_edge_max": ("upper end", "верхнюю границу"),
    "trk_directions": ("Directions counted", "Какие направления учитывать"),
    "trk_directions_help": (
        "The file has a direction column. By default only exports to China count; choose what counts.",
        "В файле есть столбец направления. По умолчанию учитывается только экспорт в Китай; выберите, что учитывать.",
    ),
    "trk_no_china": (
        "No row names China, so every direction is counted; choose what counts.",
        "Ни одна строка не указывает Китай, поэтому учтены все направления; выберите нужные.",
    ),
    "trk_nothing_counted": (
        "No direction is chosen, so no month is counted.",
        "Не выбрано ни одного направления, поэтому ни один месяц не учтён.",
    ),
    "trk_all_rows_counted": (
        "The file has no direction column: every row was counted ({n} rows).",
        "В файле нет столбца направления: учтены все строки ({n}).",
    ),
    "direction_blank": ("(direction not stated)", "(направление не указано)"),
    # saved items
    "store_title": ("Save and share", "Сохранить и поделиться"),
    "store_save_actuals": ("Save these actuals and get a link", "Сохранить факт и получить ссылку"),
    "store_save_actuals_help": (
        "Keeps the monthly series, the file's name, size and SHA-256 and the upload time on "
        "the server. Anyone with the link can see them.",
        "Сохраняет на сервере помесячный ряд, имя, размер и SHA-256 файла и время загрузки. "
        "Их увидит любой, у кого есть ссылка.",
    ),
    "store_actuals_link": (
        "Saved: ‘{name}’. This link opens these actuals with the plan (copy it):",
        "Сохранено: «{name}». Эта ссылка откроет этот факт вместе с планом (скопируйте её):",
    ),
    "store_counted": ("Counted: {what}.", "Учтено: {what}."),
    "store_delete_actuals": ("Delete the saved actuals", "Удалить сохранённый факт"),
    "store_scenario_name": ("Scenario name", "Название сценария"),
    "store_scenario_placeholder": ("e.g. Budget case, 6 months late", "например, Бюджет, задержка 6 мес."),
    "store_save_scenario": ("Save scenario", "Сохранить"),
    "store_scenario_saved": ("Scenario ‘{name}’ saved.", "Сценарий «{name}» сохранён."),
    "store_scenario_link": ("Link to ‘{name}’ (copy it):", "Ссылка на «{name}» (скопируйте её):"),
    "store_scenario_opened": (
        "Opened the saved scenario ‘{name}’: the sliders show it.",
        "Открыт сохранённый сценарий «{name}»: ползунки показывают его.",
    ),
    "store_scenario_outdated": (
        "The saved scenario has values the sliders no longer allow; your scenario is unchanged.",
        "В сохранённом сценарии есть значения вне нынешних диапазонов ползунков; ваш сценарий не изменён.",
    ),
    "store_name_needed": ("Give the scenario a name first.", "Сначала назовите сценарий."),
    "store_recent": ("Saved or opened in this browser", "Сохранено или открыто в этом браузере"),
    "store_recent_none": ("Nothing yet.", "Пока ничего."),
    "store_kind_actuals": ("Actuals", "Факт"),
    "store_kind_scenario": ("Scenario", "Сценарий"),
    "store_delete": ("Delete", "Удалить"),
    "store_deleted": ("Deleted. Its link now says so.", "Удалено. Ссылка теперь сообщает об этом."),
    "store_privacy": (
        "A saved item has a random 30-character id: it cannot be guessed or listed, but anyone with "
        "its link can open it. Do not save what only you may see.",
        "У сохранённого — случайный идентификатор из 30 символов: его нельзя угадать или найти в "
        "списке, но ссылку может открыть любой, у кого она есть. Не сохраняйте то, что должны "
        "видеть только вы.",
    ),
    "store_unavailable": (
        "Saving is unavailable: the database does not answer. Everything else works; try again later.",
        "Сохранение недоступно: база данных не отвечает. Остальное работает; попробуйте позже.",
    ),
    "store_full": (
        "The database is full: nothing more can be saved. Everything else works.",
        "База данных заполнена: сохранить больше нельзя. Остальное работает.",
    ),
    "store_limit_rate": (
        "This browser has saved {n} items in the last hour, the limit; try again later.",
        "Из этого браузера за последний час сохранено {n} — это предел; попробуйте позже.",
    ),
    "store_limit_rows": ("Too long to save: at most {n} months.", "Слишком длинный ряд: не больше {n} месяцев."),
    "store_limit_bytes": ("Too large to save: at most {n} bytes.", "Слишком большой объём: не больше {n} байт."),
    "store_limit_name": ("A name of 1 to {n} characters, please.", "Название — от 1 до {n} символов."),
    "store_not_found_deleted": (
        "The saved item of this link was deleted. The dashboard shows your scenario without it.",
        "Сохранённое по этой ссылке удалено. Дашборд показывает ваш сценарий без него.",
    ),
    "store_not_found_unknown": (
        "Nothing is saved under this link's id (it may be mistyped). The dashboard shows your scenario without it.",
        "По идентификатору из ссылки ничего не сохранено "
        "(возможно, он искажён). Дашборд показывает ваш сценарий без него.",
    ),
    "store_not_found_malformed": (
        "The link's id is not one this dashboard gives out (it was altered). The "
        "dashboard shows your scenario without it.",
        "Идентификатор в ссылке не похож на выданный дашбордом (ссылка изменена). Дашборд "
        "показывает ваш сценарий без него.",
    ),
}


def plural(L, n: float, base: str) -> str:  # noqa: ANN001 - a Labels
    """``base`` in the CLDR plural form of ``n`` for the page's language: ``7 месяцев``, ``1 month``."""
    if float(n).is_integer():
        n = int(n)
    form = Locale(L.lang).plural_form(abs(n))
    if f"{base}_{form}" not in LABELS:
        form = "other"
    return L(f"{base}_{form}", n=L.num(n))


def signed_pct(L, share: float, digits: int = 0) -> str:  # noqa: ANN001
    """``+12%`` / ``−3 %`` (a true minus sign)."""
    text = L.pct(abs(share), digits)
    return ("−" if share < 0 and text.strip("0%\u00a0,.") else "+") + text


def signed_tonnes(L, x: float | None) -> str:  # noqa: ANN001
    """``+12.3 kt`` / ``−4,5 тыс. т``; ``—`` when unknown."""
    if x is None:
        return "—"
    return ("−" if x < 0 else "+") + L.tonnes(abs(x))
