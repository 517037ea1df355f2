"""Labels (English, Russian) of the corridor network: crossings shared with other shippers, waiting, door-to-door,
fleet, the map, the network's sliders and its tables; merged into :mod:`components.present.i18n`."""

from __future__ import annotations

#: Units of the network's assumptions as each language writes them (merged into ``i18n.UNITS``).
UNITS: dict[str, tuple[str, str]] = {
    "RUB/FEU/day": ("RUB/FEU/day", "₽/ФЭ в сутки"),
    "km/day": ("km/day", "км/сут."),
    "switch": ("1 = yes, 0 = no", "1 — да, 0 — нет"),
    "weeks": ("weeks", "нед."),
    "trains/day": ("trains/day", "поездов/сут."),
    "km": ("km", "км"),
    "FEU/day": ("FEU/day", "ФЭ/сут."),
    "Mt": ("Mt", "млн т"),
}

LABELS: dict[str, tuple[str, str]] = {
    # sidebar: the group, the episode choice, the sliders
    "group_network": ("Corridor network: crossings and waiting", "Сеть коридора: погранпереходы и ожидание"),
    "episodes": ("China-side acceptance cuts", "Ограничения приёма китайской стороной"),
    "episodes_help": (
        "Cuts of acceptance and inspection holds at the crossings (corridor research, §1.5), replayed on their calendar "
        "dates every year. Typical year: 1–2 episodes between September and January; their depth and length are "
        "the two sliders at the end of this group.",
        "Сокращения приёма и досмотровые задержки на погранпереходах (исследование коридора, §1.5), повторяются в те же "
        "календарные даты каждый год. Типичный год: 1–2 эпизода с сентября по январь; их глубина и длительность — "
        "два последних ползунка этой группы.",
    ),
    "episodes_typical": (
        "Typical year (1–2 episodes, September–January)",
        "Типичный год (1–2 эпизода, сентябрь–январь)",
    ),
    "episodes_none": ("No episodes", "Без эпизодов"),
    "episodes_altynkol_oct2025": (
        "Altynkol grain testing (October 2025)",
        "Проверка зерна на Алтынколе (октябрь 2025 г.)",
    ),
    "episodes_dostyk_sep2023": (
        "Dostyk slow acceptance (September 2023)",
        "Медленный приём на Достыке (сентябрь 2023 г.)",
    ),
    "episodes_dostyk_aug2024": (
        "Dostyk container trains refused (August–November 2024)",
        "Отказ в приёме контейнерных поездов на Достык (август–ноябрь 2024 г.)",
    ),
    "episodes_alashankou_2021": (
        "Alashankou COVID controls (August–November 2021)",
        "Ковидные ограничения на Алашанькоу (август–ноябрь 2021 г.)",
    ),
    "episodes_khorgos_mar2023": (
        "Khorgos loading suspended (March 2023)",
        "Приостановка погрузки в Хоргосе (март 2023 г.)",
    ),
    "episodes_jul2022": (
        "Emergency suspension at both crossings (July 2022)",
        "Экстренная приостановка на обоих переходах (июль 2022 г.)",
    ),
    "a_bg_growth_pct": ("Growth of other shippers' traffic, %/year", "Рост трафика других грузоотправителей, %/год"),
    "a_dostyk_attainment": (
        "Dostyk: share of the capacity expansion plan reached",
        "Достык: доля выполнения плана расширения пропускной способности",
    ),
    "a_altynkol_acceptance": (
        "Altynkol: China-side acceptance, multiple of the estimated ramp (×)",
        "Алтынколь: приём китайской стороной, множитель к оценочному росту (×)",
    ),
    "a_kingman_v": (
        "Variability of arrivals and hand-over, V (Kingman)",
        "Неравномерность прибытия и передачи V (формула Кингмана)",
    ),
    "a_bakhty_open": (
        "Bakhty–Tacheng crossing opens (1 = yes, 0 = no)",
        "Открытие погранперехода Бахты — Тачэн (1 — да, 0 — нет)",
    ),
    "a_bakhty_share": (
        "Share of other shippers' traffic that moves to Bakhty",
        "Доля трафика других грузоотправителей, уходящая на Бахты",
    ),
    "a_rho0_dostyk": ("Dostyk: utilisation by other shippers in 2025", "Достык: загрузка фоновым трафиком в 2025 г."),
    "a_rho0_altynkol": (
        "Altynkol: utilisation by other shippers in 2025",
        "Алтынколь: загрузка фоновым трафиком в 2025 г.",
    ),
    "a_dostyk_share": (
        "Share of this flow's trains via Dostyk (the rest via the Agrohub and Altynkol)",
        "Доля поездов потока через Достык (остальные — через Агрохаб и Алтынколь)",
    ),
    "a_slots_per_week": (
        "Contracted train slots a week (a hard cap)",
        "Контрактные нитки графика в неделю (жёсткий предел)",
    ),
    "a_reload_dry": (
        "Dry boxes reloaded from inbound Chinese boxes, share",
        "Доля сухих контейнеров, загружаемых из прибывших из Китая",
    ),
    "a_reload_reefer": (
        "Reefers reloaded from inbound boxes, share",
        "Доля рефконтейнеров, загружаемых из прибывших",
    ),
    "a_wait_cost_dry": (
        "Waiting cost of a loaded dry box, RUB/FEU a day",
        "Стоимость ожидания гружёного сухого контейнера, ₽/ФЭ в сутки",
    ),
    "a_wait_cost_reefer": (
        "Waiting cost of a loaded reefer, RUB/FEU a day",
        "Стоимость ожидания гружёного рефконтейнера, ₽/ФЭ в сутки",
    ),
    "a_speed_km_day": ("Train running speed, km/day", "Маршрутная скорость поезда, км/сут."),
    "a_processing_days": (
        "Processing at a crossing without a queue, days",
        "Обработка на погранпереходе без очереди, сут.",
    ),
    "a_china_station_days": (
        "Time at the Chinese border station, days",
        "Время на китайской пограничной станции, сут.",
    ),
    "a_terminal_days": ("Terminals and first/last mile, days", "Терминалы и первая/последняя миля, сут."),
    "a_agrohub_days": ("Stop at the Agrohub (Altynkol path), days", "Стоянка в Агрохабе (путь через Алтынколь), сут."),
    "a_typical_episode_depth": (
        "Depth of a typical acceptance cut, share of capacity",
        "Глубина типичного ограничения приёма, доля пропускной способности",
    ),
    "a_typical_episode_weeks": ("Length of a typical episode, weeks", "Длительность типичного эпизода, нед."),
    # names
    "cr_dostyk": ("Dostyk", "Достык"),
    "cr_altynkol": ("Altynkol", "Алтынколь"),
    "cr_bakhty": ("Bakhty", "Бахты"),
    "crl_dostyk": ("Dostyk–Alashankou", "Достык — Алашанькоу"),
    "crl_altynkol": ("Altynkol–Khorgos", "Алтынколь — Хоргос"),
    "crl_bakhty": ("Bakhty–Tacheng", "Бахты — Тачэн"),
    "path_dostyk": ("via Moyynty–Aktogay and Dostyk", "через Мойынты — Актогай и Достык"),
    "path_altynkol": ("via Zhetygen, the Agrohub and Altynkol", "через Жетыген, Агрохаб и Алтынколь"),
    # heatmap
    "chart_net_heat": (
        "Crossings: utilisation by other shippers and this flow, by month",
        "Загрузка погранпереходов: фоновый трафик и этот поток по месяцам",
    ),
    "net_heat_colorbar": ("Utilisation", "Загрузка"),
    "net_full_tick": ("100% = capacity", "100\u00a0% — пропускная способность"),
    "net_over_mark": (
        "100% and over: more trains than the crossing hands over, a queue builds",
        "100\u00a0% и выше: поездов больше, чем передаётся, растёт очередь",
    ),
    "net_heat_hover": (
        "<b>{crossing}, {month}</b><br>total: {total} of capacity ({cap} trains/day)<br>"
        "other shippers: {bg}<br>this flow: +{fl} points<br>capacity lost to episodes: {cut}<br>{src}",
        "<b>{crossing}, {month}</b><br>всего: {total} пропускной способности ({cap} поездов/сут.)<br>"
        "фоновый трафик: {bg}<br>этот поток: +{fl} п.\u00a0п.<br>потеря из-за эпизодов: {cut}<br>{src}",
    ),
    "net_heat_closed": ("<b>{crossing}, {month}</b><br>not open yet", "<b>{crossing}, {month}</b><br>ещё не открыт"),
    "month_axis": ("Month", "Месяц"),
    "footnote_net_heat": (
        "Utilisation = (other shippers' trains + this flow's trains) ÷ eastbound capacity after acceptance cuts. "
        "Other shippers' traffic is calibrated from independent counts; capacities by year. Sources: the Sources and method page.",
        "Загрузка = (поезда других грузоотправителей + поезда потока) ÷ пропускная способность в сторону Китая "
        "за вычетом ограничений приёма. Фоновый трафик откалиброван по независимым данным; мощности — по годам. "
        "Источники — на странице «Источники и методика».",
    ),
    "alt_net_heat": (
        "Heatmap of utilisation of {n} crossings over {m} months; highest: {crossing}, {month}, {pct}.",
        "Тепловая карта загрузки {n} погранпереходов за {m} мес.; максимум: {crossing}, {month}, {pct}.",
    ),
    "net_heat_src": ("Capacity: {src}", "Пропускная способность: {src}"),
    # waiting chart
    "chart_net_wait": (
        "Waiting before hand-over at each crossing, by month",
        "Ожидание передачи на погранпереходах по месяцам",
    ),
    "wait_axis": ("Waiting, days", "Ожидание, сут."),
    "wait_selyatino": ("Selyatino: waiting for a contracted slot", "Селятино: ожидание контрактной нитки"),
    "wait_episode": ("▲ and shading: acceptance cut (episode)", "▲ и заливка: ограничение приёма (эпизод)"),
    "wait_hover": (
        "{days} (queue formula {kq}, carried-over backlog {kb})",
        "{days} (формула Кингмана {kq}, накопленная очередь {kb})",
    ),
    "wait_episode_hover": (
        "<b>{name}</b><br>{crossing}, {start} – {end}: capacity cut by {depth}",
        "<b>{name}</b><br>{crossing}, {start} – {end}: пропускная способность снижена на {depth}",
    ),
    "wait_hover_sel": ("{days} waiting for a slot", "{days} ожидания нитки"),
    "footnote_net_wait": (
        "Waiting = Kingman's approximation V·ρ/(1−ρ)/μ plus a backlog carried from month to month when ρ ≥ 1 or "
        "during an episode. Shaded: months with an acceptance cut at that crossing (corridor research, §1.5, §7).",
        "Ожидание = приближение Кингмана V·ρ/(1−ρ)/μ плюс очередь, переходящая из месяца в месяц при ρ ≥ 1 или "
        "во время эпизода. Заливка — месяцы с ограничением приёма на переходе (исследование коридора, §1.5, §7).",
    ),
    "alt_net_wait": (
        "Line chart of waiting days by crossing; longest for this flow: {crossing}, {month}, {days}.",
        "Линии ожидания по погранпереходам, сут.; дольше всего поток ждёт: {crossing}, {month}, {days}.",
    ),
    # sensitivity
    "chart_net_sens": (
        "Which uncertain input moves the longest wait most",
        "Какое неопределённое допущение сильнее всего меняет самое долгое ожидание",
    ),
    "net_sens_axis": ("Longest wait of this flow, days", "Самое долгое ожидание потока, сут."),
    "net_sens_axis_log": ("Longest wait, days (log scale)", "Самое долгое ожидание, сут. (лог. шкала)"),
    "net_sens_low": ("input at the low end of its range", "допущение на нижней границе диапазона"),
    "net_sens_high": ("input at the high end of its range", "допущение на верхней границе диапазона"),
    "net_sens_base": ("scenario: {days}", "сценарий: {days}"),
    "net_sens_hover": ("{input} = {value}: longest wait {days}", "{input} = {value}: самое долгое ожидание {days}"),
    "footnote_net_sens": (
        "Each input at the ends of its range in the assumptions table, the others as set.",
        "Каждое допущение на краях своего диапазона из таблицы допущений, прочие — как заданы.",
    ),
    "alt_net_sens": (
        "Dot plot of the longest wait with each input at the ends of its range; the largest swing: {input}, "
        "from {lo} to {hi}.",
        "Точки самого долгого ожидания при каждом допущении на краях диапазона; сильнее всего влияет {input}: "
        "от {lo} до {hi}.",
    ),
    # cards
    "k_wait": ("Longest wait of this flow", "Самое долгое ожидание потока"),
    "k_wait_delta": ("{crossing} · {month}", "{crossing} · {month}"),
    "k_wait_sentence": (
        "This flow waits longest at {crossing} {when}: {days} on average before hand-over to China.",
        "Дольше всего поток ждёт на погранпереходе {crossing} {when}: в среднем {days} до передачи в Китай.",
    ),
    "k_wait_explain": (
        "{crossing} {when}: other shippers' traffic {bg} of capacity, this flow +{fl} points; waiting {days}.",
        "{crossing} {when}: фоновый трафик — {bg} пропускной способности, этот поток — ещё +{fl} п.\u00a0п.; "
        "ожидание {days}.",
    ),
    "k_wait_sentence_hub": (
        "This flow waits longest at Selyatino for a contracted train slot {when}: {days} on average.",
        "Дольше всего поток ждёт контрактную нитку в Селятино {when}: в среднем {days}.",
    ),
    "wait_at_selyatino": ("Selyatino (slot)", "Селятино (нитка)"),
    "h_wait": (
        "Waiting = Kingman's approximation plus a backlog carried from month to month, for the crossings this flow "
        "uses. Capacity: {cap_src}. Other shippers: {bg_src}",
        "Ожидание = приближение Кингмана плюс очередь, переходящая из месяца в месяц, на погранпереходах потока. "
        "Пропускная способность: {cap_src}. Фоновый трафик: {bg_src}",
    ),
    "k_selyatino": ("Longest wait for a slot at Selyatino", "Самое долгое ожидание нитки в Селятино"),
    "k_selyatino_delta": ("contracted slots a week: {n}", "контрактных ниток в неделю: {n}"),
    "h_selyatino": (
        "Trains above the contracted slots wait at Selyatino and leave when a slot is free; the slots are a cap on "
        "this flow, never part of a crossing's utilisation. {src}",
        "Поезда сверх контрактных ниток ждут в Селятино и уходят, когда нитка свободна; нитки ограничивают поток и "
        "не входят в загрузку погранперехода. {src}",
    ),
    "k_d2d": ("Door to door Selyatino → Xi'an {path}", "От двери до двери Селятино → Сиань {path}"),
    "k_d2d_delta": ("by month: {lo}–{hi}", "по месяцам: {lo}–{hi}"),
    "h_d2d": (
        "Rail {km} km ÷ speed + processing and waiting at the crossing + Chinese border station + terminals "
        "(+ the Agrohub stop on the Altynkol path) + waiting for a slot. Shown: the median month of {year}. "
        "Cited range in a normal month: 10–20 days (corridor research, §4).",
        "Ж/д {km} км ÷ скорость + обработка и ожидание на погранпереходе + китайская пограничная станция + терминалы "
        "(+ стоянка в Агрохабе на пути через Алтынколь) + ожидание нитки. Показан медианный месяц {year} г. "
        "Диапазон по источникам в обычный месяц: 10–20 сут. (исследование коридора, §4).",
    ),
    "k_fleet_net": ("Operator's own box pool, {year}", "Собственный парк контейнеров оператора, {year} г."),
    "k_fleet_net_value": ("{n} FEU", "{n} ФЭ"),
    "k_fleet_net_delta": (
        "{n} FEU without reloading inbound boxes",
        "{n} ФЭ без повторной загрузки прибывших контейнеров",
    ),
    "h_fleet_net": (
        "Pool = (1 − reload share) × boxes a year × round trip ÷ 365. Round trip {rt} including the China leg; "
        "reloaded inbound boxes: dry {dry}, reefer {ref}. {src}",
        "Парк = (1 − доля повторной загрузки) × контейнеров в год × оборот ÷ 365. Оборот {rt} с плечом по Китаю; "
        "загрузка прибывших контейнеров: сухие {dry}, рефконтейнеры {ref}. {src}",
    ),
    "k_split": ("Route split of this flow", "Распределение потока по маршрутам"),
    "k_split_value": ("Dostyk {d}", "Достык {d}"),
    "k_split_delta": ("Altynkol {a} of its trains", "Алтынколь {a} поездов потока"),
    # map
    "chart_net_map": (
        "Routes Selyatino → Xi'an and each crossing's peak utilisation",
        "Маршруты Селятино → Сиань и пиковая загрузка погранпереходов",
    ),
    "map_crossing_note": ("{crossing}:<br>peak {pct}, {month}", "{crossing}:<br>пик {pct}, {month}"),
    "map_crossing_share": ("this flow: {share} of its trains", "доля поездов потока: {share}"),
    "map_path_dostyk": ("Path via Dostyk (Moyynty–Aktogay)", "Путь через Достык (Мойынты — Актогай)"),
    "map_path_altynkol": ("Path via Zhetygen, the Agrohub and Altynkol", "Путь через Жетыген, Агрохаб и Алтынколь"),
    "map_path_common": ("Common trunk and the China leg", "Общий участок и плечо по Китаю"),
    "map_path_hover": (
        "{path}: {km} km Selyatino → Xi'an, {days} on the rails",
        "{path}: {km} км Селятино → Сиань, {days} в пути",
    ),
    "node_ru_kz": ("Russia–Kazakhstan interchange", "МГСП Россия — Казахстан"),
    "node_ru_kz_h": (
        "Interstate rail interchange stations Russia–Kazakhstan (northern entries; one approximate point)",
        "Межгосударственные стыковые пункты (МГСП) Россия — Казахстан (северные входы; одна условная точка)",
    ),
    "node_moyynty": ("Moyynty", "Мойынты"),
    "node_aktogay": ("Aktogay", "Актогай"),
    "node_zhetygen": ("Zhetygen", "Жетыген"),
    "node_junction_h": ("Junction on the path", "Узловая станция на пути"),
    "node_crossing_h": (
        "{crossing}: peak utilisation {pct} ({month}); this flow {share} of the crossing's trains",
        "{crossing}: пиковая загрузка {pct} ({month}); поток — {share} поездов перехода",
    ),
    "kind_junction": ("Junction", "Узловая станция"),
    "footnote_net_map": (
        "Paths as routed by rail (corridor research, §2–3); places approximate; no map service is used. "
        "Frame colour: utilisation below 85%, 85–100%, 100% and over.",
        "Пути по железной дороге (исследование коридора, §2–3); точки приблизительны; картографический сервис не используется. "
        "Цвет рамки: загрузка ниже 85\u00a0%, 85–100\u00a0%, 100\u00a0% и выше.",
    ),
    "alt_net_map": (
        "Map of the two paths Selyatino → Xi'an: {dostyk} of this flow via Dostyk, {altynkol} via Altynkol; "
        "highest peak: {crossing}, {pct}.",
        "Карта двух путей Селятино → Сиань: {dostyk} потока через Достык, {altynkol} — через Алтынколь; "
        "наибольший пик: {crossing}, {pct}.",
    ),
    # sources page
    "src_network": (
        "Corridor network: crossings, other shippers, episodes, routes",
        "Сеть коридора: погранпереходы, фоновый трафик, эпизоды, маршруты",
    ),
    "src_network_intro": (
        "The tables the network model reads, each row with its source and reliability. Reliability: high — an "
        "official figure or two independent sources; medium — one source; low — an estimate; derived — computed "
        "from cited figures.",
        "Таблицы, которые читает модель сети, с источником и надёжностью каждой строки. Надёжность: высокая — "
        "официальные данные или два независимых источника; средняя — один источник; низкая — оценка; расчёт — "
        "получено из приведённых цифр.",
    ),
    "src_net_crossings": (
        "Crossings: eastbound capacity by year",
        "Погранпереходы: пропускная способность в сторону Китая по годам",
    ),
    "src_net_background": ("Other shippers' traffic", "Трафик других грузоотправителей (фоновый)"),
    "src_net_episodes": ("Episodes: China-side acceptance cuts", "Эпизоды: ограничения приёма китайской стороной"),
    "src_net_routes": ("Routes Selyatino → Xi'an", "Маршруты Селятино → Сиань"),
    "ncol_crossing": ("Crossing", "Погранпереход"),
    "ncol_year": ("Year", "Год"),
    "ncol_capacity": ("Capacity, trains/day (range)", "Пропускная способность, поездов/сут. (диапазон)"),
    "ncol_item": ("Item", "Показатель"),
    "ncol_value": ("Value (range)", "Значение (диапазон)"),
    "ncol_episode": ("Episode", "Эпизод"),
    "ncol_dates": ("Dates", "Даты"),
    "ncol_depth": ("Capacity lost (range)", "Потеря пропускной способности (диапазон)"),
    "ncol_path": ("Path", "Путь"),
    "ncol_leg": ("Leg", "Участок"),
    "ncol_km": ("km (range)", "км (диапазон)"),
    "ncol_source": ("Source", "Источник"),
    "ncol_reliability": ("Reliability", "Надёжность"),
    "rel_H": ("high", "высокая"),
    "rel_M": ("medium", "средняя"),
    "rel_L": ("low", "низкая"),
    "rel_derived": ("derived", "расчёт"),
    "bg_total_2025": ("Kazakhstan–China rail, both directions, 2025", "Ж/д Казахстан — Китай, в обе стороны, 2025 г."),
    "bg_total_2024": ("Kazakhstan–China rail, both directions, 2024", "Ж/д Казахстан — Китай, в обе стороны, 2024 г."),
    "bg_dostyk_2024": ("Dostyk, 2024", "Достык, 2024 г."),
    "bg_share": ("Share of the 2025 traffic: {crossing}", "Доля трафика 2025 г.: {crossing}"),
    "bg_eb_share": ("Eastbound share: {crossing}", "Доля в сторону Китая: {crossing}"),
    "bg_rho0": ("Utilisation by other shippers in 2025: {crossing}", "Загрузка фоновым трафиком в 2025 г.: {crossing}"),
    "bg_rho_plan": (
        "Utilisation the background is regulated to (exchange plans), all crossings",
        "Регулируемая загрузка фоновым трафиком (в пределах планов обмена), все погранпереходы",
    ),
    "bg_bakhty_cap_use": ("Highest use of Bakhty's capacity", "Предельное использование мощности Бахты"),
    "node_selyatino": ("Selyatino", "Селятино"),
    "node_agrohub": ("Agrohub", "Агрохаб"),
    "node_xian": ("Xi'an", "Сиань"),
    "node_dostyk": ("Dostyk", "Достык"),
    "node_altynkol": ("Altynkol", "Алтынколь"),
    "node_ru_kz_short": ("RU–KZ interchange", "МГСП РФ — РК"),
    # page texts
    "net_intro_capacity": (
        "Where this flow queues on its way to China and what the hub must hold. Each crossing carries everyone's "
        "trains: other shippers' traffic, calibrated from independent counts, plus this flow on top. Waiting follows "
        "from how full each crossing is, month by month, and from China-side acceptance cuts. Below: boxes, trains "
        "a week against the planned service (a plan, not a limit) and the hub area against the stated {area} m².",
        "Где этот поток стоит в очереди на пути в Китай и что должен вместить хаб. Каждый погранпереход пропускает "
        "поезда всех: трафик других грузоотправителей (откалиброван по независимым данным) и поверх него этот поток. "
        "Ожидание определяется загрузкой перехода по месяцам и ограничениями приёма китайской стороной. Ниже — "
        "контейнеры, поезда в неделю в сравнении с плановым графиком (план, а не предел) и площадь хаба в сравнении "
        "с заявленными {area} м².",
    ),
    "net_header": (
        "Crossings shared with other shippers: utilisation and waiting",
        "Погранпереходы общего пользования: загрузка и ожидание",
    ),
    "net_paths_header": ("Door to door, fleet and route split", "От двери до двери, парк контейнеров и маршруты"),
    "net_intro_corridor": (
        "The two rail paths from Selyatino in the Moscow region to Xi'an: through the Russia–Kazakhstan interchange "
        "and Moyynty, then either via Aktogay to Dostyk–Alashankou, or via Zhetygen and the Agrohub in the Almaty "
        "region to Altynkol–Khorgos. Line width follows this flow's split; each crossing shows its peak utilisation "
        "(other shippers and this flow together). The map is drawn from a boundary file shipped with the dashboard, "
        "so it works offline.",
        "Два железнодорожных пути из Селятино (Московская область) в Сиань: через межгосударственные стыковые пункты "
        "(МГСП) Россия — Казахстан и Мойынты, "
        "далее либо через Актогай на Достык — Алашанькоу, либо через Жетыген и Агрохаб в Алматинской области на "
        "Алтынколь — Хоргос. Толщина линии — доля потока; у каждого погранперехода — пиковая загрузка (фоновый трафик "
        "и этот поток вместе). Карта строится по файлу границ из состава дашборда и работает без интернета.",
    ),
    "src_net_method": ("Network method", "Методика расчёта сети"),
    "net_method": (
        "- **Capacity** of each crossing by year, eastbound (toward China), cut by China-side acceptance episodes "
        "(depth × days in the month).\n"
        "- **Other shippers' traffic** starts at a 2025 utilisation calibrated from independent counts (never from "
        "this flow) and grows by the growth slider; part moves to Bakhty once it opens.\n"
        "- **This flow** runs on top, capped by the contracted slots (never part of utilisation); trains above the "
        "cap wait at Selyatino.\n"
        "- **Waiting** = Kingman's approximation V·ρ/(1−ρ)/μ plus a backlog carried from month to month when "
        "ρ ≥ 1 or during an episode.\n"
        "- **Door to door** = rail km ÷ speed + processing + waiting + Chinese border station + terminals "
        "(+ the Agrohub stop on the Altynkol path) + waiting for a slot.\n"
        "- **Fleet** = (1 − reload share) × boxes a year × round trip (including the China leg) ÷ 365.",
        "- **Пропускная способность** погранперехода по годам, в сторону Китая, за вычетом эпизодов ограничения "
        "приёма (глубина × дни в месяце).\n"
        "- **Фоновый трафик** других грузоотправителей: загрузка 2025 г. откалибрована по независимым данным (не по "
        "этому потоку) и растёт по ползунку роста; после открытия Бахты часть уходит туда.\n"
        "- **Этот поток** идёт поверх фона, ограничен контрактными нитками (они не входят в загрузку); поезда сверх "
        "предела ждут в Селятино.\n"
        "- **Ожидание** = приближение Кингмана V·ρ/(1−ρ)/μ плюс очередь, переходящая из месяца в месяц при ρ ≥ 1 "
        "или во время эпизода.\n"
        "- **От двери до двери** = км ÷ скорость + обработка + ожидание + китайская пограничная станция + терминалы "
        "(+ стоянка в Агрохабе на пути через Алтынколь) + ожидание нитки.\n"
        "- **Парк** = (1 − доля повторной загрузки) × контейнеров в год × оборот (с плечом по Китаю) ÷ 365.",
    ),
}
