# ruff: noqa: E501 - a data table of Arabic sentences
"""Write ``news_dev.jsonl`` and ``news_test.jsonl``: Arabic news-style geocoding sets.

``news_dev`` (DOCS) was used while developing the resolver; ``news_test`` (TEST_DOCS) was
written afterwards and is only reported, never tuned on.

The sentences are original (written for this project), in the style of Arabic wire
copy, and cover the ambiguity classes of issue 4: namesakes in several countries,
capital vs country, city vs same-named province, names that are also common words,
places without an Arabic form in the gazetteer (Russia/Ukraine border), and places
known only through their container. Gold coordinates: countries and first-level regions
take the committed ``data/geo`` points (what a "country"/"region" answer is); populated
places take their GeoNames/OSM coordinates (to ~1 km); ``geonameid`` is given where it
is known for sure.

Each output line is one gold mention::

    {"id", "text", "start", "end", "mention", "lat", "lon", "geonameid", "level", "class"}

Usage (from the repository root)::


    .venv/bin/python tests/data/geo/make_news_dev.py
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEO = HERE.parents[2] / "data" / "geo"

with (GEO / "countries.csv").open(encoding="utf-8") as fh:
    _COUNTRIES = {r["iso_a2"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)}
with (GEO / "admin1.csv").open(encoding="utf-8") as fh:
    _REGIONS = {r["iso_3166_2"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)}

# Known GeoNames ids (the same as the test world of tests/geo/conftest.py).
IDS = {
    "Kursk": 538560, "Kharkiv": 706483, "Kyiv": 703448, "Moscow": 524901, "Damascus": 170654,
    "Beirut": 276781, "TripoliLY": 2210247, "TripoliLB": 266826, "Hama": 170017,
    "ValenciaES": 2509954, "ValenciaVE": 3625549, "Washington": 4140963,
    "Pyongyang": 1871859, "Seoul": 1835848, "Sudzha": 486816, "Glushkovo": 560995,
    "Rylsk": 695019, "Oboyan": 516400, "Izium": 707292, "Kupiansk": 703656,
    "Zaporizhzhia": 687700, "Djibouti": 223817, "KuwaitCity": 285787, "Rome": 3169070,
    "Madrid": 3117735, "Caracas": 3646738,
}  # fmt: skip

P: dict[str, tuple[float, float]] = {
    "Kursk": (51.7373, 36.1873), "Sudzha": (51.1906, 35.2709), "Glushkovo": (51.3393, 34.6371),
    "Rylsk": (51.5683, 34.6801), "Oboyan": (51.2119, 36.2755), "Lgov": (51.6597, 35.2644),
    "Korenevo": (51.4101, 34.9086), "Marino": (51.6167, 34.8833), "Tyotkino": (51.2747, 34.3069),
    "Belgorod": (50.5977, 36.5858), "Shebekino": (50.4007, 36.8879),
    "Graivoron": (50.4795, 35.6774), "Bryansk": (53.2521, 34.3717), "Sumy": (50.9216, 34.8003),
    "Kharkiv": (49.9808, 36.2527), "Kupiansk": (49.7106, 37.6156), "Izium": (49.2128, 37.2569),
    "Vovchansk": (50.2906, 36.9461), "Lyman": (48.9886, 37.8022),
    "Kramatorsk": (48.7230, 37.5563), "Sloviansk": (48.8533, 37.6050),
    "Bakhmut": (48.5950, 38.0003), "ChasivYar": (48.5869, 37.8350),
    "Avdiivka": (48.1394, 37.7497), "Pokrovsk": (48.2820, 37.1758),
    "Toretsk": (48.3976, 37.8473), "Donetsk": (48.0159, 37.8029), "Mariupol": (47.0971, 37.5434),
    "Vuhledar": (47.7809, 37.2482), "Zaporizhzhia": (47.8388, 35.1396),
    "Robotyne": (47.4433, 35.8378), "Orikhiv": (47.5676, 35.7852), "Enerhodar": (47.4987, 34.6574),
    "Melitopol": (46.8489, 35.3675), "Berdiansk": (46.7568, 36.7874), "Kherson": (46.6354, 32.6169),
    "NovaKakhovka": (46.7552, 33.3486), "Mykolaiv": (46.9750, 31.9946), "Odesa": (46.4825, 30.7233),
    "Dnipro": (48.4500, 34.9833), "KryvyiRih": (47.9105, 33.3918), "Chernihiv": (51.5055, 31.2849), "Kyiv": (50.4547, 30.5238),
    "Lviv": (49.8397, 24.0297), "Sievierodonetsk": (48.9482, 38.4917),
    "Lysychansk": (48.9044, 38.4426), "Luhansk": (48.5670, 39.3171), "Moscow": (55.7522, 37.6156),
    "StPetersburgRU": (59.9386, 30.3141), "StPetersburgFL": (27.7709, -82.6793),
    "Sevastopol": (44.6054, 33.5221), "Simferopol": (44.9521, 34.1024), "Kerch": (45.3566, 36.4677),
    "Rostov": (47.2364, 39.7139), "ValenciaES": (39.4739, -0.3797),
    "ValenciaVE": (10.1620, -68.0077), "CordobaES": (37.8916, -4.7727),
    "CordobaAR": (-31.4135, -64.1811), "HamiltonCA": (43.2501, -79.8496),
    "HamiltonNZ": (-37.7870, 175.2793), "TripoliLY": (32.8874, 13.1873),
    "TripoliLB": (34.4367, 35.8497), "AlexandriaEG": (31.2018, 29.9158),
    "AlexandriaUS": (38.8048, -77.0469), "BirminghamUK": (52.4814, -1.8998),
    "BirminghamUS": (33.5207, -86.8025), "KuwaitCity": (29.3697, 47.9783),
    "Djibouti": (11.5890, 43.1450), "Algiers": (36.7525, 3.0420), "Tunis": (36.8190, 10.1658),
    "Aleppo": (36.2021, 37.1343), "Homs": (34.7268, 36.7234), "Idlib": (35.9306, 36.6339),
    "Hama": (35.1318, 36.7578), "Ramadi": (33.4206, 43.3078), "Hebron": (31.5326, 35.0998),
    "Baghdad": (33.3406, 44.4009), "Basra": (30.5085, 47.7804), "Mosul": (36.3350, 43.1189),
    "Fallujah": (33.3558, 43.7861), "Damascus": (33.5102, 36.2913),
    "DeirEzzor": (35.3359, 40.1408), "Raqqa": (35.9528, 39.0079), "Qamishli": (37.0522, 41.2317),
    "Daraa": (32.6189, 36.1021), "Latakia": (35.5317, 35.7901), "Tartus": (34.8890, 35.8866),
    "Manbij": (36.5281, 37.9549), "BabAlHawa": (36.2297, 36.6683), "Beirut": (33.8933, 35.5016),
    "Sidon": (33.5571, 35.3715), "Tyre": (33.2733, 35.1939), "Baalbek": (34.0058, 36.2181),
    "Gaza": (31.5017, 34.4668), "Rafah": (31.2969, 34.2435), "KhanYounis": (31.3402, 34.3063),
    "Jenin": (32.4597, 35.3009), "Nablus": (32.2211, 35.2544), "Ramallah": (31.8996, 35.2042),
    "Amman": (31.9552, 35.9450), "Zarqa": (32.0728, 36.0880), "Aqaba": (29.5267, 35.0078),
    "Cairo": (30.0626, 31.2497), "Aswan": (24.0934, 32.9070), "PortSaid": (31.2565, 32.2841),
    "Riyadh": (24.6877, 46.7219), "Jeddah": (21.5169, 39.2192), "HafrAlBatin": (28.4328, 45.9708),
    "Doha": (25.2854, 51.5310), "Dubai": (25.0772, 55.3093), "Muscat": (23.5841, 58.4078),
    "Manama": (26.2154, 50.5832), "Sanaa": (15.3547, 44.2066), "Aden": (12.7794, 45.0367),
    "Hodeidah": (14.7978, 42.9545), "Marib": (15.4625, 45.3253), "Khartoum": (15.5518, 32.5324),
    "Omdurman": (15.6445, 32.4777), "ElFasher": (13.6279, 25.3494), "Benghazi": (32.1167, 20.0667),
    "Derna": (32.7670, 22.6367), "Misrata": (32.3754, 15.0925), "Sirte": (31.2089, 16.5887),
    "Washington": (38.8951, -77.0364), "NewYork": (40.7143, -74.0060),
    "Brussels": (50.8505, 4.3488), "Paris": (48.8534, 2.3488), "London": (51.5085, -0.1257),
    "Berlin": (52.5244, 13.4105), "Ankara": (39.9199, 32.8543), "Istanbul": (41.0138, 28.9497),
    "Gaziantep": (37.0594, 37.3825), "Tehran": (35.6944, 51.4215), "Geneva": (46.2022, 6.1457),
    "Vienna": (48.2085, 16.3721), "Minsk": (53.9000, 27.5667), "Warsaw": (52.2298, 21.0118),
    "Rzeszow": (50.0413, 21.9990), "Pyongyang": (39.0339, 125.7543), "Seoul": (37.5660, 126.9784),
    "Beijing": (39.9075, 116.3972), "Madrid": (40.4165, -3.7026), "Caracas": (10.4880, -66.8792),
    "Rome": (41.8919, 12.5113), "BuenosAires": (-34.6132, -58.3772), "Santiago": (-33.4569, -70.6483),
    "Panama": (8.9936, -79.5197),
}  # fmt: skip


def C(iso: str) -> tuple[str, tuple[float, float], None, str]:  # noqa: N802 - a country
    return ("country", _COUNTRIES[iso], None, iso)


def R(code: str) -> tuple[str, tuple[float, float], None, str]:  # noqa: N802 - a region
    return ("region", _REGIONS[code], None, code)


def T(key: str, level: str = "city") -> tuple[str, tuple[float, float], int | None, str]:  # noqa: N802
    return (level, P[key], IDS.get(key), key)


# (sentence, [(mention, gold, class)]) — a mention repeated in a sentence is given once per
# occurrence, in order.
DOCS: list[tuple[str, list[tuple[str, tuple, str]]]] = [
    # --- Russia/Ukraine border: places without an Arabic form, containers -----------------
    ("قالت وزارة الدفاع الروسية إن قواتها صدت هجوما أوكرانيا قرب بلدة سودجا في منطقة كورسك، "
     "فيما أعلنت كييف أنها سيطرت على مواقع جديدة.",
     [("سودجا", T("Sudzha", "town"), "no_arabic_form"), ("كورسك", R("RU-KRS"), "city_province"),
      ("كييف", T("Kyiv"), "plain")]),
    ("أفاد حاكم منطقة كورسك بأن مسيرة أوكرانية أصابت محطة كهرباء في مدينة ريلسك، "
     "على بعد نحو ثلاثين كيلومترا من الحدود.",
     [("كورسك", R("RU-KRS"), "city_province"), ("ريلسك", T("Rylsk", "town"), "no_arabic_form")]),
    ("استهدفت صواريخ أوكرانية مقرا عسكريا في قرية مارينو الواقعة في منطقة كورسك الروسية.",
     [("مارينو", T("Marino", "village"), "container"), ("كورسك", R("RU-KRS"), "city_province")]),
    ("وأعلنت السلطات إجلاء السكان من بلدة غلوشكوفو ومن قرى محيطة بها في منطقة كورسك.",
     [("غلوشكوفو", T("Glushkovo", "town"), "no_arabic_form"), ("كورسك", R("RU-KRS"), "city_province")]),
    ("شهدت مدينة كورسك انقطاعا للكهرباء بعد هجوم بالمسيرات، بينما دوت صفارات الإنذار في أوبويان ولغوف.",
     [("كورسك", T("Kursk"), "city_province"), ("أوبويان", T("Oboyan", "town"), "no_arabic_form"),
      ("لغوف", T("Lgov", "town"), "no_arabic_form")]),
    ("قال الجيش الروسي إنه استعاد السيطرة على بلدة كورينيفو في منطقة كورسك.",
     [("كورينيفو", T("Korenevo", "town"), "no_arabic_form"), ("كورسك", R("RU-KRS"), "city_province")]),
    ("تعرضت مدينة بيلغورود الروسية لقصف جديد، وأصيب ثلاثة مدنيين في شيبيكينو قرب الحدود مع أوكرانيا.",
     [("بيلغورود", T("Belgorod"), "no_arabic_form"), ("شيبيكينو", T("Shebekino", "town"), "no_arabic_form"),
      ("أوكرانيا", C("UA"), "plain")]),
    ("وفي بريانسك قال الحاكم إن الدفاعات الجوية أسقطت طائرتين مسيرتين.",
     [("بريانسك", T("Bryansk"), "no_arabic_form")]),
    ("أعلنت السلطات الأوكرانية في سومي فرض حظر تجول ليلي بعد قصف روسي على وسط المدينة.",
     [("سومي", T("Sumy"), "no_arabic_form")]),
    ("تقول القوات الأوكرانية إن الضغط الروسي يتزايد على محور كوبيانسك شرقي خاركيف.",
     [("كوبيانسك", T("Kupiansk", "town"), "no_arabic_form"), ("خاركيف", T("Kharkiv"), "city_province")]),
    ("دمرت المعارك معظم مباني فوفتشانسك الواقعة في منطقة خاركيف الأوكرانية.",
     [("فوفتشانسك", T("Vovchansk", "town"), "no_arabic_form"), ("خاركيف", R("UA-63"), "city_province")]),
    ("أعلنت موسكو السيطرة على مدينة إيزيوم، فيما نفت كييف ذلك.",
     [("موسكو", T("Moscow"), "plain"), ("إيزيوم", T("Izium", "town"), "no_arabic_form"),
      ("كييف", T("Kyiv"), "plain")]),
    ("تتواصل المعارك العنيفة حول باخموت وتشاسيف يار في منطقة دونيتسك.",
     [("باخموت", T("Bakhmut", "town"), "no_arabic_form"), ("تشاسيف يار", T("ChasivYar", "town"), "no_arabic_form"),
      ("دونيتسك", R("UA-14"), "city_province")]),
    ("انسحبت الوحدات الأوكرانية من أفدييفكا بعد أشهر من الحصار، وتقدمت القوات الروسية نحو بوكروفسك.",
     [("أفدييفكا", T("Avdiivka", "town"), "no_arabic_form"), ("بوكروفسك", T("Pokrovsk", "town"), "no_arabic_form")]),
    ("قصفت القوات الروسية مدينة كراماتورسك وسلوفيانسك بصواريخ بعيدة المدى.",
     [("كراماتورسك", T("Kramatorsk"), "no_arabic_form"), ("سلوفيانسك", T("Sloviansk"), "no_arabic_form")]),
    ("قال رئيس بلدية ماريوبول السابق إن آلاف السكان ما زالوا محاصرين في المدينة الساحلية.",
     [("ماريوبول", T("Mariupol"), "no_arabic_form")]),
    ("ضربت صواريخ روسية مدينة زابوروجيا، وتحدثت كييف عن قتال عنيف قرب روبوتيني وأوريخيف.",
     [("زابوروجيا", T("Zaporizhzhia"), "plain"), ("كييف", T("Kyiv"), "plain"),
      ("روبوتيني", T("Robotyne", "village"), "no_arabic_form"), ("أوريخيف", T("Orikhiv", "town"), "no_arabic_form")]),
    ("حذرت الوكالة الدولية للطاقة الذرية من مخاطر القتال قرب محطة زابوروجيا النووية في إنيرهودار.",
     [("إنيرهودار", T("Enerhodar", "town"), "no_arabic_form")]),
    ("أعلنت الإدارة التي عينتها روسيا في ميليتوبول تنظيم استفتاء، بينما تعرضت بيرديانسك لهجوم بالمسيرات.",
     [("روسيا", C("RU"), "plain"), ("ميليتوبول", T("Melitopol"), "no_arabic_form"),
      ("بيرديانسك", T("Berdiansk"), "no_arabic_form")]),
    ("غمرت المياه أحياء في خيرسون بعد تدمير سد نوفا كاخوفكا على نهر دنيبرو.",
     [("خيرسون", T("Kherson"), "no_arabic_form"), ("نوفا كاخوفكا", T("NovaKakhovka", "town"), "no_arabic_form")]),
    ("أصابت مسيرات روسية ميناء أوديسا ومنشآت للحبوب في ميكولايف.",
     [("أوديسا", T("Odesa"), "plain"), ("ميكولايف", T("Mykolaiv"), "no_arabic_form")]),
    ("استقبلت مدينة لفيف في غرب أوكرانيا آلاف النازحين القادمين من دنيبرو وتشيرنيهيف.",
     [("لفيف", T("Lviv"), "plain"), ("أوكرانيا", C("UA"), "plain"), ("دنيبرو", T("Dnipro"), "no_arabic_form"),
      ("تشيرنيهيف", T("Chernihiv"), "no_arabic_form")]),
    ("سيطرت القوات الروسية على سيفيرودونيتسك ثم ليسيتشانسك في منطقة لوغانسك.",
     [("سيفيرودونيتسك", T("Sievierodonetsk"), "no_arabic_form"), ("ليسيتشانسك", T("Lysychansk"), "no_arabic_form"),
      ("لوغانسك", R("UA-09"), "city_province")]),
    ("تعرض جسر القرم قرب كيرتش لهجوم، وأعلنت السلطات في سيفاستوبول إغلاق الميناء.",
     [("كيرتش", T("Kerch"), "no_arabic_form"), ("سيفاستوبول", T("Sevastopol"), "plain")]),
    ("نقلت القيادة الروسية مقر عملياتها الجنوبية إلى روستوف على الدون.",
     [("روستوف على الدون", T("Rostov"), "no_arabic_form")]),
    ("وصل جنود من كوريا الشمالية إلى روسيا للمشاركة في القتال، بحسب الاستخبارات الكورية الجنوبية في سيول.",
     [("كوريا الشمالية", C("KP"), "plain"), ("روسيا", C("RU"), "plain"), ("سيول", T("Seoul"), "plain")]),
    ("قالت بيونغ يانغ إن التعاون العسكري مع موسكو لا يستهدف أي طرف ثالث.",
     [("بيونغ يانغ", T("Pyongyang"), "plain"), ("موسكو", T("Moscow"), "plain")]),
    ("التقى الرئيس الأوكراني في وارسو نظيره البولندي، ثم توجه إلى مدينة جيشوف القريبة من الحدود.",
     [("وارسو", T("Warsaw"), "plain"), ("جيشوف", T("Rzeszow"), "no_arabic_form")]),
    ("وفي مينسك، أعلنت السلطات البيلاروسية مناورات مشتركة مع روسيا.",
     [("مينسك", T("Minsk"), "plain"), ("روسيا", C("RU"), "plain")]),
    # --- namesakes --------------------------------------------------------------------------
    ("فاز فريق فالنسيا الإسباني على ضيفه، وسط أمطار غزيرة شهدتها المدينة الواقعة شرقي مدريد.",
     [("فالنسيا", T("ValenciaES"), "namesake"), ("مدريد", T("Madrid"), "plain")]),
    ("خرج آلاف المتظاهرين في فالنسيا الفنزويلية احتجاجا على انقطاع الكهرباء، بينما هدأت الأوضاع في كاراكاس.",
     [("فالنسيا", T("ValenciaVE"), "namesake"), ("كاراكاس", T("Caracas"), "plain")]),
    ("زار وفد سياحي مسجد قرطبة الكبير في إسبانيا، ثم انتقل إلى مدريد.",
     [("قرطبة", T("CordobaES"), "namesake"), ("إسبانيا", C("ES"), "plain"), ("مدريد", T("Madrid"), "plain")]),
    ("ضربت عاصفة قوية مدينة قرطبة الأرجنتينية، وأعلنت السلطات في بوينس آيرس حالة التأهب.",
     [("قرطبة", T("CordobaAR"), "namesake"), ("بوينس آيرس", T("BuenosAires"), "plain")]),
    ("أعلنت الشرطة الكندية توقيف مشتبه به في مدينة هاميلتون بمقاطعة أونتاريو.",
     [("هاميلتون", T("HamiltonCA"), "namesake"), ("أونتاريو", R("CA-ON"), "plain")]),
    ("ضرب زلزال بقوة خمس درجات مدينة هاميلتون في نيوزيلندا دون أن يسفر عن إصابات.",
     [("هاميلتون", T("HamiltonNZ"), "namesake"), ("نيوزيلندا", C("NZ"), "plain")]),
    ("استضافت سان بطرسبرغ منتدى اقتصاديا دوليا بحضور الرئيس الروسي.",
     [("سان بطرسبرغ", T("StPetersburgRU"), "namesake")]),
    ("ضرب إعصار ميلتون مدينة سانت بطرسبرغ في ولاية فلوريدا الأمريكية وتسبب في انقطاع الكهرباء.",
     [("سانت بطرسبرغ", T("StPetersburgFL"), "namesake"), ("فلوريدا", R("US-FL"), "plain")]),
    ("اندلعت اشتباكات بين مجموعات مسلحة في طرابلس الليبية، وعلقت الرحلات في مطار معيتيقة.",
     [("طرابلس", T("TripoliLY"), "namesake")]),
    ("شهدت طرابلس اللبنانية احتجاجات على تدهور الأوضاع المعيشية، وامتدت إلى بيروت وصيدا.",
     [("طرابلس", T("TripoliLB"), "namesake"), ("بيروت", T("Beirut"), "plain"), ("صيدا", T("Sidon"), "plain")]),
    ("زار رئيس الحكومة الليبية مصراتة وسرت، ثم عاد إلى طرابلس.",
     [("مصراتة", T("Misrata"), "plain"), ("سرت", T("Sirte"), "plain"), ("طرابلس", T("TripoliLY"), "namesake")]),
    ("قال مسؤول في عكار إن الطريق بين طرابلس وبيروت أعيد فتحه.",
     [("طرابلس", T("TripoliLB"), "namesake"), ("بيروت", T("Beirut"), "plain")]),
    ("افتتح متحف جديد في الإسكندرية المصرية يضم قطعا أثرية نادرة من عهد البطالمة.",
     [("الإسكندرية", T("AlexandriaEG"), "namesake")]),
    ("مثل المتهم أمام محكمة فدرالية في الإسكندرية بولاية فرجينيا الأمريكية.",
     [("الإسكندرية", T("AlexandriaUS"), "namesake"), ("فرجينيا", R("US-VA"), "plain")]),
    ("وقع هجوم بسكين في مدينة برمنغهام البريطانية، وقالت شرطة لندن إنها تتابع التحقيق.",
     [("برمنغهام", T("BirminghamUK"), "namesake"), ("لندن", T("London"), "plain")]),
    ("وقعت الزيارة في جورجيا حيث التقى الوزير برئيس الوزراء في تبليسي.",
     [("جورجيا", C("GE"), "namesake")]),
    ("أظهرت النتائج تقدم المرشح الجمهوري في ولاية جورجيا الأمريكية.",
     [("جورجيا", R("US-GA"), "namesake")]),
    # --- capital vs country -----------------------------------------------------------------
    ("أعلنت الكويت رفع أسعار الوقود، وقال مسؤول في مدينة الكويت إن القرار يبدأ الشهر المقبل.",
     [("الكويت", C("KW"), "capital_country"), ("مدينة الكويت", T("KuwaitCity"), "capital_country")]),
    ("وصل وزير الخارجية إلى جيبوتي في زيارة رسمية، والتقى في العاصمة جيبوتي بالرئيس.",
     [("جيبوتي", C("DJ"), "capital_country"), ("جيبوتي", T("Djibouti"), "capital_country")]),
    ("قالت الجزائر إنها ستزيد صادرات الغاز إلى إيطاليا، وعقد الاجتماع في العاصمة الجزائر.",
     [("الجزائر", C("DZ"), "capital_country"), ("إيطاليا", C("IT"), "plain"), ("الجزائر", T("Algiers"), "capital_country")]),
    ("تظاهر المئات في العاصمة تونس للمطالبة بالإفراج عن المعتقلين، فيما دعت تونس شركاءها الأوروبيين إلى الدعم.",
     [("تونس", T("Tunis"), "capital_country"), ("تونس", C("TN"), "capital_country")]),
    ("وفي واشنطن، قال المتحدث باسم البنتاغون إن الولايات المتحدة تراقب الوضع عن كثب.",
     [("واشنطن", T("Washington"), "capital"), ("الولايات المتحدة", C("US"), "plain")]),
    ("عقد الاجتماع في بروكسل بمشاركة وزراء من باريس وبرلين ولندن.",
     [("بروكسل", T("Brussels"), "capital"), ("باريس", T("Paris"), "capital"), ("برلين", T("Berlin"), "capital"),
      ("لندن", T("London"), "capital")]),
    ("رحبت أنقرة بالاتفاق، وقالت طهران إنها ستدرسه، بينما التزمت بكين الصمت.",
     [("أنقرة", T("Ankara"), "capital"), ("طهران", T("Tehran"), "capital"), ("بكين", T("Beijing"), "capital")]),
    ("أعلنت بنما إغلاق حدودها، وقالت السلطات في مدينة بنما إن الإجراء مؤقت.",
     [("بنما", C("PA"), "capital_country"), ("مدينة بنما", T("Panama"), "capital_country")]),
    # --- city vs same-named province ------------------------------------------------------
    ("قتل خمسة أشخاص في قصف على ريف حلب الشمالي، فيما شهدت مدينة حلب هدوءا حذرا.",
     [("حلب", R("SY-HL"), "city_province"), ("حلب", T("Aleppo"), "city_province")]),
    ("أعلنت السلطات في محافظة إدلب إغلاق معبر باب الهوى الحدودي مع تركيا مؤقتا.",
     [("إدلب", R("SY-ID"), "city_province"), ("باب الهوى", T("BabAlHawa", "poi"), "container"),
      ("تركيا", C("TR"), "plain")]),
    ("وصلت قافلة مساعدات إلى مدينة حمص قادمة من دمشق، ثم توجهت إلى مدينة حماة.",
     [("حمص", T("Homs"), "city_province"), ("دمشق", T("Damascus"), "plain"), ("حماة", T("Hama"), "common_word")]),
    ("اندلعت حرائق في ريف اللاذقية وامتدت إلى أطراف محافظة طرطوس.",
     [("اللاذقية", R("SY-LA"), "city_province"), ("طرطوس", R("SY-TA"), "city_province")]),
    ("أعلن محافظ البصرة أن مياه شط العرب تجاوزت مستويات الملوحة المسموح بها في المدينة.",
     [("البصرة", R("IQ-BA"), "city_province")]),
    ("قالت الشرطة العراقية إن انفجارا وقع في سوق شعبي ببغداد، بينما عززت قواتها في الموصل.",
     [("بغداد", T("Baghdad"), "city_province"), ("الموصل", T("Mosul"), "plain")]),
    ("انتشرت قوات الأمن في مدينة دونيتسك التي تسيطر عليها روسيا بعد سلسلة انفجارات.",
     [("دونيتسك", T("Donetsk"), "city_province"), ("روسيا", C("RU"), "plain")]),
    ("قال حاكم منطقة زابوروجيا الموالي لموسكو إن الانتخابات المحلية ستجري في موعدها.",
     [("زابوروجيا", R("UA-23"), "city_province"), ("موسكو", T("Moscow"), "plain")]),
    ("ارتفعت الحرارة إلى مستويات قياسية في محافظة أسوان جنوبي مصر.",
     [("أسوان", R("EG-ASN"), "city_province"), ("مصر", C("EG"), "plain")]),
    # --- common words -----------------------------------------------------------------------
    ("استعادت القوات العراقية مدينة الرمادي في محافظة الأنبار بعد معارك طويلة.",
     [("الرمادي", T("Ramadi"), "common_word"), ("الأنبار", R("IQ-AN"), "city_province")]),
    ("شهدت مدينة الخليل في الضفة الغربية مواجهات بين الشبان والقوات الإسرائيلية.",
     [("الخليل", T("Hebron"), "common_word")]),
    ("توجهت الوفود من حماة إلى حمص ثم إلى دمشق لحضور المؤتمر الوطني.",
     [("حماة", T("Hama"), "common_word"), ("حمص", T("Homs"), "plain"), ("دمشق", T("Damascus"), "plain")]),
    ("قال شهود إن القصف طال أحياء في جنين ونابلس، وامتد إلى رام الله.",
     [("جنين", T("Jenin"), "plain"), ("نابلس", T("Nablus"), "plain"), ("رام الله", T("Ramallah"), "plain")]),
    ("فتحت مصر معبر رفح لإدخال المساعدات إلى غزة وخان يونس.",
     [("مصر", C("EG"), "plain"), ("رفح", T("Rafah"), "plain"), ("غزة", T("Gaza"), "plain"),
      ("خان يونس", T("KhanYounis"), "plain")]),
    ("تأثرت الفلوجة والرمادي بالفيضانات، وأعلنت بغداد حالة الطوارئ.",
     [("الفلوجة", T("Fallujah"), "plain"), ("الرمادي", T("Ramadi"), "common_word"), ("بغداد", T("Baghdad"), "plain")]),
    # --- Levant, Gulf, Africa ---------------------------------------------------------------
    ("زار المبعوث الأممي دير الزور والرقة، والتقى ممثلين عن العشائر في القامشلي.",
     [("دير الزور", T("DeirEzzor"), "plain"), ("الرقة", T("Raqqa"), "plain"), ("القامشلي", T("Qamishli"), "plain")]),
    ("عاد آلاف اللاجئين من لبنان إلى درعا عبر معبر جديدة يابوس.",
     [("لبنان", C("LB"), "plain"), ("درعا", T("Daraa"), "plain")]),
    ("قصفت طائرات مسيرة مواقع قرب منبج، وقالت أنقرة إن العملية تستهدف مسلحين.",
     [("منبج", T("Manbij", "town"), "plain"), ("أنقرة", T("Ankara"), "plain")]),
    ("وصلت شحنة المساعدات إلى غازي عنتاب في تركيا تمهيدا لنقلها إلى سوريا.",
     [("غازي عنتاب", T("Gaziantep"), "plain"), ("تركيا", C("TR"), "plain"), ("سوريا", C("SY"), "plain")]),
    ("أصابت غارات إسرائيلية مواقع في صور وبعلبك، وفر السكان نحو بيروت.",
     [("صور", T("Tyre"), "common_word"), ("بعلبك", T("Baalbek"), "plain"), ("بيروت", T("Beirut"), "plain")]),
    ("استضافت عمان اجتماعا لوزراء الخارجية العرب، وشارك فيه وفد من الزرقاء وإربد.",
     [("عمان", T("Amman"), "namesake"), ("الزرقاء", T("Zarqa"), "plain")]),
    ("وقع وزير الخارجية العماني في مسقط اتفاقا مع نظيره الإيراني.",
     [("مسقط", T("Muscat"), "plain")]),
    ("أعلنت السعودية فتح مكاتب جديدة في الرياض وجدة، بينما غمرت السيول حفر الباطن.",
     [("السعودية", C("SA"), "plain"), ("الرياض", T("Riyadh"), "plain"), ("جدة", T("Jeddah"), "plain"),
      ("حفر الباطن", T("HafrAlBatin"), "plain")]),
    ("انطلقت القمة الخليجية في الدوحة بحضور قادة من المنامة ودبي.",
     [("الدوحة", T("Doha"), "plain"), ("المنامة", T("Manama"), "plain"), ("دبي", T("Dubai"), "plain")]),
    ("استهدف الحوثيون سفينة قبالة الحديدة، وقالت الحكومة في عدن إن الهجوم يهدد الملاحة.",
     [("الحديدة", T("Hodeidah"), "plain"), ("عدن", T("Aden"), "plain")]),
    ("تصاعد القتال حول مأرب، وأعلنت صنعاء تعبئة عامة.",
     [("مأرب", T("Marib"), "plain"), ("صنعاء", T("Sanaa"), "plain")]),
    ("تواصلت الاشتباكات في الخرطوم وأم درمان، ونزح الآلاف نحو الفاشر.",
     [("الخرطوم", T("Khartoum"), "plain"), ("أم درمان", T("Omdurman"), "plain"), ("الفاشر", T("ElFasher"), "plain")]),
    ("غمرت الفيضانات مدينة درنة شرقي ليبيا، ووصلت فرق الإنقاذ من بنغازي.",
     [("درنة", T("Derna"), "plain"), ("ليبيا", C("LY"), "plain"), ("بنغازي", T("Benghazi"), "plain")]),
    ("انطلقت سفن المساعدات من بورسعيد متجهة إلى العريش، وأعلنت القاهرة استعدادها لاستقبال الجرحى.",
     [("بورسعيد", T("PortSaid"), "plain"), ("القاهرة", T("Cairo"), "plain")]),
    ("افتتح الأردن ميناء جديدا في العقبة، وقال مسؤول في عمان إن المشروع يوفر فرص عمل.",
     [("الأردن", C("JO"), "plain"), ("العقبة", T("Aqaba"), "plain"), ("عمان", T("Amman"), "namesake")]),
    # --- Europe, Americas, Asia -------------------------------------------------------------
    ("عقدت جولة المفاوضات في جنيف، وانتقلت لاحقا إلى فيينا.",
     [("جنيف", T("Geneva"), "plain"), ("فيينا", T("Vienna"), "capital")]),
    ("صوتت الجمعية العامة في نيويورك على القرار، ورحبت به روما ومدريد.",
     [("نيويورك", T("NewYork"), "plain"), ("روما", T("Rome"), "capital"), ("مدريد", T("Madrid"), "capital")]),
    ("وقع زلزال قوي في تشيلي وشعر به سكان العاصمة سانتياغو.",
     [("تشيلي", C("CL"), "plain"), ("سانتياغو", T("Santiago"), "namesake")]),
    ("أعلنت إسطنبول استضافة جولة جديدة من المحادثات بين موسكو وكييف.",
     [("إسطنبول", T("Istanbul"), "plain"), ("موسكو", T("Moscow"), "plain"), ("كييف", T("Kyiv"), "plain")]),
    ("قالت مصادر في البنتاغون إن مسيرات أطلقت من سيفاستوبول باتجاه أوديسا.",
     [("سيفاستوبول", T("Sevastopol"), "plain"), ("أوديسا", T("Odesa"), "plain")]),
    ("نقلت السلطات الروسية سجناء أوكرانيين إلى سيمفيروبول في شبه جزيرة القرم.",
     [("سيمفيروبول", T("Simferopol"), "no_arabic_form")]),
    ("تلقى المستشفى في خاركيف جرحى من قرى محيطة بمدينة كوبيانسك.",
     [("خاركيف", T("Kharkiv"), "plain"), ("كوبيانسك", T("Kupiansk", "town"), "no_arabic_form")]),
    ("أطلقت روسيا صواريخ على مدينة دنيبرو ومدينة كريفي ريه وسط أوكرانيا.",
     [("روسيا", C("RU"), "plain"), ("دنيبرو", T("Dnipro"), "no_arabic_form"),
      ("كريفي ريه", T("KryvyiRih"), "no_arabic_form"), ("أوكرانيا", C("UA"), "plain")]),
    ("تدور معارك في محيط فوليدار في جنوب دونيتسك.",
     [("فوليدار", T("Vuhledar", "town"), "no_arabic_form"), ("دونيتسك", R("UA-14"), "city_province")]),
    ("وقالت السلطات المحلية في توريتسك إن المدينة باتت شبه خالية من السكان.",
     [("توريتسك", T("Toretsk", "town"), "no_arabic_form")]),
    ("عبرت القوات الأوكرانية الحدود قرب تيوتكينو في منطقة كورسك، وفق مدونين روس.",
     [("تيوتكينو", T("Tyotkino", "village"), "no_arabic_form"), ("كورسك", R("RU-KRS"), "city_province")]),
    ("أعلن حاكم بيلغورود إجلاء الأطفال من غرايفورون بسبب القصف المتواصل.",
     [("بيلغورود", R("RU-BEL"), "city_province"), ("غرايفورون", T("Graivoron", "town"), "no_arabic_form")]),
    ("أكدت ليتوانيا وبولندا نشر قوات إضافية على الحدود مع روسيا البيضاء.",
     [("ليتوانيا", C("LT"), "plain"), ("بولندا", C("PL"), "plain"), ("روسيا البيضاء", C("BY"), "plain")]),
]  # fmt: skip


# A held-out set written after the resolver was tuned on DOCS, and never used to tune it.
P.update({
    "Kirkuk": (35.4681, 44.3922), "Erbil": (36.1901, 44.0091), "Najaf": (32.0259, 44.3462),
    "Karbala": (32.6160, 44.0249), "Samarra": (34.1959, 43.8857), "Tikrit": (34.6071, 43.6782),
    "Palmyra": (34.5600, 38.2800), "Bukamal": (34.4536, 40.9367), "Jableh": (35.3611, 35.9256),
    "Kobani": (36.8910, 38.3536), "Suwayda": (32.7089, 36.5695), "Nabatieh": (33.3772, 35.4836),
    "Zahle": (33.8463, 35.9020), "BethlehemPS": (31.7049, 35.2038), "BethlehemUS": (40.6259, -75.3705),
    "Tulkarm": (32.3104, 35.0286), "Luxor": (25.6989, 32.6421), "Ismailia": (30.5965, 32.2715),
    "Mansoura": (31.0364, 31.3807), "Arish": (31.1316, 33.7984), "Tobruk": (32.0836, 23.9764),
    "Sabha": (27.0377, 14.4283), "Taiz": (13.5795, 44.0209), "Mukalla": (14.5425, 49.1242),
    "PortSudan": (19.6158, 37.2164), "Nyala": (12.0489, 24.8807), "Dammam": (26.4344, 50.1033),
    "Tabuk": (28.3998, 36.5715), "Sharjah": (25.3374, 55.4121), "AlAin": (24.1917, 55.7606),
    "Casablanca": (33.5883, -7.6114), "Oran": (35.6969, -0.6331), "Sfax": (34.7406, 10.7603),
    "Kostiantynivka": (48.5277, 37.7069), "Huliaipole": (47.6619, 36.2566), "Siversk": (48.8679, 38.0938),
    "Balakliia": (49.4627, 36.8586), "Chuhuiv": (49.8353, 36.6880), "Okhtyrka": (50.3103, 34.8988),
    "Shostka": (51.8653, 33.4759), "Konotop": (51.2403, 33.2026), "Volgograd": (48.7194, 44.5018),
    "Voronezh": (51.6720, 39.1843), "Novorossiysk": (44.7239, 37.7708), "Engels": (51.4839, 46.1053),
    "LondonCA": (42.9834, -81.2330), "PerthAU": (-31.9522, 115.8614), "PerthUK": (56.3950, -3.4308),
    "MexicoCity": (19.4285, -99.1277), "GuatemalaCity": (14.6407, -90.5133),
    "LuxembourgCity": (49.6117, 6.1300),
})  # fmt: skip

TEST_DOCS: list[tuple[str, list[tuple[str, tuple, str]]]] = [
    ("أعلنت السلطات في كركوك حظر تجول، فيما عززت حكومة إقليم كردستان قواتها في أربيل.",
     [("كركوك", T("Kirkuk"), "plain"), ("أربيل", T("Erbil"), "plain")]),
    ("توافد ملايين الزوار على كربلاء والنجف لإحياء ذكرى الأربعين.",
     [("كربلاء", T("Karbala"), "plain"), ("النجف", T("Najaf"), "plain")]),
    ("شنت القوات العراقية عملية أمنية بين سامراء وتكريت شمال بغداد.",
     [("سامراء", T("Samarra"), "plain"), ("تكريت", T("Tikrit"), "plain"), ("بغداد", T("Baghdad"), "plain")]),
    ("قصفت طائرات مجهولة مواقع قرب البوكمال على الحدود مع العراق، وأخرى في محيط تدمر.",
     [("البوكمال", T("Bukamal", "town"), "plain"), ("العراق", C("IQ"), "plain"), ("تدمر", T("Palmyra", "town"), "plain")]),
    ("خرجت مظاهرات في السويداء جنوبي سوريا، ووصلت أصداؤها إلى جبلة على الساحل.",
     [("السويداء", T("Suwayda"), "plain"), ("سوريا", C("SY"), "plain"), ("جبلة", T("Jableh"), "plain")]),
    ("قالت الإدارة الذاتية إن الهدوء عاد إلى مدينة عين العرب (كوباني).",
     [("عين العرب", T("Kobani", "town"), "no_arabic_form")]),
    ("استهدفت غارة إسرائيلية منزلا في النبطية، وسقطت قذائف قرب زحلة في البقاع.",
     [("النبطية", T("Nabatieh"), "plain"), ("زحلة", T("Zahle"), "plain")]),
    ("احتفل المسيحيون بعيد الميلاد في بيت لحم بالضفة الغربية، وشهدت طولكرم مواجهات.",
     [("بيت لحم", T("BethlehemPS"), "namesake"), ("طولكرم", T("Tulkarm"), "plain")]),
    ("أغلقت مصانع الصلب في بيت لحم بولاية بنسلفانيا الأمريكية أبوابها منذ سنوات.",
     [("بيت لحم", T("BethlehemUS"), "namesake"), ("بنسلفانيا", R("US-PA"), "plain")]),
    ("افتتح وزير السياحة المصري معرضا في الأقصر، ثم زار الإسماعيلية والمنصورة.",
     [("الأقصر", T("Luxor"), "plain"), ("الإسماعيلية", T("Ismailia"), "plain"), ("المنصورة", T("Mansoura"), "common_word")]),
    ("عبرت شاحنات المساعدات من العريش نحو معبر رفح.",
     [("العريش", T("Arish"), "plain"), ("رفح", T("Rafah"), "plain")]),
    ("أعلن مجلس النواب الليبي من طبرق رفضه للاتفاق، بينما هدأت الاشتباكات في سبها.",
     [("طبرق", T("Tobruk"), "plain"), ("سبها", T("Sabha"), "plain")]),
    ("فرض الحصار على تعز منذ سنوات، وأعلنت السلطات في المكلا خطة لإعادة الإعمار.",
     [("تعز", T("Taiz"), "plain"), ("المكلا", T("Mukalla"), "plain")]),
    ("انتقلت الحكومة السودانية إلى بورتسودان، واشتد القتال في نيالا.",
     [("بورتسودان", T("PortSudan"), "plain"), ("نيالا", T("Nyala"), "plain")]),
    ("أعلنت أرامكو توسعة منشآتها في الدمام، وافتتح مطار جديد في تبوك.",
     [("الدمام", T("Dammam"), "plain"), ("تبوك", T("Tabuk"), "plain")]),
    ("سجلت الشارقة والعين أعلى درجات الحرارة في الإمارات هذا الأسبوع.",
     [("الشارقة", T("Sharjah"), "plain"), ("العين", T("AlAin"), "common_word"), ("الإمارات", C("AE"), "plain")]),
    ("استضافت الدار البيضاء منتدى للاستثمار، وشارك فيه رجال أعمال من وهران وصفاقس.",
     [("الدار البيضاء", T("Casablanca"), "plain"), ("وهران", T("Oran"), "plain"), ("صفاقس", T("Sfax"), "plain")]),
    ("قالت القوات الأوكرانية إنها صدت هجمات قرب كوستيانتينيفكا وسيفيرسك في منطقة دونيتسك.",
     [("كوستيانتينيفكا", T("Kostiantynivka", "town"), "no_arabic_form"),
      ("سيفيرسك", T("Siversk", "town"), "no_arabic_form"), ("دونيتسك", R("UA-14"), "city_province")]),
    ("تعرضت بلدة هوليايبولي في منطقة زابوروجيا لقصف مدفعي عنيف.",
     [("هوليايبولي", T("Huliaipole", "town"), "no_arabic_form"), ("زابوروجيا", R("UA-23"), "city_province")]),
    ("استعادت أوكرانيا مدينة بالاكليا ثم تقدمت نحو تشوهويف في منطقة خاركيف.",
     [("أوكرانيا", C("UA"), "plain"), ("بالاكليا", T("Balakliia", "town"), "no_arabic_form"),
      ("تشوهويف", T("Chuhuiv", "town"), "no_arabic_form"), ("خاركيف", R("UA-63"), "city_province")]),
    ("أصابت مسيرات روسية منشآت للطاقة في أوختيركا وشوستكا وكونوتوب بمنطقة سومي.",
     [("أوختيركا", T("Okhtyrka", "town"), "no_arabic_form"), ("شوستكا", T("Shostka", "town"), "no_arabic_form"),
      ("كونوتوب", T("Konotop", "town"), "no_arabic_form"), ("سومي", R("UA-59"), "city_province")]),
    ("قالت موسكو إن مسيرات أوكرانية استهدفت مصفاة في فولغوغراد ومطارا قرب فورونيج.",
     [("موسكو", T("Moscow"), "plain"), ("فولغوغراد", T("Volgograd"), "plain"), ("فورونيج", T("Voronezh"), "plain")]),
    ("استهدفت زوارق مسيرة ميناء نوفوروسيسك على البحر الأسود، وقاعدة جوية في إنغلز.",
     [("نوفوروسيسك", T("Novorossiysk"), "no_arabic_form"), ("إنغلز", T("Engels"), "no_arabic_form")]),
    ("أعلنت الشرطة الكندية في لندن بمقاطعة أونتاريو توقيف سائق دهس عائلة مسلمة.",
     [("لندن", T("LondonCA"), "namesake"), ("أونتاريو", R("CA-ON"), "plain")]),
    ("شهدت بيرث الأسترالية موجة حر غير مسبوقة.",
     [("بيرث", T("PerthAU"), "namesake")]),
    ("أعلنت المكسيك حالة الطوارئ، وقالت السلطات في مكسيكو سيتي إن الزلزال لم يسفر عن ضحايا.",
     [("المكسيك", C("MX"), "capital_country"), ("مكسيكو سيتي", T("MexicoCity"), "capital_country")]),
    ("استقبلت غواتيمالا مهاجرين مرحلين من الولايات المتحدة.",
     [("غواتيمالا", C("GT"), "capital_country"), ("الولايات المتحدة", C("US"), "plain")]),
    ("اجتمع وزراء مالية منطقة اليورو في مدينة لوكسمبورغ.",
     [("لوكسمبورغ", T("LuxembourgCity"), "capital_country")]),
]  # fmt: skip


def _write(docs: list, name: str, prefix: str) -> None:
    out = []
    for i, (text, mentions) in enumerate(docs):
        pos = 0
        for surface, (level, (lat, lon), gid, key), klass in mentions:
            start = text.find(surface, pos)
            if start < 0:
                raise SystemExit(f"«{surface}» not found after {pos} in doc {i}: {text}")
            end = start + len(surface)
            pos = end
            out.append({
                "id": f"{prefix}-{i:03d}", "text": text, "start": start, "end": end,
                "mention": surface, "lat": lat, "lon": lon, "geonameid": gid, "level": level,
                "class": klass, "gold": key,
            })  # fmt: skip
    with (HERE / name).open("w", encoding="utf-8") as fh:
        for row in out:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{name}: {len(out)} mentions in {len(docs)} documents")


def main() -> None:
    """Write news_dev.jsonl and news_test.jsonl (held out) next to this script."""
    _write(DOCS, "news_dev.jsonl", "news")
    _write(TEST_DOCS, "news_test.jsonl", "test")


if __name__ == "__main__":
    main()
