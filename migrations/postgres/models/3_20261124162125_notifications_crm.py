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
        DROP TABLE IF EXISTS "telegram_link_token";
        DROP TABLE IF EXISTS "crm_deal_link";
        DROP TABLE IF EXISTS "notification_preference";
        DROP TABLE IF EXISTS "realtime_consumer_cursor";
        DROP TABLE IF EXISTS "telegram_update_seen";
        DROP TABLE IF EXISTS "notification_settings";
        DROP TABLE IF EXISTS "notification_delivery";
        DROP TABLE IF EXISTS "telegram_link";
        DROP TABLE IF EXISTS "realtime_consumed_event";
        DROP TABLE IF EXISTS "crm_inbound";"""


MODELS_STATE = (
    "eJztXW1z2za2/isYfakzo/Qmdpykzp07IztKqtaWvLbcbnd1h6ZEyMI1RagEaUe72/9+cc"
    "AX8QWUSIqSKQYzu6lN4oD0AxA45zkv+HdrTg1ssh87CzKkj9hqnaF/tyx9jvkPqXtt1NIX"
    "i9UduODoY1M01hdEc8JmY+bY+sThN6a6yTC/ZGA2scnCIRQe0uqgBbYZtXQTjbFuYxsJYT"
    "SlNtLRnI6JiRF/2idELXOJiMPQ7c+d18en7xFhiDnUxsaP8CiDTviziPVQaa+uRf50Mf+D"
    "HrAzwzbv+5//yy8Ty8DfMAt+XTxqU4JNI4YaMaADcV1zlgtxrWc5X0RDeOGxNqGmO7dWjR"
    "dLZ0atsDWxHLj6gC1s6w6G7h3bBRAt1zR9wANcvTddNfFeMSJj4KnumjAUIO29wOpaS9P6"
    "g6F22x1qWis1TIFEBGP/0oRaMMT8VZn46x/gFV4fv3334d3Hk/fvPvIm4jXDKx/+8h69As"
    "YTFPD0h62/xH3d0b0WAuMVqOK/KVgvZrotxzVon0CWv3IS2QDHddAGF1bYrmb1PsCd6980"
    "E1sPzoz/+vbNmzVQ/ta5ufi5c3PEW72CR1L+GXofaN+/dezdA7xX+IrPRJvpbFYE5bhUNV"
    "i/7DSOIf3+XQ6g37/LxBluxWFe2HhKvhWBeCXRxKl8nGcmH2dP5OMkwBMbAxia7qRB/szv"
    "OGSO5UDHJRNgG77oj8EPhwg9/wONAd/2/G9qDfTD3lX3dti5uobHzRn70xT4dYZduHMsri"
    "4TV4/eJ4Yp7AT93hv+jOBX9I9Bvyvgpcx5sMUTV+2G/2jBO+muQzWLPmu6Efn8g6sBarFR"
    "N3XmaC4rNe5J2QpG3n/lugz8gQx0gMnakbbxE99zyoxzXFKNcp1HmVsO5AlzjHQT21ohhV"
    "omulm9rv/wVqNgRzQRYScVwzYmUwrU2u2JFaAKhuD0UWq1eIClEf7C7UzyYP2KlwLoHn8n"
    "3ZrIDBbfBL8OOzowgP8K5lBwdfVl2fpzaD3Hpxb/gf/V2PFU487tRedzt5W9QFSA7+ewo8"
    "NaFfLCK1sVYyjzF0H9u8vLlpjOY33y+Kzbhhab13CHHtPElbBt+tb8eJ68olv6g4AJ/h54"
    "+4Bjcg3idC3HXrZkDNTqbnstBwXtNBw23MhC/T6jyCAGep7pThsBStaDIIueZ2QyQx5ebf"
    "RMnBlyZhjxeeRgNMa8CUa6ZSB96mA7zUNV2G/FTNQ5efheyKifjo9PTj4cvzl5//H03YcP"
    "px/fhMt7+ta6df689xWW+pg6tJmyKq6i7tP03Od4NE01lW3p2QzOSmJXDE6TGDI6/j88cT"
    "yMCoCcEGsgV3aShys7yebKTlJcmY+ZbJfYCLR0q9ghzK3Wgc5nb09PI/zL7aAvR3glkdwJ"
    "yMRB/0EmYQdov67BFaCILf8BnkdXnb8nob64HJwn13Xo4DyBu1CgisAeCijUy6NOFkXWEq"
    "+1WkQ2LiIu41YbN5wsiUqZDW9cqnEwn+Tyg56s8YOepP2gZShHxTXWkmtsIKi1ohprhu/2"
    "TOOKA0uvCIpj3AhsfclFH3kJsbgak2xScTUB8kS1mfhBNxHfc4mzRM5Md9DYXTI0telcMH"
    "1TLk/t5Sd0v9Bt3uwezfVHzBBxEL/gIDpFOppR0+BDIotvq7x/FelWr0g3McBa0Xi3uFQT"
    "6Y9daHvEKsTk+c0bF+dWfRjW46KQIeg3b5yJ8lMOXH/KhPWnJKreR64bBrfAWfHVISLYOK"
    "RPcy0Pp2uWh1OZMWiSJ2wvy0Auk1Wo50KdsAl1LUcbS9aQbCM8LrW/6JQ3tdYzInsd07wo"
    "gDSo55SaWLcyNr2oXALWMRfcFa7BdrhfVvR8MLiMsaLnvYTjt393dd7l26GY0rwRcbAccB"
    "WKnD23mxuK7FldBbmuqIziuiQEok0mWAMXTEFgk3IK3DS4z3z2zajLcDFsk2IK2s0crfjO"
    "FZW4maONLogxKvGGr883vYthSz6FK8D292hfzYQ3+enmYMFXK2kVLgbo7PKQHeqbZ3By5y"
    "lMiK+wZ+6YEYPoNsESE/Tcl/7y6w029YxQs4auG7EpOsfzMbbZjCwqQekq7O4AFex8gAl/"
    "ia3pjPHPd45BdivgrrwOO2F/TUVuwv+eB2ovtQdb3xq1C7+zzmTi80RNhIzaBv+atkNqAH"
    "00FaDJTHc0m9L5ttOJ93PDu2kSTrt3DkdW+0w3cXxH2OQw1ubx5rkrokTTRfR4qoiObGp6"
    "CSL428IkE/DqYntO+IrLQcuuh7JlnxIf8T8jESe+h/x/ld/4Bf3GMIpyB0XXcucpzTyeG+"
    "3L7tFBgecLky5x8C554W4Nfu93b84QfebvNLI6n696/TOkG3Nijazu1fXl4I9u9wwFvY+s"
    "33rd30HgieBnb/Mo7B19n8c7mqQcI97R96kiFbqlLUydGwiZu+I6Rl4mroj5AsQ8x49hrA"
    "kbrQz4cWEFfXHop8QKFqIS2Eek9wh+eOWg0Qc1swTsgZia7MoBqByA6xyAL5NBULsBbkQK"
    "QRNRrVUOQd0A3lG5kv3nEBwqsNlJBCGwL5NDcEkfiPVFJ6Zr45aEIordb6+jh0xoqU0jTT"
    "dSQwMLAvuJiQ0kpNtIxLrxX/lE5MYuvyUIHPjNjzdEDkXOzKaOY2L04PIr0oSCSntWqQT1"
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
    "Vz/S1fcAl7aw8RTb2JJXLiqJ3HXYaZMwLOT9yYCbYQcK563BemDhIeX/FEP8NtJvLWzcaq"
    "esg038YOtzzSTWYxXYDf0OL/3+GoJZQZ9jUCq2JfE6hvfa6/yOk2irHGFLvL1u0gfE8AQu"
    "fkI6WtjkifeCwH9IGHoijEBSIeVGnlcaAPt+RIZEeVxsIOLIQpwq7Vv5IuvliyzqJlMesm"
    "IeMsI0/2MpzvJFBFX9vAI834IyEmxTeePbIyLqTLIUoOqwpN0nDFR16ExUwTgshHNnDOQ4"
    "diYP4TuZEdOwZanlZc4FaA7esW9fHZ2QF6mFTQ13si1W114vTQJpl+Gdiam1xuBaTb7NZp"
    "emrxpvtL6+ii9E2EJ+YCYjDzNxhDtcC2yloO+0iVWmA2laSdRqVHklNbCuwvlUCN2ElMqB"
    "kKikKmNnDzppdD3Zn1ZaN5DzqqWJz1Zll3wP2SVwvIRM6/BurFU2FmGTPGcOeWrhDwwJMV"
    "HodUEw/4lYSEdwgmEbfnykCzx5lB8xVKIL+YlCsUMm/W6VpvGimoY+h3rAmj92EhOEPGQX"
    "zkjJNmlz/On4+OTkw/Gbk/cfT999+HD68U2IffrWukE4732FcWhHOcm6nYFd0zGo8IRxsd"
    "gUhTYqpHDNQUa+1DHCdcM5NyW59hxhqfa3WBE9WwPcNMooDW/0C66dAigmd5YSGMz8DYpg"
    "+LVt1gaHM4zGOsNCZUNH+BtvbS6BK3rl5f+K6xY3RhwCc0EcJ8noPHTKp7XDarpUzv16KY"
    "XKub9z5z58NMU9+4GUcutvcOuXSuTwl6Tt/DBNqwuWNlK2dlSR7zgOtbCa4KloUiUh1N7W"
    "qQirRjnYIoY9+JFuO4R/Z588yofx3yO8TxvxMQHH0xRB+g2kSaA5x5osIIxvhucyFqnKrp"
    "W+UC99gT26RdQFv3njipJUn+ZeN0Xs5bDdTdFgh7/C2JVm9fxyO+hn0J4xqWRSL5k46D/I"
    "3CFt0frvqWuJkGo0dglfGy32Izz2f1r7V9MApZiaFuB9dNX5e3IoLi4H5wKySKIudHCe8t"
    "GuXjM1LkP8LdNNGxNrQKWYddnU3b8P1wMfJlNfDvpfg+bJ0VCVBV62soCK81ARCS9vwrQL"
    "RCQUC5VVBuOmHH/fytGE3bMdULd+X3e8q8bi5dDJI1cLn3xLdwu0oKdL6KipWIkcf41vPv"
    "MtoRIJ/j3eT5OQ2iVtE/sSJdxN8kvNJnBi60M+Gudn+ixSLQXzI2gUBsVffX5FR2P6DfiV"
    "t2/ewG8L3eRLO1x49wb9+GOautm+u4xgoJCZmvA/W4UBvWzAMQxBCtY1JyX67Rvo8am+YJ"
    "tPYJIJcSQKaHZF+4TY/vT8t7WexSqqZ+9RPSriZD8RJ0p3q4HutrILZJpbzGpYo7et7JR8"
    "Wts16FPC8bVStvQnnXhOMxFpzf82PKMuw2klrbD0Jp0sbK0UsxdVzP50dcsppjdERVRNgq"
    "TO4C6MksVc45KqmGtdirkGGEWquWblWCtNseKvKdwmiiGbFFPYKi1831q4dBpXgO7v0b4a"
    "im/y+61TZP0Kf4n6HhucbO09Nh/yBM7Z+IH/rJsrLfsTwvpkFhRmIAyNqWsZUOWOWhIFvl"
    "wXKhCuXtr6y9KoNQqFq55ErVsoXNNyErzlpwjCK4kGhFrtCGGVh6CiABrGj3rV/iW6VXgM"
    "QLZeRcMmOXQq7zP4gSEh9QndO9TRzaDcwD0oRFAwmLlz4D0ha0DQ5Uh34Dqx0ZTwMfHTDG"
    "QaV/UP2KyP/TNekyRyQBBvmLgJBw64LNlMaXR7TYV04ZSZQopHKNE4re443664ZlOUnDLn"
    "T/E0vLlOmPOl96iBGLY+dQqqIa3PN50vwzMkZOF0ufOr3nDY/QyHy43nxOGvOLIuBv0vvZ"
    "sruMpHYUrsOVzt9bXrm8Hnu4thb9A/QwSOiBDkBu95ZN10O5//OENA3C55vz/3rq9FrzOy"
    "WHh9Xl1fdoden/MFmOhwtdO/6F5eiqsArGliI7k+voyWz19yLi1nmx32HxFpgB6675B/b/"
    "zhgBtWLNsiJajALwx+TN+Q6LFrai+lRBvj6dtz3aXDOtxxn3v/4br/xCXl9f3+hjnUpkoM"
    "dFK2gqGuJ7XSiJF+wjaT8pWZO2ZEQkXSZu2C46KpiEk55clXRadfJj5CVUXO673Proq8Su"
    "6ULw4VoHvNl+FGneWZRDe1JG6RPqviv/P4goAE1CYz3XrYNtVYgHUrOrwQ/TUVtAqyja9D"
    "GrLJ+cbe8c+UbvsZioOfeTcHazVUdv4u7D6VnRsLe/X3fWbsan3PcskGi/8Gt6xINsrrm+"
    "Xjh0W2ieU5T88Qo4i/41JSvy2alCJzw27VVx6Pq//nGb4d6h3YqPyoe/WjHszZmrXH+ABz"
    "gw4IU1hyNK+wdim/jFxeOWdKOmey3MHrQmqb5A6O+9tPc4Ulnq4JSzxNB35Gd8ecq0hsQ1"
    "WriCpMsC9cY9VwiqErE1UYb6ZVw5DNLXm/MDr0wODNS/tF10R1iEuVyK5J5pPz1amaWVtC"
    "3NC6ekmcZSvkFty1ohhfMkA/RmJnMUNJpnsTQxSj2nNSRT6p8wNDc/qE0dSmc3E6tdcXJD"
    "PqFgXqpo0e8cJBOhOR9jPCHOmh11V0WJQ04v8Wo4vWWYgNY4z2YhFm80ow/Np2UeSJLkpZ"
    "jfshl1UYec4wcoduOSdiHdQ5hVRNiZxTonhAoIr4PIA4wPFSY0vme67ycoQxocaxhCfHOb"
    "6dk+Psg1KO07nhRbNDVFrIFmkhfHouRJRUMYYrKVaK3aqZl7xqAlGR3YowrAndUowwDD/u"
    "KijDvCGYNVsM8iKbXAhj6PKXQP27y8uXO/g5xmlJqJk067XxfEfetsABAQML+zE0UL0AKs"
    "eiI2BQDErtV9FIHFHvIE3BlJAvyrgwbBPdVEE6ez7H0UM9P7ArAbUzytyVjv6QUbQqV3GD"
    "hz1XsGrxpi4Ohjk3BfG3u+4dWPye9Mi6uBsOe/2vZ2jiOg7He2R1bm+7V+eXf5whnTE8H5"
    "vLkXXd4YCJZgsYANHub3edy97wD+3i5+7Fr9ChbhJnqU1mePIIEhe/wnMWfCGG56RJic5Q"
    "+9ztXHZv+IMczctz4O0Gl9CImjWhIsTI+ix6qUxFibyiKWpNU8BGWMzsiEiotVVZcsqSq6"
    "+9UcySI1KyshyoDcvrSgIbWQPLn6QCXuIt4xDADruFTfeKPh3wTrrfMIQ4aBI7N4Vqtpkr"
    "IlI8tWceNM6RpQJisjiBBwxhAlDbz8LfnDYaLyGrRFAG3HDlP8ObGsjzEchSVqrruOIKzi"
    "rwYF+BBzXVPw6PjkjHcpS3meM91DmSQ9nMZSI6ys+MqHyt4znUxFBxHYowUXEd6W+n+rgO"
    "FWiw2zzSQqiqvKRC5FRFuR2NTTFoJ7iUrKQOFW3Q5GgDKDvTcRx9MhNJ0RIWJtGivY6GEc"
    "Vw9HjjPBkg7sKkuoENNCUm5g2JzcQRCsENSObQTWpxaX7V4jqpLUp9QJM5ZkzwKvzZiEEN"
    "ECKrIrKjh+SJW/CFy+aKfC98ze6iFhyu7XD8H7GkEka2spgQa9xhDe/f5VAX37/LVBfhVo"
    "Kf4R9W0WO4ojJ1trtLgryTo7j4Ex3IwxRAFcA6KddAvN/mwvvtGrzfpvFm5F8SnLODnvzm"
    "SktX5fS/U3YmrvLkd0HF5RrEG+y5LhIUpCzGLkQk1Lol42t8I6EgZxOXatCE3hVtY/s1UL"
    "ckFQqUU63bzM3LK0S+2M2Ejb+wVoTs1aq3w5q8ebGN70Ob4Q2+c0WHbeYZ40ti7diwYG5n"
    "UGGRqb+BB4t8cnlikfzmn5AHhwEhQww9YrzwDxO16TM60i0DBXVPX6Fn4swEPzWmxhLNiG"
    "FgSxaOVGnfEsrrn+Gyzccd25aX8sHwn96hpcFNrjLOqPhGJiYBQzTgwmJ0WWRdU3VVahve"
    "BIObXw/yWyvNUqJZel+FxohROngl0UWdeZ1WEDISxosMO1++nEFw5HTKf/vjdti9OkMrN3"
    "1RBuhjDv7nYyb78zHlAuerX3pYsgsbBO3rPAaVUBK7KGzAsG5PZprD0S2CeUJMQV8C+ujG"
    "ndhTKTWxbmVsqhGxBO5jLrcr4MMr+0X+fDC4jCF/3ktCe3d13r05eiuGgTciTgZDs9KApG"
    "t+BgUaFapx9GptPFJZIWK/3A76GWtJVnyYQSYO+g8yCTtA0mYNrgDF+tUkuXC043wxdJA6"
    "NfqgWP66DMXB0fzYIOVGOSaoDlKt8xj7lEGJQY5LqlGu8yhnH7+zjlJ5mRN4mnWEiW+7F3"
    "IrxWSUU0n5P3eDqHLT7dtNt2LIlRdpLaqxFbCwDymaHRYEK1dwfmc8TLoZwO+0BID4/LFu"
    "wDkDmR63VYP2Rp8bVKMWhblzut1+ps/8li3S8/00/JnORFFrcQ0+3jYCx9iMtxRnTvq+NI"
    "aedeKgKbXBSTaHf2yc9r1V/YCRNbLuXQvk7xFhXIIPFf8/NpBrQUU98NhBpz8wZNLJIzpi"
    "GKNgmX0lnqSbz/qSIQwJnwwERpblzsdcmE6ROBmBvypdmJj3AZ0KLb6NLGq99tiR1SvqU4"
    "e3vjd15mO/cpzfjywRLQ8v5P/lc32J+Ots9iL6uSVp32AskcKDQUXT7zeaXjbWxayGrB6U"
    "BVHOgvC/g/xTfSXQGMirO5mvRL7r9smudVNulT1WR0SVPbZve2z/Sa6HCmt2imuOYmw7tz"
    "FgSmeZF0Fw2gbLImiWq3q2M4Md9hO6f8TLe3Q0annRLmf/JsZfoxaU+hp51Z78K6+4bvzI"
    "9WmuDL+m9mvPCYb4c/DrqY0ldsUuHgK2xdA3H0REIIGEWObVKxPGhFDoRZf8TmBmPNvEwe"
    "wM4SdsL5FXdRaqnBGHjazQUuBvI4yeuW4/crNiAbS/uAodgxXCHwbPFGm5bcSfGpDLDB15"
    "BgbDf96/Glm6jdGDzs0TxoQ542kzaEJdiEVgEEm0RPgbHyPfJOJzd+LaNrYm+U9386D0pz"
    "PvijxBaRzd8QIaY3cX7tgkEy3WSJkk+zRJCib2NjWh912e1Md32ZmP71KJj4/8z5Ijuzkm"
    "MZCtczRWKhhxcPMZfg0L275w8KEKo9iklzTC+RrsbgW2hqiIMuKT5qZAx6IOLoNqVE5Bm3"
    "JXR9ScgmtSQlQtSrVelCRqbcHxlveghr3Wwy6WwK2YfZXDXw2tL8D0v6GtBkTahxqXsuMC"
    "bln+VhojvtlTZE1MCauwyDqvhiIrbTtvZ2YXjdEt9/z9+eTbVoOS3Ycala1GpRC/GadRlZ"
    "evHodY1Ww72bHj1JuDFXj4PocdHdiczevhi32tm12n+z4crGbTNi+qm88Gq3cY66HMZlk1"
    "pAqwyl8J6SCBWsXTVoBVLJC3KWjtMnThMzYJONVbktCF8F57XeiCRR0yJRMxOLC2rERyhT"
    "FExZH4H0bUdaDOiHD0W9hER3iuE47YkK9cD7Y+f9X2SgcRhyG+LOH5wmHy+IVKe5fGE0ef"
    "AI38XiWBxWHMOBfRxnjKdynP1R+I8Fv4m1frICxbpMoS1a4sUWS4yjitI+K19ltfdM57/e"
    "7wDE30MbGwM7K6V53e5RkSn8vIGnYvu19vOld8CvgfThlv9k5Otna2OfDc2feB5wtsGQBY"
    "wfG57vY/e6dtefIj6za4wiJXhuJXPnpf+ODB2VpTPnrisK1fg8O2Hv3Dtu76F92bYafXP0"
    "MuB8eGpI96jGlkxUwN7HoyNC6pHEO1pkKD3TY9yLdz3TSzc5Ujco0h106OP7wP9zX4Zd1O"
    "dnvVubyU+HewzrDmWg6RbFfrP5yEqPIh1PnDgRW+hPc8IqbGt87jGzULpJqNfHwTYo07jX"
    "AnJ58Ifza2bVmOfHZ9wLhUA5Ded3HAGI1Q1MCVCDfJ17MHg3eN+yLJcGxJtvcT3R3YkOQl"
    "3SVTsk4pS7FRkHB/yVHKx//lp/2cGQc5WrKAMORQ00D6mLpOm9+ZYHR0j59ARRHJR15ikY"
    "5s7NhL/l+LvqaLV1lpSxX2LqX9Vll7YSeZtQSgFZvRZ/GDoLuDJB/JfUX81Zb4a3yqikhN"
    "0S4G/S+9myughjzPIR+MKbHnQBF5Lbg6O7y7DW4DZ+YyoI96Q7j1tQv8EXG8w+5DmeBsd1"
    "8oOOGd6w1DjWvIt0IueqrByOr1fxv0Lrpa7/ZWnEdPrCdKJlgjjIlz6SG1RuMd9L/CXXAe"
    "a15uYKlz4as/23q1NBRR2qNCdZ4uJZX2j3l09o/ZKvvHlMb+MnFBNTN3VVhQ7SHdf4WKhg"
    "Ma3S0K24wS4QZhvOfQzIVu63MJb59NmKwk9kiW/PuvptAlKm231FAcGvEbWIsFxzgipoj9"
    "Oo9vaPYn9q1156GEMns8DCUw9g/2LBRVc60qBWwNU6xKWe2llFXs4AQItyTbhs5GIz0bgv"
    "hOo2aj7Pi1jacYKj/h1gYePdKynTuidhEXynHKpze3fmBBgCsTBX6BDAcS8hOyqKiCNecb"
    "jCjNi/wxYVCb9371PPbjYnkvO+qz+gdsoNgFeZpk11X9q73Wv1Lct+K+i3DfftRwQd02Iq"
    "W02/zarQjJLgh1KKPOVCyAdDTWvQDYUTGFt7LblN1WL4D3YrftyyK5xQ4UgGGtDfZI2C6/"
    "NcKiIkVskT9dgh00o67tVdQVR3bY1HAnIjVPqEvCWFiiZ91yoLjvDOu2F7Cz1gjZvufNxX"
    "ozbY2aLE+NNj3EAGtTm861ObFcWXLX+vQQaQcN8vVVkSniYeTQrSCOiSuAYwCvrEIJV5cd"
    "DZQQ22daIqDAwWkv+AaFjbZvte7KgbqjyP6U1lNke96sIQ0sPKT8n53rRy+6wu9KO9pK4w"
    "nS9S+J9SjTdGL312o4gXGmmUHTIppN8BzB37QR9IFBC7Gp+zBDOvCir8HRigyMF+L2WnWm"
    "ZHdKh6m1DiO4vVIRSk2DeN8HlzHIgJtnFATI2HMjMg3I5IrvrO/f5dhY37/L3FfhViJhTi"
    "xRJaJUYoIqEKl2gSpKd/oedKchfcTSFLB0o/xaFFdEAoEculRMp3kN8kjIC7/yPZ8YtnP/"
    "ibcyl6Io00xnM8joesQLKTW0bXdb6FLK97wD5UkMngbDVGQXj0s17iSm6vdx/G1B+I5RYi"
    "OPS6qdvHY7eUIjLqOsRcRUSHGdx7cm5nw9mFvlMT00vXZvHtNAvb0T54Te4vVKcKRVPi3Y"
    "O35UYzivGnxOnfDMUt2EDI4lV00tw8TG2YoVtPFrP+gXvJ2+AFdjRcmDR4aedYbmhPHFOq"
    "0Z7+QJWyjLPkRFabGYWGO05xeubQDztFQFsVCsgWqfyKMacDuxFdatPgQ1wZ+91fI51S28"
    "F/a8Z42pa8VXg/TdtQvtxJ5rJNIwB83wjMczSh/RRDdNBOEAIlbk4uaqLWx/QQ8Y2HAXZl"
    "AxGuJJ4Cq0Yy7fyp4Io/YPDC34nyajHnbxiDxnSdt4gvmSvaosQ11nQr2PzsLfoMqfKJFZ"
    "/ORoVV5mX0twUDu9aMGQpFwpqiNpkNWI6Xh7nOfIY94qu6DwcerYY1FlpQjKoYDyCG1kkk"
    "Q2QpnzslQdhi3dnapqS/WFcFY7aZnkp4h4rfOfbroX3d5vkEsU6BIjq3N9fdmDS1wNM4lf"
    "Ij5IOXItP99oZA3uhtrgixacbO86Gp1qYl6NrJvul7tbr9spcIgj6/Md7/WC68BnKFCE8M"
    "ji+uwlv8JRNPlvXwY34iFcM3rwnvtrf/B7X4OsJ3j0I9drgUvQzZHV+9of3IgUqQeL2tC6"
    "e3Mz4C8SlmN9+QL2BnakGTrZ9VFWEg3YcPZeHUXMzEKBlhGRBgC+6x1eVeqPbDVVhAcnjb"
    "QUrhuOuUiLKy9Nnb00UYO94FgnRBvIuzVpoKfEImxWaqATouqDrts414RQhWNhs6Lgw3vt"
    "TWSqsL8LRMBbXjWDH5goPoCIFVCdYRaeOEwLan4sXCYKcsNFIQRJeEQWu1VBpyNrZA35tX"
    "uRNcMN2/s2urfpM9MMwhU85150dc+NMnGW6eqqjf1iJfzBule4xC9HgOB0hxE3OvAzOMKO"
    "4NHYQOMlchl/NgI3gejVt5NenYlK4jq8se6gue5MZl4O4hwCzXQL4cmMwh9BXW4icVNG/D"
    "XQlUURfwpre915l+E4L+bFqz1DfwaZTsE7F/DL8zZilDf2VFj+OANz5EZWAB0UYnmeERPD"
    "wy3qIPqE7WebcHXBgj/Cf4zj9W2IJg51J/4lMQtzM9GrUw5z084vQVrUkoDeWQRdLQi5Oi"
    "C8ZzruOz6L8I/+hThccMn/NCN5+mA9SBlIB+faFUQ6SI82yfwy0oKNsWUro029PbIEuGlB"
    "BW4SXEW/tBT9IsVaWWu5rHJ1MOZ3Ms7qML9NQ7oL/0tgehdxwERlGgD5rj0wEUajCMoJMQ"
    "X0RqATRFEhn2JaVAG+eWbjOXWwNqcG4X2W85DIelA7dZ13ao8oKBOCHhVUY1y3Ma6oiIAg"
    "fNNTo2ANgUHQy0Gxw3lTraKk+K4rCAxcZ0y/dUVQrMTtFL3dXud5srFuwoepUSGRz/cER7"
    "yKeFxELVF33qELMmkj3REJ/XzaEmj6Cd0v3LEZ+FDvwf3BsAMuD3CN2NjUl/LzY6vsXFrb"
    "XvQJdxn+c7vK9io+v1ryfl0ZAn/M8qp/oUCdAz9Lqn2VFeiL6QD8Yyg0wX2BJmUs79lDJT"
    "ArMqf99g2c0tVbMgt9aVJdsmivOxYxFGkExPtmnuhk4tp2KUMiIari6mpnS8T9iyvlq+hI"
    "J2X3YjW+gMVwsANdk8C6IShwt5iPaMbpXvEG7VyGjtAKNRYV2mjwQDwbOCVC60PUbcAG5N"
    "qAmaKHRoofJYcXNAjfCkQYGmOTQsAcTRs9u3jAFpUhXlrVrlH2a4WKdrZpIxxehbXvqFRj"
    "ogn2rH+L76jITA8FGqEe7iLEqyabxwX/S905NjI5sniDfJvHxJfRwnT0fGyZx66JYxl15H"
    "diQ+XLoAAQHIfyhAXDxbVgRm10tLBdC274odDe1TlvxV7JWbNdPETKngV9QwMBBJCeikWr"
    "0QK3phJ6ZOzy+1FXMg1c9nZQyjP4KApN9KiUotRKb+nhGl3cME2INpCCUCW1dqhr2Bdi/1"
    "yjbAQtCmkbtjZZSW1UN7pQiyjQBYgBfjO+pYNp+IzuA1tRuMsCreCI34eD5fjPr/xaWPxu"
    "8PC0rrGTJ2xhrRY9X6LasyVqZKtWtZFlaw/B6Bbb2KJSylAteZCKqLpZqnJ0TFLtaXXZ0y"
    "Tsq3j7muxpHWyTyUy2l/l31u5h+qrNph0re5zVQRD1SmPNTCbL3muz08iaYDken57mIYdP"
    "T7PJYbiXSC7jH1UBhP3mDUT3bS7q/e0a6v1tOsaFP9GRlp785XbQz7QKHXnxSYNMHPQfZB"
    "J2iOb5GnABjPWxAckwgMTeBx2cvzQZ/Nf/A/jwFZs="
)
