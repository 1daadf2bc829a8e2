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
    "outcome" VARCHAR(16) NOT NULL,
    "detail" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_crm_inbound_receive_45a435" ON "crm_inbound" ("received_at");
COMMENT ON COLUMN "crm_inbound"."outcome" IS 'APPLIED: applied\nUNCHANGED: unchanged\nDUPLICATE: duplicate\nSTALE: stale\nFORGED: forged\nUNKNOWN_DEAL: unknown_deal\nERROR: error';
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
    "last_error" TEXT NOT NULL,
    "stage_id" VARCHAR(64) NOT NULL,
    "remote_modified_at" TIMESTAMPTZ,
    "synced_at" TIMESTAMPTZ,
    "order_id" INT NOT NULL PRIMARY KEY REFERENCES "order" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_crm_deal_li_state_7ef409" ON "crm_deal_link" ("state", "next_attempt_at");
COMMENT ON COLUMN "crm_deal_link"."state" IS 'PENDING: pending\nSYNCED: synced\nFAILED: failed';
COMMENT ON TABLE "crm_deal_link" IS 'An order''s deal in the CRM and the state of pushing the order to it.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "telegram_update_seen";
        DROP TABLE IF EXISTS "realtime_consumer_cursor";
        DROP TABLE IF EXISTS "telegram_link";
        DROP TABLE IF EXISTS "notification_preference";
        DROP TABLE IF EXISTS "telegram_link_token";
        DROP TABLE IF EXISTS "crm_inbound";
        DROP TABLE IF EXISTS "crm_deal_link";
        DROP TABLE IF EXISTS "realtime_consumed_event";
        DROP TABLE IF EXISTS "notification_delivery";
        DROP TABLE IF EXISTS "notification";
        DROP TABLE IF EXISTS "notification_settings";"""


MODELS_STATE = (
    "eJztXW1z2za2/isYfWkyo/Qmdpykzp07IztK6q0teW2l3e76Dg2RkIVrimAJ0o522/9+Af"
    "BFfAElkqIoisHMbmqTOCD9AATOec4L/tNbEAOZ9MeBjSfkEVm9U/CfngUXiP2QudcHPWjb"
    "qzv8ggunpmgMbay5UbMpdR2ou+zGDJoUsUsGorqDbRcT/pDeANjIocSCJpgi6CAHCGEwIw"
    "6AYEGm2ESAPe0jIJa5BNil4Pbnwaujk3cAU0Bd4iDjR/4og+jsWdh6qLVXz8J/eIj9QQ/I"
    "nSOH9f2v/2WXsWWgb4iGv9qP2gwj00ighg3egbiuuUtbXLuw3M+iIX/hqaYT01tYq8b20p"
    "0TK2qNLZdffUAWcqCLePeu43EQLc80A8BDXP03XTXxXzEmY6AZ9Ew+FFzaf4HVtZ6mjcYT"
    "7XY40bReZphCiRjGwSWdWHyI2atS8dc/8Fd4dfTm7fu3H47fvf3AmojXjK68/8t/9AoYX1"
    "DAM5r0/hL3oQv9FgLjFajivxlYz+fQkeMatk8hy145jWyI4zpowwsrbFezuglwF/CbZiLr"
    "wZ2zX9+8fr0Gyl8HN+c/D25esFYv+SMJ+wz9D3QU3Dry73G8V/iKz0SbQzovg3JSqh6s9z"
    "uNE0i/e1sA6Hdvc3Hmt5Iw2w6a4W9lIF5JdHEqHxWZyUf5E/koDbDuIA6GBt0syJ/YHRcv"
    "kBzopGQKbCMQ/TH84RChZ3+gMWbbXvBNrYF+cnE1vJ0Mrq754xaU/mEK/AaTIb9zJK4uU1"
    "dfvEsNU9QJ+O1i8jPgv4J/jkdDAS+h7oMjnrhqN/lnj78T9FyiWeRZg0bs8w+vhqglRt2E"
    "1NU8Wmnc07I1jHzwym0Z+AMZ6BCTtSPtoCe251QZ56SkGuU2jzKzHPATYhhBEzlaKYVaJr"
    "pZvW7/8NajYMc0EWEnlcM2IVMJ1NbtiTWgyg3B2aPUavEByyL8mdmZ+MH6BS0F0BfsnaCl"
    "ywyWwAS/jjo6MID/CudQeHX1ZTnwObKek1OL/cD+auT6qvHg9nzwadjLXyBqwPdT1NFhrQ"
    "pF4ZWtigmU2YuA0dfLy56YzlOoPz5Dx9AS85rfIUckdSVqm721OFqkr0ALPgiY+N/D3z7k"
    "mDwDu0PLdZY9GQO1uttfy0HxdhqKGm5koX6bE2BgAzzPodsHHCXrQZBFz3Osz4GPVx88Y3"
    "cO3DkCbB65CEwRa4IAtAwAZy5ysjxUjf3WzESd4YfvhYz66ejo+Pj90evjdx9O3r5/f/Lh"
    "dbS8Z2+tW+fPLr7wpT6hDm2mrMqrqE2ank2OR9dUU9mWns/grCR2xeB0iSEj0/9DuutjVA"
    "LklFgHubLjIlzZcT5XdpzhygLMZLvERqClW8UOYe71DnQ++3t6FuG/3Y5HcoRXEumdAOsu"
    "+BOYmB6g/boGVw5FYvkP8XxxNfhHGurzy/FZel3nHZylcBcKVBnYIwGFenXUsV1mLfFbq0"
    "Vk4yLiUWa1McPJkqiU+fAmpToH83EhP+jxGj/ocdYPWoVyVFxjK7nGDoLaKqqxZfhuzzSu"
    "OLDsiqA4xo3AtpdcDJCXEIurMcknFVcToEhUm4keoAnYnovdJXDn0AVTb0nBzCELwfTNmD"
    "xxlh/BvQ0d1uweLOAjogC7gF1wAZkBCObENNiQyOLbau9fRbq1K9JNDLBWNt4tKdVF+mMX"
    "2h62SjF5QfPOxbnVH4b1aJcyBIPmnTNRfiqA60+5sP6URtX/yKFhMAucll8dYoKdQ/qk0P"
    "JwsmZ5OJEZgyZ+Qs6yCuQyWYV6IdQx1YlnudpUsobkG+FJqeaiU163Ws+I7XVU86MAsqCe"
    "EWIiaOVsenG5FKxTJrgrXMPtsFlW9Gw8vkywomcXKcfv6OvV2ZBth2JKs0bYRXLAVShy/t"
    "zubiiyb3WV5LriMorrkhCIDtaRxl0wJYFNyylws+A+s9k3Jx5F5bBNiyloN3O04jtXVOJm"
    "jja+ICaoxBu2Pt9cnE968ilcA7a/xfvqJrzpT7cAC75aSetwMfDOLg/Zob55Bqd3ntKE+A"
    "p76k0pNjB0MJKYoGeB9OdfbpAJc0LNOrpuJKboAi2myKFzbNeC0lXU3QEq2MUAE/4SR4OU"
    "ss93gbjsVsBd+R0Oov66ipzO/p4H4iy1Bwdujdp50NlA1wOeqIuQEcdgX9N2SI15H10FSJ"
    "9DV3MIWWw7nVg/N6ybLuG0e+dwbLXPdRMnd4RNDmNtkWxeuCJKPF0EJlNFIHCI6SeIoG+2"
    "iXXu1UXOArMVl4GWXw9lyz4lPuJ/xSJOAg/5/yq/8R79xnwU5Q6KoeUtMpp5Mjc6kG3QQY"
    "EWtkmWKHyXonD3xr+NhjengDyzd7qzBp+uLkanABoLbN1Zw6vry/Hvw+EpCHu/s369GP7G"
    "BZ4wevY3j9Le0XdFvKNpyjHmHX2XKVIBLc02ITMQcnfFdYy8TFwR8yWIeYYfRUgTNloV8J"
    "PCCvry0M+wFS5EFbCPSTcIfnTloNHnamYF2EMxNdmVA1A5ANc5APeTQdC6Ae5ECkEXUW1V"
    "DkHbAN5RuZLmcwgOFdj8JIII2P3kEFySB2x9htj0HNSTUESJ+/119JDJW2qzWNON1NDY4o"
    "H92EQGENJ9IGLd2K9sIjJjl90SBA7/LYg3BC4B7twhrmsi8OCxK9KEglp7VqkE7aKExPDJ"
    "OSE5sJFA9ypVHJ0UycplrXJ5HHGvvenOXSoCokrndKV0Tkbb3OPufYuESyN39w7vF9i9aa"
    "xpAcfO1CHPlO2gQvijyNPTCXnESGTiUe6DYZssWYBHtOyL2+J58fr0Mt9OXd2qfbtd+zYb"
    "rtKl2OMynUtQq3+H0akzWx1XURTkpFQHsyx3ALQiQb9DElQUVacIWVULssdkOzjyBzLSuV"
    "pdfKjRNxuz7ioMdFJS6e5tHuU2WbqSaJLege6OqrBXU6Ue1JECykd3MKgqH506UqDt8Lb+"
    "SIFsNoqE+JOmrOSzf9mUmaIUYCAJTEIeqV/eP4rElnF7G9tLY7IDKX/4VVD23pk8FQy0C0"
    "Uj/ApLwZoUUrhuVjVii4nSNdZvhsnJpQKCvoOAoGBOS3SK1WzPVyRWavxm5eGWLBCxEHie"
    "E+7qowBbp5EuEKW69PkB14HSILK8qMce8oQpkegX9XSp/Ibt0jb2He/TIo/hTsJ9ZuzBpS"
    "uzJoQ66DI8KsTWHa1h646ybJ3NUCqFciTQPTa09nN/bGa9PhO2/5WNMcgIdnE6n5wUWjhO"
    "1iwcJ2nEuf9K+3fJKZ0QanBaDz2H2Oi/rgjVyfOhOlZMaD14THEpA3hcpkG8Ha8ZkD8UwP"
    "hDLsQf0ggzy2Q207bJOk/2UAnxZrjT3tVgNPjCs8gDbfjOuv16Pbz59eJ2zC6utOK0nl1k"
    "WOpPL1eVXlWiZ2s2127FOJUIZ455lmzsBw1uWdlnYONJGHt4YNMgt7KPKuC2BWBBFPqWaK"
    "Vj37uIlCpxV61emxZsUNuB9h3UbWO7nCYOca+jehvr7Jb31VXILOLiGdYFFFviNYp19T3A"
    "pdkOmiEHWfLKRRWRu4467RKGpbw/OXBT5PLCeWuwHltoQtg/5RC/jfXbChu33inrIhM9OH"
    "Chmdh6rAO7SdDhZdBfRzAr6XMMS8X2JF7H6F5/nd9Rj7cqELbE2kOTPACKdH7xI4DAdvAT"
    "6wVw/yGm4AlTzJMKCTPy/NIAKPAjUiDK4yIDYFcW4lRr38oX2S5fZFk3mfKQlfOQYaoFH0"
    "t5li8mqOrnleD5bEJxuE0VjW+PiagzyTKAqsOSdp8wUNehM3EF47AQLpwxUODYmSKErz7H"
    "puHIUsurnAvQHbwT3746OqEoUrZDDE/fFqtrv5cugbTL8M7U1FpjcK0m32azS4Orxhutry"
    "/iCxG2UBCYSfHDXBzhzq+FtlLYd9bEqtKBNK0kbjWqvJIWWFfRfCqFbkpK5UBIVFKVsdOA"
    "ThpfT5rTStsGclG1NPXZquyS7yG7hB8vIdM6/BtrlQ07alLkzCFfLfyBAiEmCr3aGLGfsA"
    "Ug4CcY9vmPj8RG+qP8iKEKXchPFEocMhl0qzSNvWoacMHrAWvB2ElMEPyQXzgjI9ulzfGn"
    "o6Pj4/dHr4/ffTh5+/79yYfXEfbZW+sG4eziCx+HfpyTbNsZ2C0dgxpPGBeLTVlo40IK1w"
    "Jk5L6OEW4bzoUpybXnCEu1P3tF9GwNcNcooyy88S+4dQqgmNx5SmA48zcogtHXtlkbnMwR"
    "mEKKhMoGXqBvrLW55FzRSz//V1y3mDHiYj4XxHGSlCwip3xWO6ynS+Xcb5dSqJz7O3fu84"
    "+mvGc/lFJu/Q1u/UqJHMGStJ0fpmt1wbJGytaOKvwdx6GWVhN8FU2qJETa2zoVYdWoAFtE"
    "kQ8/gI6L2Xf20ad8KPs9xvv0ARsT7niaAZ5+w9MkwIJhjW0exjdHCxmLVGfXSl9ol75AH7"
    "0y6kLQvHNFSepPc2+bIrY/bHdTNNhlrzD1pFk9f7sdj3Joz4RUOqkX6y74E5g7pC16/z3z"
    "LBFSDaYeZmujRX/kj/2fXvNqGkcpoaaFeL+4GvwjPRTnl+MzAVksUZd3cJbx0a5eMzMuE/"
    "Qt102bEOtApZh12dTDf0zWAx8lU1+OR1/C5unRUJUF9ltZQMV5qIiE/Zsw/RIRCeVCZZXB"
    "uCnHP7ByNGH3bAfUbdDXV9ZVZ/Fyif7I1MKnwNLdAi3e0yXvqKtYiRx/jW0+iy2hEgn+F6"
    "yfLiG1S9om8SVKuJv0l5pP4CTWh2I0zs/kWaRaCuZH0CiUF38N+BUIpuQb51fevH7Nf7Oh"
    "yZZ2fuHta/Djj1nqZvvucoKBImZKZ3+2CgPab8AxH4IMrGtOSgzad9DjU3/BtoDAxDp2JQ"
    "pofkX7lFhzev6bVs9iFdXTeFSPijhpJuJE6W4t0N1WdoFMc0tYDWv0tpWdUkxru+b6lHB8"
    "rZQt+ASx7zQTkdbsb0Nz4lGUVdJKS2/SyaLWSjHbq2L2hwctt5zeEBdRNQnSOoNnGxWLuS"
    "YlVTHXthRzDTGKVXPNy7FWmmLNX1O0TZRDNi2msFVaeNNauHQa14Dub/G+Oopv+vttU2T9"
    "Cn+J+p4YnHztPTEfigTOOeiB/QzNlZb9ESCoz8PCDJiCKfEsg1e5I5ZEga/WhQqEa5e2vl"
    "8atUWhcPWTqG0LhetaToK//JRBeCXRgVCrHSGs8hBUFEDH+FG/2r9Et4qOAcjXq0jUpIBO"
    "5X8GP1AgpD6Ce5e40AzLDdxzhYgXDKbegvOePGtA0OUAuvw6dsAMszEJ0gxkGlf9D9isj/"
    "0rWZMkdkAQa5i6yQ8c8Gi6mdLoGk2F9PgpM6UUj0iic1rdUbFdcc2mKDllLpjiWXgLnTAX"
    "SDeogRgOnLkl1ZDep5vB58kpELL8dLmzq4vJZPiJHy43XWCXveKddT4efb64ueJX2SjMsL"
    "PgVy9G2vXN+NPX88nFeHQKMD8iQpAbrOc762Y4+PT7KeDE7ZL1+/PF9bXodY5t2+/z6vpy"
    "OPH7XNjcROdXB6Pz4eWluMqBNU1kpNfH/Wj57CUX0nK2+WH/MZEO6KFNh/z7488PuKHlsi"
    "0yggr80uAn9A2JHrum9lJGtDOevobrLh3W4Y5N7v2H6/4Tl5TX9/sb5kibqjDQadkahrqd"
    "1EonRvoJOVTKV+bumDEJFUmbtwtOy6YipuWUJ18Vnd5PfISqilzUe59fFXmV3ClfHGpA95"
    "otw506yzONbmZJ3CJ9VsV/F/EFcRJQ0+fQetg21ViAdSs6PBf9dRW0GrKNryMassv5xv7x"
    "z4Rs+xmKg59ZNwdrNdR2/i7ffWo7N5bv1d/3mbGr9T3PJRsu/hvcsiLZqKhvlo0fEtkmlu"
    "88PQWUAPaOS0n9tnhSiswNu1VfRTyuwZ9nBHaof2Cj8qM26kc9mLM1W4/xAeYGHRCmfMnR"
    "/MLalfwycnnlnKnonMlzB68Lqe2SOzjpbz8pFJZ4siYs8SQb+BnfHQuuIokNVa0iqjBBU7"
    "gmquGUQ1cmqjDeTKtGIZtb8n5RdOiBwVuU9ouvieoQlzqRXZPMJ+erMzWztoS4o3X10jjL"
    "VsgtuGtFMe4zQD9BYucxQ2mmexNDlKDaC1JFAanzAwUL8oTAzCELcTq13xdPZoQW4dRNHz"
    "wi2wWQikj7Oaau9NDrOjosSxqxf8vRRessxI4xRo1YhPm8Eh9+bbso8lQXlazGZshlFUZe"
    "MIzcJVvOiUQHbU4hVVOi4JQoHxCoIj4PIA5wutTokgaeq6IcYUKocyzh8VGBb+f4KP+glK"
    "NsbnjZ7BCVFrJFWgibnraIkirHcKXFKrFbLfOS100gKrJbEYYtoVvKEYbRx10HZVg0BLNl"
    "i0FRZNMLYQJd9hJg9PXycn8HPyc4LQk1k2W9Np7vyNqWOCBgbKEghoZXL+CVY8ELzqAYhD"
    "gv45E4ot5BloKpIF+WcaHIwdBUQToNn+Poo14c2JWA2hll7koXPuQUrSpU3OCh4QpWPdbU"
    "Q+EwF6Yg/v51+JVb/L70nXX+dTK5GH05BbrnugzvO2twezu8Orv8/RRAStFiai7vrOsBA0"
    "w0s/kAiHZ//zq4vJj8rp3/PDz/hXcITewuNX2O9Ecucf4Lf47NFmL+nCwpMZhon4aDy+EN"
    "e5Cr+XkOrN34kjciZkuoCDGyAYteKVNRIq9oilbTFHwjLGd2xCTU2qosOWXJtdfeKGfJYS"
    "lZWQ3UjuV1pYGNrYHVT1LhXuIt4xC4HXbLN90r8nTAO2mzYQhJ0CR2bgbVfDNXRKT4as8i"
    "bFwgS4WLyeIEHhAPE+C1/Sz0ze2D6ZJnlQjKgBmu7Gf+pgbwfQSylJX6Oq65grMKPGgq8K"
    "Cl+sfh0RHZWI7qNnOyhzZHciibuUpER/WZEZdvdTyHmhgqrkMRJiquI/vt1B/XoQINdptH"
    "WgpVlZdUipyqKbejsykG/RSXkpfUoaINuhxtwMvODFwX6nORFC1hYVIt+utoGFEMByYbF8"
    "kA8WyTQAMZYIZNxBpih4ojFMIbPJkDmsRi0uyqxXRSR5T64E0WiFLBq7BnA8prgGBZFZEd"
    "PaRI3EIgXDVX5Hvha3YXteAybYfh/4gklTDylcWUWOcOa3j3toC6+O5trrrIb6X4GfZhlT"
    "2GKy7TZru7Isg7OYqLPdHleZgCqBJYp+U6iPebQni/WYP3myzeFP9bgnN+0FPQXGnpqpz+"
    "d8rOJFWe4i6opFyHeIOG6yLxgpTl2IWYhFq3ZHxNYCSU5GySUh2a0LuibZygBuqWpEKJcq"
    "ptm7lFeYXYF7uZsAkW1pqQvVr1dliTtyi2yX1oM7zhd67osM08Y3JJbB0bFs7tHCosNvU3"
    "8GCxT65ILFLQ/CPw4TB4yBAFjwjZwWGiDnkGL6BlgLDu6UvwjN254KemxFiCOTYMZMnCkW"
    "rtW0J5/Stattm4I8fyUz4o+sM/tDS8yVTGORHfiG5iboiGXFiCLouta6quSmvDm/jgFteD"
    "gtZKs5Rolv5XoVFsVA5eSXXRZl6nF4aMRPEik8Hnz6c8OHI2Y7/9fjsZXp2ClZu+LAP0oQ"
    "D/8yGX/fmQcYGz1S87LPmFDcL2bR6DWiiJXRQ2oAg6+lxzGbplME+JKegrQB/fuFN7KiEm"
    "glbOphoTS+E+ZXK7Aj660izyZ+PxZQL5s4s0tF+vzoY3L96IYWCNsJvD0Kw0IOman0OBxo"
    "VaHL3aGo9UXojY327Ho5y1JC8+zMC6C/4EJqYHSNqswZVDsX41SS8c/SRfzDvInBp9UCx/"
    "W4bi4Gh+ZOBqo5wQVAeptnmMA8qgwiAnJdUot3mU84/fWUep7OcEnm4dYRLY7qXcSgkZ5V"
    "RS/s/dIKrcdE276VYMufIirUU1sQKW9iHFs8PCYOUazu9Mhkl3A/idlgAQnz+CBj9nINfj"
    "tmrQ3+hz49WoRWHugm63n8kzu+WI9PwgDX8OqShqLa7xj7cPuGNszlqKMycDXxoFzxC7YE"
    "Yc7iRb8H8clPW91f2AO+vOuvcsLn8PMGUSbKjY/5EBPItX1OMeO97pDxSYRH8ELyhCIFxm"
    "X4onQfMZLilAPOGTcoE7y/IWUyZMZkCcjMBeldgmYn3wToUW3wcWsV757MjqFeHMZa3vTU"
    "gD7FeO8/s7S0TL8xcK/vIFXAL2Opu9iEFuSdY3mEik8GFQ0fTNRtPLxrqc1ZDXg7IgqlkQ"
    "wXdQfKqvBDoDeX0n81XId90+2bVtyq2yx9qIqLLHmrbHmk9yPVRY81NcCxRj27mNwad0nn"
    "kRBqdtsCzCZoWqZ7tzvsN+BPePaHkPXtz1/GiX0/9g46+7Hi/1dedXewquvGS68SPTp5ky"
    "/Io4r3wnGGDPQa9mDpLYFbt4CLctJoH5ICICMU+IpX69MmFMCIVedMnuhGbGs4NdRE8Bek"
    "LOEvhVZ3mVM+zSOyuyFNjbCKNnAZ1HZlbYnPYXV3nH3AphD+PPFGm5fcCeGpLLFLzwDQyK"
    "/rh/eWdBB4EHyMwTSoU542szQCcej0WgPJJoCdA3NkaBScTmru45DrL04qe7+VAG05l1hZ"
    "94aRzo+gGNibu2NzWxriUaKZOkSZOkZGJvVxN63xZJfXybn/n4NpP4+Mj+LDmym2MSQ9k2"
    "R2NlghHHN5/4r1Fh2z0HH6owik16SSecr+HuVmJriIsoIz5tbgp0LOKiKqjG5RS0GXd1TM"
    "0puSalRNWi1OpFSaLWlhxveQ9q2Fs97GIJ3IrZVzn89dD6AszgG9pqQKR9qHGpOi7cLcve"
    "SqM4MHvKrIkZYRUW2ebVUGSlbeftzO2iM7plw99fQL5tNSj5fahR2WpUSvGbSRpVefnacY"
    "hVy7aTHTtO/TlYg4fvU9TRgc3Zoh6+xNe62XXa9OFgLZu2RVHdfDZYu8NYD2U2y6oh1YBV"
    "8UpIBwnUKp62BqwSgbxdQWuXoQufkIm5U70nCV2I7vXXhS5YxMUzrIvB4WvLSqRQGENcHI"
    "j/IUA8l9cZEY5+C5ngBVpAzBCbsJXrwYGLl32/dBB2KWDLElrYLpXHL9TauzSeOP4E3ijo"
    "VRJYHMWMMxFtimZsl/Jd/aEIu4W++bUOorJFqixR68oSxYaritM6Jt5qv/X54OxiNJycAh"
    "1OsYXcO2t4Nbi4PAXic7mzJsPL4ZebwRWbAsGHU8WbvZOTrd1tDjx3mz7w3EaWwQErOT7X"
    "w9En/7QtX/7Oug2v0NiVifiVjd5nNnj8bK0ZGz1x2NYv4WFbj8FhW19H58ObyeBidAo8Bo"
    "7Dkz7aMaaxFTMzsOvJ0KSkcgy1mgoNd9vsIN8uoGnm5yrH5DpDrh0fvX8X7Wv8l3U72e3V"
    "4PJS4t9BkCLNs1ws2a7WfzgpUeVDaPOHw1f4Ct7zmJga3zaPb9wskGo28vFNiXXuNMKdnH"
    "wi/NnIcWQ58vn1AZNSHUC66eKACRqhrIErEe6Sr6cBg3eN+yLNcGxJto9S3R3YkBQl3SVT"
    "sk0pS4lRkHB/6VEqxv8Vp/3cOQM5XrIAU+AS0wBwSjy3z+7oCLy4R09cRRHJR35iEQQOcp"
    "0l+69FXhH7ZV7aUo29S2m/VdZe1EluLQHeSrDcpdN2FKnXFKnX+TQUkXainY9Hny9urjjt"
    "43sF2WDMsLPg9I/fgqmqk6+34W3Oh3mUU0MXE37ry5BzQ9j1D7KPZMJz2wOh8PR2phNMNK"
    "b93gq5+IkFd9bF6NfxxflQu7i9FWfNY+uJYB1pmFJx5jxPm9FYB6Mv/C53DGt+3l+lM9/r"
    "P7d69dmXUcjjQm2eLhUV8g9F9PEP+er4h4w2vp+Yn5aZsirkp/WQNl99ouOAxneL0vagRL"
    "hDGDccdmlDBy4knHw+GbKSaJAI+c9fXaFCVEpupaE4NFI3NAlLjnFMTJH2bR5fVearLr1g"
    "DTmpqic1Uj0pUaufR/jhbaM148GFHUF8p4GacUL22kEzxIsNod4G6jbWsl84iNNOChU4WN"
    "KfWz/QMKaSipqynH/l3NhHYBFReGmBoCWqwYJgTCgvB3u/eh790V7ey06XrP8BG1hdweml"
    "CV1VcqnRkkuKklWUbBlKNghUlexL646Xi0k1eLpc+KEe7OFyIgq4JNSRjDrGrwTS8fDqEm"
    "DHxRTeJfBWdltdu7uy2/ZttzVlkdwil9ccob0N9kjUrrg1QuMiZWyRPzyMXDAnnuMXcRWn"
    "RDjE8HSRDSbUJWEsLMEztFxeT3aOoOPHiKw1QrbveXN92FxboyXLU6dNDzHA2swhC22BLU"
    "+WT7Q+I0HaQYdcUHUkJ/gYuWQriBPiCuAEwCurUMLV5QeppMSazITjKDBw+jbboJDRD6zW"
    "Xfn1dhRMntF6ymzPmzWksYUmhP2zc/1oryv8rrSjrTSeMEP8EluPMk0ncX+thhMaZ5oZNi"
    "2j2YTPEfxNH/A+ENdCHOI9zAHkvOgr7v8DBkK2uL1WnanYndJhWq3DCG6vUuBM1yBu+qws"
    "ypOuFjk56Dl7bkymA8lDyZ313dsCG+u7t7n7Kr+VytESS1SF4ImEoIqPaV38hNKdvgfdaU"
    "IekTTrKNuouBbFFJFQoIAuldBpXnF5IOSFX/meTQzHvf/IWplLUQdoDumcJxE9IltKDW3b"
    "3Ra6lPI970B5EoOn8WEqs4snpTp3+E/9+zj6ZmO2Y1TYyJOSaidv3U6e0oirKGsxMRXp2u"
    "bxbYk53w7mVnlMD02vbcxjGqq3X8XRlLdovRIca1VMC/ZPvNQoKqoGnxE3OiYTmjyxYMlU"
    "U8swkXG6YgUd9CoI+uXezkCAqbEiy/6RgmdIwQJTtlhnNeOdPGELZTmAqCwtlhDrjPa855"
    "R7Pk8rFa2KxDqo9on0njGzE3tRqeRDUBOC2Vsvn1PfwnvuLC6sKfGs5GqQvbt2odWdhYZj"
    "DQvQDM9oOifkEejQNAEPBxCxIuc3V31h+wt6wECGZ5thkWIeT8Kv8nbUY1vZE6bE+YECm/"
    "1pMuphF48ocnyxg3TElmxV1aTFS2xYjrtsnYq0XCUqI21wtYjJeHNU5BRd1iq/Ru1R5iRd"
    "UdyjDMqRgPL4bGSKRLZBlSOYVPr/lu5M4rk6yfNmbs7EiYm3OhlncH19ecHzWtj+b+KgHH"
    "aY6+JZQaLLnfXpK2t3ztSpUxDuqejOYqrRJbvCMDDZb5/HN0KMbbIPfk+/jMa/jTSeQMM7"
    "e2QqEjdLoXlnDW9uxjenICoduf9i2wZypakd+fUeVhIdWMmarvYQ16NKmkIp0Q6aQwdi/u"
    "zGn12f/cMPDssLWovubbR9xHZaImDN8pMPmWHBJQG2QsskCpoXxy3wFF3bo6JkI78ohHjM"
    "PJa5WmvqtIiFszqwha18WlBkfr25s4/KWq00fHbmmW2FItgGhBtWA7/jY1V+H52Lc1KW7E"
    "8z0geptENn42lGTA/gDLq0SnPul5EV7MwBGrWVouP7SCVws4IK3DS46syXGKp1ZP2klZWS"
    "NoVEXAVftM2sUOdV7N1sFwlyJc9jict0APJdc74OWhAXacwaxazPagSJrAe1nrV5PfPV7C"
    "qBAXFBNcZtG+OaUjtyznwvmdlR9MT3dnErRQPgSh74vhW1OPbcKfk2FK5MCbsYv91fRzA6"
    "CJr8w9SIkChGMfKzXoQXNTzb2SU21vsAuiLNgk1bzJt+BPe2NzWxsMage89TLyhywXQpuE"
    "EHmXApP0imzs6lFQdFn/wuRX9sV29QRVU0FVURjVnxvJBAoM0e0Ipq307O4OMfQ6kJHgh0"
    "KY68YX5XYFZmTgftOzil67dkbLg0CZQs2uvOUIhEOgFx0/Y50XXPcSoZEilR5VZvnS2RZO"
    "dXylfZkU7LNmI17sFiONiBbkn8xIQrcLeIjWhOzfVkg34hQ0dohRqNC200eCbMouDUbWR9"
    "iGwaZABmNXEzBUZGShAMgWyiz9lPcCVCwRSZhMdFkKzRs4sHbJGvs29Vu0UxyzUq2vmmjX"
    "ALlNa+41Kd8cU1rH+L76jMTI8EOqEe7iJAoiWbxzn7S70FMnI5smSDYpuHHshoURJBMbbM"
    "Z9fEYRkQBJ04vB5JmJbJi9Q+IcFwMS2YEge8sB3P4jf8kzWCqwvWiuYcv7yLh0jZs7Bv3s"
    "A/WxVveWqHYtGaYtHiY1d0zYvLdHDZ20GBlfCjKDXR41KKUqu8pUdrdIWDHJOiHaQgVKLz"
    "DnUN51zsn2uUjbBFKW3D0fSV1EZ1Y8gzSENdABvcb8a2dG4aPoP70FYU7rJQK3jB7vNy/+"
    "znl0GGMrsbPjyra+zkCVtYq2WrftZb8bNFtmpdG1m+9hCObrmNLS6lDNWK5W1FLZRK9bwS"
    "kmpPa8ueJmFfo+MsW7CnDZCD9blsLwvurN3D4KrNph0rf5xVec52JYHlpmLk77X5SRhdsB"
    "yPTk6KkMMnJ/nkML+XSs1gH1UJhIPmHUT3TSHq/c0a6v1NNsaFPdGVFgz52+14lGsVuvKS"
    "IQbWXfAnMDE9RPN8DbgcjPWxAekwgNTexzs42zcZ/Nf/A0r38OM="
)
