"""Names for the demo factory: dealers, people and addresses that read as real Russian ones.

Only vocabulary and small generators live here; `app.demo_people` turns them into rows.
Everything is drawn from a `random.Random` the caller seeds, so a seed gives one world.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

WAREHOUSES = (
    ("MSK", "Склад Москва (Подольск)", "Москва и Центральный федеральный округ"),
    ("SPB", "Склад Санкт-Петербург (Шушары)", "Северо-Западный федеральный округ"),
    ("EKB", "Склад Екатеринбург (Берёзовский)", "Уральский и Сибирский федеральные округа"),
)


@dataclass(frozen=True)
class City:
    """Where a dealer sits: tax region code, postcode prefix and the warehouse serving it."""

    name: str
    region: str
    postcode: str
    warehouse: str


CITIES = {
    "Москва": City("Москва", "77", "1155", "MSK"),
    "Санкт-Петербург": City("Санкт-Петербург", "78", "1961", "SPB"),
    "Екатеринбург": City("Екатеринбург", "66", "6200", "EKB"),
    "Тула": City("Тула", "71", "3000", "MSK"),
    "Казань": City("Казань", "16", "4200", "MSK"),
    "Нижний Новгород": City("Нижний Новгород", "52", "6030", "MSK"),
    "Новосибирск": City("Новосибирск", "54", "6300", "EKB"),
    "Самара": City("Самара", "63", "4430", "MSK"),
    "Великий Новгород": City("Великий Новгород", "53", "1730", "SPB"),
    "Краснодар": City("Краснодар", "23", "3500", "MSK"),
    "Ростов-на-Дону": City("Ростов-на-Дону", "61", "3440", "MSK"),
    "Пермь": City("Пермь", "59", "6140", "EKB"),
    "Челябинск": City("Челябинск", "74", "4540", "EKB"),
    "Воронеж": City("Воронеж", "36", "3940", "MSK"),
    "Петрозаводск": City("Петрозаводск", "10", "1850", "SPB"),
    "Тюмень": City("Тюмень", "72", "6250", "EKB"),
    "Тверь": City("Тверь", "69", "1700", "MSK"),
    "Уфа": City("Уфа", "02", "4500", "EKB"),
}


@dataclass(frozen=True)
class DealerSpec:
    """One demo dealer; `owner` is set for a sole trader (ИП), whose name is the company's."""

    legal_name: str
    city: str
    parent: int | None = None
    """1-based number of the holding this dealer belongs to."""
    owner: tuple[str, str, str] | None = None
    """(surname, first name, patronymic) of a sole trader."""
    price_list: str | None = None
    """`partner` or `ural`: a negotiated list instead of the base one."""
    discount_bp: int = 0


# dealer1 and dealer2 stand alone (the demo's two logins); 14 is a holding over 15 and 16.
DEALERS = (
    DealerSpec("ООО «Двери Столицы»", "Москва", price_list="partner", discount_bp=300),
    DealerSpec("ООО «Невские двери»", "Санкт-Петербург", discount_bp=150),
    DealerSpec("ООО «УралДверьСнаб»", "Екатеринбург", price_list="ural", discount_bp=200),
    DealerSpec("ИП Кузнецов Андрей Викторович", "Тула", owner=("Кузнецов", "Андрей", "Викторович")),
    DealerSpec("ООО «Дом и Интерьер»", "Казань", price_list="partner"),
    DealerSpec("ООО «Порта Нова»", "Нижний Новгород", discount_bp=250),
    DealerSpec("ООО «СибДвери»", "Новосибирск", price_list="ural", discount_bp=100),
    DealerSpec("ООО «Волга-Декор»", "Самара", discount_bp=200),
    DealerSpec(
        "ИП Морозова Елена Сергеевна",
        "Великий Новгород",
        owner=("Морозова", "Елена", "Сергеевна"),
    ),
    DealerSpec("ООО «Кубань Интерьер»", "Краснодар", discount_bp=350),
    DealerSpec("ООО «Дверной центр Дон»", "Ростов-на-Дону", discount_bp=100),
    DealerSpec("ООО «Пермский дверной двор»", "Пермь", price_list="ural"),
    DealerSpec("АО «ЧелябДверьТорг»", "Челябинск", price_list="ural", discount_bp=400),
    DealerSpec("ООО «Группа Мастер Дверей»", "Москва", price_list="partner", discount_bp=500),
    DealerSpec("ООО «Мастер Дверей Север»", "Санкт-Петербург", parent=14, price_list="partner"),
    DealerSpec("ООО «Мастер Дверей Юг»", "Воронеж", parent=14, price_list="partner"),
    DealerSpec("ООО «Карельский стиль»", "Петрозаводск", discount_bp=50),
    DealerSpec("ООО «Тюменьстройкомплект»", "Тюмень", price_list="ural"),
    DealerSpec("ИП Белов Игорь Николаевич", "Тверь", owner=("Белов", "Игорь", "Николаевич")),
    DealerSpec("ООО «Башкирские двери»", "Уфа", discount_bp=250),
)

MALE_FIRST = (
    "Алексей", "Андрей", "Дмитрий", "Сергей", "Михаил", "Иван", "Николай", "Павел", "Олег",
    "Артём", "Максим", "Владимир", "Евгений", "Игорь", "Роман", "Константин", "Виктор",
)  # fmt: skip
FEMALE_FIRST = (
    "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Марина", "Ирина", "Светлана", "Юлия",
    "Екатерина", "Мария", "Ксения", "Дарья", "Людмила",
)  # fmt: skip
FATHERS = (
    "Александр", "Виктор", "Сергей", "Николай", "Игорь", "Владимир", "Пётр", "Андрей",
    "Михаил", "Олег", "Юрий", "Геннадий", "Борис", "Анатолий",
)  # fmt: skip
SURNAMES = (
    "Иванов", "Смирнов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
    "Фёдоров", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
    "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев",
    "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Фролов",
)  # fmt: skip
STREETS = (
    "ул. Ленина", "ул. Гагарина", "ул. Мира", "ул. Советская", "пр-т Победы", "ул. Садовая",
    "ул. Заводская", "ул. Промышленная", "ул. Строителей", "ул. Кирова", "Октябрьский пр-т",
    "ул. Пушкина", "ул. Набережная", "ул. Складская", "ш. Энтузиастов", "ул. Транспортная",
)  # fmt: skip

STAFF = (
    ("supervisor@demo.test", ("Григорьева", "Ольга", "Николаевна"), "supervisor"),
    ("manager1@demo.test", ("Ковалёв", "Сергей", "Петрович"), "manager"),
    ("manager2@demo.test", ("Белова", "Анастасия", "Игоревна"), "manager"),
    ("manager3@demo.test", ("Тарасов", "Денис", "Олегович"), "manager"),
    ("manager4@demo.test", ("Крылова", "Валерия", "Андреевна"), "manager"),
)


def patronymic(father: str, female: bool) -> str:
    """Отчество from a father's name (the handful of names above, regular and not)."""
    irregular = {"Пётр": "Петр", "Юрий": "Юрь", "Анатолий": "Анатоль", "Геннадий": "Геннадь"}
    stem = irregular.get(father, father)
    if stem.endswith("ь"):
        return stem[:-1] + ("ьевна" if female else "ьевич")
    if stem.endswith("й"):
        return stem[:-1] + ("евна" if female else "евич")
    return stem + ("овна" if female else "ович")


def full_name(parts: tuple[str, str, str]) -> str:
    """«Фамилия Имя Отчество», as Russian business documents write it."""
    return " ".join(parts)


def random_person(rng: random.Random) -> tuple[str, str, str]:
    """(surname, first name, patronymic) of a random man or woman."""
    female = rng.random() < 0.45
    surname = rng.choice(SURNAMES)
    first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
    return (surname + "а" if female else surname, first, patronymic(rng.choice(FATHERS), female))


def phone(rng: random.Random) -> str:
    """A mobile number in the usual Russian notation."""
    digits = [rng.randrange(10) for _ in range(7)]
    code = rng.choice((903, 905, 910, 912, 915, 916, 921, 926, 950, 961, 977, 985, 999))
    d = "".join(map(str, digits))
    return f"+7 ({code}) {d[:3]}-{d[3:5]}-{d[5:]}"


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn(rng: random.Random, region: str, *, person: bool = False) -> str:
    """A taxpayer number with valid check digits: 10 digits for a company, 12 for an ИП."""
    digits = [int(c) for c in region] + [rng.randrange(10) for _ in range(8 if person else 7)]
    digits[2:4] = [0, rng.randrange(1, 10)]  # the tax inspection within the region
    if person:
        digits.append(_check_digit(digits, (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)))
        digits.append(_check_digit(digits, (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)))
    else:
        digits.append(_check_digit(digits, (2, 4, 10, 3, 5, 9, 4, 6, 8)))
    return "".join(map(str, digits))


def kpp(inn_value: str) -> str:
    """The registration reason code of a company registered where its INN was issued."""
    return inn_value[:4] + "01001"


def addresses(rng: random.Random, city: City) -> tuple[str, str]:
    """(legal address, delivery address) in the city."""
    postcode = f"{city.postcode}{rng.randrange(10, 99)}"
    legal = (
        f"{postcode}, г. {city.name}, {rng.choice(STREETS)}, "
        f"д. {rng.randrange(1, 120)}, оф. {rng.randrange(1, 40)}"
    )
    delivery = (
        f"г. {city.name}, {rng.choice(STREETS)}, д. {rng.randrange(1, 90)}, "
        f"стр. {rng.randrange(1, 6)}, склад {rng.randrange(1, 12)}"
    )
    return legal, delivery
