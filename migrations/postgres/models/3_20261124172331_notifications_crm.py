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
    "calls" INT NOT NULL,
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
    "handed_over_at" TIMESTAMPTZ,
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
        DROP TABLE IF EXISTS "telegram_link_token";
        DROP TABLE IF EXISTS "notification";
        DROP TABLE IF EXISTS "notification_preference";
        DROP TABLE IF EXISTS "telegram_update_seen";
        DROP TABLE IF EXISTS "notification_settings";
        DROP TABLE IF EXISTS "crm_inbound";
        DROP TABLE IF EXISTS "telegram_link";
        DROP TABLE IF EXISTS "crm_deal_link";
        DROP TABLE IF EXISTS "realtime_consumed_event";
        DROP TABLE IF EXISTS "notification_delivery";
        DROP TABLE IF EXISTS "realtime_consumer_cursor";"""


MODELS_STATE = (
    "eJztXW1z2za2/isYf6kzo/QmTpykzp07IztKotaWvLbcbnd9h6ZEyMI1RbAEaUfb9r9fHP"
    "BFfAElkqJkisHMbmqTOCD9AATOec4L/jyYUwOb7MeuTUb0AVsHJ+jPA0ufY/5D5l4HHei2"
    "vbwDF1x9bIrGuk00N2o2Zq6jT1x+Y6qbDPNLBmYTh9guofCQgy6yscOopZtojHUHO0gIoy"
    "l1kI7mdExMjPjTPiJqmQtEXIauv3ZfHh2/Q4Qh5lIHGz/Coww64c8i1n2tvXoW+cPD/A+6"
    "x+4MO7zvf/8vv0wsA3/DLPzVftCmBJtGAjViQAfiuuYubHGtb7mfRUN44bE2oaY3t5aN7Y"
    "U7o1bUmlguXL3HFnZ0F0P3ruMBiJZnmgHgIa7+my6b+K8YkzHwVPdMGAqQ9l9gee1A0wbD"
    "kXbdG2naQWaYQokYxsGlCbVgiPmrMvHX38MrvDx6/fb92w9v3r39wJuI14yuvP/bf/QSGF"
    "9QwDMYHfwt7uuu7rcQGC9BFf/NwHo20x05rmH7FLL8ldPIhjiugja8sMR2Oat3Ae5c/6aZ"
    "2Lp3Z/zX169erYDy1+7V2dfu1SFv9QIeSfln6H+gg+DWkX8P8F7iKz4TbaazWRmUk1L1YP"
    "280ziB9Lu3BYB+9zYXZ7iVhNl28JR8KwPxUqKNU/moyEw+yp/IR2mAJw4GMDTdzYL8id9x"
    "yRzLgU5KpsA2AtEfwx/2EXr+BxpDvu0F39QK6Ef9i971qHtxCY+bM/aHKfDrjnpw50hcXa"
    "SuHr5LDVPUCfqtP/qK4Ff0r+GgJ+ClzL13xBOX7Ub/OoB30j2XahZ90nQj9vmHV0PUEqNu"
    "6szVPFZp3NOyNYx88MpNGfg9GegQk5Uj7eBHvudUGeekpBrlJo8ytxzII+YY6SZ2tFIKtU"
    "x0vXrd/OGtR8GOaSLCTiqHbUKmEqiN2xNrQBUMwemD1GrxAcsi/JnbmeTe+gUvBNB9/k66"
    "NZEZLIEJfhl1tGcA/x3OofDq8sty9KfIek5OLf4D/6ux66vG3euz7qfeQf4CUQO+n6KO9m"
    "tVKAqvbFVMoMxfBA1uzs8PxHQe65OHJ90xtMS8hjv0iKauRG2zt+ZH8/QV3dLvBUzw98Db"
    "hxyTZxC3Z7nO4kDGQC3vdlZyUNBOw1HDtSzUbzOKDGKgp5nudhCgZN0LsuhpRiYz5OPVQU"
    "/EnSF3hhGfRy5GY8ybYKRbBtKnLnayPFSN/dbMRJ2S+++FjPrp6OjNm/dHr968+3D89v37"
    "4w+vouU9e2vVOn/a/wJLfUIdWk9ZlVdRd2l67nI82qaayrb0fAZnKbEtBqdNDBkd/x+euD"
    "5GJUBOibWQK3tThCt7k8+VvclwZQFmsl1iLdDSrWKLMB8c7Ol89vf0LMI/Xw8HcoSXEumd"
    "gExc9BcyCdtD+3UFrgBFYvkP8Ty86P4zDfXZ+fA0va5DB6cp3IUCVQb2SEChXh11YpdZS/"
    "zWahFZu4h4jFtt3HCyJCplPrxJqdbB/KaQH/TNCj/om6wftArlqLjGRnKNLQS1UVRjw/Dd"
    "nGlccmDZFUFxjGuBbS65GCAvIRaXY5JPKi4nQJGoNhPf6ybiey5xF8id6S4aewuGpg6dC6"
    "ZvyuWps/iI7mzd4c3u0Fx/wAwRF/ELLqJTpKMZNQ0+JLL4ttr7V5FuzYp0EwOslY13S0q1"
    "kf7YhrZHrFJMXtC8dXFu9YdhPdilDMGgeetMlJ8K4PpTLqw/pVH1P3LdMLgFzsqvDjHB1i"
    "F9XGh5OF6xPBzLjEGTPGJnUQVymaxCvRDqhE2oZ7naWLKG5BvhSandRae8arSeEdvrmOZH"
    "AWRBPaXUxLqVs+nF5VKwjrngtnANt8PdsqKnw+F5ghU97accv4Obi9Me3w7FlOaNiIvlgK"
    "tQ5Py53d5QZN/qKsl1xWUU1yUhEB0ywRq4YEoCm5ZT4GbBfeKzb0Y9hsthmxZT0K7naMV3"
    "rqjE9RxtfEFMUIlXfH2+6p+NDuRTuAZsf4v31U54059uARZ8uZLW4WKAzs732aG+fgand5"
    "7ShPgSe+aNGTGI7hAsMUFPA+nPv1xhU88JNWvpupGYonM8H2OHzYhdC0oXUXd7qGAXA0z4"
    "SxxNZ4x/vnMMshsBd+F32I36aytyE/733FNnod07+saonQWddSeTgCdqI2TUMfjXtBlSQ+"
    "ijrQBNZrqrOZTON51OvJ8r3k2bcNq+czi22ue6iZM7wjqHsTZPNi9cESWeLqInU0V05FDT"
    "TxDB32yTTMCri5054SsuBy2/HsqGfUp8xP+ORZwEHvL/VX7jZ/QbwyjKHRQ9y5tnNPNkbn"
    "Qgu0MHBZ7bJl3g8F2Kwn0w/G3QuzpB9Im/063V/XTRH5wg3ZgT69bqXVyeD3/v9U5Q2Put"
    "9Wu/9xsIPBL85G8epb2j74p4R9OUY8w7+i5TpEK3NNvUuYGQuyuuYuRl4oqYL0HMc/wYxp"
    "qw0aqAnxRW0JeHfkqscCGqgH1MeofgR1f2Gn1QMyvAHoqpya4cgMoBuMoB+DwZBI0b4Fak"
    "ELQR1UblEDQN4C2VK9l9DsG+ApufRBAB+zw5BOf0nlifdWJ6Dj6QUESJ+51V9JAJLbVprO"
    "laamhoQWA/MbGBhHQHiVg3/iufiNzY5bcEgQO/BfGGyKXInTnUdU2M7j1+RZpQUGvPKpWg"
    "WZSQGD45JyQHNhJoX6WKo+MiWbm8VS6PI+41N925TUVAVOmctpTOyWibz7h7X2Ph0sjdvc"
    "P7BXZvFmtawLEzdugT4zuoEP4o8vQmlD4QLDLxGPhg+CZL5+gBLzritnhevD69zLdTV7dq"
    "327Wvs2Hq3Qp9rhM6xLU6t9hJsyZLo+rKApyUqqFWZZbAFqRoN8hCSqKqjOMraoF2WOyLR"
    "z5PRnpXK0uPtT4m014dxUGOimpdPcmj3KTLF1JNMnBnu6OqrDXrko9qCMFlI9ub1BVPjp1"
    "pEDT4W38kQLZbBQJ8SdNWcln/7IpM0UpwEASmZQ+ML+8fxSJLeP21raXxmQHUv7wq6DsZ2"
    "fyVDDQNhSN8CssBWtSSOG6XtWILSZK11i9GSYnlwoI+g4CgoI5LdEplrM9X5FYqvHrlYdr"
    "OsfUwuhpRsHVxxCxTiJdIEp16cAB14HSILK8mMcf8kgYlegX9XSp/IbN0jaeO96nQR7DrY"
    "T7TPmDS1dmTQi10GV4VIitO1rB1h1l2Tqbo1QK5UigfWxo7ef+2Nx6faJ8/ysbY5ARbON0"
    "Pj4utHAcr1g4jtOIg/9K+0/JKZ0Q2uG07nkOtfF/XVA2oU/76lgxdeve44pLGcDjMjvE2/"
    "F2A/KHAhh/yIX4QxphbplMp9omWefJHiohvhvu9OCiO+h+gSzyQBu+ta5vLntXv/avh/zi"
    "UitO69lFhqX+9HJV6VUlejZmc21XjFOJcOaYZ8kmftDghpV9ujYZhbGHezYNciv7qAJuGw"
    "AWRKFviFY69r2NSKkSd9XqtWnBBrUZaN9B3Ta+y2niEPc6qrfxzq6hr7ZCZlGXTMlEQLEh"
    "XoNYV98DXJrt4Cl2sCWvXFQRucuo0zZhWMr7kwM3wy4UzluB9dDCI8r/KYf4dazfRti49U"
    "5ZF5v43tHnmkmshzqwGwUdngf9tQSzkj7HsFTsgcTrGN3rrPI7TuKtCoQt8fa6Se8RwxO4"
    "+BHpyHbII+8Fgf+QMPRIGIGkQsqNPL80AA78iAyJ8rjYQMSVhTjV2rfyRTbLF1nWTaY8ZO"
    "U8ZIRpwcdSnuWLCar6eSV4PpsyEm5TRePbYyLqTLIMoOqwpO0nDNR16ExcwdgvhAtnDBQ4"
    "dqYI4TuZEdNwZKnlVc4FaA/eiW9fHZ1QFCnboYY32RSrS7+XNoG0zfDO1NRaYXAtJ996s0"
    "vTl43XWl9fxBcibKEgMJOR+5k4wh2uhbZS2HfWxKrSgTStJG41qrySBlhX0XwqhW5KSuVA"
    "SFRSlbGzA500vp7sTittGshF1dLUZ6uyS76H7BI4XkKmdfg3ViobdtSkyJlDvlr4A0NCTB"
    "R6tQnmPxEL6QhOMOzAjw/UxpMH+RFDFbqQnyiUOGQy6FZpGs+qaehzqAesBWMnMUHIfX7h"
    "jIxsmzbHn46O3rx5f/TqzbsPx2/fvz/+8CrCPntr1SCc9r/AOHTinGTTzsBu6BjUeMK4WG"
    "zKQhsXUrgWICOf6xjhpuFcmJJceY6wVPuzl0TPxgC3jTLKwhv/ghunAIrJnacEhjN/jSIY"
    "fW3rtcHRDKOxzrBQ2dAh/sZbmwvgil74+b/iusWNEZfAXBDHSTI6j5zyWe2wni6Vc79ZSq"
    "Fy7m/duQ8fTXnPfiil3Ppr3PqVEjmCJWkzP0zb6oJljZSNHVXkO45DLa0m+CqaVEmItLdV"
    "KsKyUQG2iGEffqQ7LuHf2Uef8mH89xjv00F8TMDxNEWQfgNpEmjOsSY2hPHN8FzGItXZtd"
    "IXmqUvsAevjLoQNG9dUZL609ybpog9H7bbKRrs8lcYe9Ksnp+vh4Mc2jMhlU7qJRMX/YXM"
    "LdIWB/899SwRUo3GHuFro8V+hMf+z8Hu1TRAKaGmhXgfXnT/mR6Ks/PhqYAslqgLHZxmfL"
    "TL18yMywh/y3XTJsRaUClmVTZ175+j1cBHydTnw8GXsHl6NFRlgeetLKDiPFREwvObMJ0S"
    "EQnlQmWVwbguxz+wcjRh92wG1HXQ1w3vqrV4uXTywNXCx8DS3QAt6OkcOmorViLHX+Obz3"
    "xDqESCf5/30yaktknbJL5ECXeT/lLzCZzE+lCMxvlKn0SqpWB+BI3CoPhrwK/oaEy/Ab/y"
    "+tUr+M3WTb60w4W3r9CPP2apm827ywkGipipCf+zVRjQ8wYcwxBkYF1xUmLQvoUen/oLtg"
    "UEJpkQV6KA5le0T4ntTs9/3ehZrKJ6dh7VoyJOdhNxonS3BuhuS7tAprklrIYVetvSTimm"
    "tV2CPiUcX0tlS3/Uie80E5HW/G/DM+oxnFXSSkuv08mi1koxe1bF7A9Pt9xyekNcRNUkSO"
    "sMnm1ULOaalFTFXJtSzDXEKFbNNS/HWmmKNX9N0TZRDtm0mMJWaeG71sKl07gGdH+L99VS"
    "fNPfb5Mi65f4S9T3xODka++J+VAkcM7B9/xn3Vxq2R8R1iezsDADYWhMPcuAKnfUkijw1b"
    "pQgXDN0tafl0ZtUChc/SRq00Lh2paT4C8/ZRBeSrQg1GpLCKs8BBUF0DJ+1K/2L9GtomMA"
    "8vUqGjUpoFP5n8EPDAmpj+jOpa5uhuUG7kAhgoLBzJsD7wlZA4IuR7oL14mDpoSPSZBmIN"
    "O46n/Aen3s38maJLEDgnjD1E04cMBj6WZKo9tpKqQHp8yUUjwiidZpdUfFdsUVm6LklLlg"
    "imfhLXTCXCC9Qw3EcPSpW1INOfh01f08OkFCFk6XO73oj0a9T3C43HhOXP6Kt9bZcPC5f3"
    "UBV/koTIkzh6v9gXZ5Nfx0czbqDwcniMAREYLc4D3fWle97qffTxAQtwve79f+5aXodUZs"
    "2+/z4vK8N/L7nNtgosPV7uCsd34urgKwpomN9Pr4PFo+f8m5tJxtfth/TKQFeuiuQ/798Y"
    "cDbli5bIuMoAK/NPgJfUOix66ovZQRbY2nb8d1l/brcMdd7v376/4Tl5TX9/sb5kibqjDQ"
    "adkahrqZ1EorRvoRO0zKV+bumDEJFUmbtwuOy6YipuWUJ18VnX6e+AhVFbmo9z6/KvIyuV"
    "O+ONSA7iVfhlt1lmca3cySuEH6rIr/LuILAhJQm8x0637TVGMB1rXo8Ez011bQasg2voxo"
    "yDbnG/vHP1O66WcoDn7m3eyt1VDb+buw+9R2bizs1d/3mbHL9T3PJRsu/mvcsiLZqKhvlo"
    "8fFtkmlu88PUGMIv6OC0n9tnhSiswNu1FfRTyuwZ9nBHaof2Cj8qPu1I+6N2drNh7jPcwN"
    "2iNMYcnR/MLalfwycnnlnKnonMlzB68KqW2TOzjpbz8uFJZ4vCIs8Tgb+BnfHQuuIokNVa"
    "0iqjDBrnBNVMMph65MVGG8nlaNQjY35P2i6NA9g7co7RdfE9UhLnUiuyKZT85XZ2pmbQhx"
    "S+vqpXGWrZAbcNeKYnzOAP0EiZ3HDKWZ7nUMUYJqL0gVBaTODwzN6SNGU4fOxenUfl+QzK"
    "hbFKibDnrAtot0JiLtZ4S50kOv6+iwLGnE/y1HF62yEFvGGO3EIsznlWD4tc2iyFNdVLIa"
    "d0MuqzDygmHkLt1wTiQ6aHIKqZoSBadE+YBAFfG5B3GA44XGFizwXBXlCBNCrWMJ3xwV+H"
    "beHOUflHKUzQ0vmx2i0kI2SAvh09MWUVLlGK60WCV2q2Fe8roJREV2K8KwIXRLOcIw+rjr"
    "oAyLhmA2bDEoimx6IUygy18CDW7Oz5/v4OcEpyWhZrKs19rzHXnbEgcEDC0cxNBA9QKoHI"
    "sOgUExKHVexCNxRL2DLAVTQb4s48KwQ3RTBens+BxHH/XiwC4F1M4oc1e6+n1O0apCxQ3u"
    "d1zB6oA39XA4zIUpiH/c9G7A4velb62zm9GoP/hygiae63K8b63u9XXv4vT89xOkM4bnY3"
    "Nxa112OWCimQ0DINr946Z73h/9rp197Z39Ah3qJnEX2mSGJw8gcfYLPMfmCzE8J0tKdEfa"
    "p173vHfFH+Rqfp4Dbzc8h0bUbAgVIUY2YNErZSpK5BVN0WiaAjbCcmZHTEKtrcqSU5Zcc+"
    "2NcpYckZKV1UBtWV5XGtjYGlj9JBXwEm8YhwB22DVsuhf0cY930t2GISRBk9i5GVTzzVwR"
    "keKrPfOwcYEsFRCTxQncYwgTgNp+Fv7mdtB4AVklgjLghiv/Gd7UQL6PQJayUl/HNVdwVo"
    "EHuwo8aKj+sX90RDaWo7rNnOyhyZEcymauEtFRfWbE5Rsdz6EmhorrUISJiuvIfjv1x3Wo"
    "QIPt5pGWQlXlJZUip2rK7WhtikEnxaXkJXWoaIM2RxtA2Zmu6+qTmUiKlrAwqRadVTSMKI"
    "ajJxsXyQDxbJPqBjbQlJiYNyQOE0cohDcgmUM3qcWl+VWL66SOKPUBTeaYMcGr8GcjBjVA"
    "iKyKyJYeUiRuIRCumivyvfA124tacLm2w/F/wJJKGPnKYkqsdYc1vHtbQF189zZXXYRbKX"
    "6Gf1hlj+GKyzTZ7q4I8laO4uJPdCEPUwBVAuu0XAvxfl0I79cr8H6dxZuR/0hwzg96Cpor"
    "LV2V0/9O2ZmkylPcBZWUaxFvsOO6SFCQshy7EJNQ65aMrwmMhJKcTVKqRRN6W7SNE9RA3Z"
    "BUKFFOtWkztyivEPti1xM2wcJaE7IXy972a/IWxTa5D62HN/zOFR22nmdMLomNY8PCuZ1D"
    "hcWm/hoeLPbJFYlFCpp/RD4cBoQMMfSAsR0cJurQJ3SoWwYK656+QE/EnQl+akyNBZoRw8"
    "CWLByp1r4llNe/o2Wbjzt2LD/lg+E//ENLw5tcZZxR8Y1MTAKGaMiFJeiy2Lqm6qo0NrwJ"
    "Bre4HhS0VpqlRLP0vwqNEaNy8EqqiybzOgdhyEgULzLqfv58AsGR0yn/7ffrUe/iBC3d9G"
    "UZoA8F+J8PuezPh4wLnK9+2WHJL2wQtm/yGNRCSWyjsAHDujOZaS5HtwzmKTEFfQXo4xt3"
    "ak+l1MS6lbOpxsRSuI+53LaAj67sFvnT4fA8gfxpPw3tzcVp7+rwtRgG3oi4OQzNUgOSrv"
    "k5FGhcqMHRq43xSOWFiP18PRzkrCV58WEGmbjoL2QStoekzQpcAYrVq0l64egk+WLoIHNq"
    "9F6x/E0Zir2j+bFBqo1yQlAdpNrkMQ4ogwqDnJRUo9zkUc4/fmcVpfI8J/C06wiTwHYv5V"
    "ZKyCinkvJ/bgdR5abbtZtuyZArL9JKVBMrYGkfUjw7LAxWruH8zmSYdDuA32oJAPH5Y92A"
    "cwZyPW7LBp21PjeoRi0Kcxd0u32lT/yWI9LzgzT8mc5EUWtxDT7eDgLH2Iy3FGdOBr40hp"
    "504qIpdcBJNod/HJz1vdX9gFvr1rrzLJC/Q4RxCT5U/P/YQJ4FFfXAYwed/sCQSScP6JBh"
    "jMJl9oV4km4+6QuGMCR8MhC4tSxvPubCdIrEyQj8ValtYt4HdCq0+A6yqPXSZ0eWr6hPXd"
    "76ztRZgP3ScX53a4loeXih4C+f6wvEX2e9FzHILcn6BhOJFD4MKpp+t9H0srEuZzXk9aAs"
    "iGoWRPAdFJ/qS4HWQF7fyXwV8l03T3ZtmnKr7LEmIqrssV3bY7tPct1XWPNTXAsUY9u6jQ"
    "FTOs+8CIPT1lgWYbNC1bPdGeywH9HdA17cocPbAz/a5eRPYvx9ewClvm79ak/BlRdcN37g"
    "+jRXhl9S56XvBEP8Ofjl1MESu2IbDwHbYhSYDyIikEBCLPPrlQljQij0okt+JzQznhziYn"
    "aC8CN2FsivOgtVzojLbq3IUuBvI4yeue48cLPCBtpfXIWOwQrhD4NnirTcDuJPDcllhg59"
    "A4PhP+5e3Fq6g9G9zs0TxoQ542szaEI9iEVgEEm0QPgbH6PAJOJzd+I5DrYmxU9386EMpj"
    "PvijxCaRzd9QMaE3dtb2ySiZZopEySXZokJRN725rQ+7ZI6uPb/MzHt5nExwf+Z8mRXR+T"
    "GMo2ORorE4w4vPoEv0aFbZ85+FCFUazTS1rhfA13txJbQ1xEGfFpc1OgY1EXV0E1Lqegzb"
    "irY2pOyTUpJaoWpUYvShK1tuR4y3tQw97oYRdL4EbMvsrhr4fWF2AG39BGAyLtQ41L1XEB"
    "tyx/K42RwOwpsyZmhFVYZJNXQ5GVtpm3M7eL1uiWO/7+AvJto0HJ70ONykajUorfTNKoys"
    "vXjEOsGradbNlx6s/BGjx8n6KO9mzOFvXwJb7W9a7TXR8O1rBpWxTV9WeDNTuMdV9ms6wa"
    "Ug1YFa+EtJdALeNpa8AqEcjbFrS2GbrwCZsEnOoHktCF6F5nVeiCRV0yJRMxOLC2LEUKhT"
    "HExZH4H0bUc6HOiHD0W9hEh3iuE47YiK9c944+f9HxSwcRlyG+LOG57TJ5/EKtvUvjieNP"
    "gEZBr5LA4ihmnItoYzzlu5Tv6g9F+C38za91EJUtUmWJGleWKDZcVZzWMfFG+63Puqf9QW"
    "90gib6mFjYvbV6F93++QkSn8utNeqd975cdS/4FAg+nCre7K2cbO1ucuC5u+sDz21sGQBY"
    "yfG57A0++adt+fK31nV4hcWujMSvfPQ+88GDs7WmfPTEYVu/hIdtPQSHbd0MznpXo25/cI"
    "I8Do4DSR/NGNPYipkZ2NVkaFJSOYYaTYWGu212kK/numnm5yrH5FpDrr05ev8u2tfgl1U7"
    "2fVF9/xc4t/BOsOaZ7lEsl2t/nBSosqH0OQPh6sUBuaWAFe9KzjRs9JqtJs82rCfVxjmmJ"
    "ga3yaPb9wIlOqx8vFNibXu7MmtnHMjohew48gqIuRXg0xKtQDpVZ/PNkpBJkijsnSGRLhN"
    "nr0d0BsrnFVpPmtD18og1d2eDUlRF4tkSjYpQS0xChKmNz1Kxdje4iSvO+MgxwtUEIZcah"
    "pIH1PP7fA7E4wO7/AjqCgi1cxPI9ORg11nwf9r0ZfUfpGXpFZj71KSd5mjGXWSWzkCWrEZ"
    "fRI/COdGmNIlua9o3sbSvK1PTBKJSNrZcPC5f3UBRKDvJ+aDMSXOHAhBvwVXZ0c31+FtYE"
    "g9BmRhfwS3vvSALSQu3LjHkczXgFwMhGYBxcj1hpHGNeRrIRc/w+LW6g9+HfbPelr/+voG"
    "RIn1SMkEa4QxD2QhkUrjHQy+wF0IFdD8TFCjCklZ/0nmy6WhjNIeF2rydKmotH8oorN/yF"
    "fZP2Q09ueJAmuYuauCwBoP6e7rkbQc0PhuUdpmlAi3COMdB+LauqPPJV6afMJkKbFDsuTP"
    "v9tCl6gk7UpDsW/Eb2gtlhzjmJgi9ps8vpHZn9q3Vp1+E8ns8Oib0Njf25NvVIW9uhSwFU"
    "yxKly2k8JliWMyILiWbBooHY/rbQniW42RjrPjlw6eYqjzhQ/W8Oixlp3C8dN2UqjAma7+"
    "3PqBheHMTJRzBjIcSMiPyKKi5tmcbzCiEDMKxoRBJea75fPYj/biTnawa/0PWEOxC/I0za"
    "6ramc7rXamuG/FfZfhvoMY8ZK6bUxKabfFtVsRgF8S6khGnaBZAul4ZkMJsONiCm9ltym7"
    "rVkA78Ru25VFco1dKPfDDtbYI1G74tYIi4uUsUX+8Ah20Yx6jl8/WRzQ4lDDm4hETKEuCW"
    "NhgZ50y4VSzjOsO37AzkojZPOe15dmzrU1GrI8tdr0EAOsTR061+bE8mSpfKuTgaQdtMjX"
    "V0dekI+RSzeCOCGuAE4AvLQKJVxdfjRQSmyXSaiAAgenY/MNChudwGrdlgN1S5H9Ga2nzP"
    "a8XkMaWnhE+T9b14+edYXflna0kcYTFmc4J9aDTNNJ3F+p4YTGmWaGTctoNuFzBH/TQdAH"
    "Bi3Eod79DOnAi74ERysyMLbF7ZXqTMXulA7TaB1GcHuVIpTaBvGuj6ljkAE3zyn/kLPnxm"
    "RakMmV3FnfvS2wsb57m7uvwq1UwpxYoipEqSQEVSBS4wJVlO70PehOI/qApSlg2UbFtSiu"
    "iIQCBXSphE7zEuSRkBd+5Ts+MRz37iNvZS5ECa6ZzmaQ0fWAbSk1tGl3G+hSyve8BeVJDJ"
    "4Gw1RmF09Kte7crfr3cfzNJnzHqLCRJyXVTt64nTylEVdR1mJiKqS4yePbEHO+Gcyt8pju"
    "m167M49pqN7eiFNhr/FqJTjWqpgW7B82qzFcVA0+pW50Qq1uQgbHAkEdLhMbJ0tW0MEvg6"
    "Bf8HYGAlyNFSUPHhh60hmaE8YX66xmvJUnbKAsBxCVpcUSYq3Rnp+5tgHM00oVxCKxFqp9"
    "Io9qyO3Eg6hK+T6oCcHsrZfPqW/hPXPmfWtMPSu5GmTvrlxoJ85cI7GGBWiGJzyeUfqAJr"
    "ppIggHELEiZ1cXHWH7C3rAwIZnm2F9cIgngavQjnl8K3skjDo/MGTzP01GPWzjEUVODnfw"
    "BPMle1lZhnruhPofnYW/QZU/URC1/DnhqrzMrpbgsFJ+2YIhablKVEfaIGsQ0/H6qMgB17"
    "xVfvnoo8wh1w62se5qdFpuxifEWhThsmOvnKhxU2aORwLKH7eWxxO5IFXOplNVMDac1qpm"
    "Tv1liJZ6TJXUs5h4o7PPrnpnvf6vkMkVanK3Vvfy8rwPl7gSbJLgOIYw4cuzgmyvW2t4M9"
    "KGnzWRanYCZ9nw7UkT8+rWuup9vrn2u50Cg3trfbrhvZ5xC+QEhWoovrW4NXHOr3AUTf7b"
    "5+GVeAjXS+/95/4yGP420CDnDB79wK0KYHJ089bqfxkMr0SC2r1FHWjdu7oa8heJiuE+/2"
    "ERBnal+VH51WmWEi3YcHZem0bMzFJhrjGRFgC+7R0erEsJvPmBZGH73VH7r/dkf1EHjMRQ"
    "rSPOPc02ZHBdczpPVly5G5vsbowzTyXHOiXaQgK5TQM9JRZhs0oDnRJVH3TTxrkhngE4zT"
    "ovnSO611nnFRBURolUDssvy/EDE1U0ELFCzj5KJxVnAELxGttjorI8XBRCkE1KZEGINXR6"
    "a91aI37tTqR/acS466A7hz4xzSBcV3bvRFd33L4VRzAvrzo4qLrDH6z7FXiCuhoIjim55f"
    "YbfgKP7iE8GhtovEAe489G4O8SvQYm54sTURJfhzfWXTTX3cnMT6adQ8SkbiE8mVH4I6jH"
    "rU1uFYq/BrqyKOJPYR2/O/8ynELI/MDLJ+jPINMpuJlDR8m8gxjljX1rgD/OwBy5WyuEDi"
    "oKPc2IieHhFnURHFD15BCuLljwRwSPcf2+DdHEpd4kuCRmYWGXyvJw1sL+k+fgfxrpSdla"
    "KGgjuM0mILxjZvM7PkL198GZOBN1wf80I31oajP4LahrwLUrCNmRntGT+2VkBVtjy9bGEP"
    "h7ZAVws4IKXEW/KPpFWWs1WuXqPN/vZJzVqZTrhnQbrqzQ9C7jy4rLtADybTuzYoxGGZRT"
    "Ygro9V7DJFFUyj2bFVWAr5/ZeE5drM2pQXif1Twksh7UTt3kndonCqrkUsQF1Rg3bYxrqo"
    "YhCN/s1ChZDGMY9rJX7HDRnME4Kb7tUhhDzx3Tbz0RXyxxO8Vvd1Z5nhysm/BhalRIFPM9"
    "wVnFIrQZUUscoOBSm0w6SHdFZQo+bQk0/YjubG9shj7UO3B/MOyCywNcIw429YX8IOQ6O5"
    "ce0iD6hLsM/7HZEQ0q0aRe8n5VPY1gzIqqf5FAk2NoK6p9tVWaTOgA/GMoNcEDgTal3u/Y"
    "QyUwKzOng/YtnNL1WzK2vjCpLlm0V53vGYm0AuJdM090MvEcp5IhkRJVcXWNsyWS/sWl8l"
    "V2pNOyO7Ean8Fi2NuBbkhg3QgUuGvMRzTnmLpkg04hQ0dohRqLC601eCCeDZwSkfUhCpBg"
    "A9KWwEzRIyMliJLDNg3Dt0IRhsbYpBAwR7NGzzYesEGJk+dWtRuUxl2jop1v2giHV2ntOy"
    "7VmmiCXad0w3dUZqZHAq1QD7cR4tWQzeOM/6XeHBu5HFmyQbHNYxLIaFFmfzG2zGfXxPmi"
    "Ogo6caCEa1jJCs71ecSC4eJaMKMOOrQdz4IbQSi0f3XOW7EXctZsGw+Rsmdh39BAAAGkp2"
    "LRGrTArSjpHxu74n7UpUwLl70t1KQNP4pSEz0upSi1ylt6tEaXN0xToi2kIFRtuC3qGs6Z"
    "2D9XKBthi1LahqNNllJr1Y0eFNUKdQFigN+Mb+lgGj6hu9BWFO6yUCs45PfhhET+84ugqB"
    "u/Gz48q2ts5QkbWKtlD0qp95CUBtmqdW1k+dpDOLrlNra4lDJUK54IJMrHViqBnpBUe1pT"
    "9jQJ+yreviF7Whc7ZDKT7WXBnZV7mL5ss27Hyh9ndaJJs9JYc5PJ8vfa/DSyNliOR8fHRc"
    "jh4+N8chjupZLL+EdVAuGgeQvRfV2Ien+9gnp/nY1x4U90pVU8f74eDnKtQldex9MgExf9"
    "hUzC9tE8XwEugLE6NiAdBpDa+6CD0+cmg//+f4ndj+s="
)
