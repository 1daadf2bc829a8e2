from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "telegram_update_seen" (
    "update_id" BIGSERIAL NOT NULL PRIMARY KEY,
    "seen_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "telegram_update_seen" IS 'Bot updates already handled: Telegram re-delivers an update it thinks was missed.';
        CREATE TABLE IF NOT EXISTS "crm_inbound" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "delivery_key" VARCHAR(128) UNIQUE,
    "repeat_of" BIGINT,
    "event" VARCHAR(64) NOT NULL,
    "deal_id" BIGINT,
    "order_id" INT,
    "outcome" VARCHAR(16) NOT NULL,
    "detail" TEXT NOT NULL,
    "changes" VARCHAR(64) NOT NULL,
    "attempts" SMALLINT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ,
    "received_at" TIMESTAMPTZ NOT NULL,
    "finished_at" TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS "idx_crm_inbound_receive_45a435" ON "crm_inbound" ("received_at");
CREATE INDEX IF NOT EXISTS "idx_crm_inbound_outcome_a723ae" ON "crm_inbound" ("outcome", "next_attempt_at");
COMMENT ON COLUMN "crm_inbound"."outcome" IS 'RECEIVED: received\nAPPLIED: applied\nUNCHANGED: unchanged\nOUT_OF_ORDER: out_of_order\nREFUSED: refused\nDUPLICATE: duplicate\nSTALE: stale\nFORGED: forged\nUNKNOWN_DEAL: unknown_deal\nIGNORED: ignored\nERROR: error';
COMMENT ON TABLE "crm_inbound" IS 'A webhook call from the CRM, kept for deduplication and for the supervisor''s page.';
        CREATE TABLE IF NOT EXISTS "realtime_consumed_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "consumer" VARCHAR(64) NOT NULL,
    "event_id" BIGINT NOT NULL,
    "consumed_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_realtime_co_consume_2b1f2d" UNIQUE ("consumer", "event_id")
);
COMMENT ON TABLE "realtime_consumed_event" IS 'One outbox row a consumer has handled above its cursor (pruned as the cursor moves).';
        CREATE TABLE IF NOT EXISTS "realtime_consumer_cursor" (
    "name" VARCHAR(64) NOT NULL PRIMARY KEY,
    "position" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "realtime_consumer_cursor" IS 'Every outbox id at or below `position` is handled (or settled) for this consumer.';
        CREATE TABLE IF NOT EXISTS "notification" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "event_key" VARCHAR(80) NOT NULL,
    "dealer_id" INT,
    "order_id" INT,
    "room_id" INT,
    "chat_message_id" BIGINT,
    "params" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "read_at" TIMESTAMPTZ,
    "shown" BOOL NOT NULL,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_person__823f2d" UNIQUE ("person_id", "event_key")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_person__322015" ON "notification" ("person_id", "shown", "read_at");
CREATE INDEX IF NOT EXISTS "idx_notificatio_person__7e7e73" ON "notification" ("person_id", "shown", "id");
COMMENT ON COLUMN "notification"."kind" IS 'ORDER_CONFIRMED: order_confirmed\nORDER_STATUS: order_status\nUNIT_STAGE: unit_stage\nORDER_SHIPPED: order_shipped\nCHAT_MESSAGE: chat_message\nINVOICE_ISSUED: invoice_issued\nDEAL_CHANGED: deal_changed';
COMMENT ON TABLE "notification" IS 'One thing one person is told about, once (`event_key` makes a retry a no-op).';
        CREATE TABLE IF NOT EXISTS "notification_delivery" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "not_before" TIMESTAMPTZ NOT NULL,
    "attempts" SMALLINT NOT NULL,
    "lease_until" TIMESTAMPTZ,
    "sent_at" TIMESTAMPTZ,
    "external_id" VARCHAR(200) NOT NULL,
    "last_error" TEXT NOT NULL,
    "notification_id" BIGINT NOT NULL REFERENCES "notification" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_notific_e662c3" UNIQUE ("notification_id", "channel")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_state_acf60e" ON "notification_delivery" ("state", "not_before");
CREATE INDEX IF NOT EXISTS "idx_notificatio_channel_ebfa3a" ON "notification_delivery" ("channel", "external_id");
COMMENT ON COLUMN "notification_delivery"."channel" IS 'CABINET: cabinet\nEMAIL: email\nTELEGRAM: telegram';
COMMENT ON COLUMN "notification_delivery"."state" IS 'PENDING: pending\nSENDING: sending\nSENT: sent\nFAILED: failed\nSKIPPED: skipped\nUNCERTAIN: uncertain';
COMMENT ON TABLE "notification_delivery" IS 'One notification on one outside channel (email, Telegram), with its attempts.';
        CREATE TABLE IF NOT EXISTS "notification_preference" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "cabinet" BOOL NOT NULL,
    "email" BOOL NOT NULL,
    "telegram" BOOL NOT NULL,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_person__4e1355" UNIQUE ("person_id", "kind")
);
COMMENT ON COLUMN "notification_preference"."kind" IS 'ORDER_CONFIRMED: order_confirmed\nORDER_STATUS: order_status\nUNIT_STAGE: unit_stage\nORDER_SHIPPED: order_shipped\nCHAT_MESSAGE: chat_message\nINVOICE_ISSUED: invoice_issued\nDEAL_CHANGED: deal_changed';
COMMENT ON TABLE "notification_preference" IS 'A person''s channels for one kind; no row means the defaults of `preferences.py`.';
        CREATE TABLE IF NOT EXISTS "notification_settings" (
    "quiet_from_minute" SMALLINT,
    "quiet_to_minute" SMALLINT,
    "unit_stages" VARCHAR(200) NOT NULL,
    "person_id" INT NOT NULL PRIMARY KEY REFERENCES "person" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "notification_settings" IS 'A person''s quiet hours and the production stages they want to hear about.';
        CREATE TABLE IF NOT EXISTS "telegram_link" (
    "chat_id" BIGINT NOT NULL UNIQUE,
    "username" VARCHAR(64) NOT NULL,
    "linked_at" TIMESTAMPTZ NOT NULL,
    "person_id" INT NOT NULL PRIMARY KEY REFERENCES "person" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "telegram_link" IS 'A person''s Telegram chat, linked through a one-time deep link.';
        CREATE TABLE IF NOT EXISTS "telegram_link_token" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "telegram_link_token" IS 'A one-time deep-link token for `start`; only its hash is kept.';
        CREATE TABLE IF NOT EXISTS "crm_deal_link" (
    "deal_id" BIGINT UNIQUE,
    "state" VARCHAR(16) NOT NULL,
    "wanted_version" INT NOT NULL,
    "pushed_version" INT NOT NULL,
    "attempts" SMALLINT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ,
    "lease_until" TIMESTAMPTZ,
    "last_error" TEXT NOT NULL,
    "stage_id" VARCHAR(64) NOT NULL,
    "rows_digest" VARCHAR(64) NOT NULL,
    "comments_digest" VARCHAR(64) NOT NULL,
    "remote_modified_at" TIMESTAMPTZ,
    "synced_at" TIMESTAMPTZ,
    "order_id" INT NOT NULL PRIMARY KEY REFERENCES "order" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_crm_deal_li_state_7ef409" ON "crm_deal_link" ("state", "next_attempt_at");
COMMENT ON COLUMN "crm_deal_link"."state" IS 'PENDING: pending\nSYNCED: synced\nFAILED: failed';
COMMENT ON TABLE "crm_deal_link" IS 'An order''s deal in the CRM and the state of pushing the order to it.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "notification";
        DROP TABLE IF EXISTS "realtime_consumer_cursor";
        DROP TABLE IF EXISTS "crm_inbound";
        DROP TABLE IF EXISTS "telegram_update_seen";
        DROP TABLE IF EXISTS "notification_delivery";
        DROP TABLE IF EXISTS "crm_deal_link";
        DROP TABLE IF EXISTS "telegram_link_token";
        DROP TABLE IF EXISTS "notification_preference";
        DROP TABLE IF EXISTS "telegram_link";
        DROP TABLE IF EXISTS "notification_settings";
        DROP TABLE IF EXISTS "realtime_consumed_event";"""


MODELS_STATE = (
    "eJztXW1z2za2/isYf6kzo/Qmdpykzp07IztKqtaWvLbcbnd9h6ZEyMI1RbAEaUe72/9+cc"
    "AX8QWUSIqSKQYzu6lN4oD0AxA45zkv+PfBnBrYZD92bTKij9g6OEX/PrD0OeY/ZO510IFu"
    "28s7cMHVx6ZorNtEc6NmY+Y6+sTlN6a6yTC/ZGA2cYjtEgoPOegiGzuMWrqJxlh3sIOEMJ"
    "pSB+loTsfExIg/7ROilrlAxGXo5ufu66OT94gwxFzqYONHeJRBJ/xZxHqotVfPIn96mP9B"
    "D9idYYf3/c//5ZeJZeBvmIW/2o/alGDTSKBGDOhAXNfchS2u9S33i2gILzzWJtT05taysb"
    "1wZ9SKWhPLhasP2MKO7mLo3nU8ANHyTDMAPMTVf9NlE/8VYzIGnuqeCUMB0v4LLK8daNpg"
    "ONJueiNNO8gMUygRwzi4NKEWDDF/VSb++gd4hddHb999ePfx+P27j7yJeM3oyoe//Ecvgf"
    "EFBTyD0cFf4r7u6n4LgfESVPHfDKznM92R4xq2TyHLXzmNbIjjKmjDC0tsl7N6F+DO9W+a"
    "ia0Hd8Z/ffvmzQoof+ten//cvT7krV7BIyn/DP0PdBDcOvLvAd5LfMVnos10NiuDclKqHq"
    "xfdhonkH7/rgDQ79/l4gy3kjDbDp6Sb2UgXkq0cSofFZnJR/kT+SgN8MTBAIamu1mQP/M7"
    "LpljOdBJyRTYRiD6Y/jDPkLP/0BjyLe94JtaAf2of9m7GXUvr+Bxc8b+NAV+3VEP7hyJq4"
    "vU1cP3qWGKOkG/90c/I/gV/WM46Al4KXMfHPHEZbvRPw7gnXTPpZpFnzXdiH3+4dUQtcSo"
    "mzpzNY9VGve0bA0jH7xyUwZ+TwY6xGTlSDv4ie85VcY5KalGucmjzC0H8oQ5RrqJHa2UQi"
    "0TXa9eN39461GwY5qIsJPKYZuQqQRq4/bEGlAFQ3D6KLVafMCyCH/hdiZ5sH7FCwF0n7+T"
    "bk1kBktggl9FHe0ZwH+Fcyi8uvyyHP05sp6TU4v/wP9q7PqqcffmvPu5d5C/QNSA7+eoo/"
    "1aFYrCK1sVEyjzF0GD24uLAzGdx/rk8Vl3DC0xr+EOPaKpK1Hb7K350Tx9Rbf0BwET/D3w"
    "9iHH5BnE7VmusziQMVDLu52VHBS003DUcC0L9fuMIoMY6Hmmux0EKFkPgix6npHJDPl4dd"
    "AzcWfInWHE55GL0RjzJhjploH0qYudLA9VY781M1Fn5OF7IaN+Ojo6Pv5w9Ob4/ceTdx8+"
    "nHx8Ey3v2Vur1vmz/ldY6hPq0HrKqryKukvTc5fj0TbVVLal5zM4S4ltMThtYsjo+P/wxP"
    "UxKgFySqyFXNlxEa7sOJ8rO85wZQFmsl1iLdDSrWKLMB8c7Ol89vf0LMK/3AwHcoSXEumd"
    "gExc9B9kEraH9usKXAGKxPIf4nl42f17Gurzi+FZel2HDs5SuAsFqgzskYBCvTrqxC6zlv"
    "it1SKydhHxGLfauOFkSVTKfHiTUq2D+biQH/R4hR/0OOsHrUI5Kq6xkVxjC0FtFNXYMHw3"
    "ZxqXHFh2RVAc41pgm0suBshLiMXlmOSTissJUCSqzcQPuon4nkvcBXJnuovG3oKhqUPngu"
    "mbcnnqLD6he1t3eLN7NNcfMUPERfyCi+gU6WhGTYMPiSy+rfb+VaRbsyLdxABrZePdklJt"
    "pD+2oe0RqxSTFzRvXZxb/WFYj3YpQzBo3joT5acCuP6UC+tPaVT9j1w3DG6Bs/KrQ0ywdU"
    "ifFFoeTlYsDycyY9AkT9hZVIFcJqtQL4Q6YRPqWa42lqwh+UZ4Ump30SlvGq1nxPY6pvlR"
    "AFlQzyg1sW7lbHpxuRSsYy64LVzD7XC3rOjZcHiRYEXP+inH7+D28qzHt0MxpXkj4mI54C"
    "oUOX9utzcU2be6SnJdcRnFdUkIRIdMsAYumJLApuUUuFlwn/nsm1GP4XLYpsUUtOs5WvGd"
    "KypxPUcbXxATVOI1X5+v++ejA/kUrgHb3+N9tRPe9KdbgAVfrqR1uBigs4t9dqivn8Hpna"
    "c0Ib7EnnljRgyiOwRLTNCzQPrLr9fY1HNCzVq6biSm6BzPx9hhM2LXgtJl1N0eKtjFABP+"
    "EkfTGeOf7xyD7EbAXfoddqP+2orchP89D9RZaA+OvjFq50Fn3ckk4InaCBl1DP41bYbUEP"
    "poK0CTme5qDqXzTacT7+ead9MmnLbvHI6t9rlu4uSOsM5hrM2TzQtXRImni+jJVBEdOdT0"
    "E0TwN9skE/DqYmdO+IrLQcuvh7JhnxIf8T9jESeBh/x/ld/4Bf3GMIpyB0XP8uYZzTyZGx"
    "3I7tBBgee2SRc4fJeicB8Mfx/0rk8RfebvdGd1P1/2B6dIN+bEurN6l1cXwz96vVMU9n5n"
    "/dbv/Q4CTwQ/+5tHae/o+yLe0TTlGPOOvs8UqdAtzTZ1biDk7oqrGHmZuCLmSxDzHD+GsS"
    "ZstCrgJ4UV9OWhnxIrXIgqYB+T3iH40ZW9Rh/UzAqwh2JqsisHoHIArnIAvkwGQeMGuBUp"
    "BG1EtVE5BE0DeEvlSnafQ7CvwOYnEUTAvkwOwQV9INYXnZiegw8kFFHifmcVPWRCS20aa7"
    "qWGhpaENhPTGwgId1BItaN/8onIjd2+S1B4MBvQbwhcilyZw51XROjB49fkSYU1NqzSiVo"
    "FiUkhk/OCcmBjQTaV6ni6KRIVi5vlcvjiHvNTXduUxEQVTqnLaVzMtrmC+7eN1i4NHJ37/"
    "B+gd2bxZoWcOyMHfrM+A4qhD+JPL0JpY8Ei0w8Bj4YvsnSOXrEi464LZ4Xr08v8+3U1a3a"
    "t5u1b/PhKl2KPS7TugS1+neYCXOmy+MqioKclGphluUWgFYk6HdIgoqi6gxjq2pB9phsC0"
    "d+T0Y6V6uLDzX+ZhPeXYWBTkoq3b3Jo9wkS1cSTXKwp7ujKuy1q1IP6kgB5aPbG1SVj04d"
    "KdB0eBt/pEA2G0VC/ElTVvLZv2zKTFEKMJBEJqWPzC/vH0Viy7i9te2lMdmBlD/8Kij7xZ"
    "k8FQy0DUUj/ApLwZoUUriuVzVii4nSNVZvhsnJpQKCvoOAoGBOS3SK5WzPVySWavx65eGG"
    "zjG1MHqeUXD1MUSs00gXiFJdOnDAdaA0iCwv5vGHPBFGJfpFPV0qv2GztI2XjvdpkMdwK+"
    "E+U/7g0pVZE0ItdBkeFWLrjlawdUdZts7mKJVCORJoHxta+7k/Nrdenynf/8rGGGQE2zid"
    "T04KLRwnKxaOkzTi4L/S/lVySieEdjite55Dbfxfl5RN6PO+OlZM3XrwuOJSBvC4zA7xdr"
    "zdgPyxAMYfcyH+mEaYWybTqbZJ1nmyh0qI74Y7PbjsDrpfIYs80IbvrJvbq971b/2bIb+4"
    "1IrTenaRYak/vVxVelWJno3ZXNsV41QinDnmWbKJHzS4YWWfrk1GYezhnk2D3Mo+qoDbBo"
    "AFUegbopWOfW8jUqrEXbV6bVqwQW0G2ndQt43vcpo4xL2O6m28sxvoq62QWdQlUzIRUGyI"
    "1yDW1fcAl2Y7eIodbMkrF1VE7irqtE0YlvL+5MDNsAuF81ZgPbTwiPJ/yiF+E+u3ETZuvV"
    "PWxSZ+cPS5ZhLrsQ7sRkGHF0F/LcGspM8xLBV7IPE6Rvc6q/yOk3irAmFLvL1u0gfE8AQu"
    "fkI6sh3yxHtB4D8kDD0RRiCpkHIjzy8NgAM/IkOiPC42EHFlIU619q18kc3yRZZ1kykPWT"
    "kPGWFa8LGUZ/ligqp+Xgmez6aMhNtU0fj2mIg6kywDqDosafsJA3UdOhNXMPYL4cIZAwWO"
    "nSlC+E5mxDQcWWp5lXMB2oN34ttXRycURcp2qOFNNsXqyu+lTSBtM7wzNbVWGFzLybfe7N"
    "L0ZeO11tdX8YUIWygIzGTkYSaOcIdroa0U9p01sap0IE0riVuNKq+kAdZVNJ9KoZuSUjkQ"
    "EpVUZezsQCeNrye700qbBnJRtTT12arsku8huwSOl5BpHf6NlcqGHTUpcuaQrxb+wJAQE4"
    "VebYL5T8RCOoITDDvw4yO18eRRfsRQhS7kJwolDpkMulWaxotqGvoc6gFrwdhJTBDykF84"
    "IyPbps3xp6Oj4+MPR2+O3388effhw8nHNxH22VurBuGs/xXGoRPnJJt2BnZDx6DGE8bFYl"
    "MW2riQwrUAGflSxwg3DefClOTKc4Sl2p+9JHo2BrhtlFEW3vgX3DgFUEzuPCUwnPlrFMHo"
    "a1uvDY5mGI11hoXKhg7xN97aXABX9MrP/xXXLW6MuATmgjhOktF55JTPaof1dKmc+81SCp"
    "Vzf+vOffhoynv2Qynl1l/j1q+UyBEsSZv5YdpWFyxrpGzsqCLfcRxqaTXBV9GkSkKkva1S"
    "EZaNCrBFDPvwI91xCf/OPvmUD+O/x3ifDuJjAo6nKYL0G0iTQHOONbEhjG+G5zIWqc6ulb"
    "7QLH2BPXpl1IWgeeuKktSf5t40RezlsN1O0WCXv8LYk2b1/HIzHOTQngmpdFIvmbjoP8jc"
    "Im1x8N9TzxIh1WjsEb42WuxHeOz/HOxeTQOUEmpaiPfhZffv6aE4vxieCchiibrQwVnGR7"
    "t8zcy4jPC3XDdtQqwFlWJWZVP3/j5aDXyUTH0xHHwNm6dHQ1UWeNnKAirOQ0UkvLwJ0ykR"
    "kVAuVFYZjOty/AMrRxN2z2ZA3QR93fKuWouXSyePXC18CizdDdCCni6go7ZiJXL8Nb75zD"
    "eESiT493k/bUJqm7RN4kuUcDfpLzWfwEmsD8VonJ/ps0i1FMyPoFEYFH8N+BUdjek34Ffe"
    "vnkDv9m6yZd2uPDuDfrxxyx1s3l3OcFAETM14X+2CgN62YBjGIIMrCtOSgzat9DjU3/Bto"
    "DAJBPiShTQ/Ir2KbHd6flvGz2LVVTPzqN6VMTJbiJOlO7WAN1taRfINLeE1bBCb1vaKcW0"
    "tivQp4Tja6ls6U868Z1mItKa/214Rj2Gs0paael1OlnUWilmL6qY/enplltOb4iLqJoEaZ"
    "3Bs42KxVyTkqqYa1OKuYYYxaq55uVYK02x5q8p2ibKIZsWU9gqLXzXWrh0GteA7u/xvlqK"
    "b/r7bVJk/RJ/ifqeGJx87T0xH4oEzjn4gf+sm0st+xPC+mQWFmYgDI2pZxlQ5Y5aEgW+Wh"
    "cqEK5Z2vrL0qgNCoWrn0RtWihc23IS/OWnDMJLiRaEWm0JYZWHoKIAWsaP+tX+JbpVdAxA"
    "vl5FoyYFdCr/M/iBISH1Cd271NXNsNzAPShEUDCYeXPgPSFrQNDlSHfhOnHQlPAxCdIMZB"
    "pX/Q9Yr4/9M1mTJHZAEG+YugkHDngs3UxpdDtNhfTglJlSikck0Tqt7qjYrrhiU5ScMhdM"
    "8Sy8hU6YC6R3qIEYjj51S6ohB5+vu19Gp0jIwulyZ5f90aj3GQ6XG8+Jy1/xzjofDr70ry"
    "/hKh+FKXHmcLU/0K6uh59vz0f94eAUETgiQpAbvOc767rX/fzHKQLidsH7/bl/dSV6nRHb"
    "9vu8vLrojfw+5zaY6HC1OzjvXVyIqwCsaWIjvT6+jJbPX3IuLWebH/YfE2mBHrrrkH9//O"
    "GAG1Yu2yIjqMAvDX5C35DosStqL2VEW+Pp23Hdpf063HGXe//+uv/EJeX1/f6GOdKmKgx0"
    "WraGoW4mtdKKkX7CDpPylbk7ZkxCRdLm7YLjsqmIaTnlyVdFp18mPkJVRS7qvc+virxM7p"
    "QvDjWge8WX4Vad5ZlGN7MkbpA+q+K/i/iCgATUJjPdetg01ViAdSM6PBf9tRW0GrKNryIa"
    "ss35xv7xz5Ru+hmKg595N3trNdR2/i7sPrWdGwt79fd9Zuxyfc9zyYaL/xq3rEg2Kuqb5e"
    "OHRbaJ5TtPTxGjiL/jQlK/LZ6UInPDbtRXEY9r8OcZgR3qH9io/Kg79aPuzdmajcd4D3OD"
    "9ghTWHI0v7B2Jb+MXF45Zyo6Z/LcwatCatvkDk76208KhSWerAhLPMkGfsZ3x4KrSGJDVa"
    "uIKkywK1wT1XDKoSsTVRivp1WjkM0Neb8oOnTP4C1K+8XXRHWIS53Irkjmk/PVmZpZG0Lc"
    "0rp6aZxlK+QG3LWiGF8yQD9BYucxQ2mmex1DlKDaC1JFAanzA0Nz+oTR1KFzcTq13xckM+"
    "oWBeqmgx6x7SKdiUj7GWGu9NDrOjosSxrxf8vRRassxJYxRjuxCPN5JRh+bbMo8lQXlazG"
    "3ZDLKoy8YBi5SzecE4kOmpxCqqZEwSlRPiBQRXzuQRzgeKGxBQs8V0U5woRQ61jC46MC38"
    "7xUf5BKUfZ3PCy2SEqLWSDtBA+PW0RJVWO4UqLVWK3GuYlr5tAVGS3IgwbQreUIwyjj7sO"
    "yrBoCGbDFoOiyKYXwgS6/CXQ4Pbi4uUOfk5wWhJqJst6rT3fkbctcUDA0MJBDA1UL4DKse"
    "gQGBSDUudVPBJH1DvIUjAV5MsyLgw7RDdVkM6Oz3H0US8O7FJA7Ywyd6WrP+QUrSpU3OBh"
    "xxWsDnhTD4fDXJiC+Ntt7xYsfl/6zjq/HY36g6+naOK5Lsf7zure3PQuzy7+OEU6Y3g+Nh"
    "d31lWXAyaa2TAAot3fbrsX/dEf2vnPvfNfoUPdJO5Cm8zw5BEkzn+F59h8IYbnZEmJ7kj7"
    "3Ote9K75g1zNz3Pg7YYX0IiaDaEixMgGLHqlTEWJvKIpGk1TwEZYzuyISai1VVlyypJrrr"
    "1RzpIjUrKyGqgty+tKAxtbA6ufpAJe4g3jEMAOu4FN95I+7fFOutswhCRoEjs3g2q+mSsi"
    "Uny1Zx42LpClAmKyOIEHDGECUNvPwt/cDhovIKtEUAbccOU/w5sayPcRyFJW6uu45grOKv"
    "BgV4EHDdU/9o+OyMZyVLeZkz00OZJD2cxVIjqqz4y4fKPjOdTEUHEdijBRcR3Zb6f+uA4V"
    "aLDdPNJSqKq8pFLkVE25Ha1NMeikuJS8pA4VbdDmaAMoO9N1XX0yE0nREhYm1aKzioYRxX"
    "D0ZOMiGSCebVLdwAaaEhPzhsRh4giF8AYkc+gmtbg0v2pxndQRpT6gyRwzJngV/mzEoAYI"
    "kVUR2dJDisQtBMJVc0W+F75me1ELLtd2OP6PWFIJI19ZTIm17rCG9+8KqIvv3+Wqi3Arxc"
    "/wD6vsMVxxmSbb3RVB3spRXPyJLuRhCqBKYJ2WayHebwvh/XYF3m+zeDPyLwnO+UFPQXOl"
    "paty+t8pO5NUeYq7oJJyLeINdlwXCQpSlmMXYhJq3ZLxNYGRUJKzSUq1aEJvi7ZxghqoG5"
    "IKJcqpNm3mFuUVYl/sesImWFhrQvZy2dt+Td6i2Cb3ofXwht+5osPW84zJJbFxbFg4t3Oo"
    "sNjUX8ODxT65IrFIQfNPyIfDgJAhhh4xtoPDRB36jA51y0Bh3dNX6Jm4M8FPjamxQDNiGN"
    "iShSPV2reE8vpntGzzcceO5ad8MPynf2hpeJOrjDMqvpGJScAQDbmwBF0WW9dUXZXGhjfB"
    "4BbXg4LWSrOUaJb+V6ExYlQOXkl10WRe5yAMGYniRUbdL19OIThyOuW//XEz6l2eoqWbvi"
    "wD9LEA//Mxl/35mHGB89UvOyz5hQ3C9k0eg1ooiW0UNmBYdyYzzeXolsE8JaagrwB9fONO"
    "7amUmli3cjbVmFgK9zGX2xbw0ZXdIn82HF4kkD/rp6G9vTzrXR++FcPAGxE3h6FZakDSNT"
    "+HAo0LNTh6tTEeqbwQsV9uhoOctSQvPswgExf9B5mE7SFpswJXgGL1apJeODpJvhg6yJwa"
    "vVcsf1OGYu9ofmyQaqOcEFQHqTZ5jAPKoMIgJyXVKDd5lPOP31lFqbzMCTztOsIksN1LuZ"
    "USMsqppPyf20FUuel27aZbMuTKi7QS1cQKWNqHFM8OC4OVazi/Mxkm3Q7gt1oCQHz+WDfg"
    "nIFcj9uyQWetzw2qUYvC3AXdbj/TZ37LEen5QRr+TGeiqLW4Bh9vB4FjbMZbijMnA18aQ8"
    "86cdGUOuAkm8M/Ds763up+wJ11Z917FsjfI8K4BB8q/n9sIM+CinrgsYNOf2DIpJNHdMgw"
    "RuEy+0o8STef9QVDGBI+GQjcWZY3H3NhOkXiZAT+qtQ2Me8DOhVafAdZ1HrtsyPLV9SnLm"
    "99b+oswH7pOL+/s0S0PLxQ8JfP9QXir7PeixjklmR9g4lECh8GFU2/22h62ViXsxryelAW"
    "RDULIvgOik/1pUBrIK/vZL4K+a6bJ7s2TblV9lgTEVX22K7tsd0nue4rrPkprgWKsW3dxo"
    "ApnWdehMFpayyLsFmh6tnuDHbYT+j+ES/u0eHdgR/tcvpvYvx1dwClvu78ak/BlVdcN37k"
    "+jRXhl9T57XvBEP8Ofj11MESu2IbDwHbYhSYDyIikEBCLPPrlQljQij0okt+JzQznh3iYn"
    "aK8BN2FsivOgtVzojL7qzIUuBvI4yeue48crPCBtpfXIWOwQrhD4NnirTcDuJPDcllhg59"
    "A4PhP+9f3Vm6g9GDzs0TxoQ542szaEI9iEVgEEm0QPgbH6PAJOJzd+I5DrYmxU9386EMpj"
    "PvijxBaRzd9QMaE3dtb2ySiZZopEySXZokJRN725rQ+65I6uO7/MzHd5nEx0f+Z8mRXR+T"
    "GMo2ORorE4w4vP4Mv0aFbV84+FCFUazTS1rhfA13txJbQ1xEGfFpc1OgY1EXV0E1Lqegzb"
    "irY2pOyTUpJaoWpUYvShK1tuR4y3tQw97oYRdL4EbMvsrhr4fWF2AG39BGAyLtQ41L1XEB"
    "tyx/K42RwOwpsyZmhFVYZJNXQ5GVtpm3M7eL1uiWO/7+AvJto0HJ70ONykajUorfTNKoys"
    "vXjEOsGradbNlx6s/BGjx8n6OO9mzOFvXwJb7W9a7TXR8O1rBpWxTV9WeDNTuMdV9ms6wa"
    "Ug1YFa+EtJdALeNpa8AqEcjbFrS2GbrwGZsEnOoHktCF6F5nVeiCRV0yJRMxOLC2LEUKhT"
    "HExZH4H0bUc6HOiHD0W9hEh3iuE47YiK9cD44+f9XxSwcRlyG+LOG57TJ5/EKtvUvjieNP"
    "gEZBr5LA4ihmnItoYzzlu5Tv6g9F+C38za91EJUtUmWJGleWKDZcVZzWMfFG+63Pu2f9QW"
    "90iib6mFjYvbN6l93+xSkSn8udNepd9L5edy/5FAg+nCre7K2cbO1ucuC5u+sDz21sGQBY"
    "yfG56g0++6dt+fJ31k14hcWujMSvfPS+8MGDs7WmfPTEYVu/hodtPQaHbd0OznvXo25/cI"
    "o8Do4DSR/NGNPYipkZ2NVkaFJSOYYaTYWGu212kG/mumnm5yrH5FpDrh0ffXgf7Wvwy6qd"
    "7Oaye3Eh8e9gnWHNs1wi2a5WfzgpUeVDaPKHAyt8Be95TEyNb5PHN24WSDUb+fimxFp3Gu"
    "FWTj4R/mzsOLIc+fz6gEmpFiC96+KACRqhrIErEW6Tr2cHBu8K90Wa4diQbB+kutuzISlK"
    "ukumZJNSlhKjIOH+0qNUjP8rTvu5Mw5yvGQBYcilpoH0MfXcDr8zwejwHj+BiiKSj/zEIh"
    "052HUW/L8WfU3tV3lpSzX2LqX9lll7USe5tQSgFZvRZ/GDoLvDJB/JfUX8NZb4a32qikhN"
    "0c6Hgy/960ughnzPIR+MKXHmQBH5Lbg6O7q9CW8DZ+YxoI/6I7j1tQf8EXH9w+4jmfBs90"
    "AoPOGd6w0jjWvIN0IufqrBndUf/Dbsn/e0/s2NOI+eWE+UTLBGGBPn0kNqjcY7GHyFu+A8"
    "1vzcwErnwtd/tvVyaSijtMeFmjxdKirtH4vo7B/zVfaPGY39ZeKCGmbuqrCgxkO6+woVLQ"
    "c0vluUthklwi3CeMehmbbu6HMJb59PmCwldkiW/PuvttAlKm230lDsG/EbWoslxzgmpoj9"
    "Jo9vZPan9q1V56FEMjs8DCU09vf2LBRVc60uBWwFU6xKWe2klFXi4AQItySbhs7GIz1bgv"
    "hWo2bj7PiVg6cYKj/hgzU8eqxlp3BErZ0UKnDKpz+3fmBhgCsTBX6BDAcS8hOyqKiCNecb"
    "jCjNi4IxYVCb9375PPajvbiXHfVZ/wPWUOyCPE2z66r+1U7rXynuW3HfZbjvIGq4pG4bk1"
    "LabXHtVoRkl4Q6klFnKpZAOh7rXgLsuJjCW9ltym5rFsA7sdt2ZZHcYBcKwLCDNfZI1K64"
    "NcLiImVskT89gl00o57jV9QVR3Y41PAmIjVPqEvCWFigZ91yobjvDOuOH7Cz0gjZvOf1xX"
    "pzbY2GLE+tNj3EAGtTh861ObE8WXLX6vQQaQct8vXVkSniY+TSjSBOiCuAEwAvrUIJV5cf"
    "DZQS22VaIqDAwenYfIPCRiewWrflQN1SZH9G6ymzPa/XkIYWHlH+z9b1oxdd4belHW2k8Y"
    "Tp+hfEepRpOon7KzWc0DjTzLBpGc0mfI7gbzoI+sCghTjUe5ghHXjR1+BoRQbGtri9Up2p"
    "2J3SYRqtwwhur1KEUtsg3vXBZQwy4OY5BQFy9tyYTAsyuZI76/t3BTbW9+9y91W4lUqYE0"
    "tUhSiVhKAKRGpcoIrSnb4H3WlEH7E0BSzbqLgWxRWRUKCALpXQaV6DPBLywq98zyeG495/"
    "4q3MhSjKNNPZDDK6HrEtpYY27W4DXUr5nregPInB02CYyuziSanWncRU/z6Ov9mE7xgVNv"
    "KkpNrJG7eTpzTiKspaTEyFFDd5fBtizjeDuVUe033Ta3fmMQ3V21txTugNXq0Ex1oV04L9"
    "40c1houqwWfUjc4s1U3I4Fhw1dQyTGycLllBB78Ogn7B2xkIcDVWlDx4ZOhZZ2hOGF+ss5"
    "rxVp6wgbIcQFSWFkuItUZ7fuHaBjBPK1UQi8RaqPaJPKohtxMPorrV+6AmBLO3Xj6nvoX3"
    "3Jn3rTH1rORqkL27cqGdOHONxBoWoBme8XhG6SOa6KaJIBxAxIqcX192hO0v6AEDG55thh"
    "WjIZ4ErkI75vGt7Ikw6vzAkM3/NBn1sI1HFDlL2sETzJfsZWUZ6rkT6n90Fv4GVf5Eiczy"
    "J0er8jK7WoLD2ullC4ak5SpRHWmDrEFMx9ujIkce81b5BYWPMsceO9jGuqvRabkZnxBrUY"
    "TLjr1yosZNmTkeCSh/3FoeT+SCVDmtTFXB2HBaq5o59ZchWuoxVVLPYuKNzj677p33+r9B"
    "Jleoyd1Z3auriz5c4kqwSYIC/WHCl2cF2V531vB2pA2/aCLV7BRON+Hbkybm1Z113ftye+"
    "N3OwUG9876fMt7PecWyCkK1VB8Z3Fr4oJf4Sia/Lcvw2vxEK6XPvjP/XUw/H2gQc4ZPPqR"
    "WxXA5OjmndX/OhheiwS1B4s60Lp3fT3kLxIVw3354wMM7Erzo/Kr0ywlWrDh7Lw2jZiZpc"
    "JcYyItAHzbO7w6JyG21dQRnJ02kTO4rjlkJCuufGRN9pHF6ZKSY50SbSHr2aaBnhKLsFml"
    "gU6Jqg+6aePcEDobDuXNy0GI7nXWUdnC/i6Rf2D5tSR+YKL0AyJWSDRHOZDiKDOouGJ7TJ"
    "RDh4tCCFIgiSxyroZO76w7a8Sv3YucJW7Y3nfQvUOfmWYQruC596Kre26UiZNkl1cdHJSK"
    "4Q/W/bIxQTEIBGdr3HGjAz+DG/IQHo0NNF4gj/FnI3DSiF4DO+nVqajjrsMb6y6a6+5k5m"
    "eAziHMT7cQnswo/BHU4yYSN2XEXwNdWRTxp7CO351/GQ5TY3604DP0Z5DpFHyjIbs/7yBG"
    "eWNfheWPMzBH7s4KoYMyOM8zYmJ4uEVdRJ+w8+wQri5Y8EcEj3H9vg3RxKXeJLgkZmFhP8"
    "DyjMnCpP9LkBaNpP+3Fr/YCEKuCQjvmI77jk+C/GNwLo52XPA/zUif/dgMUgaS8bl2BXEm"
    "0oNlcr+MrGBrbNnaaFN/j6wAblZQgZsGV9EvB4p+kWKtrLVCVrk6lvQ7GWd1lOK6Id2G/y"
    "U0vcs4YOIyLYB82x6YGKNRBuWUmAJ6LdApoqiUTzErqgBfP7PxnLpYm1OD8D6reUhkPaid"
    "usk7tU8UVEkAiAuqMW7aGNdUwkEQvtmpUbKCwzDsZa/Y4aKJbnFSfNv1G4aeO6bfeiIoVu"
    "J2it/urPI8OVg34cPUqJAo5nuCA3ZFPC6ilqj671KbTDpId0U5BT5tCTT9hO5tb2yGPtR7"
    "cH8w7ILLA1wjDjb1hfz03jo7l54sIPqEuwz/udm5Aio7ol7yflURiGDMiqp/kUCTAz8rqn"
    "21lUdM6AD8Yyg1wQOBNuWL79hDJTArM6eD9i2c0vVbMra+MKkuWbRXHUoZibQC4l0zT3Qy"
    "8RynkiGRElVxdY2zJZL+xaXyVXak07I7sRpfwGLY24FuSGDdCBS4G8xHNOdstWSDTiFDR2"
    "iFGosLrTV4IJ4NnBKR9SGqZmADcm3ATNEjIyWIksM2DcO3QhGGxtikEDBHs0bPNh6wQV2O"
    "l1a1G5R7XKOinW/aCIdXae07LtWaaIJd5yHDd1RmpkcCrVAPtxHi1ZDN45z/pd4cG7kcWb"
    "JBsc1jEshoUTp6MbbMZ9fEoZg6CjpxoO5oWH4JDqN5woLh4lowow46tB3PghtBKLR/dc5b"
    "sVdy1mwbD5GyZ2Hf0EAAAaSnYtEatMCtqEMfG7viftSlTAuXvS0UUg0/ilITPS6lKLXKW3"
    "q0Rpc3TFOiLaQgVEGzLeoazrnYP1coG2GLUtqGo02WUmvVjR5Uggp1AWKA34xv6WAaPqP7"
    "0FYU7rJQKzjk9+FYP/7zq6ASGb8bPjyra2zlCRtYq2VP96j3ZI8G2ap1bWT52kM4uuU2tr"
    "iUMlQrHmMjap5WqtudkFR7WlP2NAn7Kt6+IXtaFztkMpPtZcGdlXuYvmyzbsfKH2d1DEez"
    "0lhzk8ny99r8NLI2WI5HJydFyOGTk3xyGO6lksv4R1UC4aB5C9F9W4h6f7uCen+bjXHhT3"
    "SlpSd/uRkOcq1CV1580iATF/0HmYTto3m+AlwAY3VsQDoMILX3QQdnL00G//X/TQiLGw=="
)
