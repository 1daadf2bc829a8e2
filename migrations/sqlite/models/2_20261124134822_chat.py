from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "chat_room" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(40) NOT NULL UNIQUE,
    "kind" VARCHAR(8) NOT NULL /* DEALER: dealer\nORDER: order */,
    "created_at" TIMESTAMP NOT NULL,
    "last_seq" INT NOT NULL,
    "last_note_seq" INT NOT NULL,
    "activity_at" TIMESTAMP NOT NULL,
    "public_activity_at" TIMESTAMP NOT NULL,
    "last_message_id" BIGINT,
    "last_public_message_id" BIGINT,
    "waiting_since" TIMESTAMP,
    "staff_read_message_id" BIGINT NOT NULL,
    "dealer_read_message_id" BIGINT NOT NULL,
    "dealer_id" INT NOT NULL REFERENCES "dealer" ("id") ON DELETE CASCADE,
    "order_id" INT REFERENCES "order" ("id") ON DELETE CASCADE
) /* One thread; `key` ("dealer:{id}" or "order:{id}") makes get-or-create race-free. */;
CREATE INDEX IF NOT EXISTS "idx_chat_room_dealer__56dc92" ON "chat_room" ("dealer_id", "activity_at");
CREATE INDEX IF NOT EXISTS "idx_chat_room_dealer__324a60" ON "chat_room" ("dealer_id", "public_activity_at");
        CREATE TABLE IF NOT EXISTS "chat_message" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "seq" INT NOT NULL,
    "author_side" VARCHAR(8) NOT NULL /* DEALER: dealer\nSTAFF: staff\nSYSTEM: system */,
    "body" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "internal" INT NOT NULL,
    "client_id" VARCHAR(64),
    "system" JSON,
    "created_at" TIMESTAMP NOT NULL,
    "edited_at" TIMESTAMP,
    "deleted_at" TIMESTAMP,
    "position" BIGINT NOT NULL,
    "author_id" INT REFERENCES "person" ("id") ON DELETE SET NULL,
    "room_id" INT NOT NULL REFERENCES "chat_room" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_chat_messag_room_id_d4e951" UNIQUE ("room_id", "internal", "seq"),
    CONSTRAINT "uid_chat_messag_room_id_40f284" UNIQUE ("room_id", "author_id", "client_id")
) /* A message; deleted ones keep their row (and position) with the body hidden. */;
CREATE INDEX IF NOT EXISTS "idx_chat_messag_room_id_9fdbd6" ON "chat_message" ("room_id", "id");
        CREATE TABLE IF NOT EXISTS "chat_attachment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "storage_key" VARCHAR(64) NOT NULL UNIQUE,
    "filename" VARCHAR(200) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "size" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "message_id" BIGINT REFERENCES "chat_message" ("id") ON DELETE CASCADE,
    "room_id" INT NOT NULL REFERENCES "chat_room" ("id") ON DELETE CASCADE,
    "uploader_id" INT REFERENCES "person" ("id") ON DELETE SET NULL
) /* An uploaded file: first the uploader's alone, then part of the message that sent it. */;
CREATE INDEX IF NOT EXISTS "idx_chat_attach_created_37c9b7" ON "chat_attachment" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_chat_attach_message_bc4b3a" ON "chat_attachment" ("message_id", "id");
        CREATE TABLE IF NOT EXISTS "chat_read_state" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "last_read_message_id" BIGINT NOT NULL,
    "unread" INT NOT NULL,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    "room_id" INT NOT NULL REFERENCES "chat_room" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_chat_read_s_room_id_0be257" UNIQUE ("room_id", "person_id")
) /* How far one person has read one room, and how many messages wait for them there. */;
CREATE INDEX IF NOT EXISTS "idx_chat_read_s_person__bcfd79" ON "chat_read_state" ("person_id", "unread");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "chat_attachment";
        DROP TABLE IF EXISTS "chat_room";
        DROP TABLE IF EXISTS "chat_read_state";
        DROP TABLE IF EXISTS "chat_message";"""


MODELS_STATE = (
    "eJztXWtz2zbW/isYfWkyo+RN5EtcZ2dnZEdJ3NqW11aadusdGqIgCWuKYAnKjrbtf38B8E"
    "6CEilRFMXgQ1ObxAHpByBwznMu+LM1IyNk0NddCw/IIzJbp+DPlglniP2QutcGLWhZ4R1+"
    "wYFDQzSGFtacoNmQOjbUHXZjDA2K2KURorqNLQcT/pBWF1jIpsSEBhgiaCMbCGEwJjaAYE"
    "aG2ECAPe09IKaxANih4O5z91Xn6BhgCqhDbDR6zR81Ijp7FjYnpfY6N/Efc8T+oAlypshm"
    "ff/+H3YZmyP0DVH/V+tRG2NkjGKo4RHvQFzXnIUlrl2YzkfRkL/wUNOJMZ+ZYWNr4UyJGb"
    "TGpsOvTpCJbOgg3r1jzzmI5twwPMB9XN03DZu4rxiRGaExnBt8KLi0+wLhtZamXfcH2l1v"
    "oGmt1DD5EhGMvUs6MfkQs1el4q+f8Fd41Xl7+O7w5OD48IQ1Ea8ZXHn3t/voEBhXUMBzPW"
    "j9Le5DB7otBMYhqOL/KVjPp9CW4+q3TyDLXjmJrI/jMmj9CyG24ayuAtwZ/KYZyJw4U/br"
    "2zdvlkD5S/f2/HP39gVr9ZI/krDP0P1Ar71bHfcexzvEV3wm2hTSaRGU41LlYL3baRxD+v"
    "gwB9DHh5k481txmC0bjfG3IhCHEk2cyp08M7mTPZE7SYB1G3EwNOikQf7A7jh4huRAxyUT"
    "YI880df+D/sIPfsDR3227Xnf1BLoBxdXvbtB9+qGP25G6R+GwK876PE7HXF1kbj64jgxTE"
    "En4OvF4DPgv4J/9697Al5CnYktnhi2G/y7xd8Jzh2imeRZg6PI5+9f9VGLjboBqaPN6Vrj"
    "npQtYeS9V67LwO/JQPuYLB1pGz2xPWedcY5LqlGu8ygzywE/IYYRNJCtFVKoZaKr1ev6D2"
    "85CnZEExF2UjFsYzJrgVq7PbEEVLkhOH6UWi0uYGmEPzI7E0/Mn9FCAH3B3gmausxg8Uzw"
    "m6CjPQP4b38O+VfDL8uGz4H1HJ9a7Af2VyPHVY27d+fdD71W9gJRAr4fgo72a1XIC69sVY"
    "yhzF4EXH+5vGyJ6TyE+uMztEdabF7zO6RDEleCtulbs84seQWacCJg4n8Pf3ufY5qPsNMz"
    "HXvRkjFQ4d32Ug6Kt9NQ0HAlC/V1SsAIj8DzFDptwFEyJ4Isep5ifQpcvNrgGTtT4EwRYP"
    "PIQWCIWBMEoDkCcOwgO81DldhvyUzUGZ58L2TUj53OwcG7zpuD45Ojw3fvjk7eBMt7+tay"
    "df7s4hNf6mPq0GrKqriKWqXpWeV4NE01lW3p2QxOKLEtBqdJDBkZ/hfpjotRAZATYg3kyg"
    "7ycGUH2VzZQYor8zCT7RIrgZZuFVuEudXa0/ns7ulphH+661/LEQ4lkjsB1h3wFzAw3UP7"
    "dQmuHIrY8u/j+eKq+2sS6vPL/llyXecdnCVwFwpUEdgDAYX6+qhjq8ha4rZWi8jKRWROmd"
    "XGDCdTolJmwxuXahzMB7n8oAdL/KAHaT/oOpSj4hpryTU2ENRaUY01w3dzpjHkwNIrguIY"
    "VwJbX3LRQ15CLIZjkk0qhhMgT1SbgSbQAGzPxc4COFPogOF8QcHYJjPB9I2ZPLEX78GDBW"
    "3W7AHM4COiADuAXXAAGQMIpsQYsSGRxbeV3r+KdKtXpJsYYK1ovFtcqon0xza0PWwWYvK8"
    "5o2Lcys/DOvRKmQIes0bZ6L8mAPXHzNh/TGJqvuRw9GIWeC0+OoQEWwc0ke5loejJcvDkc"
    "wYNPATshfrQC6TVajnQh1TncxNRxtK1pBsIzwuVV10ypta6xmRvY5qbhRAGtQzQgwEzYxN"
    "LyqXgHXIBLeFq78dVsuKnvX7lzFW9Owi4fi9/nJ11mPboZjSrBF2kBxwFYqcPbebG4rsWl"
    "0Fua6ojOK6JASijXWkcRdMQWCTcgrcNLjPbPZNyZyiYtgmxRS0qzla8Z0rKnE1RxtdEGNU"
    "4i1bn28vzgct+RQuAduv0b6aCW/y083BgocraRkuBt7Z5T471FfP4OTOU5gQD7Gn8yHFIw"
    "xtjCQm6Jkn/fHnW2TAjFCzhq4bsSk6Q7MhsukUW6WgdBV0t4cKdj7AhL/E1iCl7POdIS67"
    "EXBXbofdoL+mIqezv2dC7IU2seHGqJ17nXV13eOJmggZsUfsa9oMqT7vo6kA6VPoaDYhs0"
    "2nE+vnlnXTJJy27xyOrPaZbuL4jrDKYazN4s1zV0SJpovAeKoIBDYx3AQR9M0ysM69usie"
    "YbbiMtCy66Fs2KfER/x7JOLE85D/R/mNd+g35qMod1D0zPkspZnHc6M92QodFGhmGWSB/H"
    "fJC3er//W6d3sKyDN7p3uz++Hq4voUwNEMm/dm7+rmsv9br3cK/N7vzV8uel+5wBNGz+7m"
    "Udg7epzHO5qkHCPe0eNUkQpoapYBmYGQuSsuY+Rl4oqYL0DMM/woQpqw0dYBPy6soC8O/R"
    "ib/kK0BvYR6QrBD67sNfpczVwDdl9MTXblAFQOwGUOwN1kENRugBuRQtBEVGuVQ1A3gLdU"
    "rqT6HIJ9BTY7iSAAdjc5BJdkgs2PEBtzG7UkFFHsfnsZPWTwlto40nQlNdQ3eWA/NtAICO"
    "k2ELFu7Fc2EZmxy24JAof/5sUbAocAZ2oTxzEQmMzZFWlCQak9q1SCelFCYvjknJAc2ECg"
    "eZUqOkd5snJZq0weR9yrb7pzk4qAqNI5TSmdk9I2d7h73yHh0sjcvf37OXZvGmmaw7EztM"
    "kzZTuoEH4v8vR0Qh4xEpl4lPtg2CZLZuARLdritnhetD69zLdTVrdq367Xvs2Gq3Ap9qhM"
    "4xLUyt9hdGqPw+Mq8oIcl2pgluUWgFYk6HdIgoqi6hQhc92C7BHZBo78nox0plYXHWr0zc"
    "KsuzUGOi6pdPc6j3KdLF1JNElrT3dHVdirqlIP6kgB5aPbG1SVj04dKVB3eGt/pEA6G0VC"
    "/ElTVrLZv3TKTF4K0JMEBiGP1C3vH0Riy7i9le2lMdmelDv8Kih750yeCgbahqLhf4WFYI"
    "0LKVxXqxqRxUTpGss3w/jkUgFB30FAkDenJTpFONuzFYlQjV+tPNyRGSImAs9Twl19FGDz"
    "NNAFglSXNj/g2lMaRJYXnbOHPGFKJPpFOV0qv2G9tI1dx/vUyGO4lXCfMXtw4cqsMaEGug"
    "w7udi6zhK2rpNm6yyGUiGUA4HmsaGln/tjMev1mbD9r2iMQUqwidP56CjXwnG0ZOE4SiLO"
    "/Vfa/wpO6ZhQhdO6N7eJhf7vilCdPO+rY8WA5mTOFJcigEdlKsTbnlcD8kkOjE8yIT5JIs"
    "wsk/FY2yTrPN7DWohXw522rrrX3U88i9zThu/Nuy83vdtfLu767GKoFSf17DzDUn56uar0"
    "qhI9a7O5NivGqUA4c8SzZGE3aHDDyj5dCw/82MM9mwaZlX1UAbcNAPOi0DdEKxn73kSkVI"
    "m79eq1ad4GtRlo30HdNrbLaeIQ9zKqt7HO7nhfTYJsm1S8X0GxJSHjg3vtZXS8Hm2Vw5vP"
    "2kODTABF4nDv9wACy8ZPrBfAaXVMAbMHMM+1IUz3cTNmkUevUyCqRqIRwI7M819q34qirx"
    "dFX5Q9VsRxMeKY2bDex1Lc+I0IqrJSBcxfZldhf1fLG/YZEVFH9aQAVWeIbD+OtqyzGKIK"
    "xn4hnDuQNsdpDHl4EH2KjZEty7hcp1x2c/COffuqonhepCybjOb6pljduL00CaQqTC1vai"
    "0xuMLJt9rs0mDYeKX19Ul8IcIW8uKVKJ5MxcnG/JpvK/l9p02sdTqQRltHrUYVbl0D6yqY"
    "T4XQTUip0GCJSqoC2SvQSaPrSXVaad1AzquWJj5bFXT9PQRd86rrMq3DvbFU2bCCJnmO4n"
    "DVwh8oEGKi/qGFEfsJmwACfrBXm//4SCykP8pP3lijC/lBG7Gz17xulaaxU00DzsRh097Y"
    "SUwQPMnOJ0/JNmlz/LHTOTh413lzcHxydPju3dHJmwD79K1lg3B28YmPQzvKSdbtaNiajk"
    "GJB++KxaYotFEhhWsOMnJXp2vWDefclOTS4zWl2p8VEj0bA9w0yigNb/QLrp0CKCZ3lhLo"
    "z/wVimDwta3WBgdTBIaQIqGygRfoG2ttLDhX9NJNixPXTWaMOJjPBXHKGiWzwCmf1g7L6V"
    "I59+ulFCrn/tad+/yjKe7Z96WUW3+FW3+t+GZvSdrMD9O0cjlpI2VjR5VHX+zZurATN5Wv"
    "okmVhEB7W6YihI1ysEUUufADaDuYfWfvXcqHst8jvE8bsDHhjqcx4FHpPHoYzBjW2OJhfF"
    "M0k7FIZXat9IV66Qv0cV5EXfCaNy5Xv/zsz7opYrvDdju1NB32CsO5NNj9p7v+dQbtGZNK"
    "5rph3QF/AWOLtEXrH+O5KUKqwXCO2dpo0tf8sf9sVa+mcZRiapqP94ur7q/JoTi/7J8JyC"
    "L5a7yDs5SPNnzN1LgM0LdMN21MrAEFFJYlGfZ+HSwHPsgxvOxff/KbJ0dDJdzuNuFWxXmo"
    "iITdmzDtAhEJxUJllcG4KvXVs3I0YfdsBtSd19cX1lVj8XKI/sjUwifP0t0ALd7TJe+oqV"
    "iJ1FeNbT6zDaESea8XrJ8mIbVN2ib2JUq4m+SXmk3gxNaHfDTOZ/IsUi0F8yNoFMprInr8"
    "CgRD8o3zK2/fvOG/WdBgSzu/cPgGvH6dpm427y4jGChgpnT2Z6swoN0GHPMhSMG65AAxr3"
    "0DPT7l1zHyCEysY0eigGYXek6IVafnv631LFZRPZVH9aiIk2oiTpTuVgPdLbQLZJpbzGpY"
    "oreFdko+re2G61PC8RUqW/AJYtdpJiKt2d+GpmROUVpJKyy9SicLWivFbKeK2R9zaDrF9I"
    "aoiKpJkNQZ5tZozRqHcUlV47AuNQ59jCJFDrNyrJWmWPLXFGwTxZBNiilslRZetRYuncYl"
    "oPs12ldD8U1+v3WKrA/xl6jvscHJ1t5j8yFP4JyNJuxnaIRa9nuAoD71CzNgCoZkbo54lT"
    "tiShT49bpQgXD10tZ3S6PWKBSufBK1bqFwTctJcJefIgiHEg0ItdoSwioPQUUBNIwfdYtg"
    "S3SroDp2tl5FgiY5dCr3M/iBAiH1Hjw4xIGGX27ggStEvGAwnc8478mzBgRdDqDDr2MbjD"
    "EbEy/NQKZxlf+A1frY7/GaJJFzM1jDxE1eh3tOk82URldpKuScH75QSPEIJBqn1XXy7YpL"
    "NkXJ4UveFE/Dm+vgJU+6Qg1kZMOxU1ANaX247X4cnAIhyw9dOru6GAx6H/iZS8MZdtgr3p"
    "vn/euPF7dX/CobhTG2Z/zqxbV2c9v/8OV8cNG/PgXY1Dxyg/V8b972uh9+OwWcuF2wfj9f"
    "3NyIXqfYstw+r24uewO3z5nFTXR+tXt93ru8FFc5sIaBRsn1cTdaPnvJmbScbXbYf0SkAX"
    "po1SH/7vjzcx9osWyLlKACvzD4MX1Doscuqb2UEm2Mp6/iukv7deZZlXv//rr/xCXl9f3+"
    "hjnQptYY6KRsCUNdT2qlESP9hGwq5Sszd8yIhIqkzdoFh0VTEZNyypOvik7vJj5CVUXO67"
    "3ProocJnfKF4cS0L1hy3CjzudMoptaEjdIn1Xx33l8QZwE1PQpNCebphoLsO5Eh+eiv6aC"
    "VkK28U1AQzY539g9FZWQTT9DcR4q62ZvrYYdOBnFqpXlaPSXtBXORpFCk9fjaGATiRwK03"
    "UJngJKAHvHhaQqWTTVQuZc3KivPH5E788bedaVewyh8g5W6h3cmxMja4/xHma87BGmfMnR"
    "3HLRa3kb5PLK5bCmyyHLybksULRJTs64F/koV7Dd0ZJgu6N0OGN0d8y5isQ2VLWKqHT7qn"
    "CN1Xgphq5MVGG8miwMAhE3ZLOCmMc9gzcvmRVdE9XRJGUiuyRFTc7CpipBbQhxQ6vFJXGW"
    "rZAbMLKKONslIxSjZrOYoSR/u4ohihHIOakij9T5gYIZeUJgbJOZOHPZ7Yun6EGTcOqmDR"
    "6R5QBIRfz4FFNHepRzGR0WJY3Yv8XoomUWYsMYo0oswmxeiQ+/tllsdKKLtazGaphoFRyd"
    "MzjaIRvOiVgHdU6MVFMi55QoHuam4hj3ILptuNDognqeq7wcYUyocSzhQSfHt3PQyT7+o5"
    "POeC6a86CSHTZIdmDT0xKxP8UYrqTYWuxWzVzqZROIiuxWhGFN6JZihGHwcZdBGeYNLKzZ"
    "YpAX2eRCGEOXvQS4/nJ5ubvjjGOcloSaSbNeK08tZG0LlL3vm8iLoeE5+bweKnjBGZQRIf"
    "bLaCSOyOJPUzBryBdlXCiyMTRUkE7FpxO6qOcHNhRQO6PMXenASUYpplwp+5OK6zK1WNM5"
    "8oc5NwXxry+9L9zid6XvzfMvg8HF9adToM8dh+F9b3bv7npXZ5e/nQJIKZoNjcW9edNlgI"
    "lmFh8A0e5fX7qXF4PftPPPvfOfeYfQwM5C06dIf+QS5z/z51hsIebPSZMS3YH2ode97N2y"
    "BzmaG73P2vUveSNi1ISKECPrsehr5d9J5BVNUWuagm+ExcyOiIRaW5Ulpyy5+tobxSw5LC"
    "Ur1wO1YdlKSWAja+D654NwL/GGcQjcDrvjm+4VedrjnbTaMIQ4aBI7N4VqtpkrIlJctWfm"
    "N86RpcLFZHECE8TDBHjFOhN9c9pguOBZJYIyYIYr+5m/6Qi4PgJZykp5HZdcl1gFHlQVeF"
    "BT/WP/6Ih0LMf6NnO8hzpHciibeZ2IjvVnRlS+1vEcamKouA5FmKi4jvS3U35chwo02G4e"
    "aSFUVV5SIXKqpNyOxqYYtBNcSlZSh4o2aHK0AS+m0nUcqE9FUrSEhUm0aC+jYUSJFxhvnC"
    "cDZG4ZBI7QCIyxgVhDbFNxMIB/gydzQIOYTJpdNZlOaotSH7zJDFEqeBX2bEB5DRAsqyKy"
    "pYfkiVvwhNfNFfle+JrtRS04TNth+D8iSSWMbGUxIda4IwiOD3Ooi8eHmeoiv5XgZ9iHVf"
    "RwqahMne3uNUHeygFT7IkOz8MUQBXAOinXQLzf5sL77RK836bxpvh/Epyzg5685kpLV0Xi"
    "v1N2Jq7y5HdBxeUaxBtUXBeJl1ksxi5EJNS6JT3s3jUSCnI2cakGTeht0Ta2V9lzQ1KhQJ"
    "HQus3cvLxC5ItdTdh4C2tJyF6Fve3X5M2LbXwfWg2v/50rOmw1zxhfEmvHhvlzO4MKi0z9"
    "FTxY5JPLE4vkNX8PXDhGPGSIgkeELO+ITJs8gxfQHAG/7ulL8IydqeCnhmS0AFM8GiFTFo"
    "5Uat8Syuv3YNlm445s0035oOgP9yhO/yZTGadEfCO6gbkh6nNhMbossq6puiq1DW/ig5tf"
    "D/JaK81Solm6X4VGcdaB96uDVxJd1JnXafkhI0G8yKD78eMpD44cj9lvv90NelenIHTTF2"
    "WATnLwPyeZ7M9JygXOVr/0sGQXNvDb13kMSqEktlHYgCJo61PNYegWwTwhpqBfA/roxp3Y"
    "UwkxEDQzNtWIWAL3IZPbFvDBlWqRP+v3L2PIn10kof1ydda7ffFWDANrhJ0MhibUgKRrfg"
    "YFGhWqcfRqbTxSWSFiP931rzPWkqz4sBHWHfAXMDDdQ9JmCa4ciuWrSXLhaMf5Yt5B6izk"
    "vWL56zIUe0fzoxFeb5Rjgup40DqPsUcZrDHIcUk1ynUe5ezjd5ZRKrs5gadZR5h4tnsht1"
    "JMRjmVlP9zO4gqN13VbrqQIVdepKWoxlbAwj6kaHaYH6xcwqmU8TDpZgC/1RIA4vNHcMTP"
    "Gcj0uIUN2it9brwatSjMndPt9pk8s1u2SM/30vCnkIqi1uIa/3jbgDvGpqylOHPS86VR8A"
    "yxA8bE5k6yGf/HRmnfW9kPuDfvzYe5yeUfAKZMgg0V+w+NwNzkFfW4x453+gMFBtEfwQuK"
    "EPCX2ZfiSdB4hgsKEE/4pFzg3jTnsyETJmMgTkZgr0osA7E+eKdCi28Dk5ivXHYkfEU4dl"
    "jrBwNSD/vQcf5wb4poef5C3l8+gwvAXme1F9HLLUn7BmOJFC4MKpq+2mh62VgXsxqyelAW"
    "xHoWhPcd5J/qoUBjIC/vZL418l03T3atm3Kr7LE6IqrssartseqTXPcV1uwU1xzF2LZuY/"
    "ApnWVe+MFpKywLv1mu6tnOlO+w78HDI1o8gBf3LTfa5fRPPPr7vsVLfd271Z68Ky+ZbvzI"
    "9GmmDL8i9ivXCQbYc9CrsY0kdsU2HsJti4FnPoiIQMwTYqlbr0wYE0KhF12yO76Z8WxjB9"
    "FTgJ6QvQBu1Vle5Qw79N4MLAX2NsLomUH7kZkVFqf9xVXeMbdC2MP4M0Vabhuwp/rkMgUv"
    "XAODoj8eXt6b0EZgApl5QqkwZ1xtBuhkzmMRKI8kWgD0jY2RZxKxuavPbRuZev7T3Vwove"
    "nMusJPvDQOdNyAxthdaz40sK7FGimTpEqTpGBib1MTeg/zpD4eZmc+HqYSHx/ZnyVHdnVM"
    "oi9b52isVDBi//YD/zUobLvj4EMVRrFKL2mE89Xf3QpsDVERZcQnzU2BjkkctA6qUTkFbc"
    "pdHVFzCq5JCVG1KNV6UZKotQXHW96DGvZaD7tYAjdi9lUOfzm0vgDT+4Y2GhBpH2pc1h0X"
    "7pZlb6VR7Jk9RdbElLAKi6zzaiiy0jbzdmZ20RjdsuLvzyPfNhqU7D7UqGw0KoX4zTiNqr"
    "x89TjEqmbbyZYdp+4cLMHD9yHoaM/mbF4PX+xrXe06rfpwsJpN27yorj4brN5hrPsym2XV"
    "kErAKn8lpL0EKoynLQGrWCBvU9DaZuhCf+4MybfeU0Zl7ujt9rIABjaKBrclNSIk8ocxIN"
    "434GeT8XADYmG9DSCvfU0D7/x78CD4BToV3iYRlEyRw082E6HIbGYs5OELZXYujSYWffK7"
    "ohBRwsWvygrVsqxQMGZ5nfmBQJ39zGs69LdSPFrqEVtKYDSvdlPFtrHArMicXjS2Pnf5JT"
    "4suOAFBdP4ZtcLiog0AuKqawURXcTTrROXkhBVzsBa099R5Wst729EthJHh6rXnn+gU6TY"
    "buKzB1yBu0NsRDkNJDFz4g3auQwdoRXyIJ5QaKXBw0Ofub80sD7AFJr8vCBmNXEzBQZGij"
    "kS5geyiD51Y6LDWOUhMog5YU3TRs82HrDB8dC7VrVrFDlboqK9InGysPbdyEC/ivVv8R0V"
    "memBQCPUw22csFuTzaOLbKxPZbuGd2fpdgHDNqt2h2ywN1iBVTLIFpJBnpBNpYWssj/3iE"
    "gDP/jO0VGeze3oKHtz4/cSYcDsoyqAsNe8gehu5cAx76C2NMLZdUsjIhsVLq0b2kvALa1y"
    "6U43s7//H+ZXvCg="
)
