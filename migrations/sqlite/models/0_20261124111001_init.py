from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "login_failure" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "at" TIMESTAMP NOT NULL
) /* One failed login, counted per email and per address to throttle guessing. */;
CREATE INDEX IF NOT EXISTS "idx_login_failu_email_e830d1" ON "login_failure" ("email");
CREATE INDEX IF NOT EXISTS "idx_login_failu_ip_c765d3" ON "login_failure" ("ip");
CREATE INDEX IF NOT EXISTS "idx_login_failu_at_ce3ac2" ON "login_failure" ("at");
CREATE TABLE IF NOT EXISTS "person" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "email" VARCHAR(254) NOT NULL UNIQUE,
    "full_name" VARCHAR(200) NOT NULL,
    "phone" VARCHAR(32) NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL,
    "time_zone" VARCHAR(64) NOT NULL,
    "language" VARCHAR(8) NOT NULL,
    "staff_role" VARCHAR(16) /* MANAGER: manager\nSUPERVISOR: supervisor */,
    "is_active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL
) /* Someone who logs in: a dealer employee, a manager or a supervisor. */;
CREATE TABLE IF NOT EXISTS "category" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "is_private" INT NOT NULL,
    "position" INT NOT NULL,
    "parent_id" INT REFERENCES "category" ("id") ON DELETE RESTRICT
) /* A catalog section; a private one is visible only to the dealers granted it. */;
CREATE TABLE IF NOT EXISTS "price_list" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "is_base" INT NOT NULL
) /* The base list (exactly one) or a list negotiated for some dealers. */;
CREATE TABLE IF NOT EXISTS "product" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "sku" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(300) NOT NULL,
    "attributes" JSON NOT NULL,
    "description" TEXT NOT NULL,
    "is_active" INT NOT NULL,
    "category_id" INT NOT NULL REFERENCES "category" ("id") ON DELETE RESTRICT
) /* A sellable article; prices are per piece, units of shipment multiply them. */;
CREATE INDEX IF NOT EXISTS "idx_product_name_683352" ON "product" ("name");
CREATE TABLE IF NOT EXISTS "price" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "amount_kopecks" BIGINT NOT NULL,
    "price_list_id" INT NOT NULL REFERENCES "price_list" ("id") ON DELETE CASCADE,
    "product_id" INT NOT NULL REFERENCES "product" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_price_price_l_17229d" UNIQUE ("price_list_id", "product_id")
) /* A product's price per piece in a list, in kopecks. */;
CREATE TABLE IF NOT EXISTS "shipment_unit" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "multiplicity" INT NOT NULL,
    "product_id" INT NOT NULL REFERENCES "product" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_shipment_un_product_00b2b9" UNIQUE ("product_id", "code")
) /* How a product ships: a piece, a box of 100, a pallet of 40 ... */;
CREATE TABLE IF NOT EXISTS "warehouse" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(16) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "region" VARCHAR(200) NOT NULL
) /* A regional warehouse; each dealer is bound to one. */;
CREATE TABLE IF NOT EXISTS "dealer" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "legal_name" VARCHAR(300) NOT NULL,
    "inn" VARCHAR(12) NOT NULL UNIQUE,
    "kpp" VARCHAR(9) NOT NULL,
    "legal_address" VARCHAR(500) NOT NULL,
    "delivery_address" VARCHAR(500) NOT NULL,
    "discount_bp" INT NOT NULL,
    "is_active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "parent_id" INT REFERENCES "dealer" ("id") ON DELETE RESTRICT,
    "price_list_id" INT REFERENCES "price_list" ("id") ON DELETE SET NULL,
    "warehouse_id" INT REFERENCES "warehouse" ("id") ON DELETE SET NULL
) /* A legal entity that buys from the factory; `parent` makes it part of a holding. */;
CREATE TABLE IF NOT EXISTS "api_token" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "prefix" VARCHAR(12) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "last_used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "active_dealer_id" INT REFERENCES "dealer" ("id") ON DELETE SET NULL,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE
) /* A personal bearer token for a mobile app; only its SHA-256 is stored. */;
CREATE TABLE IF NOT EXISTS "audit_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "object_type" VARCHAR(32) NOT NULL,
    "object_id" VARCHAR(64) NOT NULL,
    "before" JSON,
    "after" JSON,
    "ip" VARCHAR(64) NOT NULL,
    "user_agent" VARCHAR(300) NOT NULL,
    "dealer_id" INT REFERENCES "dealer" ("id") ON DELETE SET NULL,
    "person_id" INT REFERENCES "person" ("id") ON DELETE SET NULL
) /* Who did what, acting for which dealer, with the state before and after. */;
CREATE INDEX IF NOT EXISTS "idx_audit_entry_at_c3f19e" ON "audit_entry" ("at");
CREATE INDEX IF NOT EXISTS "idx_audit_entry_action_a20b3a" ON "audit_entry" ("action");
CREATE TABLE IF NOT EXISTS "dealer_membership" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "role" VARCHAR(16) NOT NULL /* OWNER: owner\nADMIN: admin\nEMPLOYEE: employee\nVIEWER: viewer */,
    "can_place_orders" INT NOT NULL,
    "can_see_prices" INT NOT NULL,
    "can_see_finance" INT NOT NULL,
    "can_chat" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "dealer_id" INT NOT NULL REFERENCES "dealer" ("id") ON DELETE CASCADE,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_dealer_memb_person__2bcc24" UNIQUE ("person_id", "dealer_id")
) /* A person acting for a dealer, with a role and explicit permissions. */;
CREATE TABLE IF NOT EXISTS "login_session" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key_hash" VARCHAR(64) NOT NULL UNIQUE,
    "csrf_token" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "last_seen_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "user_agent" VARCHAR(300) NOT NULL,
    "active_dealer_id" INT REFERENCES "dealer" ("id") ON DELETE SET NULL,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE
) /* A browser login; the cookie holds a random key, the table its SHA-256. */;
CREATE INDEX IF NOT EXISTS "idx_login_sessi_expires_abf88d" ON "login_session" ("expires_at");
CREATE TABLE IF NOT EXISTS "manager_assignment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "dealer_id" INT NOT NULL REFERENCES "dealer" ("id") ON DELETE CASCADE,
    "manager_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_manager_ass_manager_1cd81f" UNIQUE ("manager_id", "dealer_id")
) /* A manager looks after a dealer. */;
CREATE TABLE IF NOT EXISTS "category_access" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "category_id" INT NOT NULL REFERENCES "category" ("id") ON DELETE CASCADE,
    "dealer_id" INT NOT NULL REFERENCES "dealer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_category_ac_categor_e7e92e" UNIQUE ("category_id", "dealer_id")
) /* Grants one dealer sight of one private category. */;
CREATE TABLE IF NOT EXISTS "stock_level" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "quantity" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "product_id" INT NOT NULL REFERENCES "product" ("id") ON DELETE CASCADE,
    "warehouse_id" INT NOT NULL REFERENCES "warehouse" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_stock_level_product_48cc1e" UNIQUE ("product_id", "warehouse_id")
) /* Pieces of a product available in a warehouse. */;
CREATE TABLE IF NOT EXISTS "order" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(20) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL /* DRAFT: draft\nSUBMITTED: submitted\nCONFIRMED: confirmed\nIN_PRODUCTION: in_production\nREADY: ready\nSHIPPED: shipped\nCOMPLETED: completed\nCANCELLED: cancelled */,
    "comment" TEXT NOT NULL,
    "cancel_reason" TEXT NOT NULL,
    "total_kopecks" BIGINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "submitted_at" TIMESTAMP,
    "version" INT NOT NULL,
    "created_by_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "dealer_id" INT NOT NULL REFERENCES "dealer" ("id") ON DELETE RESTRICT
) /* A dealer's order; `total_kopecks` is the sum of its items at their fixed prices. */;
CREATE INDEX IF NOT EXISTS "idx_order_created_a653c8" ON "order" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_order_dealer__ac4026" ON "order" ("dealer_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_order_dealer__733f37" ON "order" ("dealer_id", "status", "created_at");
CREATE TABLE IF NOT EXISTS "order_item" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" INT NOT NULL,
    "quantity" INT NOT NULL,
    "unit_price_kopecks" BIGINT NOT NULL,
    "comment" VARCHAR(500) NOT NULL,
    "order_id" INT NOT NULL REFERENCES "order" ("id") ON DELETE CASCADE,
    "product_id" INT NOT NULL REFERENCES "product" ("id") ON DELETE RESTRICT,
    "shipment_unit_id" INT NOT NULL REFERENCES "shipment_unit" ("id") ON DELETE RESTRICT
) /* A line of an order: so many units of shipment of a product. */;
CREATE TABLE IF NOT EXISTS "order_status_change" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "from_status" VARCHAR(16) /* DRAFT: draft\nSUBMITTED: submitted\nCONFIRMED: confirmed\nIN_PRODUCTION: in_production\nREADY: ready\nSHIPPED: shipped\nCOMPLETED: completed\nCANCELLED: cancelled */,
    "to_status" VARCHAR(16) NOT NULL /* DRAFT: draft\nSUBMITTED: submitted\nCONFIRMED: confirmed\nIN_PRODUCTION: in_production\nREADY: ready\nSHIPPED: shipped\nCOMPLETED: completed\nCANCELLED: cancelled */,
    "at" TIMESTAMP NOT NULL,
    "by_system" VARCHAR(32) NOT NULL,
    "reason" TEXT NOT NULL,
    "by_person_id" INT REFERENCES "person" ("id") ON DELETE SET NULL,
    "order_id" INT NOT NULL REFERENCES "order" ("id") ON DELETE CASCADE
) /* An order's move from one status to another, kept as its history. */;
CREATE TABLE IF NOT EXISTS "production_unit" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "serial" INT NOT NULL,
    "stage" VARCHAR(16) NOT NULL /* QUEUED: queued\nCUTTING: cutting\nASSEMBLY: assembly\nPAINTING: painting\nQUALITY_CHECK: quality_check\nPACKED: packed\nSHIPPED: shipped\nAT_DEALER: at_dealer\nSOLD: sold */,
    "stage_changed_at" TIMESTAMP NOT NULL,
    "item_id" INT NOT NULL REFERENCES "order_item" ("id") ON DELETE CASCADE,
    "order_id" INT NOT NULL REFERENCES "order" ("id") ON DELETE CASCADE
) /* One produced piece (one door) of an order item. */;
CREATE INDEX IF NOT EXISTS "idx_production__order_i_c8d44d" ON "production_unit" ("order_id", "serial");
CREATE TABLE IF NOT EXISTS "unit_stage_move" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "order_id" INT NOT NULL,
    "from_stage" VARCHAR(16) /* QUEUED: queued\nCUTTING: cutting\nASSEMBLY: assembly\nPAINTING: painting\nQUALITY_CHECK: quality_check\nPACKED: packed\nSHIPPED: shipped\nAT_DEALER: at_dealer\nSOLD: sold */,
    "to_stage" VARCHAR(16) NOT NULL /* QUEUED: queued\nCUTTING: cutting\nASSEMBLY: assembly\nPAINTING: painting\nQUALITY_CHECK: quality_check\nPACKED: packed\nSHIPPED: shipped\nAT_DEALER: at_dealer\nSOLD: sold */,
    "at" TIMESTAMP NOT NULL,
    "by_system" VARCHAR(32) NOT NULL,
    "by_person_id" INT REFERENCES "person" ("id") ON DELETE SET NULL,
    "unit_id" INT NOT NULL REFERENCES "production_unit" ("id") ON DELETE CASCADE
) /* A unit's move from one stage to the next, by a person or a named system. */;
CREATE INDEX IF NOT EXISTS "idx_unit_stage__order_i_bd58dc" ON "unit_stage_move" ("order_id");
CREATE TABLE IF NOT EXISTS "realtime_outbox" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "topic" VARCHAR(200) NOT NULL,
    "seq" BIGINT NOT NULL,
    "type" VARCHAR(64) NOT NULL,
    "payload" TEXT NOT NULL,
    "occurred_at" TIMESTAMP NOT NULL,
    "published_at" TIMESTAMP,
    CONSTRAINT "uid_realtime_ou_topic_78924b" UNIQUE ("topic", "seq")
) /* One event on one topic, at its position; `published_at` is set by the relay. */;
CREATE INDEX IF NOT EXISTS "idx_realtime_ou_publish_3b50a5" ON "realtime_outbox" ("published_at");
CREATE TABLE IF NOT EXISTS "realtime_topic_sequence" (
    "topic" VARCHAR(200) NOT NULL PRIMARY KEY,
    "last_seq" BIGINT NOT NULL,
    "epoch" VARCHAR(16) NOT NULL
) /* The last position handed out on a topic, and the epoch that positions belong to. */;
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXW132ri2/itafJnOWpyelIQ0Te+6a5GUtswQyCRkOnOmZ7nCCNCJsTx+ScI9M//9Sv"
    "K7LYMNBoyrT0lsbdl5JEt7P/tF/20syARp1uuOgUfkEemNS/Dfhg4XiP6SutcEDWgY4R12"
    "wYZjjTeGBlbsoNnYsk2o2vTGFGoWopcmyFJNbNiYsIc0OsBApkV0qIExgiYyARcGU2ICCB"
    "ZkjDUE6NPeA6JrS4BtC9x/7vyj1T4H2AKWTUw0ec0eNSEqfRbWZ6X26uj4TwfRf2iG7Dky"
    "ad9//JtexvoEvSDL/9N4VKYYaZMYanjCOuDXFXtp8Gs93f7IG7IXHisq0ZyFHjY2lvac6E"
    "FrrNvs6gzpyIQ2Yt3bpsNA1B1N8wD3cXXfNGzivmJEZoKm0NHYUDBp9wXCaw1FGQxHyn13"
    "pCiN1DD5EhGMvUsq0dkQ01e1+H8/Y6/wj9abs7dnF6fnZxe0CX/N4Mrbv91Hh8C4ghyewa"
    "jxN78Pbei24BiHoPKfKViv59AU4+q3TyBLXzmJrI/jKmj9CyG24azeB7gL+KJoSJ/Zc/rn"
    "m5OTFVD+2rm7/ty5e0Vb/cgeSehn6H6gA+9Wy73H8A7x5Z+JMofWvAjKcalysD7sNI4hfX"
    "6WA+jzs0yc2a04zIaJpvilCMShRB2ncivPTG5lT+RWEmDVRAwMBdppkD/QOzZeIDHQcckE"
    "2BNP9LX/yzFCT//ByZBue943tQL6Ue+mez/q3Nyyxy0s60+N49cZddmdFr+6TFx9dZ4Ypq"
    "AT8KU3+gzYn+Bfw0GXw0sse2byJ4btRv9qsHeCjk0UnTwrcBL5/P2rPmqxUdegZSuOtdG4"
    "J2VLGHnvlasy8Ecy0D4mK0faRE90z9lknOOScpSrPMrUcsBPiGIENWQqhRRqkeh69br6w1"
    "uOgh3RRLidVAzbmMxGoFZuTywBVWYITh+FVosLWBrhj9TOxDP9Z7TkQPfoO0FdFRksngl+"
    "G3R0ZAD/7c8h/2r4ZZnwObCe41OL/kL/a2S7qnHn/rrzodvIXiBKwPdD0NFxrQp54RWtij"
    "GU6YuAwUO/3+DTeQzVx2doTpTYvGZ3SIskrgRt07cWrUXyCtThjMPE/h/29j7H5Eyw3dVt"
    "c9kQMVDh3eZKDoq1U1DQcC0L9WVOwARPwPMc2k3AUNJnnCx6nmN1Dly8muAZ23NgzxGg88"
    "hGYIxoEwSgPgFwaiMzzUOV2G/JTNQVnn0vZNS7Vuv09G3r5PT8on329m374iRY3tO3Vq3z"
    "V71PbKmPqUPrKaviKuo+Tc99jkfdVFPRlp7N4IQSu2Jw6sSQkfF/kGq7GBUAOSFWQ67sNA"
    "9XdprNlZ2muDIPM9EusRZo4VaxQ5gbjSOdz+6enkb4p/vhQIxwKJHcCbBqg7+Ahq0jtF9X"
    "4MqgiC3/Pp6vbjq/JaG+7g+vkus66+AqgTtXoIrAHghI1DdHHRtF1hK3tVxE1i4ijkWtNm"
    "o46QKVMhveuFTtYD7N5Qc9XeEHPU37QTehHCXXWEmusYagVopqrBi+2zONIQeWXhEkx7gW"
    "2OqSix7yAmIxHJNsUjGcAHmi2jQ0gxqgey62l8CeQxuMnaUFpiZZcKZvSuWJuXwPvhnQpM"
    "2+gQV8RBbANqAXbECmAII50SZ0SETxbaX3LyPdqhXpxgdYKRrvFpeqI/2xC20P64WYPK95"
    "7eLcyg/DejQKGYJe89qZKO9y4PouE9Z3SVTdjxxOJtQCt4qvDhHB2iHdzrU8tFcsD22RMa"
    "jhJ2QuN4FcJCtRz4U6tlTi6LYyFqwh2UZ4XGp/0SknldYzInudpbhRAGlQrwjRENQzNr2o"
    "XALWMRXcFa7+drhfVvRqOOzHWNGrXsLxO3i4uerS7ZBPadoI20gMuAxFzp7b9Q1Fdq2ugl"
    "xXVEZyXQIC0cQqUpgLpiCwSTkJbhrcZzr75sSxUDFsk2IS2vUcLf/OJZW4nqONLogxKvGO"
    "rs93vetRQzyFS8D2S7SvesKb/HRzsODhSlqGi4F11j9mh/r6GZzceQoT4iH2ljO28ARDEy"
    "OBCXrlSX/8+Q5pMCPUrKbrRmyKLtBijExrjo1SULoJujtCBTsfYNxfYirQsujnu0BMdivg"
    "btwOO0F/dUVOpf/PjJhLZWbCrVG79jrrqKrHE9URMmJO6Ne0HVJD1kedANq90zOyimW6P+"
    "Mr3TpHqLKIN89d6SOaBgHjKRAQmERzEx/Qi6FhlXkrkbnAdCWhoGXX+diyT4Hv849IJIXn"
    "+f239Ice0B/KRlFMvHd1Z5HSOOM5v57sHol3tDA0skT+u+SFuzH8MujeXQLyTN/pq975cN"
    "MbXAI4WWD9q969ue0Pf+92L4Hf+1f91173CxN4wujZXRQLe/3O83j9klRaxOt3niq+AHXF"
    "0CBVfDNX+1VMs0hcEs4FCGeKn4WQwm2PTcCPC0voi0M/xbq/EG2AfUR6j+AHV44afXUu8r"
    "Oshd0Xk5NdOrakY2uVY+swkfGVG+BahMbXEdVKxcZXDeAdleHYf2z8sQKbHRwfAHuY2Pg+"
    "mWH9I8SaY6KGgCKK3W+uooc01lKZRpqupYaGOgtYxxqaAC7dBDyGi/5JJyI1duktTuCwv7"
    "w4OmATYM9NYtsaAjOHXhEGypfaswyRrxYlxIdPzAmJgQ0E6leBodXOk21KW2XyOPxeddN4"
    "61TcQpaEqUtJmJS2ecDd+x5xl0bm7u3fz7F7W5GmORw7Y5M8W3QH5cLvef6ZSsgjRjzDzG"
    "I+GLrJkgV4RMsmv82fF627LvLtlNWt3LertW/T4SpcYjwqU7vEq/J3GNUyp+ExDHlBjkvV"
    "MHtwB0BLEvQ7JEF5sXALIX3TQuMR2RqO/JGMdKZWFx1q9GJg2t0GAx2XlLp7lUe5SpauIJ"
    "qkcaS7oyxYta8SBrJUvvTRHQ2q0kcnS+VXHd7Kl8pPZ1kIiD9hKkY2+5dOBclLAXqSQCPk"
    "0XLL1geR2CJub217YUy2J+UOvwzKPjiTJ4OBdqFo+F9hIVjjQhLX9apGZDGRusbqzTA+uW"
    "RA0HcQEOTNaYFOEc72bEUiVOPXKw/3ZIGIjsDznDBXnwWwfhnoAkGqS5Md3OwpDTzLy3Lo"
    "Q56wRQT6RTldSr9htbSNQ8f7VMhjuJNwnyl9cOGKozGhGroMW7nYutYKtq6VZusMilIhlA"
    "OB+rGhpZ9nY1Dr9ZnQ/a9ojEFKsI7Tud3OtXC0Vywc7dSp8XiBlP8rOKVjQnuc1l3HJAb6"
    "5w2xVPJ8rI4VDeozhyouRQCPyuwRb9PZD8gXOTC+yIT4IokwtUymU2WbrPN4Dxshvh/utH"
    "HTGXQ+sSxyTxv+qt8/3Hbvfu3dD+nFUCtO6tl5hqX89HJZwVQmelZmc61XjFOBcOaIZ8nA"
    "btDglmV9OgYe+bGHRzYNMiv7yMJkWwDmRaFviVYy9r2OSMnSbZvVIVO8DWo70GQ9sgK8sl"
    "/mriFgloN7zVXcshptlcM1TdtDjcyAhfgJzO8BBIaJn9hJ64wjxhagyi1miSOEbuRu+ify"
    "uGIL8NJ+aAKwLXJjl9q35JurxTcXpUIlC1qMBaUGmfexFLfkIoKyRlIBW44aCVh8cn12DG"
    "NERJ6nkgJUHvRwPAXzowrGcSGcOyo0R8n8PEa9OsfaxBSlD25S07g+eMe+fVn2OS9Shkkm"
    "jrotVrduL3UCaR+mlje1Vhhc4eRbb3YpMGy81vr6xL8Qbgt5wTcWns358bPsmm8r+X2nTa"
    "xNOhCGDketRhk7XAHrKphPhdBNSMk4V4FKKqOy96CTRteT/WmlVQM5r1qa+GxlBPH3EEHM"
    "SoiLtA73xkplwwia5DlXwlULf7AAF+PF/AyM6G9YBxCw05ea7NdHYiD1UXyMxAZdiE+NiB"
    "2Q5XUrNY2DahpwwU8E9sZOYILgWXZydEq2Tpvju1br9PRt6+T0/KJ99vZt++IkwD59a9Ug"
    "XPU+sXFoRjnJqp3fWdExKPF0VL7YFIU2KiRxzUFGHuoIxKrhnJuSXHkGolD7M0KiZ2uA60"
    "YZpeGNfsGVUwD55M5SAv2Zv0YRDL629drgaI7AGFqIq2zgFXqhrbUl44p+dHO8+HWdGiM2"
    "ZnOBHxlmkUXglE9rh+V0KZ371VIKpXN/58599tEU9+z7UtKtv8atv1GwrrckbeeHqVvtl7"
    "SRsrWjyqMvjmxdOIibylfRhEpCoL2tUhHCRjnYIgu58ANo2ph+Z+9dyseif0d4nyagY8Ic"
    "T1PAQqxZKCxYUKyxwcL45mghYpHK7FrqC9XSF6xHp4i64DWvXeJ5+amMVVPEDoftbgpD2v"
    "QVxo4t2tJ+uh8OMmjPmFQycQurNvgLaDukLRr/M3V0HlINxg6ma6NuvWaP/d/G/tU0hlJM"
    "TfPxfnXT+S05FNf94RWHLJKMxTq4Svlow9dMjcsIvWS6aWNiNagGsCpjrvvbaDXwQcJcfz"
    "j45DdPjobMHj1s9qiM85ARCYc3YZoFIhKKhcpKg3FdHqdn5Sjc7tkOqHuvrwfaVW3xson6"
    "SNXCJ8/S3QIt1lOfdVRXrHgep0I3n8WWUPEkzh7tp05I7ZK2iX2JAu4m+aVmEzix9SEfjf"
    "OZPPNUS878cBrFYgX+PH4FgjF5YfzKm5MT9pcBNbq0swtnJ+D16zR1s313GcFAATOl0n9b"
    "hgEdNuCYDUEK1hWnYXnta+jxKb8oj0dgYhXbAgU0u2pxQmx/ev6bSs9iGdWz96geGXGyn4"
    "gTqbtVQHcL7QKR5hazGlbobaGdkk9ru2X6FHd8hcoWfILYdZrxSGv6v6E5cSyUVtIKS6/T"
    "yYLWUjE7qGL2pwN1u5jeEBWRNQmSOoNjTDYs2BeXlAX7qlKwz8coUrEvK8daaoolf03BNl"
    "EM2aSYxFZq4fvWwoXTuAR0v0T7qim+ye+3SpH1If4C9T02ONnae2w+5AmcM9GM/g61UMt+"
    "DxBU535hBmyBMXH0CatyR3SBAr9ZFzIQrlra+mFp1AqFwpVPolYtFK5uOQnu8lME4VCiBq"
    "FWO0JY5iHIKICa8aNuRWeBbhWUes7Wq0jQJIdO5X4GP1iAS70H32xiQ80vN/CNKUSsYLDl"
    "LBjvybIGOF0OoM2uYxNMMR0TL81ApHGV/4D1+tgf8ZokkUMgaMPETWpp2I6VbCY1ur2mQj"
    "rsJIFCikcgUTutrpVvV1yxKQpOEvKmeBreXKcIedJ71EAmJpzaBdWQxoe7zsfRJeCy7ASh"
    "q5veaNT9wA4QGi+wTV/xq349HHzs3d2wq3QUpthcsKu9gXJ7N/zwcD3qDQeXAOuKR27Qnr"
    "/qd93Oh98vASNul7Tfz73bW97rHBuG2+fNbb87cvtcGMxEZ1c7g+tuv8+vMmA1DU2S6+Nh"
    "tHz6kgthOdvssP+ISA300H2H/Lvjr9AJZBXLtkgJSvALgx/TNwR67IraSynR2nj69lx36b"
    "gO8Nrn3n+87j9+SXp9v79hDrSpDQY6KVvCUFeTWqnFSD8h0xLylZk7ZkRCRtJm7YLjoqmI"
    "STnpyZdFpw8THyGrIuf13mdXRQ6TO8WLQwno3tJluFaHTSbRTS2JW6TPyvjvPL4gRgIq6h"
    "zqs21TjTlY97zDa95fXUErIdv4NqAh65ZvvHPvGf8cszxo/re6xovGc0PyutI0rCOeHKC7"
    "vq5LYBF2oP1SUG4rmkMg8ppt1ZcMWKqWe+tojjysPMZHmLJxRJiypUVx6x1vRJeL5SVnvi"
    "FnnuWlWxXpWCcvXdwN2s4VLdZeES3WTsfjeZt8kU0vKiJXEZkvvjdcY0VKiqErEpUYr2e7"
    "gki6LemYIGjvyODNy8ZE10R5tkaZyK7IsRLTiKlSRltCXNNyZ0mcRSvkFpSiZH4OyfzEuM"
    "UsBihJQK5jgmIMaE5KyCNvfrDAgjwhMDXJgh8a7PbFcsygThhF0wSPyLABtHgA9BxbtvAs"
    "4jI6LJkcWmUP1owf2ov9l80iscFWtgvlTXSxkY24n3ALGcubM5bXJlvOiVgHVc7jk1Mi55"
    "QoHpUlw+6OIBhrvFSspeX5o/IygjGh2nGCp60c385pK/u0ilY6QbdoiL6Mzd8iNp9OT4OH"
    "qhTjs5JiG3FZFYsbLZsulNS2pAcrQq4UoweDj7sMgjBvHFzFFoO8yCYXwhi69CXA4KHfP9"
    "zpuzEGS0DEpDmutYfs0bYFqrQPdeRFxrAUcla+E7xifMmEEPPHaHwNTzpPEy4byOfJTo9+"
    "EBYyMdRkxvmeD9NzUc8PbCggd0aRc9KGs4zKQbkyzGd7LiPUoE0d5A9zbgril4fuA7P4Xe"
    "mv+vXDaNQbfLoEqmPbFO+veuf+vntz1f/9EkDLQouxtvyq33YoYLyZwQaAt/vlodPvjX5X"
    "rj93r39mHUIN20tFnSP1kUlc/8yeY9CFmD0nTUp0RsqHbqffvaMPshU32Jy2G/ZZI6JVhI"
    "rgI+tx5huliwnkJU1RaZqCbYTFzI6IhFxbpSUnLbnq2hvFLDksJCs3A7VmyTVJYCNr4ObH"
    "WTCf8JZRB8wOu2eb7g15OuKddL9BB3HQBHZuCtVsM5fHn7hqz8JvnCP3hImJogJmiAUFsA"
    "JrOnqxm2C8ZLkinDKghiv9nb3pBLg+AlEiSnkdy8CDIw08qKj+cXx0RDqWY3ObOd5DlSM5"
    "pM28SUTH5jMjKl/peA45MWRchyRMZFxH+tspP65DBhrsNmu0EKoyC6kQOVVSJkdtEwqaCS"
    "4lK4VDRhvUOdpg6Nhj8tJ9Qrow1CB6u7mKgDGp9se0IoVwifxxBuiJF+PQOUNiEwOrTVbE"
    "nuVf+NUc3oNvhjPWsDXn3ixe/N5CNiNPGJNiIg0Ksj7K7lx4Kinv041H+HO700glMbMvYi"
    "YYs7xaYyBQZbtwQ51xJ+f1sI+h0AT3BOqk1uy57AXHrMic9trXcEqfn+WY0ednmROa3UrU"
    "ZoBLjUDBop0d3x4RqQXE+w5xJ6rqmOZG0S8JUcnjVJrHiSpfRUc6KbuXstiyzH3+gU6Z54"
    "cxckZMgbtHdESZISowc+INmrkMHa4VKlZUaK3BM6IWhQYtO7A+wBzSiTUB1GpiZgoMjBR2"
    "liptjAyizulvMBSxwBhpRJ/RpmmjZxcP2MIDfWhVu1LnU5WmaGebNmzolcLad1RKlp3bTP"
    "/m31GRmR4I1EI93IUTryKbRweZWJ2Ldg3vzsrtAoZt1u0O2WDLyrTVSoPJPOAj+3PPPuGj"
    "Dh98q93Os7m129mbG7uXcNzTj6oAwl7zGqL7Jpfq8GaF6vAmzdHRJ9rCOqk/3Q8HYoQjIk"
    "lLC6s2+AtQY+wYGbsV4DIwVnMbSRqjGbecWAdXh97M/v5/AzkSLQ=="
)
