from tests.factories import PASSWORD, make_world, place_draft


async def test_probe(app_client, db):
    c = app_client
    world = await make_world()

    async def tok(who):
        r = await c.post("/api/v1/auth/tokens", json={"email": world.people[who].email, "password": PASSWORD, "device_name": "p"})
        return {"Authorization": "Bearer " + r.json()["token"]}

    h = await tok("alice")
    o = await place_draft(world, "alice", [("D-100:piece", 1)])
    for method, path, body in [
      ("POST", "/api/v1/orders", ""),
      ("POST", "/api/v1/orders", "null"),
      ("POST", "/api/v1/orders", "[]"),
      ("POST", "/api/v1/orders", '"x"'),
      ("POST", "/api/v1/orders", {"items": []}),
      ("POST", "/api/v1/orders", {"items": [{"shipment_unit_id": 1, "quantity": 10001}]}),
      ("POST", "/api/v1/orders", {"items": [{"shipment_unit_id": 1, "quantity": 1.5}]}),
      ("POST", "/api/v1/orders", {"items": [{"shipment_unit_id": 1, "quantity": True}]}),
      ("POST", "/api/v1/orders", {"items": [{"shipment_unit_id": 1, "quantity": "1"}]}),
      ("POST", "/api/v1/orders", {"items": [{"shipment_unit_id": 1, "quantity": 1}], "dealer_id": 0}),
      ("POST", "/api/v1/orders", "x" * (3 * 1024 * 1024)),
      ("GET", "/api/v1/orders?limit=abc", None),
      ("GET", "/api/v1/orders?limit=0", None),
      ("GET", "/api/v1/orders?status=bogus", None),
      ("GET", "/api/v1/orders?sort=bogus", None),
      ("GET", "/api/v1/orders?cursor=!!!", None),
      ("GET", "/api/v1/orders?zzz=1", None),
      ("GET", "/api/v1/orders/abc", None),
      ("GET", "/api/v1/orders/-1", None),
      ("GET", "/api/v1/orders/0", None),
      ("PATCH", f"/api/v1/orders/{o.id}", {"dealer_id": 2}),
      ("PATCH", f"/api/v1/orders/{o.id}", {}),
      ("POST", f"/api/v1/orders/{o.id}/cancel", {}),
      ("POST", f"/api/v1/orders/{o.id}/cancel", None),
      ("POST", f"/api/v1/orders/{o.id}/units/move", {"stage": "nowhere"}),
      ("GET", "/api/v1/audit?since=2020-01-01T00:00:00", None),
      ("GET", "/schema/openapi.json", None),
      ("DELETE", "/api/v1/orders", None),
      ("POST", "/api/v1/auth/tokens", {"email": "a@b", "password": "", "device_name": "x"}),
      ("PATCH", "/api/v1/me", {"time_zone": "Mars/Olympus"}),
      ("PATCH", "/api/v1/me", {"language": "de"}),
    ]:
        kw = {"headers": h}
        if isinstance(body, str):
            kw["content"] = body
            kw["headers"] = {**h, "content-type": "application/json"}
        elif body is not None:
            kw["json"] = body
        r = await c.request(method, path, **kw)
        print(method, path[:60], r.status_code, r.headers.get("content-type"), r.text[:250])
