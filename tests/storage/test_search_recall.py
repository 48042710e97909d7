"""Recall set: keywords in the five languages and the products each must find in the generated catalog, on both
back ends.

The catalog is the demo generator's, seed 16, products 0–1,499 (market/seed.py). Every expectation below was written
by reading the generated titles (products are named by their generator index: even indices are Taobao items, odd
ones 1688 offers), not by running the search. ``finds``: products the keyword must find; ``first``: the products the
first results must be (in any order: bm25 and ``ts_rank`` order them differently within a relevance group); ``top``:
the first result must be one of these; ``exactly``: nothing else may be found.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kuajing.domain.catalog.model import CatalogPlatform
from kuajing.domain.catalog.search import ProductQuery
from kuajing.market import generator
from kuajing.market.seed import seed_catalog
from kuajing.runtime import Runtime
from tests.conftest import _truncate_pg, make_settings

SEED, SIZE = 16, 1500
TB, AL = CatalogPlatform.TAOBAO, CatalogPlatform.ALIBABA


@dataclass(frozen=True)
class Case:
    keyword: str
    platform: CatalogPlatform
    finds: tuple[int, ...] = ()
    first: tuple[int, ...] = ()
    top: tuple[int, ...] = ()
    exactly: bool = False


# Products of the catalog, by what their titles say.
RED_DRESS = (623,)  # 透气 连衣裙 红色 | Breathable Red Dress (1688)
THERMAL_MAXI = (1023, 1143)  # 纯棉 优雅 保暖 长裙 (the phrase 保暖长裙) | 亚麻 保暖 时尚 长裙 白色 (1688)
KIDS_TSHIRT_TB = (162, 438, 488, 840, 900, 1232, 1270, 1336)
MENS_TSHIRT_TB = (670, 820, 938, 1168, 1252, 1346, 1392)
TSHIRT_TB = tuple(sorted(KIDS_TSHIRT_TB + MENS_TSHIRT_TB))
RED_TSHIRT_TB = (488, 820, 1270)
PLUSH_DOLL_TB = (154, 400, 452, 666, 668, 824, 870, 982, 1072, 1126, 1244)
BT_EARBUDS_AL = (283, 297, 945, 955, 1159)
# Taobao titles with 手表: smartwatches, kids' phone watches, couple watches; and the watches category's others
# (quartz and mechanical watches: 石英表, 机械表), found through the category 珠宝手表 > 手表 only.
WATCH_TITLE_TB: tuple[int, ...] = (
    120,
    194,
    246,
    458,
    560,
    626,
    660,
    734,
    766,
    804,
    846,
    860,
    972,
    1002,
    1048,
    1120,
    1318,
    1334,
)
WATCH_TITLE_TB += (1374, 1472, 1490)
WATCH_CATEGORY_ONLY_TB = (314, 322, 336, 372, 616, 890, 1206, 1242, 1442, 1466)
MAGIC_CUBE_AL = (43, 123, 447, 479, 599, 937, 1069, 1123, 1149, 1425, 1439)
RC_CAR_AL = (125, 403, 473, 863, 893, 907, 917, 1057, 1385)
GREY_DRESS_TB = (80, 1118)  # Grey … Maxi Dress, Grey Dress
GREY_SLIP_DRESS_AL, GREY_SKIRT_AL = (1375,), (783,)  # the skirt's category is "Women's Dresses & Skirts"
DRESS_TITLE_TB = (80, 108, 236, 404, 530, 694, 730, 764, 1096, 1118, 1154, 1396, 1402)
SKIRT_TB = (320, 424, 772, 1022)
SMARTWATCH_TB = (626, 734, 766, 972, 1002, 1048, 1318, 1490)
SMART_PHONE_WATCH_TB = (194, 860)  # Smart … Kids' Phone Watch | Đồng hồ định vị trẻ em … thông minh
ECO_FRIENDLY_TB: tuple[int, ...] = (
    156,
    202,
    212,
    224,
    242,
    244,
    318,
    348,
    364,
    420,
    522,
    524,
    534,
    546,
    572,
    748,
    758,
    798,
    856,
)
ECO_FRIENDLY_TB += (898, 906, 960, 970, 986, 1014, 1042, 1066, 1070, 1086, 1110, 1122, 1170, 1208, 1220, 1244, 1248)
ECO_FRIENDLY_TB += (1440, 1494)
WIDE_LEG_TB = (10, 186, 290, 642)
CARRY_ON_TB, CARRY_ON_AL = (24, 74, 222, 1178), (225, 375, 439, 527, 631, 761, 1139, 1261, 1285, 1411, 1423)
ORGANIZER_TB = (36, 446, 608, 776, 994, 1162, 1312, 1416)
COLORED_PENCILS_AL = (115, 147, 521, 619, 641, 669, 837, 1199)
RINGS_TB: tuple[int, ...] = (
    54,
    138,
    148,
    264,
    326,
    330,
    434,
    502,
    582,
    648,
    692,
    700,
    712,
    736,
    756,
    786,
    814,
    862,
    936,
    1130,
)
RINGS_TB += (1204, 1238, 1338, 1388, 1412)
NON_SLIP_TB: tuple[int, ...] = (
    28,
    52,
    142,
    280,
    302,
    346,
    360,
    388,
    468,
    584,
    590,
    610,
    770,
    1054,
    1198,
    1292,
    1372,
    1480,
)
VACUUM_FLASK_TB = (22, 62, 84, 156, 638, 674, 698, 970, 1020, 1328, 1362)
DESK_LAMP_AL = (83, 423, 1025, 1099, 1211)
BACKPACK_TB = (214, 478, 1094, 1276, 1486)
WIRELESS_VI_AL = (37, 155, 157, 547, 919, 953, 1013, 1029, 1051, 1063, 1141, 1163, 1181)
RED_VESTIDO_AL = (623, 721)  # Vestido … color rojo, Vestido … de flores color rojo
WIRELESS_EARPHONES_ES_AL = (155, 1013, 1029)
SMART_WATCH_ES_TB = (194, 626, 734, 766, 860, 972, 1002, 1048, 1318, 1490)  # Reloj … inteligente
SILVER_EARRINGS_AL, SILVER_EARRINGS_TB = (311,), (622, 1460)
SCHOOL_BAG_TB = (110, 602, 684, 768, 880, 988)
COFFEE_CUP_TB, COFFEE_CUP_AL = (40, 204, 930, 1028, 1052, 1470), (461, 463, 825, 881, 957, 1105)
RUNNING_SHOES_AL = (33, 343, 427, 705, 949, 1185, 1327)
EARRINGS_TH_AL = (287, 311, 661, 1021)

CASES = [
    # Chinese: words in any order, the exact phrase first
    Case("红色连衣裙", AL, RED_DRESS, exactly=True),
    Case("连衣裙 红色", AL, RED_DRESS, exactly=True),
    Case("红色 连衣裙", AL, RED_DRESS, exactly=True),
    Case("保暖长裙", AL, THERMAL_MAXI, first=(1023,)),
    Case("长裙保暖", AL, THERMAL_MAXI),
    Case("儿童T恤", TB, KIDS_TSHIRT_TB, first=KIDS_TSHIRT_TB),
    Case("红色T恤", TB, RED_TSHIRT_TB, first=RED_TSHIRT_TB),
    Case("毛绒公仔", TB, PLUSH_DOLL_TB),
    Case("公仔毛绒", TB, PLUSH_DOLL_TB),
    Case("蓝牙耳机", AL, BT_EARBUDS_AL),
    Case("耳机蓝牙", AL, BT_EARBUDS_AL),
    Case("手表", TB, WATCH_TITLE_TB + WATCH_CATEGORY_ONLY_TB, first=WATCH_TITLE_TB),
    Case("魔方", AL, MAGIC_CUBE_AL, first=MAGIC_CUBE_AL),
    Case("遥控车", AL, RC_CAR_AL, first=RC_CAR_AL),
    # English: spellings, joined and hyphenated forms, titles before categories
    Case("gray dress", TB, GREY_DRESS_TB, exactly=True),
    Case("grey dress", TB, GREY_DRESS_TB, exactly=True),
    Case("gray dress", AL, GREY_SLIP_DRESS_AL + GREY_SKIRT_AL, first=GREY_SLIP_DRESS_AL, exactly=True),
    Case("tshirt", TB, TSHIRT_TB, first=TSHIRT_TB),
    Case("t-shirt", TB, TSHIRT_TB, first=TSHIRT_TB),
    Case("t shirt", TB, TSHIRT_TB, first=TSHIRT_TB),
    Case("tee shirt", TB, TSHIRT_TB, first=TSHIRT_TB),
    Case("tee", TB, TSHIRT_TB, first=TSHIRT_TB),
    Case("mens t-shirt", TB, MENS_TSHIRT_TB, first=MENS_TSHIRT_TB),
    Case("smartwatch", TB, SMARTWATCH_TB, first=SMARTWATCH_TB),
    Case("smart watch", TB, SMARTWATCH_TB + SMART_PHONE_WATCH_TB, first=SMARTWATCH_TB + SMART_PHONE_WATCH_TB),
    Case("dress", TB, DRESS_TITLE_TB + SKIRT_TB, first=DRESS_TITLE_TB),
    Case("ecofriendly", TB, ECO_FRIENDLY_TB, first=ECO_FRIENDLY_TB),
    Case("eco friendly", TB, ECO_FRIENDLY_TB, first=ECO_FRIENDLY_TB),
    Case("wideleg pants", TB, WIDE_LEG_TB, first=WIDE_LEG_TB),
    Case("carryon", AL, CARRY_ON_AL, first=CARRY_ON_AL),
    Case("carry on suitcase", TB, CARRY_ON_TB, first=CARRY_ON_TB),
    Case("organiser", TB, ORGANIZER_TB, first=ORGANIZER_TB),
    Case("coloured pencils", AL, COLORED_PENCILS_AL, first=COLORED_PENCILS_AL),
    Case("bluetooth earbuds", AL, BT_EARBUDS_AL, first=BT_EARBUDS_AL),
    Case("jewellery", TB, RINGS_TB),
    Case("nonslip", TB, NON_SLIP_TB, first=NON_SLIP_TB),
    # Vietnamese (with and without diacritics)
    # a motorbike: no title says both words; a remote-control car ("xe", its shop a "mayorista") comes first, not a
    # Rubik's cube or building blocks (whose category says "xếp hình")
    Case("xe máy", AL, top=RC_CAR_AL),
    Case("xe may", AL, top=RC_CAR_AL),
    Case("ao thun nam", TB, MENS_TSHIRT_TB, first=MENS_TSHIRT_TB),
    Case("váy liền màu đỏ", AL, RED_DRESS, first=RED_DRESS),
    Case("màu đỏ váy liền", AL, RED_DRESS, first=RED_DRESS),
    Case("tai nghe bluetooth", AL, BT_EARBUDS_AL, first=BT_EARBUDS_AL),
    Case("đồng hồ thông minh", TB, SMARTWATCH_TB + SMART_PHONE_WATCH_TB, first=SMARTWATCH_TB + SMART_PHONE_WATCH_TB),
    Case("binh giu nhiet", TB, VACUUM_FLASK_TB, first=VACUUM_FLASK_TB),
    Case("đèn bàn", AL, DESK_LAMP_AL),
    Case("ba lo", TB, BACKPACK_TB),
    Case("khong day", AL, WIRELESS_VI_AL),  # also "dây chuyền … không gỉ", "không … dày dặn": both words, apart
    Case("khối rubik", AL, MAGIC_CUBE_AL, first=MAGIC_CUBE_AL),
    # Spanish (with and without accents)
    Case("vestido rojo", AL, RED_VESTIDO_AL, first=RED_VESTIDO_AL),
    Case("vestido gris", TB, GREY_DRESS_TB, first=GREY_DRESS_TB),
    Case("camiseta para hombre", TB, MENS_TSHIRT_TB, first=MENS_TSHIRT_TB),
    Case("auriculares inalambricos", AL, WIRELESS_EARPHONES_ES_AL, first=WIRELESS_EARPHONES_ES_AL),
    Case("reloj inteligente", TB, SMART_WATCH_ES_TB, first=SMART_WATCH_ES_TB),
    Case("pendientes de plata", AL, SILVER_EARRINGS_AL, first=SILVER_EARRINGS_AL),
    Case("pendientes plata", TB, SILVER_EARRINGS_TB, first=SILVER_EARRINGS_TB),
    Case("mochila escolar", TB, SCHOOL_BAG_TB, first=SCHOOL_BAG_TB),
    Case("taza de café", AL, COFFEE_CUP_AL, first=COFFEE_CUP_AL),
    Case("zapatillas de running", AL, RUNNING_SHOES_AL, first=RUNNING_SHOES_AL),
    Case("termo", TB, VACUUM_FLASK_TB, first=VACUUM_FLASK_TB),
    Case("cubo de rubik", AL, MAGIC_CUBE_AL, first=MAGIC_CUBE_AL),
    # Thai
    Case("ชุดเดรส สีแดง", AL, RED_DRESS, first=RED_DRESS),
    Case("สีแดง ชุดเดรส", AL, RED_DRESS, first=RED_DRESS),
    Case("เสื้อยืดผู้ชาย", TB, MENS_TSHIRT_TB, first=MENS_TSHIRT_TB),
    Case("หูฟังบลูทูธ", AL, BT_EARBUDS_AL, first=BT_EARBUDS_AL),
    Case("สมาร์ทวอทช์", TB, SMARTWATCH_TB, first=SMARTWATCH_TB),
    Case("กระเป๋าเป้", TB, BACKPACK_TB),
    Case("แก้วกาแฟ", TB, COFFEE_CUP_TB, first=COFFEE_CUP_TB),
    Case("รูบิค", AL, MAGIC_CUBE_AL, first=MAGIC_CUBE_AL),
    Case("ต่างหู", AL, EARRINGS_TH_AL, first=EARRINGS_TH_AL),
]


def test_the_recall_set_covers_five_languages_and_the_products_are_on_their_platforms() -> None:
    assert len(CASES) >= 60
    for case in CASES:
        for index in case.finds + case.first + case.top:
            assert (index % 2 == 0) == (case.platform is TB), case  # even indices are Taobao items
        assert set(case.first) <= set(case.finds), case


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def catalog(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Runtime, dict[int, int]]]:
    """The catalog on one back end, and the product id of every generator index."""
    if request.param == "sqlite":
        target = tmp_path_factory.mktemp("recall") / "kuajing.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        url = f"sqlite:///{target}"
    else:
        url = request.getfixturevalue("pg_url")
        _truncate_pg(url)
    rt = Runtime.build(make_settings(url, Path(tmp_path_factory.mktemp("var"))))
    try:
        seed_catalog(rt.uow, seed=SEED, n_products=SIZE, now_ms=0)
        with rt.uow(write=False) as uow:
            products = uow.catalog.get_products(uow.catalog.product_ids_after(0, SIZE), skus=False)
        by_external = {(p.platform, p.external_id): p.id for p in products}
        ids = {}
        for index in range(SIZE):
            planned = generator.plan(SEED, index, SIZE)
            ids[index] = by_external[(planned.platform, planned.external_id)]
        yield rt, ids
    finally:
        rt.close()
        if request.param == "postgresql":
            _truncate_pg(url)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.keyword}-{c.platform.value}" for c in CASES])
def test_keyword_finds_its_products(catalog: tuple[Runtime, dict[int, int]], case: Case) -> None:
    rt, ids = catalog
    with rt.uow(write=False) as uow:
        page = uow.catalog.search_products(ProductQuery(case.platform, keyword=case.keyword, limit=500))
    found = page.product_ids
    assert page.total == len(found)
    assert {ids[i] for i in case.finds} <= set(found)
    if case.exactly:
        assert set(found) == {ids[i] for i in case.finds}
    if case.first:
        assert set(found[: len(case.first)]) == {ids[i] for i in case.first}
    if case.top:
        assert found and found[0] in {ids[i] for i in case.top}
