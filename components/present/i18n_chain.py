"""Labels (English, Russian) of the corridor chain: links, seasonality, bottleneck, fleet, map; merged into :mod:`components.present.i18n`."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # utilisation heatmap
    "chart_heatmap": ("Utilisation of each link of the chain, month by month", "Загрузка звеньев цепи по месяцам"),
    "utilisation": ("Utilisation", "Загрузка"),
    "utilisation_short": ("Utilisation", "Загрузка"),
    "full_tick": ("100% = full", "100\u00a0% — предел"),
    "over_capacity_mark": (
        "100% or more: demand at or over the open capacity",
        "100\u00a0% и выше: спрос достиг доступной пропускной способности",
    ),
    "heat_hover": (
        "demand {demand} / open capacity {capacity} {unit}",
        "спрос {demand} / доступная мощность {capacity} {unit}",
    ),
    "heat_hover_plan": (
        "needed {demand} / planned {capacity} {unit} (a plan, not a capacity)",
        "нужно {demand} / по графику {capacity} {unit} (план, а не предел)",
    ),
    "over_plan_mark": (
        "over the plan: more trains needed than planned (not a capacity)",
        "сверх плана: поездов нужно больше, чем по графику (не предел)",
    ),
    "plan_suffix": ("(plan)", "(план)"),
    "estimate_suffix": ("(est.)", "(оценка)"),
    "footnote_chain": (
        "Utilisation = this flow's demand / the capacity open to it. (est.) = estimated capacity. "
        "Planned service: a plan, not a capacity.",
        "Загрузка = спрос потока / доступная ему мощность. (оценка) — мощность оценена. "
        "Плановый график — план, а не предел.",
    ),
    "alt_heatmap": (
        "Heatmap of utilisation of {n} links over the months: {text}",
        "Тепловая карта загрузки {n} звеньев по месяцам: {text}",
    ),
    "alt_heat_binds": (
        "{link} first reaches 100% in {month}.",
        "первое звено с загрузкой 100\u00a0% — {link} ({month}).",
    ),
    "alt_heat_none": (
        "no link reaches 100% before {month}; the highest is {link} at {pct}.",
        "ни одно звено не достигает 100\u00a0% по {month} включительно; выше всех — {link}, {pct}.",
    ),
    # peak bars
    "chart_peaks": ("Utilisation of each link in its peak month", "Загрузка звеньев в пиковый месяц"),
    "peak_util_axis": (
        "Peak-month utilisation, % of the capacity open to this flow",
        "Загрузка в пиковый месяц, % доступной потоку мощности",
    ),
    "level_ok": ("below 85%", "ниже 85\u00a0%"),
    "level_near": ("85–100%: little headroom", "85–100\u00a0%: малый запас"),
    "level_over": ("100% and over: binds", "100\u00a0% и выше: узкое место"),
    "level_plan": ("planned service: a plan, not a capacity", "плановый график: план, а не предел"),
    "estimate_hatch": ("hatched: capacity is an estimate", "штриховка: мощность — оценка"),
    "full_line": ("100% = full", "100\u00a0% — предел"),
    "peak_text": ("{pct} · {month}", "{pct} · {month}"),
    "alt_peaks": (
        "Bar chart of each link's peak-month utilisation in chain order; highest: {link} at {pct} in {month}.",
        "Столбцы загрузки звеньев в пиковый месяц по порядку цепи; выше всех — {link}, {pct} ({month}).",
    ),
    # bottleneck sensitivity
    "chart_bottleneck_sens": (
        "Which assumption moves the bottleneck month",
        "Какое допущение сдвигает срок появления узкого места",
    ),
    "binding_month_axis": ("Month the first link reaches 100%", "Месяц, когда первое звено достигает 100\u00a0%"),
    "footnote_sens": (
        "Each input at the ends of its range, the others as set.",
        "Каждое допущение на краях диапазона, прочие — как заданы.",
    ),
    "none_before_horizon_short": ("▶ none before the horizon", "▶ нет до конца горизонта"),
    "sens_other": ("other choice", "другой вариант"),
    "sens_capacity": ("{link}: capacity", "{link}: пропускная способность"),
    "sens_share_open": ("{link}: share open to this flow", "{link}: доля, доступная потоку"),
    "sens_hover": ("{param} = {value}: {result}", "{param} = {value}: {result}"),
    "sens_binds": ("{link} binds in {month}", "узкое место: {link}, {month}"),
    "sens_none": ("no link binds before the horizon", "узких мест нет до конца горизонта"),
    "alt_bottleneck_sens": (
        "Dot plot of the first binding month with each assumption at its range ends; {param} moves it most.",
        "Точечная диаграмма месяца первого узкого места при крайних значениях допущений; "
        "сильнее всего его сдвигает допущение: {param}.",
    ),
    "alt_bottleneck_sens_none": (
        "Dot plot of the first binding month with each assumption at its range ends; "
        "no assumption brings a bottleneck before the horizon.",
        "Точечная диаграмма месяца первого узкого места при крайних значениях допущений; "
        "ни одно допущение не создаёт узкого места до конца горизонта.",
    ),
    # units of demand and capacity a month
    "u_FEU/month": ("FEU/month", "FEU/мес."),
    "u_TEU/month": ("TEU/month", "TEU/мес."),
    "u_trains/month": ("trains/month", "поездов/мес."),
    "u_FEU/day": ("FEU/day", "FEU/сут."),
    "u_TEU/year": ("TEU/year", "TEU/год"),
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
    "kind_service": ("train service (plan)", "график поездов (план)"),
    # cards
    "k_bottleneck": ("Bottleneck: first link to reach 100%", "Узкое место: первое звено с загрузкой 100\u00a0%"),
    "k_bottleneck_value": ("{link}, {month}", "{link}, {month}"),
    "k_bottleneck_peak": ("peak {pct} in {month}", "пик {pct}: {month}"),
    "k_bottleneck_none": ("None before {month}", "Нет по {month} включительно"),
    "k_bottleneck_highest": ("highest: {link}, {pct}", "выше всех: {link}, {pct}"),
    "h_bottleneck": (
        "The first link, and the month, where this flow's demand reaches the share of the link's capacity "
        "open to it (utilisation ≥ 100%), month by month with the seasonal profile set in the sidebar. "
        "The planned train service is a plan, not a capacity: it never counts as the bottleneck.",
        "Первое звено и месяц, когда спрос потока достигает доступной ему доли пропускной способности "
        "звена (загрузка ≥ 100\u00a0%), помесячно, с сезонным профилем из боковой панели. Плановый график "
        "поездов — план, а не пропускная способность, узким местом он не считается.",
    ),
    "k_fleet": ("Containers in circulation (fleet)", "Парк контейнеров в обороте"),
    "k_fleet_value": ("{lo}–{hi} FEU", "{lo}–{hi} FEU"),
    "k_fleet_delta": ("round trip {typ}–{cong} days", "оборот контейнера {typ}–{cong} сут."),
    "h_fleet": (
        "40-ft boxes the flow keeps in circulation in its peak month ({month}) = boxes a day ({per_day}) × "
        "round trip (rail transit both ways, dwell at both ends, border time), typical to congested. "
        "Round trip and fleet are derived, not stated.",
        "40-футовых контейнеров, которые поток держит в обороте в пиковый месяц ({month}) = контейнеров в "
        "сутки ({per_day}) × оборот контейнера (ж/д транзит в обе стороны, простой на обоих концах, время на "
        "границе), от обычного до перегруженного режима. Расчётные величины, не заявлены.",
    ),
    "k_door": ("Door to door, Selyatino → China", "От двери до двери: Селятино → Китай"),
    "k_door_value": ("{typ}–{cong} days", "{typ}–{cong} сут."),
    "k_door_delta": ("typical – congested", "обычно – при заторах"),
    "h_door": (
        "Days through every link of the chain, typical and congested: hub dwell, rail transit, the "
        "Russia–Kazakhstan interchange, the Agrohub and the Kazakhstan–China crossing (weighted by the split).",
        "Сутки через все звенья цепи, в обычном режиме и при заторах: хранение на хабе, ж/д транзит, "
        "межгосударственный стыковой пункт Россия–Казахстан, Агрохаб и погранпереход Казахстан–Китай "
        "(с учётом распределения между переходами).",
    ),
    "k_trains_peak": ("Trains a week in the peak month", "Поездов в неделю в пиковый месяц"),
    "h_trains_peak": (
        "The month's tonnes (seasonal profile) / payload per box × 12 / 52 / boxes per train; the "
        "busiest month of the horizon, named below.",
        "Тонны месяца (по сезонному профилю) / загрузка контейнера × 12 / 52 / контейнеров в поезде; "
        "самый загруженный месяц горизонта, указан ниже.",
    ),
    "k_feu_12m": ("40-ft boxes in the 12 months from the target", "40-фут. контейнеров за 12 месяцев с месяца цели"),
    "h_feu_12m": (
        "Sum of the monthly boxes over the year that starts in the target month (the seasons sum out).",
        "Сумма месячных контейнеров за год, начиная с месяца цели (сезонность в сумме не влияет).",
    ),
    "k_area_peak": ("Share of {area} m² needed, peak month", "Доля от {area} м² в пиковый месяц"),
    "chain_header": (
        "The chain of links: where it runs out first",
        "Цепь звеньев: где раньше всего возникает узкое место",
    ),
    "chain_intro": (
        "Each link of the chain carries other traffic too, so each gets only a share of its capacity for "
        "this flow. The tonnes follow the seasonal profile from the sidebar, so the harvest months "
        "(September to January) set the peak, not the annual average.",
        "Каждое звено цепи обслуживает и другие грузы, поэтому этому потоку доступна лишь доля его "
        "пропускной способности. Тонны распределены по месяцам по сезонному профилю из боковой "
        "панели: пик задают месяцы урожая (с сентября по январь), а не среднегодовой объём.",
    ),
    "boxes_header": ("Boxes, trains and warehouse space", "Контейнеры, поезда и складские площади"),
    # map
    "chart_map": (
        "The corridor on the map: peak utilisation of each link",
        "Коридор на карте: пиковая загрузка звеньев",
    ),
    "footnote_map": (
        "Borders: Natural Earth 1:50m (public domain), drawn offline. Straight lines between approximate "
        "points. % = peak-month utilisation.",
        "Границы: Natural Earth 1:50m (общественное достояние), без интернета. Прямые между "
        "приблизительными точками. % — загрузка в пиковый месяц.",
    ),
    "map_peak": ("{name}<br>{pct} · {month}", "{name}<br>{pct} · {month}"),
    "map_share": ("{share} of trains", "{share} поездов"),
    "map_plan": (
        "{name}<br>{pct} of the plan · {month}<br>(a plan, not a capacity)",
        "{name}<br>{pct} плана · {month}<br>(план, а не предел)",
    ),
    "lon_axis": ("° E", "° в. д."),
    "lat_axis": ("° N", "° с. ш."),
    "n_altynkol": ("Altynkol–Khorgos", "Алтынколь–Хоргос"),
    "n_urumqi": ("Urumqi", "Урумчи"),
    "n_altynkol_h": (
        "Kazakhstan–China rail crossing Altynkol–Khorgos (reference)",
        "Ж/д погранпереход Алтынколь–Хоргос, Казахстан–Китай (справочно)",
    ),
    "n_urumqi_h": (
        "Urumqi: where the two crossings' lines meet on the Chinese side (reference)",
        "Урумчи: здесь сходятся линии от обоих переходов на китайской стороне (справочно)",
    ),
    "c_russia": ("RUSSIA", "РОССИЯ"),
    "c_kazakhstan": ("KAZAKHSTAN", "КАЗАХСТАН"),
    "c_china": ("CHINA", "КИТАЙ"),
    "c_mongolia": ("MONGOLIA", "МОНГОЛИЯ"),
    "alt_map": (
        "Map of the corridor from Selyatino across the Russia–Kazakhstan border and the Agrohub to China over "
        "Dostyk–Alashankou ({dostyk} of trains) and Altynkol–Khorgos ({khorgos}); busiest link: {link}, {pct} "
        "at peak.",
        "Карта коридора от Селятино через российско-казахстанскую границу и Агрохаб в Китай через "
        "Достык–Алашанькоу ({dostyk} поездов) и Алтынколь–Хоргос ({khorgos}); самое загруженное звено: "
        "{link}, {pct} в пик.",
    ),
    "intro_corridor_map": (
        "The route the announcements tie together: from Selyatino in the Moscow region across the Russia–Kazakhstan "
        "border to the Agrohub in the Almaty region, then into China over the two crossings, Dostyk–Alashankou and "
        "Altynkol–Khorgos. Each link is labelled with its utilisation in the peak month of your scenario. The map "
        "is drawn from a boundary file shipped with the dashboard, so it works offline.",
        "Маршрут, который связывают объявленные проекты: от Селятино в Подмосковье через российско-казахстанскую "
        "границу к Агрохабу в Алматинской области и далее в Китай через два погранперехода — Достык–Алашанькоу и "
        "Алтынколь–Хоргос. У каждого звена указана загрузка в пиковый месяц вашего сценария. Карта строится по "
        "файлу границ, входящему в панель, и работает без интернета.",
    ),
    # sources page
    "src_links": ("Links of the chain", "Звенья цепи"),
    "src_links_intro": (
        "Every link's capacity with its unit and range, the share of it open to this flow, the time "
        "through it, and where the figure comes from. Reliability: H official or operator figures, "
        "M press or industry, L weak; estimates are flagged.",
        "Пропускная способность каждого звена с единицей и диапазоном, доля, доступная этому потоку, "
        "время прохождения и источник. Надёжность: H — официальные данные или данные оператора, "
        "M — пресса или отрасль, L — слабый источник; оценки отмечены.",
    ),
    "src_chain_method": ("Chain method", "Метод расчёта цепи"),
    "col_name": ("Link", "Звено"),
    "col_kind": ("Kind", "Тип"),
    "col_capacity": ("Capacity", "Пропускная способность"),
    "col_open_share": ("Open to this flow", "Доступно потоку"),
    "col_time": ("Time through, typical–congested", "Время прохождения, обычно – при заторах"),
    "col_reliability": ("Reliability", "Надёжность"),
    "chain_method": (
        "- **Months.** Each year's tonnes are spread over its months by the seasonal profile (annual totals do not "
        "change with the profile); only the share that runs by rail via Selyatino enters the chain.\n"
        "- **Boxes.** Tonnes split into reefer and dry boxes by the reefer share, each at its own payload; trains = "
        "boxes / boxes per train.\n"
        "- **Links.** Demand of each link in its own unit (m², lifts, trains, TEU) over the share of its capacity "
        "open to this flow = utilisation; the crossings get the flow by the Dostyk/Khorgos split.\n"
        "- **Bottleneck.** The first month any link reaches 100%, and that link; none before the horizon "
        "otherwise. The planned train service is compared as a plan: exceeding it means scheduling more trains.\n"
        "- **Fleet.** Boxes in circulation = boxes a day in the peak month × round trip (transit both ways, dwell "
        "at both ends, border time), typical and congested.\n"
        "- **Sensitivity.** Each uncertain input at its min and max, the rest as set: the month the first link binds.",
        "- **Месяцы.** Годовой объём распределяется по месяцам сезонным профилем (годовые итоги от профиля не "
        "зависят); в цепь входит только доля, идущая по ж/д через «Селятино».\n"
        "- **Контейнеры.** Тонны делятся на рефрижераторные и сухие контейнеры по доле рефгрузов, каждый со своей "
        "загрузкой; поезда = контейнеры / контейнеров в поезде.\n"
        "- **Звенья.** Спрос звена в его единицах (м², крановые операции, поезда, TEU), делённый на долю его пропускной "
        "способности, доступную потоку, — загрузка; переходы получают поток по распределению Достык/Хоргос.\n"
        "- **Узкое место.** Первый месяц, когда какое-либо звено достигает 100\u00a0%, и это звено; иначе — нет до конца "
        "горизонта. Плановый график поездов сравнивается как план: его превышение означает, что нужно больше поездов.\n"
        "- **Парк контейнеров.** Контейнеров в обороте = контейнеров в сутки в пиковый месяц × оборот контейнера "
        "(транзит в обе стороны, простой на обоих концах, время на границе), обычно и при заторах.\n"
        "- **Чувствительность.** Каждое неопределённое допущение на минимуме и максимуме, остальные как заданы: "
        "месяц, когда первое звено становится узким местом.",
    ),
    "k_share_check": ("model: {lo}–{hi}", "модель: {lo}–{hi}"),
    "h_share_check": (
        "Our reading, not the report's: the scenario's flow through Selyatino ({flow} a year = the target × the "
        "share reached × the share by rail via Selyatino) against the region's agri exports to all destinations, "
        "{low_t} (2025, derived) to {high_t} (2024), gives {lo}–{hi}.",
        "Наша оценка, а не слова сообщения: поток сценария через «Селятино» ({flow} в год = цель × доля "
        "достижения × доля по ж/д через «Селятино») к агроэкспорту области во все страны — от {low_t} (2025 г., "
        "расчёт) до {high_t} (2024 г.) — даёт {lo}–{hi}.",
    ),
}
