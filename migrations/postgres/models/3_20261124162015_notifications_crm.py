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
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_person__823f2d" UNIQUE ("person_id", "event_key")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_person__091b82" ON "notification" ("person_id", "read_at");
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
        DROP TABLE IF EXISTS "notification_delivery";
        DROP TABLE IF EXISTS "notification_settings";
        DROP TABLE IF EXISTS "crm_deal_link";
        DROP TABLE IF EXISTS "telegram_update_seen";
        DROP TABLE IF EXISTS "crm_inbound";
        DROP TABLE IF EXISTS "telegram_link";
        DROP TABLE IF EXISTS "notification_preference";
        DROP TABLE IF EXISTS "realtime_consumed_event";
        DROP TABLE IF EXISTS "telegram_link_token";
        DROP TABLE IF EXISTS "realtime_consumer_cursor";
        DROP TABLE IF EXISTS "notification";"""


MODELS_STATE = (
    "eJztXWtz2ziW/SsofWmnSulN7DhJO1tbJTtKWt225LHl7ukZbdGUCFlYU4SaIO1oZvq/Ly"
    "74EB+gRFKUTDGo2u2JSVyQOgCBe8994N+tOTWwyX7sLMiQPmKrdYb+3bL0Oeb/SN1ro5a+"
    "WKzuwAVHH5uisb4gmhM2GzPH1icOvzHVTYb5JQOziU0WDqHwkFYHLbDNqKWbaIx1G9tICK"
    "MptZGO5nRMTIz40z4haplLRByGbn/uvD4+fY8IQ8yhNjZ+hEcZdMKfRayHSnt1LfKni/kP"
    "esDODNu873/+L79MLAN/wyz4c/GoTQk2jRhqxIAOxHXNWS7EtZ7lfBEN4YXH2oSa7txaNV"
    "4snRm1wtbEcuDqA7awrTsYundsF0C0XNP0AQ9w9d501cR7xYiMgae6a8JQgLT3AqtrLU3r"
    "D4babXeoaa3UMAUSEYz9SxNqwRDzV2Xi1z/AK7w+fvvuw7uPJ+/ffeRNxGuGVz785T16BY"
    "wnKODpD1t/ifu6o3stBMYrUMX/pmC9mOm2HNegfQJZ/spJZAMc10EbXFhhu5rV+wB3rn/T"
    "TGw9ODP+59s3b9ZA+Vvn5uLnzs0Rb/UKHkn5Z+h9oH3/1rF3D/Be4Ss+E22ms1kRlONS1W"
    "D9stM4hvT7dzmAfv8uE2e4FYd5YeMp+VYE4pVEE6fycZ6ZfJw9kY+TAE9sDGBoupMG+TO/"
    "45A5lgMdl0yAbfiiPwb/OETo+Q80Bnzb87+pNdAPe1fd22Hn6hoeN2fsT1Pg1xl24c6xuL"
    "pMXD16nximsBP0e2/4M4I/0T8G/a6AlzLnwRZPXLUb/qMF76S7DtUs+qzpRuTzD64GqMVG"
    "3dSZo7ms1LgnZSsYef+V6zLwBzLQASZrR9rGT3zPKTPOcUk1ynUeZW45kCfMMdJNbGuFFG"
    "qZ6Gb1uv7DW42CHdFEhJ1UDNuYTClQa7cnVoAqGILTR6nV4gGWRvgLtzPJg/UrXgqge/yd"
    "dGsiM1h8E/w67OjAAP4rmEPB1dWXZevPofUcn1r8H/xXY8dTjTu3F53P3Vb2AlEBvp/Djg"
    "5rVcgLr2xVjKHMXwT17y4vW2I6j/XJ47NuG1psXsMdekwTV8K26Vvz43nyim7pDwIm+D3w"
    "9gHH5BrE6VqOvWzJGKjV3fZaDgraaThsuJGF+n1GkUEM9DzTnTYClKwHQRY9z8hkhjy82u"
    "iZODPkzDDi88jBaIx5E4x0y0D61MF2moeqsN+Kmahz8vC9kFE/HR+fnHw4fnPy/uPpuw8f"
    "Tj++CZf39K116/x57yss9TF1aDNlVVxF3afpuc/xaJpqKtvSsxmclcSuGJwmMWR0/H944n"
    "gYFQA5IdZAruwkD1d2ks2VnaS4Mh8z2S6xEWjpVrFDmFutA53P3p6eRviX20FfjvBKIrkT"
    "kImD/oNMwg7Qfl2DK0ARW/4DPI+uOn9PQn1xOThPruvQwXkCd6FAFYE9FFCol0edLIqsJV"
    "5rtYhsXERcxq02bjhZEpUyG964VONgPsnlBz1Z4wc9SftBy1COimusJdfYQFBrRTXWDN/t"
    "mcYVB5ZeERTHuBHY+pKLPvISYnE1Jtmk4moC5IlqM/GDbiK+5xJniZyZ7qCxu2RoatO5YP"
    "qmXJ7ay0/ofqHbvNk9muuPmCHiIH7BQXSKdDSjpsGHRBbfVnn/KtKtXpFuYoC1ovFucakm"
    "0h+70PaIVYjJ85s3Ls6t+jCsx0UhQ9Bv3jgT5accuP6UCetPSVS9j1w3DG6Bs+KrQ0SwcU"
    "if5loeTtcsD6cyY9AkT9heloFcJqtQz4U6YRPqWo42lqwh2UZ4XGp/0Slvaq1nRPY6pnlR"
    "AGlQzyk1sW5lbHpRuQSsYy64K1yD7XC/rOj5YHAZY0XPewnHb//u6rzLt0MxpXkj4mA54C"
    "oUOXtuNzcU2bO6CnJdURnFdUkIRJtMsAYumILAJuUUuGlwn/nsm1GX4WLYJsUUtJs5WvGd"
    "KypxM0cbXRBjVOINX59vehfDlnwKV4Dt79G+mglv8tPNwYKvVtIqXAzQ2eUhO9Q3z+Dkzl"
    "OYEF9hz9wxIwbRbYIlJui5L/3l1xts6hmhZg1dN2JTdI7nY2yzGVlUgtJV2N0BKtj5ABP+"
    "ElvTGeOf7xyD7FbAXXkddsL+morchP+eB2ovtQdb3xq1C7+zzmTi80RNhIzaBv+atkNqAH"
    "00FaDJTHc0m9L5ttOJ93PDu2kSTrt3DkdW+0w3cXxH2OQw1ubx5rkrokTTRfR4qoiObGp6"
    "CSL428IkE/DqYntO+IrLQcuuh7JlnxIf8T8jESe+h/x/ld/4Bf3GMIpyB0XXcucpzTyeG+"
    "3L7tFBgecLky5x8C554W4Nfu93b84QfebvNLI6n696/TOkG3Nijazu1fXl4I9u9wwFvY+s"
    "33rd30HgieBnb/Mo7B19n8c7mqQcI97R96kiFbqlLUydGwiZu+I6Rl4mroj5AsQ8x49hrA"
    "kbrQz4cWEFfXHop8QKFqIS2Eek9wh+eOWg0Qc1swTsgZia7MoBqByA6xyAL5NBULsBbkQK"
    "QRNRrVUOQd0A3lG5kv3nEBwqsNlJBCGwL5NDcEkfiPVFJ6Zr45aEIordb6+jh0xoqU0jTT"
    "dSQwMLAvuJiQ0kpNtIxLrxP/lE5MYuvyUIHPjLjzdEDkXOzKaOY2L04PIr0oSCSntWqQT1"
    "ooTE8Mk5ITmwoUDzKlUcn+bJyuWtMnkcca++6c5NKgKiSuc0pXROStt8wd37FguXRubuHd"
    "zPsXuzSNMcjp2xTZ8Z30GF8CeRpzeh9JFgkYnHwAfDN1k6R4942Ra3xfOi9ellvp2qulX7"
    "dr32bT5chUuxR2Ual6BW/Q4zYfZ0dVxFXpDjUg3MstwB0IoE/Q5JUFFUnWFslS3IHpFt4M"
    "gfyEhnanXRocbfFoR3V2Kg45JKd6/zKNfJ0pVEk7QOdHdUhb32VepBHSmgfHQHg6ry0akj"
    "BeoOb+2PFEhno0iIP2nKSjb7l06ZyUsB+pLIpPSReeX9w0hsGbe3sb00JtuX8oZfBWW/OJ"
    "OngoF2oWgEX2EhWONCCtfNqkZkMVG6xvrNMD65VEDQdxAQ5M9piU6xmu3ZisRKjd+sPNzS"
    "OaYWRs8zCq4+hoh1FuoCYapLGw649pUGkeXFXP6QJ8KoRL+opkvlN6yXtvHS8T418hjuJN"
    "xnyh9cuDJrTKiBLsPjXGzd8Rq27jjN1i04SoVQDgWax4ZWfu7Pgluvz5Tvf0VjDFKCTZzO"
    "p6e5Fo7TNQvHaRJx8F9p/yo4pWNCe5zWXdemC/xfV5RN6POhOlZM3XpwueJSBPCozB7xtt"
    "39gPwxB8YfMyH+mESYWybTqbZN1nm8h1KI74c7bV11+p2vkEXua8Mj6/buunvzW+92wC+u"
    "tOKknp1nWKpPL1eVXlWiZ20212bFOBUIZ454lhbECxrcsrJPZ0GGQezhgU2DzMo+qoDbFo"
    "D5UehbopWMfW8iUqrEXbl6bZq/QW0H2ndQt43vcpo4xL2K6m28s1voq6mQWdQhUzIRUGyJ"
    "Vz/S1fcAl7aw8RTb2JJXLiqJ3HXYaZMwLOT9yYCbYQcK563BemDhIeX/KYb4baTfWti41U"
    "5ZB5v4wdbnmkmsxyqwG/odXvr9NQSzgj7HoFRsS+J1DO+11/kdJ9FWOcKWeHvdpA+I4Qlc"
    "/IR0tLDJE+8Fgf+QMPREGIGkQsqNPK80APb9iAyJ8rjYQMSRhThV2rfyRdbLF1nUTaY8ZM"
    "U8ZIRp/sdSnOWLCKr6eQV4vgVlJNim8sa3R0TUmWQpQNVhSbtPGKjq0JmognFYCOfOGMhx"
    "7EwewncyI6Zhy1LLy5wL0By8Y9++OjohL1ILmxruZFusrr1emgTSLsM7E1NrjcG1mnybzS"
    "5NXzXeaH19FV+IsIX8wExGHmbiCHe4FthKQd9pE6tMB9K0kqjVqPJKamBdhfOpELoJKZUD"
    "IVFJVcbOHnTS6HqyP620biDnVUsTn63KLvkeskvgeAmZ1uHdWKtsLMImec4c8tTCHxgSYq"
    "LQ64Jg/i9iIR3BCYZt+OcjXeDJo/yIoRJdyE8Uih0y6XerNI0X1TT0OdQD1vyxk5gg5CG7"
    "cEZKtkmb40/HxycnH47fnLz/ePruw4fTj29C7NO31g3Cee8rjEM7yknW7Qzsmo5BhSeMi8"
    "WmKLRRIYVrDjLypY4RrhvOuSnJtecIS7W/xYro2RrgplFGaXijX3DtFEAxubOUwGDmb1AE"
    "w69tszY4nGE01hkWKhs6wt94a3MJXNErL/9XXLe4MeIQmAviOElG56FTPq0dVtOlcu7XSy"
    "lUzv2dO/fhoynu2Q+klFt/g1u/VCKHvyRt54dpWl2wtJGytaOKfMdxqIXVBE9FkyoJofa2"
    "TkVYNcrBFjHswY902yH8O/vkUT6M/x3hfdqIjwk4nqYI0m8gTQLNOdZkAWF8MzyXsUhVdq"
    "30hXrpC+zRLaIu+M0bV5Sk+jT3uiliL4ftbooGO/wVxq40q+eX20E/g/aMSSWTesnEQf9B"
    "5g5pi9Z/T11LhFSjsUv42mixH+Gx/9Pav5oGKMXUtADvo6vO35NDcXE5OBeQRRJ1oYPzlI"
    "929ZqpcRnib5lu2phYAyrFrMum7v59uB74MJn6ctD/GjRPjoaqLPCylQVUnIeKSHh5E6Zd"
    "ICKhWKisMhg35fj7Vo4m7J7tgLr1+7rjXTUWL4dOHrla+ORbulugBT1dQkdNxUrk+Gt885"
    "lvCZVI8O/xfpqE1C5pm9iXKOFukl9qNoETWx/y0Tg/02eRaimYH0GjMCj+6vMrOhrTb8Cv"
    "vH3zBv5a6CZf2uHCuzfoxx/T1M323WUEA4XM1IT/bBUG9LIBxzAEKVjXnJTot2+gx6f6gm"
    "0+gUkmxJEooNkV7RNi+9Pz39Z6Fquonr1H9aiIk/1EnCjdrQa628oukGluMathjd62slPy"
    "aW3XoE8Jx9dK2dKfdOI5zUSkNf9teEZdhtNKWmHpTTpZ2FopZi+qmP3p6pZTTG+IiqiaBE"
    "mdwV0YJYu5xiVVMde6FHMNMIpUc83KsVaaYsVfU7hNFEM2KaawVVr4vrVw6TSuAN3fo301"
    "FN/k91unyPoV/hL1PTY42dp7bD7kCZyz8QP/t26utOxPCOuTWVCYgTA0pq5lQJU7akkU+H"
    "JdqEC4emnrL0uj1igUrnoStW6hcE3LSfCWnyIIryQaEGq1I4RVHoKKAmgYP+pV+5foVuEx"
    "ANl6FQ2b5NCpvM/gB4aE1Cd071BHN4NyA/egEEHBYObOgfeErAFBlyPdgevERlPCx8RPM5"
    "BpXNU/YLM+9s94TZLIAUG8YeImHDjgsmQzpdHtNRXShVNmCikeoUTjtLrjfLvimk1Rcsqc"
    "P8XT8OY6Yc6X3qMGYtj61CmohrQ+33S+DM+QkIXT5c6vesNh9zMcLjeeE4e/4si6GPS/9G"
    "6u4CofhSmx53C119eubwaf7y6GvUH/DBE4IkKQG7znkXXT7Xz+4wwBcbvk/f7cu74Wvc7I"
    "YuH1eXV92R16fc4XYKLD1U7/ont5Ka4CsKaJjeT6+DJaPn/JubScbXbYf0SkAXrovkP+vf"
    "GHA25YsWyLlKACvzD4MX1Doseuqb2UEm2Mp2/PdZcO63DHfe79h+v+E5eU1/f7G+ZQmyox"
    "0EnZCoa6ntRKI0b6CdtMyldm7pgRCRVJm7ULjoumIibllCdfFZ1+mfgIVRU5r/c+uyryKr"
    "lTvjhUgO41X4YbdZZnEt3UkrhF+qyK/87jCwISUJvMdOth21RjAdat6PBC9NdU0CrINr4O"
    "acgm5xt7xz9Tuu1nKA5+5t0crNVQ2fm7sPtUdm4s7NXf95mxq/U9yyUbLP4b3LIi2Sivb5"
    "aPHxbZJpbnPD1DjCL+jktJ/bZoUorMDbtVX3k8rv7PM3w71DuwUflR9+pHPZizNWuP8QHm"
    "Bh0QprDkaF5h7VJ+Gbm8cs6UdM5kuYPXhdQ2yR0c97ef5gpLPF0TlniaDvyM7o45V5HYhq"
    "pWEVWYYF+4xqrhFENXJqow3kyrhiGbW/J+YXTogcGbl/aLronqEJcqkV2TzCfnq1M1s7aE"
    "uKF19ZI4y1bILbhrRTG+ZIB+jMTOYoaSTPcmhihGteekinxS5weG5vQJo6lN5+J0aq8vSG"
    "bULQrUTRs94oWDdCYi7WeEOdJDr6vosChpxP9bjC5aZyE2jDHai0WYzSvB8GvbRZEnuihl"
    "Ne6HXFZh5DnDyB265ZyIdVDnFFI1JXJOieIBgSri8wDiAMdLjS2Z77nKyxHGhBrHEp4c5/"
    "h2To6zD0o5TueGF80OUWkhW6SF8Om5EFFSxRiupFgpdqtmXvKqCURFdivCsCZ0SzHCMPy4"
    "q6AM84Zg1mwxyItsciGMoctfAvXvLi9f7uDnGKcloWbSrNfG8x152wIHBAws7MfQQPUCqB"
    "yLjoBBMSi1X0UjcUS9gzQFU0K+KOPCsE10UwXp7PkcRw/1/MCuBNTOKHNXOvpDRtGqXMUN"
    "HvZcwarFm7o4GObcFMTf7rp3YPF70iPr4m447PW/nqGJ6zgc75HVub3tXp1f/nGGdMbwfG"
    "wuR9Z1hwMmmi1gAES7v911LnvDP7SLn7sXv0KHukmcpTaZ4ckjSFz8Cs9Z8IUYnpMmJTpD"
    "7XO3c9m94Q9yNC/PgbcbXEIjataEihAj67PopTIVJfKKpqg1TQEbYTGzIyKh1lZlySlLrr"
    "72RjFLjkjJynKgNiyvKwlsZA0sf5IKeIm3jEMAO+wWNt0r+nTAO+l+wxDioEns3BSq2Wau"
    "iEjx1J550DhHlgqIyeIEHjCECUBtPwt/c9povISsEkEZcMOV/xve1ECej0CWslJdxxVXcF"
    "aBB/sKPKip/nF4dEQ6lqO8zRzvoc6RHMpmLhPRUX5mROVrHc+hJoaK61CEiYrrSH871cd1"
    "qECD3eaRFkJV5SUVIqcqyu1obIpBO8GlZCV1qGiDJkcbQNmZjuPok5lIipawMIkW7XU0jC"
    "iGo8cb58kAcRcm1Q1soCkxMW9IbCaOUAhuQDKHblKLS/OrFtdJbVHqA5rMMWOCV+HPRgxq"
    "gBBZFZEdPSRP3IIvXDZX5Hvha3YXteBwbYfj/4gllTCylcWEWOMOa3j/Loe6+P5dproItx"
    "L8DP+wih7DFZWps91dEuSdHMXFn+hAHqYAqgDWSbkG4v02F95v1+D9No03I/+S4Jwd9OQ3"
    "V1q6Kqf/nbIzcZUnvwsqLtcg3mDPdZGgIGUxdiEiodYtGV/jGwkFOZu4VIMm9K5oG9uvgb"
    "olqVCgnGrdZm5eXiHyxW4mbPyFtSJkr1a9HdbkzYttfB/aDG/wnSs6bDPPGF8Sa8eGBXM7"
    "gwqLTP0NPFjkk8sTi+Q3/4Q8OAwIGWLoEeOFf5ioTZ/RkW4ZKKh7+go9E2cm+KkxNZZoRg"
    "wDW7JwpEr7llBe/wyXbT7u2La8lA+G//QOLQ1ucpVxRsU3MjEJGKIBFxajyyLrmqqrUtvw"
    "Jhjc/HqQ31pplhLN0vsqNEaM0sEriS7qzOu0gpCRMF5k2Pny5QyCI6dT/tcft8Pu1Rlaue"
    "mLMkAfc/A/HzPZn48pFzhf/dLDkl3YIGhf5zGohJLYRWEDhnV7MtMcjm4RzBNiCvoS0Ec3"
    "7sSeSqmJdStjU42IJXAfc7ldAR9e2S/y54PBZQz5814S2rur8+7N0VsxDLwRcTIYmpUGJF"
    "3zMyjQqFCNo1dr45HKChH75XbQz1hLsuLDDDJx0H+QSdgBkjZrcAUo1q8myYWjHeeLoYPU"
    "qdEHxfLXZSgOjubHBik3yjFBdZBqncfYpwxKDHJcUo1ynUc5+/iddZTKy5zA06wjTHzbvZ"
    "BbKSajnErK/7kbRJWbbt9uuhVDrrxIa1GNrYCFfUjR7LAgWLmC8zvjYdLNAH6nJQDE5491"
    "A84ZyPS4rRq0N/rcoBq1KMyd0+32M33mt2yRnu+n4c90Jopai2vw8bYROMZmvKU4c9L3pT"
    "H0rBMHTakNTrI5/MfGad9b1Q8YWSPr3rVA/h4RxiX4UPH/xwZyLaioBx476PQHhkw6eURH"
    "DGMULLOvxJN081lfMoQh4ZOBwMiy3PmYC9MpEicj8FelCxPzPqBTocW3kUWt1x47snpFfe"
    "rw1vemznzsV47z+5ElouXhhfxfPteXiL/OZi+in1uS9g3GEik8GFQ0/X6j6WVjXcxqyOpB"
    "WRDlLAj/O8g/1VcCjYG8upP5SuS7bp/sWjflVtljdURU2WP7tsf2n+R6qLBmp7jmKMa2cx"
    "sDpnSWeREEp22wLIJmuapnOzPYYT+h+0e8vEdHo5YX7XL2b2L8NWpBqa+RV+3Jv/KK68aP"
    "XJ/myvBrar/2nGCIPwe/ntpYYlfs4iFgWwx980FEBBJIiGVevTJhTAiFXnTJ7wRmxrNNHM"
    "zOEH7C9hJ5VWehyhlx2MgKLQX+NsLomev2IzcrFkD7i6vQMVgh/GHwTJGW20b8qQG5zNCR"
    "Z2Aw/Of9q5Gl2xg96Nw8YUyYM542gybUhVgEBpFES4S/8THyTSI+dyeubWNrkv90Nw9Kfz"
    "rzrsgTlMbRHS+gMXZ34Y5NMtFijZRJsk+TpGBib1MTet/lSX18l535+C6V+PjIf5Yc2c0x"
    "iYFsnaOxUsGIg5vP8GdY2PaFgw9VGMUmvaQRztdgdyuwNURFlBGfNDcFOhZ1cBlUo3IK2p"
    "S7OqLmFFyTEqJqUar1oiRRawuOt7wHNey1HnaxBG7F7Ksc/mpofQGm/w1tNSDSPtS4lB0X"
    "cMvyt9IY8c2eImtiSliFRdZ5NRRZadt5OzO7aIxuuefvzyffthqU7D7UqGw1KoX4zTiNqr"
    "x89TjEqmbbyY4dp94crMDD9zns6MDmbF4PX+xr3ew63ffhYDWbtnlR3Xw2WL3DWA9lNsuq"
    "IVWAVf5KSAcJ1CqetgKsYoG8TUFrl6ELn7FJwKnekoQuhPfa60IXLOqQKZmIwYG1ZSWSK4"
    "whKo7E/2FEXQfqjAhHv4VNdITnOuGIDfnK9WDr81dtr3QQcRjiyxKeLxwmj1+otHdpPHH0"
    "CdDI71USWBzGjHMRbYynfJfyXP2BCL+Fv3m1DsKyRaosUe3KEkWGq4zTOiJea7/1Ree81+"
    "8Oz9BEHxMLOyOre9XpXZ4h8bmMrGH3svv1pnPFp4D/4ZTxZu/kZGtnmwPPnX0feL7AlgGA"
    "FRyf627/s3falic/sm6DKyxyZSj+5KP3hQ8enK015aMnDtv6NThs69E/bOuuf9G9GXZ6/T"
    "PkcnBsSPqox5hGVszUwK4nQ+OSyjFUayo02G3Tg3w7100zO1c5ItcYcu3k+MP7cF+DP9bt"
    "ZLdXnctLiX8H6wxrruUQyXa1/sNJiCofQp0/HFjhS3jPI2JqfOs8vlGzQKrZyMc3Ida40w"
    "h3cvKJ8Gdj25blyGfXB4xLNQDpfRcHjNEIRQ1ciXCTfD17MHjXuC+SDMeWZHs/0d2BDUle"
    "0l0yJeuUshQbBQn3lxylfPxfftrPmXGQoyULCEMONQ2kj6nrtPmdCUZH9/gJVBSRfOQlFu"
    "nIxo695P9r0dd08SorbanC3qW03yprL+wks5YAtBIsd+G0HUXq7YvUa3waikg70S4G/S+9"
    "myugfTyvIB+MKbHnQP94LbiqOry7DW4DH+YyoIZ6Q7j1tQvcEHG8g+xDmeDcdl8oOL2d6w"
    "RDjWu/t0IuemLByOr1fxv0Lrpa7/ZWnDVPrCdKJlgjjIkz5yFtRuMd9L/CXXAMa17eX6kz"
    "36s/t3r12RdRyKNCdZ4uJRXyj3n08Y/Z6vjHlDb+MjE/NTNlVchP7SHdf/WJhgMa3S0K24"
    "MS4QZhvOewy4Vu63MJJ59Nhqwk9kiE/PuvplAhKiW31FAcGqkbmIQFxzgipkj7Oo+vKvNV"
    "lV6whpxU1ZP2Uj0pVqsfIvzIttGa0eDChiC+00DNKCF7beMphmJDuLWBuo20bOcO4lzEhX"
    "IcLOnNrR9YEFPJRE1Z4F+BG/uELCoKL82xbolqsMgfEwblYO9Xz2M/Lpb3stMlq3/ABlZX"
    "cHpJQleVXNprySVFySpKtggl6weqSvaldcfLRaT2eLpc8KEe7OFyIgq4INShjDrGrwDS0f"
    "DqAmBHxRTeBfBWdltVu7uy217abtuXRXKLHag5wlob7JGwXX5rhEVFitgif7oEO2hGXdsr"
    "4ipOibCp4U5ENphQl4SxsETPuuVAPdkZ1m0vRmStEbJ9z5vrw2baGjVZnhpteogB1qY2nW"
    "tzYrmyfKL1GQnSDhrkgqoiOcHDyKFbQRwTVwDHAF5ZhRKuLjtIJSG2z0w4QIGD017wDQob"
    "bd9q3ZVfb0fB5Cmtp8j2vFlDGlh4SPl/dq4fvegKvyvtaCuNJ8gQvyTWo0zTid1fq+EExp"
    "lmBk2LaDbBcwR/00bQBwYtxKbuwwzpwIu+Bv8fMjBeiNtr1ZmS3SkdptY6jOD2SgXONA3i"
    "fZ+VxSDpap6Rg56x50ZkGpA8FN9Z37/LsbG+f5e5r8KtRI6WWKJKBE/EBFV8TO3iJ5Tu9D"
    "3oTkP6iKVZR+lG+bUorogEAjl0qZhO8xrkkZAXfuV7PjFs5/4Tb2UuRR2gmc5mkET0iBdS"
    "amjb7rbQpZTveQfKkxg8DYapyC4el2rc4T/V7+P424LwHaPERh6XVDt57XbyhEZcRlmLiK"
    "lI1zqPb03M+Xowt8pjemh67d48poF6eyeOprzF65XgSKt8WrB34qXGcF41+Jw64TGZugmJ"
    "BUuumlqGiY2zFSto49d+0C94O30BrsaKLPtHhp51huaE8cU6rRnv5AlbKMs+REVpsZhYY7"
    "TnF065h3laqmhVKNZAtU+k9wy4ndgKSyUfgprgz95q+ZzqFt4Le96zxtS14qtB+u7ahXZi"
    "zzUSaZiDZnjG4xmlj2iimyaCcAARK3Jxc9UWtr+gBwxsuAszKFIM8SRwFdoxl29lT4RR+w"
    "eGFvynyaiHXTwiz/HFNp5gvmQb4YnF1HUm1PvoLPwNCsuJqoyq6kl9l+CgXHfROhZJuVJU"
    "R9IgqxHT8fY4zym7vFV2Ddvj1Em7ovhHEZRDAeUR2sgkiWyEMkc0qfIAW7o7VTGR6uuzrH"
    "bSMslPEfFa5z/ddC+6vd8glyjQJUZW5/r6sgeXuBpmEr8qeZBy5Fp+vtHIGtwNtcEXLThM"
    "3XU0OtXEvBpZN90vd7det1PgEEfW5zve6wXXgc9QoAjhkcX12Ut+haNo8r++DG7EQ7hm9O"
    "A999f+4Pe+BllP8OhHrtcCl6CbI6v3tT+4ESlSDxa1oXX35mbAXySsAPryNdMN7EgzdLLL"
    "dqwkGrDh7L1oh5iZhQItIyINAHzXO7wqDh/ZaqoID04aaSlcN5yskBZXXpo6e2miBnvBsU"
    "6INpB3a9JAT4lF2KzUQCdE1Qddt3GuCaEKJ5FmRcGH99qbyFRhfxeIgLe8agY/MFF8ABEr"
    "oDrDLDxxfhPU/Fi4TNSAhotCCJLwiCx2q4JOR9bIGvJr9yJrhhu29210b9NnphmEK3jOve"
    "jqnhtl4vjM1VUb+8VK+IN1r3CJX44AwYECI2504GdwhB3Bo7GBxkvkMv5sBG4C0atvJ706"
    "E8WrdXhj3UFz3ZnMvBzEOQSa6RbCkxmFH0FdbiJxU0b8GujKoog/hbW97rzLcIIU8+LVnq"
    "E/g0yn4J0L+OV5GzHKG3sqLH+cgTlyIyuADgqxPM+IieHhFnUQfcL2s024umDBj/Af43h9"
    "G6KJQ92Jf0nMwtxM9Opgvdy080uQFrUkoHcWQVcLQq4OCO+ZjvuOj7/7o38hzrNb8p9mJA"
    "+8qwcpA+ngXLuCSAfpaRqZX0ZasDG2bGW0qbdHlgA3LajATYKr6JeWol+kWCtrLZdVrs5i"
    "/E7GWZ0ft2lId+F/CUzvIg6YqEwDIN+1BybCaBRBOSGmgN4IdIIoKuRTTIsqwDfPbDynDt"
    "bm1CC8z3IeElkPaqeu807tEQVlQtCjgmqM6zbGFRUREIRvemoUrCEwCHo5KHY4b6pVlBTf"
    "dQWBgeuM6beuCIqVuJ2it9vrPE821k34MDUqJPL5nuBUURGPi6gl6s47dEEmbaQ7IqGfT1"
    "sCTT+h+4U7NgMf6j24Pxh2wOUBrhEbm/pSfmRplZ1La9uLPuEuw39uV9lexedXS96vK0Pg"
    "j1le9S8UqHPgZ0m1byenvcPHUGiC+wJNyljes4dKYFZkTvvtGzilq7dkFvrSpLpk0V53Wl"
    "8o0giI98080cnEte1ShkRCVMXV1c6WiPsXV8pX0ZFOyu7FanwBi+FgB7omgXVDUOBuMR/R"
    "jNO94g3auQwdoRVqLCq00eCBeDZwSoTWh6jbgA3ItQEzRQ+NFD9KDi9oEL4ViDA0xiaFgD"
    "maNnp28YAtKkO8tKpdo+zXChXtbNNGOLwKa99RqcZEE+xZ/xbfUZGZHgo0Qj3cRYhXTTaP"
    "C/5L3Tk2MjmyeIN8m8fEl9HCdPR8bJnHroljGXXkd2JD5cugABAch/KEBcPFtWBGbXS0sF"
    "0Lbvih0N7VOW/FXslZs108RMqeBX1DAwEEkJ6KRavRAremEnpk7PL7UVcyDVz2dlDKM/go"
    "Ck30qJSi1Epv6eEaXdwwTYg2kIJQJbV2qGvYF2L/XKNsBC0KaRu2NllJbVQ3ulCLKNAFiA"
    "F+M76lg2n4jO4DW1G4ywKt4Ijfh4Pl+L9f+bWw+N3g4WldYydP2MJaLXq+RLVnS9TIVq1q"
    "I8vWHoLRLbaxRaWUoVryIBVRdbNU5eiYpNrT6rKnSdhX8fY12dM62CaTmWwv8++s3cP0VZ"
    "tNO1b2OKuDIOqVxpqZTJa912ankTXBcjw+Pc1DDp+eZpPDcC+RXMY/qgII+80biO7bXNT7"
    "2zXU+9t0jAt/oiMtPfnL7aCfaRU68uKTBpk46D/IJOwQzfM14AIY62MDkmEAib0POjh/aT"
    "L4r/8HbXSYlg=="
)
