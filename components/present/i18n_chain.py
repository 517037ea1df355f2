"""Labels (English, Russian) of the corridor chain's hub side: links, seasonality, boxes, trains, warehouse; merged into :mod:`components.present.i18n`."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "utilisation": ("Utilisation", "Загрузка"),
    # units of demand and capacity a month
    "u_FEU/month": ("FEU/month", "ФЭ/мес."),
    "u_TEU/month": ("TEU/month", "ДФЭ/мес."),
    "u_trains/month": ("trains/month", "поездов/мес."),
    "u_FEU/day": ("FEU/day", "ФЭ/сут."),
    "u_TEU/year": ("TEU/year", "ДФЭ/год"),
    "u_trains/day": ("trains/day", "поездов/сут."),
    "hours": ("{lo}–{hi} h", "{lo}–{hi} ч"),
    "link_from_stated": ("{value} (stated figure)", "{value} (заявленная цифра)"),
    "link_from_scenario": (
        "set in the sidebar: a plan, not a capacity",
        "задаётся в боковой панели (план, а не предел)",
    ),
    "link_range": ("{value} (range {lo}–{hi})", "{value} (диапазон {lo}–{hi})"),
    "kind_store": ("warehouse", "склад"),
    "kind_terminal": ("terminal", "терминал"),
    "kind_service": ("planned train service", "плановый график поездов"),
    # cards
    "k_trains_peak": ("Trains a week in the peak month", "Поездов в неделю в пиковый месяц"),
    "h_trains_peak": (
        "The month's tonnes (seasonal profile) / cargo mass per box × 12 / 52 / boxes per train; the "
        "busiest month of the horizon, named below.",
        "Тонны месяца (по сезонному профилю) / масса груза в контейнере × 12 / 52 / контейнеров в поезде; "
        "самый загруженный месяц горизонта, указан ниже.",
    ),
    "k_feu_12m": ("40-ft boxes in the 12 months from the target", "40-фут. контейнеров за 12 месяцев с месяца цели"),
    "h_feu_12m": (
        "Sum of the monthly boxes over the year that starts in the target month (the seasons sum out).",
        "Сумма месячных контейнеров за год, начиная с месяца цели (сезонность в сумме не влияет).",
    ),
    "k_area_peak": ("Share of {area} m² needed, peak month", "Доля от {area} м² в пиковый месяц"),
    "k_teu_12m": ("{n} TEU", "{n} ДФЭ"),
    "boxes_header": ("Boxes, trains and warehouse space", "Контейнеры, поезда и складские площади"),
    # map
    "lon_axis": ("° E", "° в. д."),
    "lat_axis": ("° N", "° с. ш."),
    "n_urumqi": ("Urumqi", "Урумчи"),
    "c_russia": ("RUSSIA", "РОССИЯ"),
    "c_kazakhstan": ("KAZAKHSTAN", "КАЗАХСТАН"),
    "c_china": ("CHINA", "КИТАЙ"),
    "c_mongolia": ("MONGOLIA", "МОНГОЛИЯ"),
    # sources page
    "src_links": ("Links of the chain", "Звенья цепи"),
    "src_links_intro": (
        "The hub side's links: capacity with its unit and range, the time through them, and where the figure comes "
        "from (the China crossings, shared with other shippers, are in the network tables below). Reliability: high "
        "(official or operator figures), medium (press or industry), low (weak source); estimates are flagged.",
        "Звенья на стороне хаба: пропускная способность с единицей и диапазоном, время прохождения и источник "
        "(погранпереходы в Китай, общие с другими грузоотправителями, — в таблицах сети ниже). Надёжность: высокая — "
        "официальные данные или данные оператора, средняя — пресса или отрасль, низкая — слабый источник; оценки отмечены.",
    ),
    "src_chain_method": ("Chain method", "Метод расчёта цепи"),
    "col_name": ("Link", "Звено"),
    "col_kind": ("Kind", "Тип"),
    "col_capacity": ("Capacity", "Пропускная способность"),
    "col_time": ("Time through: typical / congested", "Время прохождения: в обычном режиме / при заторах"),
    "col_reliability": ("Reliability", "Надёжность"),
    "chain_method": (
        "- **Months.** Each year's tonnes are spread over its months by the seasonal profile (annual totals do not "
        "change with the profile); only the share that runs by rail via Selyatino enters the chain.\n"
        "- **Boxes.** Tonnes split into reefer and dry boxes by the reefer share, each at its own cargo mass; trains = "
        "boxes / boxes per train.\n"
        "- **Links.** Demand of each link in its own unit (m², lifts, trains, TEU) over the share of its capacity "
        "open to this flow = utilisation; the crossings get the flow by the Dostyk/Khorgos split.\n"
        "- **Bottleneck.** The first month any link reaches 100%, and that link; none before the horizon "
        "otherwise. The planned train service is compared as a plan: exceeding it means scheduling more trains.\n"
        "- **Fleet.** Boxes in circulation = boxes a day in the peak month × round trip (transit both ways, dwell "
        "at both ends, border time), typical and congested.\n"
        "- **Sensitivity.** Each uncertain input at its min and max, the rest as set: the month the first link becomes the bottleneck.",
        "- **Месяцы.** Годовой объём распределяется по месяцам сезонным профилем (годовые итоги от профиля не "
        "зависят); в цепь входит только доля, идущая по ж/д через «Селятино».\n"
        "- **Контейнеры.** Тонны делятся на рефрижераторные и сухие контейнеры по доле рефгрузов, каждый со своей "
        "массой груза; поезда = контейнеры / контейнеров в поезде.\n"
        "- **Звенья.** Спрос звена в его единицах (м², крановые операции, поезда, ДФЭ), делённый на долю его пропускной "
        "способности, доступную потоку, — загрузка; переходы получают поток по распределению Достык/Хоргос.\n"
        "- **Узкое место.** Первый месяц, когда какое-либо звено достигает 100\u00a0%, и это звено; иначе — нет до конца "
        "горизонта. Плановый график поездов сравнивается как план: его превышение означает, что нужно больше поездов.\n"
        "- **Парк контейнеров.** Контейнеров в обороте = контейнеров в сутки в пиковый месяц × оборот контейнера "
        "(транзит в обе стороны, время нахождения на терминалах на обоих концах, время на границе), в обычном режиме и при заторах.\n"
        "- **Чувствительность.** Каждое неопределённое допущение на минимуме и максимуме, остальные как заданы: "
        "месяц, когда первое звено становится узким местом.",
    ),
    "k_share_check": ("our estimate: {lo}–{hi}", "наша оценка: {lo}–{hi}"),
    "h_share_check": (
        "Our reading, not the report's: the scenario's flow through Selyatino ({flow} a year = the target × the "
        "share reached × the share by rail via Selyatino) against the region's agri exports to all destinations, "
        "{low_t} (2025, derived) to {high_t} (2024), gives {lo}–{hi}.",
        "Наша оценка, а не слова сообщения: отношение потока сценария через «Селятино» ({flow} в год = цель × доля "
        "достижения × доля по ж/д через «Селятино») к агроэкспорту области во все страны — от {low_t} (2025 г., "
        "расчёт) до {high_t} (2024 г.) — составляет {lo}–{hi}.",
    ),
}
