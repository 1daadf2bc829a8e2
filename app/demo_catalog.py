"""The demo factory's catalog: sections, ~2,000 products, prices and stock.

Sections go through the catalog's changes. Products, their units of shipment, prices and
stock are bulk-inserted: the same rows `create_product`, `set_price` and `set_stock`
write, without one transaction, audit entry and outbox event per row (thousands of them
would only slow the demo down; nobody can be subscribed before the catalog exists).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.catalog import changes as catalog_changes
from app.catalog.models import Price as PriceRow
from app.catalog.models import PriceList, Product, ShipmentUnit, StockLevel, Warehouse
from app.demo_names import WAREHOUSES

DOOR_MODELS = (
    "Модена", "Верона", "Сиена", "Палермо", "Турин", "Генуя", "Прадо", "Толедо", "Валенсия",
    "Гранада", "Сканди", "Лофт", "Минимал", "Классика", "Нео", "Квадро", "Линия", "Грация",
    "Элегия", "Соната", "Прованс", "Бостон", "Челси", "Ницца", "Мальта", "Флоренция",
)  # fmt: skip
DOOR_SIZES = ("600×2000", "700×2000", "800×2000", "900×2000")
GLAZING = (("ПГ", "глухое"), ("ПО", "остеклённое, сатинато"))
ENTRANCE_MODELS = (
    "Бастион", "Форпост", "Гранит", "Цитадель", "Страж", "Монолит", "Рубеж", "Оплот", "Гарант",
    "Кремль", "Викинг", "Север",
)  # fmt: skip
ENTRANCE_FINISHES = (
    "антик медь / венге", "муар чёрный / белый ясень", "графит / дуб беленый",
    "букле шоколад / капучино", "серый шёлк / белая эмаль",
)  # fmt: skip
FRAME_COLOURS = (
    "белая эмаль", "слоновая кость", "дуб натуральный", "дуб беленый", "орех", "венге",
    "капучино", "грей", "бьянко", "графит",
)  # fmt: skip
HARDWARE_FINISHES = (
    "матовый хром", "полированный хром", "матовое золото", "чёрный матовый", "бронза",
    "никель", "графит",
)  # fmt: skip
HANDLE_MODELS = (
    "Аврора", "Вега", "Лира", "Орион", "Сириус", "Альфа", "Дельта", "Омега", "Ника", "Нова",
    "Соло", "Тандем",
)  # fmt: skip
LOCKS = (
    ("Замок врезной магнитный", "магнитный", "фиксатор"),
    ("Замок межкомнатный под цилиндр", "механический", "цилиндр"),
    ("Защёлка сантехническая", "механический", "фиксатор"),
    ("Защёлка пластиковая бесшумная", "механический", "—"),
    ("Цилиндровый механизм 60 мм ключ/ключ", "цилиндр", "ключ"),
    ("Цилиндровый механизм 60 мм ключ/вертушка", "цилиндр", "вертушка"),
)


@dataclass(frozen=True)
class Kind:
    """A family of products: how many there are, how they ship and what they cost."""

    prefix: str
    units: tuple[tuple[str, int], ...]
    price_rub: tuple[int, int]


DOOR = Kind("MD", (("piece", 1), ("pallet", 10)), (8_500, 42_000))
DOOR_BIG = Kind("MD", (("piece", 1), ("pallet", 20)), (6_900, 19_000))
ENTRANCE = Kind("VD", (("piece", 1), ("pallet", 10)), (24_000, 118_000))
MOULDING = Kind("PG", (("piece", 1), ("box", 50)), (180, 2_400))
HANDLE = Kind("RU", (("piece", 1), ("box", 50)), (650, 6_800))
HINGE = Kind("PT", (("piece", 1), ("box", 100)), (190, 1_600))
LOCK = Kind("ZM", (("piece", 1), ("box", 50)), (420, 9_500))


@dataclass
class CatalogSpec:
    """What was created, as the order generator needs it."""

    base_list_id: int
    price_lists: dict[str, int]
    warehouses: dict[str, int]
    sections: dict[str, int]
    private_sections: list[int]
    units_by_section: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)
    """Section id -> [(kind prefix, shipment unit id, pieces per unit)]."""
    product_count: int = 0


def _doors(colours: Sequence[str], material: str) -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for model, colour, size, (glaze, glazing) in itertools.product(
        DOOR_MODELS, colours, DOOR_SIZES, GLAZING
    ):
        name = f"Дверь межкомнатная «{model}» {glaze}, {colour}, {size}"
        attrs = {"model": model, "colour": colour, "size": size, "material": material}
        rows.append((name, {**attrs, "glazing": glazing, "thickness_mm": 40}))
    return rows


def _entrance(kind: str) -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for model, finish, size, side in itertools.product(
        ENTRANCE_MODELS, ENTRANCE_FINISHES, ("860×2050", "960×2050"), ("левая", "правая")
    ):
        attrs = {"model": model, "finish": finish, "size": size, "opening": side}
        rows.append((f"{kind} «{model}», {finish}, {size}, {side}", {**attrs, "steel_mm": 2}))
    return rows


def _joinery(what: str, sizes: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{what} {size}, {colour}", {"colour": colour, "size": size, "material": "МДФ"})
        for colour, size in itertools.product(FRAME_COLOURS, sizes)
    ]


def _handles() -> list[tuple[str, dict[str, Any]]]:
    mounts = ("на круглой розетке", "на квадратной розетке", "на планке")
    return [
        (f"Ручка дверная «{m}» {mount}, {f}", {"model": m, "finish": f, "mount": mount})
        for m, f, mount in itertools.product(HANDLE_MODELS, HARDWARE_FINISHES, mounts)
    ]


def _hinges() -> list[tuple[str, dict[str, Any]]]:
    kinds = ("врезная универсальная", "накладная «бабочка»", "скрытая 3D", "карточная")
    sizes = ("100×75×2,5", "100×70×3", "120×80×3")
    return [
        (f"Петля {k} {s}, {f}", {"type": k, "size": s, "finish": f})
        for k, s, f in itertools.product(kinds, sizes, HARDWARE_FINISHES)
    ]


def _locks() -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{name}, {f}", {"mechanism": mech, "operation": op, "finish": f})
        for (name, mech, op), f in itertools.product(LOCKS, HARDWARE_FINISHES)
    ] + [
        (f"{name} {size}, {f}", {"mechanism": "механический", "size": size, "finish": f})
        for name, size, f in itertools.product(
            ("Ограничитель дверной напольный", "Ограничитель настенный"),
            ("35 мм", "50 мм"),
            HARDWARE_FINISHES,
        )
    ]


# (section path, kind, candidate products, how many at scale 1.0)
CATALOG: tuple[tuple[tuple[str, ...], Kind, Any, int], ...] = (
    (("Межкомнатные двери", "Эмаль"), DOOR, lambda: _doors(FRAME_COLOURS[:2], "МДФ, эмаль"), 340),
    (
        ("Межкомнатные двери", "Натуральный шпон"),
        DOOR,
        lambda: _doors(("дуб натуральный", "дуб беленый", "орех американский"), "шпон"),
        280,
    ),
    (
        ("Межкомнатные двери", "Экошпон"),
        DOOR_BIG,
        lambda: _doors(("венге", "капучино", "грей", "бьянко"), "экошпон"),
        400,
    ),
    (("Входные двери", "Квартирные"), ENTRANCE, lambda: _entrance("Дверь входная квартирная"), 110),
    (
        ("Входные двери", "Уличные с терморазрывом"),
        ENTRANCE,
        lambda: _entrance("Дверь входная уличная с терморазрывом"),
        70,
    ),
    (
        ("Погонаж", "Коробки"),
        MOULDING,
        lambda: _joinery("Коробка дверная телескопическая", ("2070×70×28", "2070×80×40")),
        20,
    ),
    (
        ("Погонаж", "Наличники"),
        MOULDING,
        lambda: _joinery("Наличник", ("прямой 70×10", "фигурный 80×12", "с капителью 90×16")),
        30,
    ),
    (
        ("Погонаж", "Доборы"),
        MOULDING,
        lambda: _joinery("Добор телескопический", ("100 мм", "150 мм", "200 мм")),
        30,
    ),
    (("Погонаж", "Плинтус"), MOULDING, lambda: _joinery("Плинтус МДФ", ("60 мм", "80 мм")), 20),
    (("Фурнитура", "Ручки"), HANDLE, _handles, 250),
    (("Фурнитура", "Петли"), HINGE, _hinges, 84),
    (("Фурнитура", "Замки и защёлки"), LOCK, _locks, 70),
    (
        ("Межкомнатные двери", "Коллекция «Премьер» (для партнёров)"),
        DOOR,
        lambda: _doors(("шпон ореха, патина", "массив дуба"), "массив"),
        300,
    ),
    (
        ("Входные двери", "Противопожарные EI-60 (по согласованию)"),
        ENTRANCE,
        lambda: _entrance("Дверь противопожарная EI-60"),
        60,
    ),
)
PRIVATE = frozenset(
    {"Коллекция «Премьер» (для партнёров)", "Противопожарные EI-60 (по согласованию)"}
)


async def _section(spec: CatalogSpec, path: tuple[str, ...]) -> int:
    parent: int | None = None
    for depth in range(1, len(path) + 1):
        key = " / ".join(path[:depth])
        if key not in spec.sections:
            created = await catalog_changes.create_category(
                None,
                path[depth - 1],
                parent_id=parent,
                is_private=path[depth - 1] in PRIVATE,
                position=len(spec.sections),
            )
            spec.sections[key] = created.id
            if created.is_private:
                spec.private_sections.append(created.id)
        parent = spec.sections[key]
    assert parent is not None
    return parent


def _kopecks(rng: random.Random, low: int, high: int) -> int:
    """A price in roubles ending in 0 or 90, as price lists usually show, in kopecks."""
    rub = rng.randrange(low, high) // 10 * 10
    return (rub - 10 if rng.random() < 0.3 else rub) * 100


async def load_catalog(rng: random.Random, scale: float) -> CatalogSpec:
    """Warehouses, price lists, sections and products with prices and stock."""
    warehouses = {
        code: (await Warehouse.create(code=code, name=name, region=region)).id
        for code, name, region in WAREHOUSES
    }
    base = await PriceList.create(name="Базовый прайс-лист", is_base=True)
    lists = {
        "partner": (await PriceList.create(name="Партнёрский прайс-лист")).id,
        "ural": (await PriceList.create(name="Уральский региональный прайс-лист")).id,
    }
    spec = CatalogSpec(base.id, lists, warehouses, {}, [])
    products: list[Product] = []
    plans: list[tuple[Product, Kind, int]] = []
    counters: dict[str, int] = {}
    for path, kind, candidates, count in CATALOG:
        section = await _section(spec, path)
        rows = candidates()
        for name, attrs in rng.sample(rows, min(len(rows), max(2, round(count * scale)))):
            counters[kind.prefix] = counters.get(kind.prefix, 0) + 1
            product = Product(
                sku=f"{kind.prefix}-{counters[kind.prefix]:05d}",
                name=name,
                category_id=section,
                attributes=attrs,
                description="",
            )
            products.append(product)
            plans.append((product, kind, section))
    await Product.bulk_create(products, batch_size=500)
    ids = dict(await Product.all().values_list("sku", "id"))
    units = [
        ShipmentUnit(product_id=ids[p.sku], code=code, multiplicity=m)
        for p, kind, _ in plans
        for code, m in kind.units
    ]
    await ShipmentUnit.bulk_create(units, batch_size=1000)
    unit_ids = {
        (pid, code): (uid, m)
        for uid, pid, code, m in await ShipmentUnit.all().values_list(
            "id", "product_id", "code", "multiplicity"
        )
    }
    prices, stock = [], []
    now = datetime.now(UTC)
    for product, kind, section in plans:
        pid = ids[product.sku]
        amount = _kopecks(rng, *kind.price_rub)
        prices.append(PriceRow(price_list_id=base.id, product_id=pid, amount_kopecks=amount))
        for list_id, share, off in ((lists["partner"], 0.7, 0.06), (lists["ural"], 0.4, 0.04)):
            if rng.random() < share:
                special = round(amount * (1 - off) / 100) * 100
                prices.append(
                    PriceRow(price_list_id=list_id, product_id=pid, amount_kopecks=special)
                )
        for warehouse_id in warehouses.values():
            quantity = 0 if rng.random() < 0.12 else rng.randrange(1, 400)
            stock.append(
                StockLevel(
                    product_id=pid, warehouse_id=warehouse_id, quantity=quantity, updated_at=now
                )
            )
        for code, _ in kind.units:
            uid, pieces = unit_ids[(pid, code)]
            spec.units_by_section.setdefault(section, []).append((kind.prefix, uid, pieces))
    await PriceRow.bulk_create(prices, batch_size=1000)
    await StockLevel.bulk_create(stock, batch_size=1000)
    spec.product_count = len(products)
    return spec
